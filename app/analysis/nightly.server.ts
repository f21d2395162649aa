// AletheIA, the nightly review: which patient-days to analyse (org-local days), the analysis
// of one patient-day (OpenAI with a local fallback that never hides risk), the upsert, the
// declining-mood trend, and `analysis:run`'s "fan out and wait".
//
// No long transactions: the transcript is read, the model called and the result written in
// three separate steps; only the write (upsert + trend alert + NOTIFY) is one transaction.
import crypto from "node:crypto";
import { and, eq, sql, isNull } from "drizzle-orm";
import type { JobInsert } from "pg-boss";
import { db, rawSql, type Tx } from "../../db/client";
import { dailyConversationAnalysis, organizations, riskAlerts } from "../../db/schema";
import { boss, QUEUES } from "../queue.server";
import { logger } from "../logger.server";
import { notifyLive } from "../lib/notify.server";
import { detectLanguage, maxLevel, screenMessage, type RiskFlag, type RiskLevel } from "./risk-lexicon";
import { analyzeDayLocal, type DailyAnalysis, type TranscriptLine } from "./local-analyzer";
import { analyzeDayWithModel, ModelFailure, modelEnabled } from "./openai.server";
import { namesForModel } from "./model-names.server";
import { scheduleEscalation } from "../escalation/escalation.server";

export interface AnalysisDayJob {
  orgId: string;
  patientId: string;
  /** YYYY-MM-DD, the organization's local day. */
  day: string;
}

export const analysisDayKey = (j: { patientId: string; day: string }) => `${j.patientId}:${j.day}`;

/** Nightly window: from 03:00 local, and until 06:00 to catch up after downtime or late messages. */
export const NIGHTLY_FROM_HOUR = 3;
export const NIGHTLY_UNTIL_HOUR = 6;

// ---------------------------------------------------------------------------------------
// Which patient-days

/**
 * Patients of `orgId` who wrote at least one message on the org-local `day`. Leads never
 * appear (patient_id is null on their messages). `onlyStale`: skip patient-days whose
 * analysis is newer than their last message (the nightly tick runs every 15 minutes).
 */
export async function patientsToAnalyze(orgId: string, day: string, opts: { onlyStale?: boolean } = {}): Promise<string[]> {
  const stale = opts.onlyStale
    ? rawSql()`AND NOT EXISTS (SELECT 1 FROM daily_conversation_analysis a
         WHERE a.patient_id = m.patient_id AND a.day = ${day}::date AND a.updated_at >= max(m.created_at))`
    : rawSql()``;
  const rows = await rawSql()`
    SELECT m.patient_id
    FROM message_log m
    JOIN organizations o ON o.id = m.org_id
    WHERE m.org_id = ${orgId} AND m.patient_id IS NOT NULL
      AND m.timestamp >= (${day}::date::timestamp AT TIME ZONE o.timezone)
      AND m.timestamp < ((${day}::date + 1)::timestamp AT TIME ZONE o.timezone)
    GROUP BY m.patient_id
    HAVING bool_or(m.direction = 'INBOUND') ${stale}`;
  return rows.map((r) => r.patient_id as string);
}

/** Enqueue one analysis-day job per patient-day. The queue is `exclusive` on the key, so a
 * patient-day already queued or running is not enqueued twice. Returns the job ids to wait on. */
export async function fanOutDay(orgId: string, day: string, opts: { onlyStale?: boolean; jobOptions?: Partial<JobInsert> } = {}) {
  const patients = await patientsToAnalyze(orgId, day, opts);
  const ids: string[] = [];
  for (let i = 0; i < patients.length; i += 500) {
    const chunk = patients.slice(i, i + 500).map((patientId) => ({
      ...opts.jobOptions,
      id: crypto.randomUUID(),
      data: { orgId, patientId, day } satisfies AnalysisDayJob,
      singletonKey: analysisDayKey({ patientId, day }),
    }));
    const inserted = new Set((await boss().insert(QUEUES.analysisDay, chunk, { returnId: true })) ?? []);
    const conflicted = chunk.filter((j) => !inserted.has(j.id)).map((j) => j.singletonKey);
    ids.push(...inserted);
    if (conflicted.length) {
      // Already queued or running (an earlier tick, another instance): wait on that job instead.
      const rows = await rawSql()`SELECT id FROM pgboss.job WHERE name = ${QUEUES.analysisDay}
        AND singleton_key = ANY(string_to_array(${conflicted.join(",")}, ',')) AND state IN ('created', 'retry', 'active')`;
      ids.push(...rows.map((r) => r.id as string));
    }
  }
  return { patients: patients.length, jobIds: ids };
}

/** The nightly tick (every 15 minutes): organizations whose local time is in the nightly window get their local yesterday analysed. */
export async function nightlyTick() {
  const orgs = await rawSql()`
    SELECT id, ((now() AT TIME ZONE timezone)::date - 1)::text AS day
    FROM organizations
    WHERE extract(hour FROM now() AT TIME ZONE timezone) >= ${NIGHTLY_FROM_HOUR}
      AND extract(hour FROM now() AT TIME ZONE timezone) < ${NIGHTLY_UNTIL_HOUR}`;
  let enqueued = 0;
  for (const o of orgs) enqueued += (await fanOutDay(o.id, o.day, { onlyStale: true })).jobIds.length;
  if (enqueued) logger().info({ orgs: orgs.length, enqueued }, "nightly analysis fanned out");
  return { orgs: orgs.length, enqueued };
}

/** Yesterday in each organization's timezone (or `date` for all), for one or every org. */
export async function targetDays(opts: { date?: string; orgId?: string }) {
  const rows = await rawSql()`
    SELECT id, COALESCE(${opts.date ?? null}::date, (now() AT TIME ZONE timezone)::date - 1)::text AS day
    FROM organizations ${opts.orgId ? rawSql()`WHERE id = ${opts.orgId}` : rawSql()``}
    ORDER BY created_at`;
  return rows.map((r) => ({ orgId: r.id as string, day: r.day as string }));
}

/**
 * `analysis:run`: fan out every patient-day (stale or not: a rerun re-analyses and upserts)
 * and wait until each job has finished. Someone must be working the queue (the command
 * starts a local worker; the server's workers may take some too).
 */
export async function runAnalysis(opts: { date?: string; orgId?: string; jobOptions?: Partial<JobInsert>; deadlineMs?: number }) {
  // Database time (a string through drizzle's parsers): compared with updated_at/created_at below.
  const [{ started }] = (await rawSql()`SELECT now()::text AS started`) as unknown as [{ started: string }];
  const targets = await targetDays(opts);
  const jobIds: string[] = [];
  const pairs: Array<{ orgId: string; day: string }> = [];
  for (const t of targets) {
    const r = await fanOutDay(t.orgId, t.day, { jobOptions: opts.jobOptions });
    jobIds.push(...r.jobIds);
    pairs.push(t);
  }
  const deadline = Date.now() + (opts.deadlineMs ?? 30 * 60_000);
  let failed = 0;
  for (;;) {
    const rows = await rawSql()`SELECT state::text AS state, count(*)::int AS n FROM pgboss.job
      WHERE name = ${QUEUES.analysisDay} AND id = ANY(string_to_array(${jobIds.join(",")}, ',')::uuid[]) GROUP BY state`;
    const open = rows.filter((r) => ["created", "retry", "active"].includes(r.state)).reduce((s, r) => s + r.n, 0);
    failed = rows.filter((r) => r.state === "failed").reduce((s, r) => s + r.n, 0);
    if (open === 0) break;
    if (Date.now() > deadline) throw new Error(`analysis still running after the deadline: ${open} patient-days left`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const orgIds = pairs.map((p) => p.orgId);
  const days = pairs.map((p) => p.day);
  const [counts] = await rawSql()`
    WITH t AS (SELECT * FROM unnest(string_to_array(${orgIds.join(",")}, ',')::uuid[], string_to_array(${days.join(",")}, ',')::date[]) AS t(org_id, day))
    SELECT
      (SELECT count(*)::int FROM daily_conversation_analysis a JOIN t USING (org_id, day) WHERE a.updated_at >= ${started}::timestamptz) AS days_analyzed,
      (SELECT count(*)::int FROM risk_alerts r JOIN t USING (org_id, day) WHERE r.source = 'trend' AND r.created_at >= ${started}::timestamptz) AS alerts`;
  return { days_analyzed: counts!.days_analyzed as number, alerts: counts!.alerts as number, failed, days: pairs };
}

// ---------------------------------------------------------------------------------------
// One patient-day

async function loadTranscript(job: AnalysisDayJob) {
  const [org] = await db()
    .select({ timezone: organizations.timezone, analysisMode: organizations.analysisMode })
    .from(organizations)
    .where(eq(organizations.id, job.orgId));
  if (!org) return null;
  // Only this patient's conversation; the patient must belong to the org (defence in depth).
  const rows = await rawSql()`
    SELECT m.direction, m.content, (extract(epoch FROM m.timestamp) * 1000)::float8 AS at_ms
    FROM message_log m
    JOIN patients p ON p.id = m.patient_id AND p.org_id = m.org_id
    WHERE m.org_id = ${job.orgId} AND m.patient_id = ${job.patientId}
      AND m.timestamp >= (${job.day}::date::timestamp AT TIME ZONE ${org.timezone})
      AND m.timestamp < ((${job.day}::date + 1)::timestamp AT TIME ZONE ${org.timezone})
      AND m.content IS NOT NULL AND btrim(m.content) <> ''
    ORDER BY m.timestamp, m.created_at`;
  const lines: TranscriptLine[] = rows.map((r) => ({ role: r.direction === "INBOUND" ? "patient" : "clinic", text: r.content as string, at: new Date(Number(r.at_ms)) }));
  return { org, lines };
}

export interface DayResult {
  status: "analyzed" | "no_messages";
  analyzer?: "openai" | "local" | "local_fallback";
  fallbackReason?: string | null;
  riskLevel?: RiskLevel;
  trendAlert?: boolean;
}

/**
 * Analyse one patient-day and upsert its row. `finalAttempt`: the job will not be retried, so
 * a transient or malformed model answer falls back to the local analysis instead of throwing.
 * A malformed answer on the final attempt still throws after writing the fallback, so the job
 * ends visibly `failed` while the clinician sees the local result (risk never hidden).
 */
export async function analyzePatientDay(job: AnalysisDayJob, opts: { finalAttempt: boolean }): Promise<DayResult> {
  const loaded = await loadTranscript(job);
  if (!loaded) return { status: "no_messages" };
  const { org, lines } = loaded;
  if (!lines.some((l) => l.role === "patient")) return { status: "no_messages" };

  // The full local analysis costs a few ms of CPU per day: only when it is the result.
  let localCache: DailyAnalysis | null = null;
  const local = () => (localCache ??= analyzeDayLocal(lines));
  let row: Omit<RowValues, "orgId" | "patientId" | "day">;
  let malformedAtEnd: ModelFailure | null = null;

  if (modelEnabled(org.analysisMode)) {
    const language = detectLanguage(lines.filter((l) => l.role === "patient").map((l) => l.text).join("\n"));
    try {
      const { value, tokens, model } = await analyzeDayWithModel(lines, language, org.timezone, await namesForModel(job.orgId, job.patientId));
      // The model may raise the risk the lexicon finds in the patient's lines, never lower it.
      let riskLevel: RiskLevel = value.risk_level;
      const flagSet = new Set<RiskFlag>(value.risk_flags as RiskFlag[]);
      for (const l of lines) {
        if (l.role !== "patient") continue;
        const screen = screenMessage(l.text);
        riskLevel = maxLevel(riskLevel, screen.level);
        screen.flags.forEach((f) => flagSet.add(f));
      }
      const flags = [...flagSet];
      row = {
        sentimentScore: value.sentiment_score,
        emotionalState: value.emotional_state,
        riskLevel,
        riskFlags: flags,
        summary: value.summary,
        suggestion: value.suggestion,
        messageCount: lines.length,
        model,
        analyzer: "openai",
        fallbackReason: null,
        tokensUsed: tokens,
        language: value.language,
      };
    } catch (err) {
      const f = err instanceof ModelFailure ? err : new ModelFailure("error", `unexpected_${(err as Error)?.name ?? "error"}`);
      const retryable = f.kind === "transient" || f.kind === "malformed";
      if (retryable && !opts.finalAttempt) throw f;
      logger().warn({ patientId: job.patientId, day: job.day, kind: f.kind, reason: f.reason }, "analysis model failed: local fallback");
      if (f.kind === "malformed") malformedAtEnd = f;
      row = { ...fromLocal(local()), analyzer: "local_fallback", fallbackReason: `${f.kind}:${f.reason}` };
    }
  } else {
    row = fromLocal(local());
  }

  const trendAlert = await db().transaction(async (tx) => {
    const values: RowValues = { orgId: job.orgId, patientId: job.patientId, day: job.day, ...row };
    await tx
      .insert(dailyConversationAnalysis)
      .values(values)
      .onConflictDoUpdate({
        target: [dailyConversationAnalysis.patientId, dailyConversationAnalysis.day],
        set: { ...row, updatedAt: new Date() },
      });
    const inserted = await declineTrend(tx, job);
    // Escalation (issue 16): the MEDIUM trend alert joins the responsible clinician's digest. Same transaction.
    if (inserted) await scheduleEscalation(tx, { patientId: job.patientId });
    await notifyLive(tx, { org_id: job.orgId, kind: "analysis", patient_id: job.patientId });
    if (inserted) await notifyLive(tx, { org_id: job.orgId, kind: "alert", patient_id: job.patientId });
    return inserted;
  });
  if (malformedAtEnd) throw malformedAtEnd;
  return { status: "analyzed", analyzer: row.analyzer as DayResult["analyzer"], fallbackReason: row.fallbackReason, riskLevel: row.riskLevel as RiskLevel, trendAlert };
}

type RowValues = typeof dailyConversationAnalysis.$inferInsert;

function fromLocal(local: DailyAnalysis): Omit<RowValues, "orgId" | "patientId" | "day"> {
  return {
    sentimentScore: local.sentiment_score,
    emotionalState: local.emotional_state,
    riskLevel: local.risk_level,
    riskFlags: local.risk_flags,
    summary: local.summary,
    suggestion: local.suggestion,
    messageCount: local.message_count,
    model: "local",
    analyzer: "local",
    fallbackReason: null,
    tokensUsed: 0,
    language: local.language,
  };
}

/**
 * Sentiment falling three days in a row: the patient's last three analysed days within a
 * week, ending on this day, each lower than the one before → one MEDIUM "declining_mood"
 * alert for this day (unique per patient, day and source, so reruns add nothing).
 */
async function declineTrend(tx: Tx, job: AnalysisDayJob): Promise<boolean> {
  const recent = await tx
    .select({ day: dailyConversationAnalysis.day, s: dailyConversationAnalysis.sentimentScore })
    .from(dailyConversationAnalysis)
    .where(
      and(
        eq(dailyConversationAnalysis.patientId, job.patientId),
        eq(dailyConversationAnalysis.orgId, job.orgId),
        // last 7 days up to and including this one
        rawDayWindow(job.day),
      ),
    )
    .orderBy(dailyConversationAnalysis.day)
    .limit(7);
  const last3 = recent.slice(-3);
  if (last3.length < 3 || last3[2]!.day !== job.day) return false;
  if (!(last3[0]!.s > last3[1]!.s && last3[1]!.s > last3[2]!.s)) return false;
  // A decline that continues is one alert until a clinician acknowledges it, not one a day.
  const [open] = await tx
    .select({ id: riskAlerts.id })
    .from(riskAlerts)
    .where(and(eq(riskAlerts.patientId, job.patientId), eq(riskAlerts.source, "trend"), isNull(riskAlerts.acknowledgedAt)))
    .limit(1);
  if (open) return false;
  const res = await tx
    .insert(riskAlerts)
    .values({
      orgId: job.orgId,
      patientId: job.patientId,
      level: "MEDIUM",
      flags: ["declining_mood"],
      source: "trend",
      day: job.day,
      // Each score with its day, "0.42 (2025-03-07) → …"; pages show it in the clinician's words (formatTrendReason).
      reason: last3.map((d) => `${d.s.toFixed(2)} (${d.day})`).join(" → "),
    })
    .onConflictDoNothing({ target: [riskAlerts.patientId, riskAlerts.day, riskAlerts.source] })
    .returning({ id: riskAlerts.id });
  return res.length > 0;
}

function rawDayWindow(day: string) {
  return sql`${dailyConversationAnalysis.day} <= ${day}::date AND ${dailyConversationAnalysis.day} > ${day}::date - 7`;
}
