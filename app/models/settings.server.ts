// What the WhatsApp settings page shows: the account, the webhook's health, the events that
// need a human (failed, unrouted) and the token's state. Never event bodies (health data).
import { and, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { organizations, webhookEvents, webhookRejections, whatsappAccounts } from "../../db/schema";
import { describeError, reprocessEvent } from "../ingest/process.server";
import { logger } from "../logger.server";
import { audit, type Actor } from "./audit.server";

export const FAILED_STATUSES = ["failed", "error"];
export const UNROUTED_STATUS = "unrouted";

export async function getWhatsappAccounts(orgId: string) {
  return db()
    .select({
      id: whatsappAccounts.id,
      phoneNumberId: whatsappAccounts.phoneNumberId,
      displayPhone: whatsappAccounts.displayPhone,
      mode: whatsappAccounts.mode,
      testRecipients: whatsappAccounts.testRecipients,
      tokenError: whatsappAccounts.tokenError,
      tokenErrorAt: whatsappAccounts.tokenErrorAt,
    })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.orgId, orgId))
    .orderBy(whatsappAccounts.createdAt);
}

export async function getWebhookHealth(orgId: string) {
  const [[last], [rejections]] = await Promise.all([
    db()
      .select({ at: webhookEvents.receivedAt })
      .from(webhookEvents)
      .where(eq(webhookEvents.orgId, orgId))
      .orderBy(desc(webhookEvents.receivedAt))
      .limit(1),
    // A bad signature cannot be tied to an organization (its body is not trusted): counted for all.
    db()
      .select({
        // Older rows are hourly counts (retention job): sum, not count.
        signature: sql<number>`(coalesce(sum(${webhookRejections.count}) FILTER (WHERE ${webhookRejections.reason} ILIKE '%signature%'), 0))::int`,
        other: sql<number>`(coalesce(sum(${webhookRejections.count}) FILTER (WHERE ${webhookRejections.reason} NOT ILIKE '%signature%'), 0))::int`,
        lastSignatureAt: sql<string | null>`max(${webhookRejections.at}) FILTER (WHERE ${webhookRejections.reason} ILIKE '%signature%')`,
      })
      .from(webhookRejections)
      .where(gte(webhookRejections.at, sql`now() - interval '24 hours'`)),
  ]);
  return {
    lastReceivedAt: last?.at ?? null,
    signatureFailures24h: rejections?.signature ?? 0,
    lastSignatureFailureAt: rejections?.lastSignatureAt ? new Date(rejections.lastSignatureAt) : null,
    otherRejections24h: rejections?.other ?? 0,
  };
}

const eventColumns = {
  id: webhookEvents.id,
  receivedAt: webhookEvents.receivedAt,
  status: webhookEvents.status,
  error: webhookEvents.error,
  attempts: webhookEvents.attempts,
  phoneNumberIds: webhookEvents.phoneNumberIds,
  messageCount: webhookEvents.messageCount,
  statusCount: webhookEvents.statusCount,
};

export async function listFailedEvents(orgId: string, limit = 50) {
  return db()
    .select(eventColumns)
    .from(webhookEvents)
    .where(and(eq(webhookEvents.orgId, orgId), inArray(webhookEvents.status, FAILED_STATUSES)))
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(limit);
}

/**
 * Unrouted deliveries belong to no organization: admins see how many there are and the
 * phone_number_ids nobody owns (to bind with `org:create --phone-number-id`), never event ids.
 */
export async function unroutedSummary() {
  const [row] = await db()
    .select({
      count: sql<number>`count(*)::int`,
      phoneNumberIds: sql<string[] | null>`(SELECT array_agg(DISTINCT p ORDER BY p) FROM (SELECT unnest(${webhookEvents.phoneNumberIds}) AS p FROM ${webhookEvents} WHERE ${webhookEvents.orgId} IS NULL AND ${webhookEvents.status} = ${UNROUTED_STATUS} LIMIT 200) ids)`,
      lastAt: sql<string | null>`max(${webhookEvents.receivedAt})`,
    })
    .from(webhookEvents)
    .where(and(isNull(webhookEvents.orgId), eq(webhookEvents.status, UNROUTED_STATUS)));
  return { count: row?.count ?? 0, phoneNumberIds: row?.phoneNumberIds ?? [], lastAt: row?.lastAt ? new Date(row.lastAt) : null };
}

/** An event this organization may replay: its own failed events (unrouted ones are bound by the CLI). */
export async function findReplayableEvent(orgId: string, eventId: number) {
  const [row] = await db()
    .select({ id: webhookEvents.id, orgId: webhookEvents.orgId, status: webhookEvents.status })
    .from(webhookEvents)
    .where(eq(webhookEvents.id, eventId));
  if (!row) return null;
  if (row.orgId === orgId && FAILED_STATUSES.includes(row.status)) return row;
  return null;
}

/**
 * Replays an event now, through the ingest processor (the same path the retry job and
 * `webhook:replay` take). Returns the event's new status; a failure stays visible as `failed`.
 */
export async function replayEvent(actor: Actor, eventId: number) {
  await audit(actor, "webhook.replay", { subject: String(eventId) });
  try {
    const result = await reprocessEvent(eventId);
    return { status: result?.status ?? "missing" };
  } catch (err) {
    logger().warn({ eventId, error: describeError(err) }, "webhook replay failed");
    return { status: "failed" as const };
  }
}

/** Days the organization keeps downloaded media bytes; null: as long as the message. */
export async function getMediaRetention(orgId: string): Promise<number | null> {
  const [row] = await db().select({ days: organizations.mediaRetentionDays }).from(organizations).where(eq(organizations.id, orgId));
  return row?.days ?? null;
}

export async function setMediaRetention(actor: Actor, days: number | null) {
  await db().transaction(async (tx) => {
    await tx.update(organizations).set({ mediaRetentionDays: days }).where(eq(organizations.id, actor.orgId));
    await audit(actor, "settings.media_retention", { detail: { days } }, tx);
  });
}
