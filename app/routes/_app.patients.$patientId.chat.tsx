import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireClinician } from "../auth/guard.server";
import { getPatient } from "../models/patient.server";
import { audit } from "../models/audit.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  await audit(actor, "patient.chat.view", { patientId: patient.id });
  return null;
}

export default function Chat() {
  return <p className="text-slate-600">Chat</p>;
}
