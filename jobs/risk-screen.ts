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
import { notifyLive } from "../app/lib/notify.server";
import { maxLevel, RISK_ORDER, screenMessage, type RiskFlag, type RiskLevel } from "../app/analysis/risk-lexicon";
import { modelEnabled, ModelFailure, screenWithModel } from "../app/analysis/openai.server";
import { db, rawSql } from "../db/client";
import { riskAlerts } from "../db/schema";
import type { WorkerDefinition } from "./boss";
import { QUEUES } from "./queues";

export interface RiskScreenJob {
  messageId: string;
}

/** Levels that create an alert (a pulsing banner a clinician must acknowledge). */
export const ALERT_MIN_LEVEL: RiskLevel = "MEDIUM";
const alerting = (l: RiskLevel) => RISK_ORDER[l] >= RISK_ORDER[ALERT_MIN_LEVEL];

export async function screenStoredMessage(job: RiskScreenJob) {
  const [m] = await rawSql()`
    SELECT m.id, m.org_id, m.patient_id, m.lead_id, m.direction, m.content, o.analysis_mode
    FROM message_log m JOIN organizations o ON o.id = m.org_id
    WHERE m.id = ${job.messageId}`;
  if (!m || m.direction !== "INBOUND" || !m.content || !String(m.content).trim()) return { status: "skipped" };
  const text = String(m.content);
  const screen = screenMessage(text);
  const ids = { org_id: m.org_id as string, patient_id: m.patient_id as string | null, lead_id: m.lead_id as string | null, message_id: m.id as string };

  const lexiconAlert = await db().transaction(async (tx) => {
    await tx.execute(sql`UPDATE message_log SET risk_level = ${screen.level} WHERE id = ${m.id}`);
    if (!ids.patient_id || !alerting(screen.level)) return false;
    const inserted = await tx
      .insert(riskAlerts)
      .values({ orgId: ids.org_id, patientId: ids.patient_id, messageId: ids.message_id, level: screen.level, flags: screen.flags, matches: screen.matches, source: "lexicon" })
      .onConflictDoNothing({ target: [riskAlerts.messageId, riskAlerts.source] })
      .returning({ id: riskAlerts.id });
    if (inserted.length) await notifyLive(tx, { ...ids, kind: "alert" });
    return true;
  });

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
    if (level !== screen.level) await tx.execute(sql`UPDATE message_log SET risk_level = ${level} WHERE id = ${m.id}`);
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
  // 0.5 s polling (pg-boss's floor) keeps enqueue→alert well inside the 5 s budget.
  workOptions: { localConcurrency: 4, pollingIntervalSeconds: 0.5 },
  handler: async (jobs) => {
    for (const job of jobs) await screenStoredMessage(job.data);
  },
};
