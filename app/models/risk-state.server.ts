// A patient's current risk is a state, not an unread count (issue 11, item 5): the highest of
// her open alerts, her alerts of the last 72 hours acknowledged or not, and her latest daily
// analysis. Acknowledging says "I have seen it", never "she is safe", so it cannot lower it.
// Alerts of leads (unknown numbers) are listed here too; they move to the patient on conversion.
import { and, eq, isNull, sql } from "drizzle-orm";
import { db, rawSql, type Tx } from "../../db/client";
import { riskAlerts } from "../../db/schema";
import { RISK_LEVELS, RISK_ORDER, toRiskLevel, type RiskLevel } from "../analysis/risk-level";
import { notifyLive } from "../lib/notify.server";
import { audit, type Actor } from "./audit.server";
import { patientSearchFilter, searchTerms } from "./search.server";
import { stopEscalation } from "../escalation/escalation.server";

/** Acknowledged alerts keep counting towards the shown risk for this long. */
export const RISK_MEMORY_HOURS = 72;
export const VERDICTS = ["real", "false_alarm", "unsure"] as const;
export type Verdict = (typeof VERDICTS)[number];

const RANK_SQL = `CASE %s WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END`;
const rank = (col: string) => RANK_SQL.replace("%s", col);
const levelOf = (n: number | null | undefined): RiskLevel => RISK_LEVELS[Number(n ?? 0)] ?? "NONE";

/** The alert that decides a shown level: open first, then the newest. */
export interface DecidingAlert {
  id: string;
  level: RiskLevel;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  note: string | null;
  verdict: Verdict | null;
}

export interface RiskState {
  level: RiskLevel;
  /** what sets the level: an alert, the latest daily analysis, or nothing */
  source: "alert" | "analysis" | "none";
  alert: DecidingAlert | null;
  analysisDay: string | null;
  openAlerts: number;
  oldestOpenAt: Date | null;
}

// Per patient: the deciding alert (highest level among open + last 72 h; open before
// acknowledged; newest), the open count, the oldest open alert and the latest analysis.
const STATE_COLUMNS = `
  da.id AS alert_id, da.level AS alert_level, da.created_at AS alert_created_at,
  da.acknowledged_at AS alert_acknowledged_at, da.by AS alert_by, da.ack_note AS alert_note, da.verdict AS alert_verdict,
  coalesce(oa.n, 0)::int AS open_alerts, oa.oldest AS oldest_open_at,
  la.risk_level AS analysis_level, la.day::text AS analysis_day,
  GREATEST(coalesce(${rank("da.level")}, 0), coalesce(${rank("la.risk_level")}, 0)) AS risk_rank`;
const STATE_JOINS = `
  LEFT JOIN LATERAL (
    SELECT r.id, r.level, r.created_at, r.acknowledged_at, r.ack_note, r.verdict, coalesce(c.name, c.email) AS by
    FROM risk_alerts r LEFT JOIN clinicians c ON c.id = r.acknowledged_by AND c.org_id = r.org_id
    WHERE r.org_id = p.org_id AND r.patient_id = p.id
      AND (r.acknowledged_at IS NULL OR r.created_at > now() - make_interval(hours => ${RISK_MEMORY_HOURS}))
    ORDER BY ${rank("r.level")} DESC, (r.acknowledged_at IS NULL) DESC, r.created_at DESC
    LIMIT 1) da ON true
  LEFT JOIN LATERAL (
    SELECT count(*) AS n, min(r.created_at) AS oldest FROM risk_alerts r
    WHERE r.org_id = p.org_id AND r.patient_id = p.id AND r.acknowledged_at IS NULL) oa ON true
  LEFT JOIN LATERAL (
    SELECT d.risk_level, d.day FROM daily_conversation_analysis d
    WHERE d.org_id = p.org_id AND d.patient_id = p.id ORDER BY d.day DESC LIMIT 1) la ON true`;

interface StateRow {
  alert_id: string | null;
  alert_level: string | null;
  alert_created_at: Date | null;
  alert_acknowledged_at: Date | null;
  alert_by: string | null;
  alert_note: string | null;
  alert_verdict: string | null;
  open_alerts: number;
  oldest_open_at: Date | null;
  analysis_level: string | null;
  analysis_day: string | null;
  risk_rank: number;
}

function toState(r: StateRow): RiskState {
  const level = levelOf(r.risk_rank);
  const alertLevel = toRiskLevel(r.alert_level);
  const alert: DecidingAlert | null = r.alert_id
    ? {
        id: r.alert_id,
        level: alertLevel,
        createdAt: new Date(r.alert_created_at!),
        acknowledgedAt: r.alert_acknowledged_at ? new Date(r.alert_acknowledged_at) : null,
        acknowledgedBy: r.alert_by,
        note: r.alert_note,
        verdict: (r.alert_verdict as Verdict | null) ?? null,
      }
    : null;
  // An alert at the shown level explains it best (it can be opened and acknowledged).
  const source = level === "NONE" ? "none" : alert && RISK_ORDER[alertLevel] >= RISK_ORDER[level] ? "alert" : "analysis";
  return {
    level,
    source,
    alert,
    analysisDay: r.analysis_day,
    openAlerts: Number(r.open_alerts),
    oldestOpenAt: r.oldest_open_at ? new Date(r.oldest_open_at) : null,
  };
}

/** The triage list: current risk first, then the longest-waiting open alert, then recency. */
export async function listPatientsByRisk(orgId: string, opts: { search?: string; limit?: number; offset?: number; responsibleId?: string } = {}) {
  const q = rawSql();
  const rows = await q<Array<StateRow & { id: string; name: string; last_message_at: Date | null }>>`
    SELECT p.id, p.name,
      (SELECT max(m.timestamp) FROM message_log m WHERE m.patient_id = p.id) AS last_message_at,
      ${q.unsafe(STATE_COLUMNS)}
    FROM patients p ${q.unsafe(STATE_JOINS)}
    WHERE p.org_id = ${orgId} ${opts.search ? patientSearchFilter(q, orgId, searchTerms(opts.search)) : q``} ${opts.responsibleId ? q`AND p.responsible_clinician_id = ${opts.responsibleId}` : q``}
    ORDER BY risk_rank DESC, oldest_open_at ASC NULLS LAST, last_message_at DESC NULLS LAST, p.name ASC
    LIMIT ${opts.limit ?? 500} OFFSET ${opts.offset ?? 0}`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lastMessageAt: r.last_message_at ? new Date(r.last_message_at) : null,
    state: toState(r),
  }));
}

/** One patient's current risk (monitoring and chat). */
export async function patientRiskState(orgId: string, patientId: string): Promise<RiskState> {
  const q = rawSql();
  const [row] = await q<StateRow[]>`
    SELECT ${q.unsafe(STATE_COLUMNS)} FROM patients p ${q.unsafe(STATE_JOINS)}
    WHERE p.org_id = ${orgId} AND p.id = ${patientId}`;
  return row ? toState(row) : toState({ risk_rank: 0, open_alerts: 0 } as StateRow);
}

const ALERT_COLUMNS = `
  r.id, r.level, r.flags, r.source, r.reason, r.created_at, r.message_id, r.patient_id, r.lead_id,
  r.acknowledged_at, coalesce(c.name, c.email) AS acknowledged_by, r.ack_note, r.verdict,
  m.content AS message_content, m.type AS message_type, m.timestamp AS message_at`;

interface AlertRow {
  id: string;
  level: string;
  flags: string[];
  source: string;
  reason: string | null;
  created_at: Date;
  message_id: string | null;
  patient_id: string | null;
  lead_id: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  verdict: string | null;
  message_content: string | null;
  message_type: string | null;
  message_at: Date | null;
}

const toAlert = (r: AlertRow) => ({
  id: r.id,
  level: toRiskLevel(r.level),
  flags: r.flags ?? [],
  source: r.source,
  reason: r.reason,
  createdAt: new Date(r.created_at),
  messageId: r.message_id,
  leadId: r.lead_id,
  acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
  acknowledgedBy: r.acknowledged_by,
  note: r.ack_note,
  verdict: (r.verdict as Verdict | null) ?? null,
  messageContent: r.message_content,
  messageType: r.message_type,
  messageAt: r.message_at ? new Date(r.message_at) : null,
});
export type AlertView = ReturnType<typeof toAlert>;

/** A patient's open alerts and those of the last 72 h: open first, highest level, newest. */
export async function listPatientAlerts(orgId: string, patientId: string) {
  const q = rawSql();
  const rows = await q<AlertRow[]>`
    SELECT ${q.unsafe(ALERT_COLUMNS)}
    FROM risk_alerts r
    LEFT JOIN clinicians c ON c.id = r.acknowledged_by AND c.org_id = r.org_id
    LEFT JOIN message_log m ON m.id = r.message_id AND m.org_id = r.org_id
    WHERE r.org_id = ${orgId} AND r.patient_id = ${patientId}
      AND (r.acknowledged_at IS NULL OR r.created_at > now() - make_interval(hours => ${RISK_MEMORY_HOURS}))
    ORDER BY (r.acknowledged_at IS NULL) DESC, ${q.unsafe(rank("r.level"))} DESC, r.created_at DESC
    LIMIT 50`;
  return rows.map(toAlert);
}

/** Alerts of open leads (open, or raised in the last 72 h), by lead: the "new contact" rows. */
export async function listLeadAlerts(orgId: string) {
  const q = rawSql();
  const rows = await q<Array<AlertRow & { lead_name: string | null; profile_name: string | null; phone: string | null }>>`
    SELECT ${q.unsafe(ALERT_COLUMNS)}, l.name AS lead_name, v.profile_name, v.phone
    FROM risk_alerts r
    JOIN leads l ON l.id = r.lead_id AND l.org_id = r.org_id AND l.status = 'open'
    JOIN identity_vault v ON v.id = l.identity_id
    LEFT JOIN clinicians c ON c.id = r.acknowledged_by AND c.org_id = r.org_id
    LEFT JOIN message_log m ON m.id = r.message_id AND m.org_id = r.org_id
    WHERE r.org_id = ${orgId} AND r.lead_id IS NOT NULL
      AND (r.acknowledged_at IS NULL OR r.created_at > now() - make_interval(hours => ${RISK_MEMORY_HOURS}))
    ORDER BY ${q.unsafe(rank("r.level"))} DESC, (r.acknowledged_at IS NULL) DESC, r.created_at ASC
    LIMIT 200`;
  const byLead = new Map<string, { leadId: string; title: string | null; phone: string | null; level: RiskLevel; alerts: AlertView[] }>();
  for (const r of rows) {
    let lead = byLead.get(r.lead_id!);
    if (!lead) byLead.set(r.lead_id!, (lead = { leadId: r.lead_id!, title: r.lead_name ?? r.profile_name, phone: r.phone, level: toRiskLevel(r.level), alerts: [] }));
    lead.alerts.push(toAlert(r));
  }
  return [...byLead.values()];
}
export type LeadAlerts = Awaited<ReturnType<typeof listLeadAlerts>>[number];

export class AlertNotFoundError extends Error {}

/**
 * Acknowledges one alert of a patient or a lead with the clinic's verdict and an optional note
 * of what was done: who and when, audited, pages told. Acknowledging twice keeps the first.
 */
export async function acknowledgeAlert(
  actor: Actor & { clinicianId: string },
  input: { alertId: string; patientId?: string; leadId?: string; verdict: Verdict; note?: string | null },
) {
  const subject = input.patientId ? eq(riskAlerts.patientId, input.patientId) : eq(riskAlerts.leadId, input.leadId ?? "");
  return db().transaction(async (tx) => {
    const note = input.note?.trim() ? input.note.trim().slice(0, 500) : null;
    const [acked] = await tx
      .update(riskAlerts)
      .set({ acknowledgedBy: actor.clinicianId, acknowledgedAt: sql`now()`, verdict: input.verdict, ackNote: note })
      .where(and(eq(riskAlerts.orgId, actor.orgId), eq(riskAlerts.id, input.alertId), subject, isNull(riskAlerts.acknowledgedAt)))
      .returning({ id: riskAlerts.id, level: riskAlerts.level, patientId: riskAlerts.patientId, leadId: riskAlerts.leadId });
    if (!acked) {
      // Already acknowledged (a double click, a colleague): the first acknowledgement stands.
      const [exists] = await tx
        .select({ id: riskAlerts.id })
        .from(riskAlerts)
        .where(and(eq(riskAlerts.orgId, actor.orgId), eq(riskAlerts.id, input.alertId), subject));
      if (!exists) throw new AlertNotFoundError("alert not found");
      return { acknowledged: false };
    }
    // The note may describe care given: it stays on the alert; the audit row says one exists.
    await audit(actor, "risk_alert.acknowledge", {
      patientId: acked.patientId,
      subject: acked.id,
      detail: { level: acked.level, verdict: input.verdict, note: Boolean(note), lead_id: acked.leadId },
    }, tx);
    // Escalation (issue 16): stops now, and its pending step job is cancelled in this transaction.
    await stopEscalation(tx, [acked.id], actor);
    await notifyLive(tx, { org_id: actor.orgId, kind: "alert", patient_id: acked.patientId, lead_id: acked.leadId });
    return { acknowledged: true };
  });
}

/** A converted lead's alerts become the patient's (inside the conversion's transaction). */
export async function moveLeadAlerts(tx: Tx, orgId: string, identityId: string, patientId: string) {
  await tx.execute(sql`
    UPDATE risk_alerts SET patient_id = ${patientId}, lead_id = NULL
    WHERE org_id = ${orgId} AND lead_id IN (SELECT id FROM leads WHERE org_id = ${orgId} AND identity_id = ${identityId})`);
}

/** Settings: the last `days` days of alerts by tier, the verdicts given and the clinic's precision. */
export async function riskStats(orgId: string, days = 30) {
  const q = rawSql();
  const [row] = await q<Array<Record<string, number>>>`
    SELECT
      count(*) FILTER (WHERE level = 'HIGH')::int AS high,
      count(*) FILTER (WHERE level = 'MEDIUM')::int AS medium,
      count(*) FILTER (WHERE level NOT IN ('HIGH', 'MEDIUM'))::int AS other,
      count(*) FILTER (WHERE lead_id IS NOT NULL)::int AS leads,
      count(*) FILTER (WHERE acknowledged_at IS NULL)::int AS open,
      count(*) FILTER (WHERE verdict = 'real')::int AS real,
      count(*) FILTER (WHERE verdict = 'false_alarm')::int AS false_alarm,
      count(*) FILTER (WHERE verdict = 'unsure')::int AS unsure,
      count(*) FILTER (WHERE verdict = 'real' AND level = 'HIGH')::int AS real_high,
      count(*) FILTER (WHERE verdict = 'false_alarm' AND level = 'HIGH')::int AS false_high,
      count(*) FILTER (WHERE verdict = 'real' AND level = 'MEDIUM')::int AS real_medium,
      count(*) FILTER (WHERE verdict = 'false_alarm' AND level = 'MEDIUM')::int AS false_medium
    FROM risk_alerts WHERE org_id = ${orgId} AND created_at > now() - make_interval(days => ${days})`;
  const r = row ?? {};
  const n = (k: string) => Number(r[k] ?? 0);
  const precision = (real: number, fa: number) => (real + fa > 0 ? real / (real + fa) : null);
  return {
    days,
    byTier: { HIGH: n("high"), MEDIUM: n("medium"), other: n("other") },
    fromLeads: n("leads"),
    open: n("open"),
    verdicts: { real: n("real"), false_alarm: n("false_alarm"), unsure: n("unsure") },
    precision: precision(n("real"), n("false_alarm")),
    precisionByTier: { HIGH: precision(n("real_high"), n("false_high")), MEDIUM: precision(n("real_medium"), n("false_medium")) },
  };
}
export type RiskStats = Awaited<ReturnType<typeof riskStats>>;
