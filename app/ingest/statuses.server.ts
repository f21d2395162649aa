// Delivery statuses of OUTBOUND messages. Meta sends them out of order and more than once, so
// a status only ever moves a message forward (a late "delivered" never overwrites "read"), and
// every status is kept in message_statuses: one that arrives before its outbound row exists is
// applied when the sender stores the row's provider_id (applyPendingStatuses).
import { sql } from "drizzle-orm";
import { db, rawSql, type DbOrTx } from "../../db/client";
import { LIVE_CHANNEL } from "../lib/notify.server";

/** played (a voice note listened to) is past read; failed is terminal. */
export const STATUS_RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, played: 4, failed: 5 };

/** SQL rank of message_log.status (queued/accepted/anything else: 0). */
export const RANK_SQL = `coalesce(array_position(ARRAY['sent','delivered','read','played','failed'], m.status), 0)`;

/**
 * Applies the best not-yet-applied status of `providerId` to its OUTBOUND row. Call it in the
 * transaction that sets message_log.provider_id on an outbound row, right after setting it.
 * Returns the status now on the row, or null when there was nothing to apply.
 */
export async function applyPendingStatuses(tx: DbOrTx, orgId: string, providerId: string): Promise<string | null> {
  const rows = await tx.execute<{ status: string }>(sql`
    WITH best AS (
      SELECT status, timestamp, error_code, error_title, error_details,
        coalesce(array_position(ARRAY['sent','delivered','read','played','failed'], status), 0) AS rank
      FROM message_statuses
      WHERE org_id = ${orgId} AND provider_id = ${providerId} AND NOT applied
      ORDER BY rank DESC, timestamp DESC LIMIT 1
    ), mark AS (
      UPDATE message_statuses SET applied = true
      WHERE org_id = ${orgId} AND provider_id = ${providerId} AND NOT applied
    ), upd AS (
      UPDATE message_log m SET status = b.status, status_at = b.timestamp,
        error_code = CASE WHEN b.status = 'failed' THEN b.error_code ELSE m.error_code END,
        error_title = CASE WHEN b.status = 'failed' THEN b.error_title ELSE m.error_title END,
        error_details = CASE WHEN b.status = 'failed' THEN b.error_details ELSE m.error_details END
      FROM best b
      WHERE m.org_id = ${orgId} AND m.provider_id = ${providerId} AND m.direction = 'OUTBOUND' AND b.rank > ${sql.raw(RANK_SQL)}
      RETURNING m.id, m.org_id, m.patient_id, m.lead_id, m.status
    )
    SELECT status, pg_notify(${LIVE_CHANNEL}, json_build_object('org_id', org_id, 'kind', 'status', 'patient_id', patient_id,
      'lead_id', lead_id, 'message_id', id)::text) FROM upd`);
  return (rows as unknown as Array<{ status: string }>)[0]?.status ?? null;
}

/**
 * The sweep for a status committed while its outbound row's transaction was still open:
 * neither transaction saw the other, so neither applied it. Run by the ingest processor's
 * tick (about once a second), so such a status lands within a second of the row, not at the
 * message's next status. Statuses of messages this app never sent stay pending; the window
 * keeps the sweep to recent ones.
 */
export async function applyLateStatuses(): Promise<number> {
  const pending = await rawSql()<{ org_id: string; provider_id: string }[]>`
    SELECT DISTINCT s.org_id, s.provider_id FROM message_statuses s
    WHERE NOT s.applied AND s.created_at > now() - interval '1 day'
      AND EXISTS (SELECT 1 FROM message_log m WHERE m.provider_id = s.provider_id AND m.org_id = s.org_id AND m.direction = 'OUTBOUND')
    LIMIT 500`;
  for (const p of pending) await db().transaction((tx) => applyPendingStatuses(tx, p.org_id, p.provider_id));
  return pending.length;
}
