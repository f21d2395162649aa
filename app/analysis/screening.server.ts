// Real-time risk screening of stored inbound messages (the worker in jobs/risk-screen.ts is a
// thin shell around this). Budget: an alert row within 5 s of the webhook.
//
// 1. Each message is screened ON ITS OWN, with the same sender's inbound messages of the last
//    24 h as context (risk-context.ts). A message that cannot be screened gets
//    message_log.screen_failed_reason (risk_level stays NULL: "not screened") and is reported
//    back as failed so pg-boss retries it; the rest of the batch goes on.
// 2. MEDIUM/HIGH store a risk_alerts row (source 'lexicon') and NOTIFY, before any network call.
//    LOW is recorded on message_log.risk_level only (docs/decisions/002-risk-alert-levels.md).
// 3. With OpenAI configured and the organization in 'auto' mode, a model gives a second
//    opinion: it can raise the level or add flags, never lower what the lexicon found. A model
//    failure leaves the lexicon result standing.
// Leads (no patient_id): MEDIUM/HIGH raise a lexicon alert on the lead (risk_alerts.lead_id;
// it moves to the patient on conversion); leads are never sent to the model.
import { and, eq, sql } from "drizzle-orm";
import { logger } from "../logger.server";
import { LIVE_CHANNEL, notifyLive } from "../lib/notify.server";
import { ALERT_MIN_LEVEL, maxLevel, RISK_ORDER, toRiskLevel, type RiskLevel } from "./risk-level";
import type { RiskFlag, RiskScreen } from "./risk-types";
import { CONTEXT_WINDOW_HOURS, screenWithContext, type PreviousMessage } from "./risk-context";
import { screenOneInPool } from "../lib/cpu-pool.server";
import { modelEnabled, ModelFailure, screenWithModel } from "./openai.server";
import { namesForModel } from "./model-names.server";
import { db, rawSql } from "../../db/client";
import { riskAlerts } from "../../db/schema";
import { applyOrgModel, orgModelsFor } from "./org-model.server";
import { scheduleEscalation } from "../escalation/escalation.server";

const alerting = (l: RiskLevel) => RISK_ORDER[l] >= RISK_ORDER[ALERT_MIN_LEVEL];
const MODEL_CONCURRENCY = 4;
const SCREEN_SLICE = 10;
/** previous messages fetched per message (the context function keeps the newest few) */
const CONTEXT_FETCH = 8;

interface Stored {
  id: string;
  org_id: string;
  patient_id: string | null;
  lead_id: string | null;
  direction: string;
  content: string | null;
  analysis_mode: string;
  previous: Array<{ text: string; level: string | null }> | null;
}
export type Screened =
  | { status: "skipped" }
  | { status: "screened"; level: RiskLevel; model: boolean }
  | { status: "failed"; reason: string };

/** The screen used for one message; replaceable in tests to prove one failure stays one. */
export type ScreenFn = (text: string, previous: PreviousMessage[]) => RiskScreen;
const defaultScreen: ScreenFn = (text, previous) => screenWithContext(text, previous);

/** A short, content-free reason (error class and message; never the patient's text). */
function failureReason(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  return `${e.name}: ${e.message}`.replace(/\s+/g, " ").slice(0, 200);
}

/** One message (a replay, the tests); the worker screens whole batches. */
export async function screenStoredMessage(messageId: string): Promise<Screened> {
  return (await screenStoredMessages([messageId]))[0]!;
}

/**
 * Screens a batch with a fixed handful of statements: one SELECT for all (with each sender's
 * last-24h inbound texts), the lexicon in JS per message, then one transaction with one UPDATE
 * for every level, one for every failure and one INSERT (+ NOTIFY) for every lexicon alert.
 */
export async function screenStoredMessages(messageIds: string[], screen: ScreenFn = defaultScreen): Promise<Screened[]> {
  const unique = [...new Set(messageIds)].sort();
  const found = await rawSql()<Stored[]>`
    SELECT m.id, m.org_id, m.patient_id, m.lead_id, m.direction, m.content, o.analysis_mode,
      (SELECT json_agg(json_build_object('text', p.content, 'level', p.risk_level) ORDER BY p.timestamp, p.id)
       FROM (SELECT p.content, p.risk_level, p.timestamp, p.id FROM message_log p
             WHERE p.identity_id = m.identity_id AND p.org_id = m.org_id AND p.direction = 'INBOUND'
               AND p.content IS NOT NULL AND p.id <> m.id
               AND p.timestamp <= m.timestamp AND p.timestamp > m.timestamp - make_interval(hours => ${CONTEXT_WINDOW_HOURS})
             ORDER BY p.timestamp DESC, p.id DESC LIMIT ${CONTEXT_FETCH}) p) AS previous
    FROM message_log m JOIN organizations o ON o.id = m.org_id
    WHERE m.id = ANY(${unique}::uuid[])`;
  const byId = new Map(found.map((m) => [m.id, m]));
  // Each organization's own verdict-trained model (kura risk:train): only for its own messages,
  // and it can raise to MEDIUM at most (app/analysis/org-model.server.ts).
  const orgModels = await orgModelsFor(found.map((m) => m.org_id));
  const work: Array<{ m: Stored; screen: RiskScreen }> = [];
  const failed: Array<{ m: Stored; reason: string }> = [];
  let n = 0;
  for (const id of unique) {
    const m = byId.get(id);
    if (!m || m.direction !== "INBOUND" || !m.content || !String(m.content).trim()) continue;
    // The lexicon costs a few ms a message on this event loop, which the webhook shares: yield
    // between slices so requests get through.
    if (++n % SCREEN_SLICE === 0) await new Promise<void>((r) => setImmediate(r));
    try {
      const previous = (m.previous ?? []).map((p) => ({ text: String(p.text ?? ""), level: p.level ? toRiskLevel(p.level) : null }));
      work.push({ m, screen: applyOrgModel(orgModels.get(m.org_id), String(m.content), screen === defaultScreen ? await screenOneInPool(String(m.content), previous) : screen(String(m.content), previous)) });
    } catch (err) {
      const reason = failureReason(err);
      failed.push({ m, reason });
      logger().error({ messageId: m.id, reason }, "risk screen failed for one message: marked, will be retried");
    }
  }

  if (work.length || failed.length) {
    const alerts = work.filter((w) => (w.m.patient_id || w.m.lead_id) && alerting(w.screen.level));
    await rawSql().begin(async (tx) => {
      // Pipelined: the statements go in one round trip. A replayed job writes no new row version.
      const updates = work.length
        ? tx`
          UPDATE message_log m SET risk_level = u.level, screen_failed_reason = NULL
          FROM unnest(${work.map((w) => w.m.id)}::uuid[], ${work.map((w) => w.screen.level)}::text[]) AS u(id, level)
          WHERE m.id = u.id AND (m.risk_level IS DISTINCT FROM u.level OR m.screen_failed_reason IS NOT NULL)`
        : null;
      const failures = failed.length
        ? tx`
          UPDATE message_log m SET screen_failed_reason = u.reason
          FROM unnest(${failed.map((f) => f.m.id)}::uuid[], ${failed.map((f) => f.reason)}::text[]) AS u(id, reason)
          WHERE m.id = u.id AND m.risk_level IS NULL`
        : null;
      const inserts = alerts.length
        ? tx.unsafe(ALERTS_SQL, [JSON.stringify(alerts.map(({ m, screen }) => ({
            org_id: m.org_id, patient_id: m.patient_id, lead_id: m.lead_id, message_id: m.id,
            level: screen.level, flags: screen.flags, matches: screen.matches ?? null,
          }))), LIVE_CHANNEL])
        : null;
      await Promise.all([updates, failures, inserts]);
      // Escalation (issue 16): HIGH notifies now and escalates; MEDIUM waits for the digest. Same transaction.
      if (alerts.length) await scheduleEscalation(tx, { messageIds: alerts.map((a) => a.m.id) });
    });
  }

  // The model path is network-bound: a few at a time.
  const done = new Map<string, Screened>();
  for (const f of failed) done.set(f.m.id, { status: "failed", reason: f.reason });
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(MODEL_CONCURRENCY, work.length) }, async () => {
      while (next < work.length) {
        const { m, screen } = work[next++]!;
        done.set(m.id, await secondOpinion(m, screen, Boolean(m.patient_id && alerting(screen.level))));
      }
    }),
  );
  return messageIds.map((id) => done.get(id) ?? { status: "skipped" });
}

// A lexicon alert is inserted once per message (a replayed job finds it and notifies nobody).
const ALERTS_SQL = `
WITH a AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(org_id uuid, patient_id uuid, lead_id uuid, message_id uuid, level text, flags text[], matches jsonb)
),
-- The sender as it is now, locked: a lead converted since the SELECT gets the alert on its patient.
cur AS (
  SELECT ml.id, ml.patient_id, CASE WHEN ml.patient_id IS NULL THEN ml.lead_id END AS lead_id
  FROM message_log ml WHERE ml.id IN (SELECT message_id FROM a) FOR SHARE
),
ins AS (
  INSERT INTO risk_alerts (org_id, patient_id, lead_id, message_id, level, flags, matches, source)
  SELECT a.org_id, cur.patient_id, cur.lead_id, a.message_id, a.level, a.flags, a.matches, 'lexicon'
  FROM a JOIN cur ON cur.id = a.message_id WHERE cur.patient_id IS NOT NULL OR cur.lead_id IS NOT NULL ORDER BY a.message_id
  ON CONFLICT (message_id, source) DO NOTHING
  RETURNING message_id
)
SELECT pg_notify($2, json_build_object('org_id', a.org_id, 'patient_id', a.patient_id, 'lead_id', a.lead_id, 'message_id', a.message_id, 'kind', 'alert')::text)
FROM ins JOIN a ON a.message_id = ins.message_id`;

async function secondOpinion(m: Stored, screen: RiskScreen, lexiconAlert: boolean): Promise<Screened> {
  const text = String(m.content);
  const ids = { org_id: m.org_id, patient_id: m.patient_id, lead_id: m.lead_id, message_id: m.id };
  if (!ids.patient_id || !modelEnabled(m.analysis_mode)) return { status: "screened", level: screen.level, model: false };

  let opinion;
  try {
    opinion = (await screenWithModel(text, await namesForModel(ids.org_id, ids.patient_id))).value;
  } catch (err) {
    const f = err instanceof ModelFailure ? err : new ModelFailure("error", "unexpected_error");
    logger().warn({ messageId: ids.message_id, kind: f.kind, reason: f.reason }, "risk model unavailable: lexicon result stands");
    return { status: "screened", level: screen.level, model: false };
  }
  const level = maxLevel(screen.level, opinion.risk_level);
  const flags = [...new Set<RiskFlag>([...screen.flags, ...(opinion.risk_flags as RiskFlag[])])];
  const model = { level: opinion.risk_level, flags: opinion.risk_flags, rationale: opinion.rationale };
  const raised = level !== screen.level || flags.length !== screen.flags.length;

  await db().transaction(async (tx) => {
    if (level !== screen.level) await tx.execute(sql`UPDATE message_log SET risk_level = ${level} WHERE id = ${ids.message_id}`);
    if (lexiconAlert) {
      // The model's view is kept next to the lexicon's; the level only ever goes up.
      const updated = await tx
        .update(riskAlerts)
        .set({ level, flags, reason: `model: ${opinion.risk_level}`, matches: sql`COALESCE(${riskAlerts.matches}, '[]'::jsonb) || ${JSON.stringify([{ model }])}::jsonb` })
        .where(and(eq(riskAlerts.messageId, ids.message_id), eq(riskAlerts.source, "lexicon")))
        .returning({ id: riskAlerts.id });
      if (updated.length && raised) await notifyLive(tx, { ...ids, kind: "alert" });
    } else if (alerting(level)) {
      const inserted = await tx
        .insert(riskAlerts)
        .values({ orgId: ids.org_id, patientId: ids.patient_id!, messageId: ids.message_id, level, flags, matches: [{ model }], source: "model", reason: opinion.rationale.slice(0, 500) })
        .onConflictDoNothing({ target: [riskAlerts.messageId, riskAlerts.source] })
        .returning({ id: riskAlerts.id });
      if (inserted.length) await notifyLive(tx, { ...ids, kind: "alert" });
    }
  });
  return { status: "screened", level, model: true };
}
