import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConvertLeadSchema } from "../lib/page-forms.server";
import { requireClinician } from "../auth/guard.server";
import { convertLead, DuplicatePatientError, LeadNotFoundError, listConvertedLeads, listOpenLeads } from "../models/leads.server";
import { audit } from "../models/audit.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { AcknowledgeAlertSchema } from "../lib/risk-forms.server";
import { acknowledgeAlert, AlertNotFoundError, listLeadAlerts } from "../models/risk-state.server";
import { LeadsPage } from "../components/leads/leads-page";
import { useLiveRevalidation } from "../components/live";
import { notFound } from "../lib/responses.server";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("leads");

export async function loader({ request }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const [open, converted, alerts] = await Promise.all([listOpenLeads(org.id), listConvertedLeads(org.id), listLeadAlerts(org.id)]);
  // A contact in crisis comes first, whatever the recency of the others.
  const alerted = new Set(alerts.map((a) => a.leadId));
  const leads = [...open.filter((l) => alerted.has(l.id)), ...open.filter((l) => !alerted.has(l.id))];
  await audit(actor, "leads.list", { detail: { count: leads.length } });
  return { leads, converted, alerts, timezone: org.timezone };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, clinician } = await requireClinician(request);
  const formData = await request.formData();
  if (formData.get("intent") === "acknowledge") {
    const submission = parseWithZod(formData, { schema: AcknowledgeAlertSchema.extend({ leadId: ConvertLeadSchema.shape.leadId }) });
    if (submission.status !== "success") return data({ result: submission.reply(), error: "invalid" as const }, { status: 400 });
    const { alertId, leadId, verdict, note } = submission.value;
    try {
      return { result: submission.reply({ resetForm: true }), ...(await acknowledgeAlert({ ...actor, clinicianId: clinician.id }, { alertId, leadId, verdict, note })) };
    } catch (e) {
      if (e instanceof AlertNotFoundError) notFound();
      throw e;
    }
  }
  const parsed = ConvertLeadSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ error: "name_required" as const, leadId: null }, { status: 400 });
  try {
    const { patientId } = await convertLead(actor, parsed.data.leadId, parsed.data.name);
    throw redirect(`/patients/${patientId}/monitoring`);
  } catch (e) {
    if (e instanceof LeadNotFoundError) notFound();
    if (e instanceof DuplicatePatientError) return data({ error: "duplicate" as const, leadId: parsed.data.leadId }, { status: 409 });
    throw e;
  }
}

export default function Leads() {
  const { leads, converted, alerts, timezone } = useLoaderData<typeof loader>();
  // Typed by hand: without the single-fetch type augmentation data() results do not narrow.
  const result = useActionData() as { error?: "name_required" | "duplicate"; leadId?: string | null } | undefined;
  useLiveRevalidation((e) => e.kind === "lead" || (e.kind === "alert" && !e.patient_id) || (e.kind === "message" && !e.patient_id));
  return <LeadsPage leads={leads} alerts={alerts} converted={converted} timezone={timezone} error={result?.error ?? null} errorLeadId={result?.leadId ?? null} />;
}
