import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireClinician } from "../auth/guard.server";
import { getPatient } from "../models/patient.server";
import { audit } from "../models/audit.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  await audit(actor, "patient.monitoring.view", { patientId: patient.id });
  return null;
}

export default function Monitoring() {
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading" className="text-lg font-semibold">Messages</h2>
    </section>
  );
}
