// The export for the clinical record (issue 14 item 5): one patient's conversation, alerts with
// the clinic's verdicts, and daily analyses for a range of the organization's local days.
// Shared by the PDF (pdf.server.ts) and the JSON answer of /patients/:id/export.
import { z } from "zod";
import { rawSql } from "../../db/client";

export const MAX_EXPORT_DAYS = 366;
/** A record this large is filed in parts (a PDF of thousands of pages helps no one). */
export const MAX_EXPORT_MESSAGES = 20_000;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a calendar date");

export const ExportQuery = z
  .object({ from: isoDay, to: isoDay, format: z.enum(["pdf", "json"]).default("pdf") })
  .refine((q) => q.from <= q.to, { message: "from is after to", path: ["from"] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_EXPORT_DAYS, { message: `at most ${MAX_EXPORT_DAYS} days`, path: ["to"] });
export type ExportRange = { from: string; to: string };

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]!.toUpperCase()}.`)
    .join(" ");

export async function collectRecord(input: {
  org: { id: string; name: string; timezone: string };
  patient: { id: string; name: string; phone: string | null };
  range: ExportRange;
  generatedBy: { name: string | null; email: string };
  now?: Date;
}) {
  const { org, patient, range } = input;
  const q = rawSql();
  // Local days → instants in the organization's timezone, so the (patient_id, timestamp) index works.
  const bounds = q`m.timestamp >= (${range.from}::date)::timestamp AT TIME ZONE ${org.timezone}
    AND m.timestamp < ((${range.to}::date + 1)::timestamp AT TIME ZONE ${org.timezone})`;
  const [messages, alerts, analyses] = await Promise.all([
    q<{ id: string; timestamp: Date; day: string; direction: string; type: string; content: string | null; status: string; transcription_state: string | null; risk_level: string | null; template: { name?: string } | null; by: string | null }[]>`
      SELECT m.id, m.timestamp, (m.timestamp AT TIME ZONE ${org.timezone})::date::text AS day, m.direction, m.type, m.content,
        m.status, m.transcription_state, m.risk_level, m.template, coalesce(c.name, c.email) AS by
      FROM message_log m LEFT JOIN clinicians c ON c.id = m.clinician_id AND c.org_id = m.org_id
      WHERE m.org_id = ${org.id} AND m.patient_id = ${patient.id} AND ${bounds}
      ORDER BY m.timestamp, m.id LIMIT ${MAX_EXPORT_MESSAGES + 1}`,
    q<{ id: string; created_at: Date; level: string; source: string; flags: string[]; reason: string | null; day: string | null; message_id: string | null; acknowledged_at: Date | null; acknowledged_by: string | null; verdict: string | null; ack_note: string | null }[]>`
      SELECT r.id, r.created_at, r.level, r.source, r.flags, r.reason, r.day::text AS day, r.message_id,
        r.acknowledged_at, coalesce(c.name, c.email) AS acknowledged_by, r.verdict, r.ack_note
      FROM risk_alerts r LEFT JOIN clinicians c ON c.id = r.acknowledged_by AND c.org_id = r.org_id
      WHERE r.org_id = ${org.id} AND r.patient_id = ${patient.id}
        AND r.created_at >= (${range.from}::date)::timestamp AT TIME ZONE ${org.timezone}
        AND r.created_at < ((${range.to}::date + 1)::timestamp AT TIME ZONE ${org.timezone})
      ORDER BY r.created_at, r.id`,
    q<{ day: string; sentiment_score: number; emotional_state: string; risk_level: string; risk_flags: string[]; summary: string; suggestion: string; message_count: number; analyzer: string; model: string }[]>`
      SELECT d.day::text AS day, d.sentiment_score, d.emotional_state, d.risk_level, d.risk_flags, d.summary, d.suggestion,
        d.message_count, d.analyzer, d.model
      FROM daily_conversation_analysis d
      WHERE d.org_id = ${org.id} AND d.patient_id = ${patient.id} AND d.day BETWEEN ${range.from}::date AND ${range.to}::date
      ORDER BY d.day`,
  ]);
  const truncated = messages.length > MAX_EXPORT_MESSAGES;
  return {
    kind: "kura.clinical-record",
    version: 1,
    organization: { name: org.name, timezone: org.timezone },
    patient: { id: patient.id, name: patient.name, initials: initials(patient.name), phone: patient.phone },
    range: { from: range.from, to: range.to, timezone: org.timezone },
    generatedAt: (input.now ?? new Date()).toISOString(),
    generatedBy: input.generatedBy.name ? `${input.generatedBy.name} <${input.generatedBy.email}>` : input.generatedBy.email,
    truncated,
    messages: messages.slice(0, MAX_EXPORT_MESSAGES).map((m) => ({
      id: m.id,
      at: new Date(m.timestamp).toISOString(),
      day: m.day,
      direction: m.direction === "OUTBOUND" ? ("outbound" as const) : ("inbound" as const),
      type: m.type,
      content: m.content,
      status: m.status,
      transcriptionState: m.transcription_state,
      riskLevel: m.risk_level,
      template: m.template?.name ?? null,
      sentBy: m.by,
    })),
    alerts: alerts.map((r) => ({
      id: r.id,
      at: new Date(r.created_at).toISOString(),
      level: r.level,
      source: r.source,
      flags: r.flags ?? [],
      reason: r.reason,
      day: r.day,
      messageId: r.message_id,
      state: r.acknowledged_at ? ("acknowledged" as const) : ("open" as const),
      acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
      acknowledgedBy: r.acknowledged_by,
      verdict: r.verdict,
      note: r.ack_note,
    })),
    analyses: analyses.map((d) => ({
      day: d.day,
      sentimentScore: d.sentiment_score,
      emotionalState: d.emotional_state,
      riskLevel: d.risk_level,
      riskFlags: d.risk_flags ?? [],
      summary: d.summary,
      suggestion: d.suggestion,
      messageCount: d.message_count,
      analyzer: d.analyzer,
      model: d.model,
    })),
  };
}

export type ClinicalRecord = Awaited<ReturnType<typeof collectRecord>>;
