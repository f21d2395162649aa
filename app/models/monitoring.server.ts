// What a clinician reads about one patient: open alerts, daily analyses, the raw feed.
// Every function takes orgId and selects explicit columns; callers audit the read.
import { and, asc, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { clinicians, dailyConversationAnalysis, messageLog, riskAlerts } from "../../db/schema";
import { notifyLive } from "../lib/notify.server";
import { audit, type Actor } from "./audit.server";

const LEVEL_RANK: Record<string, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/** The first local day of a window of `days` days ending today, in the org's timezone. */
const windowStartDay = (days: number, timezone: string) =>
  sql`((now() AT TIME ZONE ${timezone})::date - ${days - 1}::int)`;

/** Unacknowledged alerts, highest level first, each with the message that raised it. */
export async function listOpenAlerts(orgId: string, patientId: string) {
  const rows = await db()
    .select({
      id: riskAlerts.id,
      level: riskAlerts.level,
      flags: riskAlerts.flags,
      source: riskAlerts.source,
      reason: riskAlerts.reason,
      day: riskAlerts.day,
      createdAt: riskAlerts.createdAt,
      messageId: riskAlerts.messageId,
      messageContent: messageLog.content,
      messageType: messageLog.type,
      messageAt: messageLog.timestamp,
    })
    .from(riskAlerts)
    .leftJoin(messageLog, and(eq(messageLog.id, riskAlerts.messageId), eq(messageLog.orgId, orgId)))
    .where(and(eq(riskAlerts.orgId, orgId), eq(riskAlerts.patientId, patientId), isNull(riskAlerts.acknowledgedAt)))
    .orderBy(desc(riskAlerts.createdAt))
    .limit(50);
  return rows.sort((a, b) => (LEVEL_RANK[b.level] ?? 0) - (LEVEL_RANK[a.level] ?? 0));
}

/** The most recently acknowledged alert, so the banner can say who looked and when. */
export async function lastAcknowledgement(orgId: string, patientId: string) {
  const [row] = await db()
    .select({ at: riskAlerts.acknowledgedAt, by: sql<string | null>`coalesce(${clinicians.name}, ${clinicians.email})` })
    .from(riskAlerts)
    .leftJoin(clinicians, and(eq(clinicians.id, riskAlerts.acknowledgedBy), eq(clinicians.orgId, orgId)))
    .where(and(eq(riskAlerts.orgId, orgId), eq(riskAlerts.patientId, patientId), sql`${riskAlerts.acknowledgedAt} IS NOT NULL`))
    .orderBy(desc(riskAlerts.acknowledgedAt))
    .limit(1);
  return row?.at ? { at: row.at, by: row.by } : null;
}

/** Today's date (YYYY-MM-DD) on the organization's wall clock. */
export const localToday = (timezone: string, now = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

/** Acknowledges every open alert of the patient: who and when, audited, pages told. */
export async function acknowledgeAlerts(actor: Actor & { clinicianId: string }, patientId: string) {
  return db().transaction(async (tx) => {
    const acked = await tx
      .update(riskAlerts)
      .set({ acknowledgedBy: actor.clinicianId, acknowledgedAt: sql`now()` })
      .where(and(eq(riskAlerts.orgId, actor.orgId), eq(riskAlerts.patientId, patientId), isNull(riskAlerts.acknowledgedAt)))
      .returning({ id: riskAlerts.id, level: riskAlerts.level });
    await audit(actor, "risk_alert.acknowledge", { patientId, detail: { alerts: acked.map((a) => a.id) } }, tx);
    if (acked.length) await notifyLive(tx, { org_id: actor.orgId, kind: "alert", patient_id: patientId });
    return acked.length;
  });
}

/** Daily analyses of the last `days` local days, oldest first (chart order). */
export async function listAnalyses(orgId: string, patientId: string, days: number, timezone: string) {
  return db()
    .select({
      day: dailyConversationAnalysis.day,
      sentimentScore: dailyConversationAnalysis.sentimentScore,
      emotionalState: dailyConversationAnalysis.emotionalState,
      riskLevel: dailyConversationAnalysis.riskLevel,
      riskFlags: dailyConversationAnalysis.riskFlags,
      summary: dailyConversationAnalysis.summary,
      suggestion: dailyConversationAnalysis.suggestion,
      messageCount: dailyConversationAnalysis.messageCount,
      model: dailyConversationAnalysis.model,
      analyzer: dailyConversationAnalysis.analyzer,
      language: dailyConversationAnalysis.language,
    })
    .from(dailyConversationAnalysis)
    .where(
      and(
        eq(dailyConversationAnalysis.orgId, orgId),
        eq(dailyConversationAnalysis.patientId, patientId),
        gte(dailyConversationAnalysis.day, windowStartDay(days, timezone)),
      ),
    )
    .orderBy(asc(dailyConversationAnalysis.day));
}

export const MESSAGE_FEED_LIMIT = 1000;

/** The raw feed of the last `days` local days, oldest first. */
export async function listMessages(orgId: string, patientId: string, days: number, timezone: string) {
  const since = sql`(${windowStartDay(days, timezone)}::timestamp AT TIME ZONE ${timezone})`;
  const rows = await db()
    .select({
      id: messageLog.id,
      direction: messageLog.direction,
      type: messageLog.type,
      content: messageLog.content,
      mediaUrl: messageLog.mediaUrl,
      status: messageLog.status,
      errorCode: messageLog.errorCode,
      errorTitle: messageLog.errorTitle,
      timestamp: messageLog.timestamp,
      transcriptionState: messageLog.transcriptionState,
      transcriptionError: messageLog.transcriptionError,
      riskLevel: messageLog.riskLevel,
    })
    .from(messageLog)
    .where(and(eq(messageLog.patientId, patientId), eq(messageLog.orgId, orgId), gte(messageLog.timestamp, since)))
    .orderBy(desc(messageLog.timestamp))
    .limit(MESSAGE_FEED_LIMIT);
  return rows.reverse();
}

export type MonitoringMessage = Awaited<ReturnType<typeof listMessages>>[number];
export type MonitoringAnalysis = Awaited<ReturnType<typeof listAnalyses>>[number];
export type OpenAlert = Awaited<ReturnType<typeof listOpenAlerts>>[number];
