import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { AcknowledgeAlertSchema } from "../lib/risk-forms.server";
import { requireClinician } from "../auth/guard.server";
import { notFound } from "../lib/responses.server";
import { getPatient } from "../models/patient.server";
import { audit } from "../models/audit.server";
import { listAnalyses, listMessages, localToday } from "../models/monitoring.server";
import { acknowledgeAlert, AlertNotFoundError, listPatientAlerts, patientRiskState } from "../models/risk-state.server";
import { MonitoringTab } from "../components/monitoring/monitoring-tab";
import { withNotificationHistory } from "../escalation/escalation.server";
import { useLiveRevalidation } from "../components/live";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";
import { patientTitleMeta } from "../lib/page-title";

export const meta = patientTitleMeta("monitoring");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  const [alerts, risk, analyses, messages] = await Promise.all([
    listPatientAlerts(org.id, patient.id),
    patientRiskState(org.id, patient.id),
    listAnalyses(org.id, patient.id, 30, org.timezone),
    listMessages(org.id, patient.id, 7, org.timezone),
    audit(actor, "patient.monitoring.view", { patientId: patient.id }),
  ]);
  // Each alert with who was told and when (issue 16).
  return { alerts: await withNotificationHistory(org.id, alerts), risk, analyses, messages, timezone: org.timezone, today: localToday(org.timezone) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { org, actor, clinician } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  // Per alert, with the clinic's verdict (the button pressed) and an optional note.
  const submission = parseWithZod(await request.formData(), { schema: AcknowledgeAlertSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: "invalid" }, { status: 400 });
  const { alertId, verdict, note } = submission.value;
  try {
    const { acknowledged } = await acknowledgeAlert({ ...actor, clinicianId: clinician.id }, { alertId, patientId: patient.id, verdict, note });
    return { result: submission.reply({ resetForm: true }), acknowledged };
  } catch (e) {
    if (e instanceof AlertNotFoundError) notFound();
    throw e;
  }
}

export default function Monitoring() {
  const data = useLoaderData<typeof loader>();
  const { patientId } = useParams();
  useLiveRevalidation({ patientId });
  return <MonitoringTab {...data} patientId={patientId} />;
}
