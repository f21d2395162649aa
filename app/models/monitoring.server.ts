// What a clinician reads about one patient: daily analyses and the raw feed (alerts and their
// acknowledgement: risk-state.server.ts).
// Every function takes orgId and selects explicit columns; callers audit the read.
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { dailyConversationAnalysis, messageLog } from "../../db/schema";

/** The first local day of a window of `days` days ending today, in the org's timezone. */
const windowStartDay = (days: number, timezone: string) =>
  sql`((now() AT TIME ZONE ${timezone})::date - ${days - 1}::int)`;

/** Today's date (YYYY-MM-DD) on the organization's wall clock. */
export const localToday = (timezone: string, now = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

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
