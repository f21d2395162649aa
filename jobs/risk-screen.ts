// Real-time risk screening of one inbound message: enqueue(tx, QUEUES.riskScreen, { messageId })
// in the transaction that stores a message with content (text, caption) and after a
// transcription. Budget: an alert row within 5 s of the webhook.
//
// 1. The lexicon screens the text at once; MEDIUM/HIGH store a risk_alerts row (source
//    'lexicon') and NOTIFY, before any network call. LOW is recorded on message_log.risk_level
//    only (docs/decisions/002-risk-alert-levels.md).
// 2. With OpenAI configured and the organization in 'auto' mode, a model gives a second
//    opinion: it can raise the level or add flags (the lexicon alert is updated, or a 'model'
//    alert created when the lexicon saw nothing), never lower what the lexicon found. A model
//    failure leaves the lexicon result standing (logged; the nightly review reads everything).
// Leads (no patient_id): the level goes on the message, but no alert (risk_alerts needs a
// patient) and nothing is sent to the model.
import { and, eq, sql } from "drizzle-orm";
import { logger } from "../app/logger.server";
import { LIVE_CHANNEL, notifyLive } from "../app/lib/notify.server";
import { maxLevel, RISK_ORDER, screenMessage, type RiskFlag, type RiskLevel } from "../app/analysis/risk-lexicon";
import { modelEnabled, ModelFailure, screenWithModel } from "../app/analysis/openai.server";
import { db, rawSql } from "../db/client";
import { riskAlerts } from "../db/schema";
import { type WorkerDefinition, QUEUES } from "../app/queue.server";

export interface RiskScreenJob {
  messageId: string;
}

/** Levels that create an alert (a pulsing banner a clinician must acknowledge). */
export const ALERT_MIN_LEVEL: RiskLevel = "MEDIUM";
const alerting = (l: RiskLevel) => RISK_ORDER[l] >= RISK_ORDER[ALERT_MIN_LEVEL];
const MODEL_CONCURRENCY = 4;
const SCREEN_SLICE = 10;

interface Stored {
  id: string;
  org_id: string;
  patient_id: string | null;
  lead_id: string | null;
  direction: string;
  content: string | null;
  analysis_mode: string;
}
type Screened = { status: "skipped" } | { status: "screened"; level: RiskLevel; model: boolean };

/** One message (a replay, the tests); the worker screens whole batches. */
export async function screenStoredMessage(job: RiskScreenJob) {
  return (await screenStoredMessages([job.messageId]))[0]!;
}

/**
 * Screens a batch with a fixed handful of statements: one SELECT for all, the lexicon in JS,
 * then one transaction with one UPDATE for every level and one INSERT (+ NOTIFY) for every
 * lexicon alert. The model's second opinion stays per message (network, optional).
 */
export async function screenStoredMessages(messageIds: string[]): Promise<Screened[]> {
  const unique = [...new Set(messageIds)].sort();
  const found = await rawSql()<Stored[]>`
    SELECT m.id, m.org_id, m.patient_id, m.lead_id, m.direction, m.content, o.analysis_mode
    FROM message_log m JOIN organizations o ON o.id = m.org_id
    WHERE m.id = ANY(${unique}::uuid[])`;
  const byId = new Map(found.map((m) => [m.id, m]));
  const work: Array<{ m: Stored; screen: ReturnType<typeof screenMessage> }> = [];
  for (const id of unique) {
    const m = byId.get(id);
    if (!m || m.direction !== "INBOUND" || !m.content || !String(m.content).trim()) continue;
    // The lexicon costs ~0.15 ms a message on this event loop, which the webhook shares: a batch
    // screened in one go held the loop for 15+ ms. Yield between slices so requests get through.
    if (work.length && work.length % SCREEN_SLICE === 0) await new Promise<void>((r) => setImmediate(r));
    work.push({ m, screen: screenMessage(String(m.content)) });
  }

  if (work.length) {
    const alerts = work.filter((w) => w.m.patient_id && alerting(w.screen.level));
    await rawSql().begin(async (tx) => {
      // Pipelined: both statements go in one round trip. A replayed job writes no new row version.
      const updates = tx`
        UPDATE message_log m SET risk_level = u.level
        FROM unnest(${work.map((w) => w.m.id)}::uuid[], ${work.map((w) => w.screen.level)}::text[]) AS u(id, level)
        WHERE m.id = u.id AND m.risk_level IS DISTINCT FROM u.level`;
      const inserts = alerts.length
        ? tx.unsafe(ALERTS_SQL, [JSON.stringify(alerts.map(({ m, screen }) => ({
            org_id: m.org_id, patient_id: m.patient_id, lead_id: m.lead_id, message_id: m.id,
            level: screen.level, flags: screen.flags, matches: screen.matches ?? null,
          }))), LIVE_CHANNEL])
        : null;
      await Promise.all([updates, inserts]);
    });
  }

  // The model path is network-bound: a few at a time, like the former per-job workers.
  const done = new Map<string, Screened>();
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
ins AS (
  INSERT INTO risk_alerts (org_id, patient_id, message_id, level, flags, matches, source)
  SELECT org_id, patient_id, message_id, level, flags, matches, 'lexicon' FROM a ORDER BY message_id
  ON CONFLICT (message_id, source) DO NOTHING
  RETURNING message_id
)
SELECT pg_notify($2, json_build_object('org_id', a.org_id, 'patient_id', a.patient_id, 'lead_id', a.lead_id, 'message_id', a.message_id, 'kind', 'alert')::text)
FROM ins JOIN a ON a.message_id = ins.message_id`;

async function secondOpinion(m: Stored, screen: ReturnType<typeof screenMessage>, lexiconAlert: boolean): Promise<Screened> {
  const text = String(m.content);
  const ids = { org_id: m.org_id, patient_id: m.patient_id, lead_id: m.lead_id, message_id: m.id };
  if (!ids.patient_id || !modelEnabled(m.analysis_mode)) return { status: "screened", level: screen.level, model: false };

  let opinion;
  try {
    opinion = (await screenWithModel(text)).value;
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

export const riskScreenWorker: WorkerDefinition<RiskScreenJob> = {
  queue: QUEUES.riskScreen,
  queueOptions: { retryLimit: 3, retryDelay: 1, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 60 },
  // Batches: one handler call screens up to 250 messages with a fixed handful of statements
  // (at Meta's peak that is ~1,000 jobs/s); one worker, so screening runs beside the webhook on
  // at most one connection. A full batch fetches again at once; otherwise a 1 s poll keeps
  // enqueue → alert well inside the 5 s budget. bench:ingest (2 cores): batch 100 × 2 workers
  // every 0.5 s gave p99 102 ms, this 81–88 ms.
  workOptions: { batchSize: 250, localConcurrency: 1, pollingIntervalSeconds: 1, burstWhenBatchFull: true },
  handler: (jobs) => screenStoredMessages(jobs.map((j) => j.data.messageId)),
};
