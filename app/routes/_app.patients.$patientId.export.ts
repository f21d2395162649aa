// GET /patients/:id/export?from=YYYY-MM-DD&to=YYYY-MM-DD&format=pdf|json — the record for the
// clinical file (issue 14 item 5). Days are the organization's local days, both included.
// Another organization's patient: 404. Every export is audited (who, which patient, range, format).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireClinician } from "../auth/guard.server";
import { badRequest, notFound } from "../lib/responses.server";
import { getPatient } from "../models/patient.server";
import { audit } from "../models/audit.server";
import { pickLocale, STRINGS } from "../i18n";
import { collectRecord, ExportQuery } from "../export/record.server";
import { renderRecordPdf } from "../export/pdf.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor, clinician } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  const query = ExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) badRequest(`Invalid export: ${query.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const { from, to, format } = query.data;
  const record = await collectRecord({ org, patient, range: { from, to }, generatedBy: clinician });
  await audit(actor, "patient.export", {
    patientId: patient.id,
    detail: { format, from, to, messages: record.messages.length, alerts: record.alerts.length, analyses: record.analyses.length },
  });
  const file = `kura-${record.patient.initials.replace(/[^A-Za-z]/g, "") || "patient"}-${from}-${to}`;
  if (format === "json") {
    return new Response(JSON.stringify(record, null, 2), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${file}.json"` },
    });
  }
  const locale = pickLocale(clinician.locale, request.headers.get("Accept-Language"));
  const pdf = await renderRecordPdf(record, STRINGS[locale], locale);
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${file}.pdf"`, "Content-Length": String(pdf.length) },
  });
}
