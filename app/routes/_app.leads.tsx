import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { LeadsActionSchema } from "../lib/page-forms.server";
import { requireClinician } from "../auth/guard.server";
import { convertLead, DuplicatePatientError, LeadNotFoundError, listConvertedLeads, listOpenLeads } from "../models/leads.server";
import { audit } from "../models/audit.server";
import { parseWithZod } from "@conform-to/zod/v4";
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
  const submission = parseWithZod(await request.formData(), { schema: LeadsActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: "name_required" as const, leadId: null }, { status: 400 });
  const form = submission.value;
  if (form.intent === "acknowledge") {
    try {
      const { alertId, leadId, verdict, note } = form;
      return { result: submission.reply({ resetForm: true }), error: null, leadId, ...(await acknowledgeAlert({ ...actor, clinicianId: clinician.id }, { alertId, leadId, verdict, note })) };
    } catch (e) {
      if (e instanceof AlertNotFoundError) notFound();
      throw e;
    }
  }
  try {
    const { patientId } = await convertLead(actor, form.leadId, form.name);
    throw redirect(`/patients/${patientId}/monitoring`);
  } catch (e) {
    if (e instanceof LeadNotFoundError) notFound();
    if (e instanceof DuplicatePatientError) return data({ result: submission.reply(), error: "duplicate" as const, leadId: form.leadId }, { status: 409 });
    throw e;
  }
}

export default function Leads() {
  const { leads, converted, alerts, timezone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useLiveRevalidation((e) => e.kind === "lead" || (e.kind === "alert" && !e.patient_id) || (e.kind === "message" && !e.patient_id));
  return <LeadsPage leads={leads} alerts={alerts} converted={converted} timezone={timezone} error={result?.error ?? null} errorLeadId={result?.leadId ?? null} />;
}
