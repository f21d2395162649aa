// Data for the chat page (ChatFeed): the thread, the window, open drafts, templates.
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { db } from "../../db/client";
import { messageLog, outboundDrafts } from "../../db/schema";
import { config } from "../config.server";
import { logger } from "../logger.server";
import type { Locale } from "../i18n";
import { graphErrorWords } from "./errors.server";
import { accountFor, windowState } from "./policy.server";
import { approvedTemplates, type Template } from "./templates.server";

export const THREAD_LIMIT = 200;

export async function chatThread(orgId: string, patientId: string, locale: Locale) {
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
      riskLevel: messageLog.riskLevel,
    })
    .from(messageLog)
    .where(and(eq(messageLog.orgId, orgId), eq(messageLog.patientId, patientId)))
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
