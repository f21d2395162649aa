import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { AcknowledgeSchema } from "../lib/page-forms.server";
import { notFound, requireClinician } from "../auth/guard.server";
import { getPatient } from "../models/patient.server";
import { audit } from "../models/audit.server";
import { acknowledgeAlerts, lastAcknowledgement, listAnalyses, listMessages, listOpenAlerts, localToday } from "../models/monitoring.server";
import { MonitoringTab } from "../components/monitoring/monitoring-tab";
import { useLiveRevalidation } from "../components/live";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  const [alerts, acknowledged, analyses, messages] = await Promise.all([
    listOpenAlerts(org.id, patient.id),
    lastAcknowledgement(org.id, patient.id),
    listAnalyses(org.id, patient.id, 30, org.timezone),
    listMessages(org.id, patient.id, 7, org.timezone),
    audit(actor, "patient.monitoring.view", { patientId: patient.id }),
  ]);
  return { alerts, acknowledged, analyses, messages, timezone: org.timezone, today: localToday(org.timezone) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { org, actor, clinician } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  const parsed = AcknowledgeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const acknowledged = await acknowledgeAlerts({ ...actor, clinicianId: clinician.id }, patient.id);
  return { acknowledged };
}

export default function Monitoring() {
  const data = useLoaderData<typeof loader>();
  const { patientId } = useParams();
  useLiveRevalidation({ patientId });
  return <MonitoringTab {...data} />;
}
