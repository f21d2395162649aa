// Data for the chat page (ChatFeed): the thread, the window, open drafts, templates.
import { and, asc, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { messageLog, outboundDrafts } from "../../db/schema";
import { config } from "../config.server";
import { logger } from "../logger.server";
import type { Locale } from "../i18n";
import { graphErrorWords } from "./errors.server";
import { accountFor, windowState } from "./policy.server";
import { approvedTemplates, type Template } from "./templates.server";

export const THREAD_LIMIT = 200;

/**
 * With `at` (a message id, from search results): when that message is older than the latest
 * page, the page ends 20 messages after it, so it is shown (ChatFeed scrolls to `#m-<id>`).
 */
async function threadCeiling(orgId: string, patientId: string, at: string | undefined): Promise<Date | null> {
  if (!at || !/^[0-9a-f-]{36}$/i.test(at)) return null;
  const [row] = await db()
    .select({
      ceiling: sql<Date | null>`(SELECT m2.timestamp FROM ${messageLog} m2 WHERE m2.org_id = ${orgId} AND m2.patient_id = ${patientId}
        AND m2.timestamp >= ${messageLog.timestamp} ORDER BY m2.timestamp OFFSET 20 LIMIT 1)`,
    })
    .from(messageLog)
    .where(and(eq(messageLog.id, at), eq(messageLog.orgId, orgId), eq(messageLog.patientId, patientId)));
  return row?.ceiling ? new Date(row.ceiling) : null;
}

export async function chatThread(orgId: string, patientId: string, locale: Locale, opts: { at?: string } = {}) {
  const ceiling = await threadCeiling(orgId, patientId, opts.at);
  // Newest page first (index patient_id, timestamp), shown oldest → newest.
  const rows = await db()
    .select({
      id: messageLog.id,
      direction: messageLog.direction,
      type: messageLog.type,
      content: messageLog.content,
      status: messageLog.status,
      errorCode: messageLog.errorCode,
      timestamp: messageLog.timestamp,
      template: messageLog.template,
      transcriptionState: messageLog.transcriptionState,
      transcriptionError: messageLog.transcriptionError,
      mediaUrl: messageLog.mediaUrl,
      riskLevel: messageLog.riskLevel,
    })
    .from(messageLog)
    .where(and(eq(messageLog.orgId, orgId), eq(messageLog.patientId, patientId), ceiling ? lte(messageLog.timestamp, ceiling) : undefined))
    .orderBy(desc(messageLog.timestamp))
    .limit(THREAD_LIMIT);
  return rows.reverse().map((m) => ({
    id: m.id,
    outbound: m.direction === "OUTBOUND",
    type: m.type,
    content: m.content,
    status: m.status === "played" ? "read" : m.status,
    // Failed outbound: the reason in words (queued with a code: Meta asked us to slow down).
    reason: m.direction === "OUTBOUND" && (m.status === "failed" || m.errorCode) ? graphErrorWords(m.errorCode, locale) : null,
    at: m.timestamp.toISOString(),
    templateName: (m.template as { name?: string } | null)?.name ?? null,
    riskLevel: m.direction === "INBOUND" ? m.riskLevel : null,
    // Voice notes: the player and the same state wording as monitoring (app/lib/voice-note.ts).
    mediaUrl: m.type === "audio" ? m.mediaUrl : null,
    transcriptionState: m.type === "audio" ? m.transcriptionState : null,
    transcriptionError: m.type === "audio" ? m.transcriptionError : null,
  }));
}

export async function openDrafts(orgId: string, patientId: string) {
  return db()
    .select({ id: outboundDrafts.id, content: outboundDrafts.content, createdAt: outboundDrafts.createdAt })
    .from(outboundDrafts)
    .where(and(eq(outboundDrafts.orgId, orgId), eq(outboundDrafts.patientId, patientId), isNull(outboundDrafts.resolvedAt)))
    .orderBy(asc(outboundDrafts.createdAt));
}

export async function chatContext(orgId: string, patientId: string) {
  const [window, account] = await Promise.all([windowState(orgId, patientId), accountFor(orgId)]);
  let templates: Template[] = [];
  if (account && !window.open) {
    try {
      templates = await approvedTemplates(account);
    } catch (e) {
      // The page still works (the window and thread show); the composer says no templates.
      logger().warn({ err: { message: (e as Error).message } }, "template list unavailable");
    }
  }
  return {
    window: { open: window.open, minutesLeft: window.closesAt ? Math.max(0, Math.floor((window.closesAt.getTime() - Date.now()) / 60_000)) : null, everWrote: Boolean(window.lastInboundAt) },
    devMode: account?.mode !== "live",
    sandbox: config().meta.sandbox && !config().production,
    templates,
  };
}
