// The claim protocol between stored webhook events and the processors that turn them into
// rows (docs/decisions/007-group-commit-and-claims.md). Any number of processes share one
// table: a processor claims a batch of `received` events with FOR UPDATE SKIP LOCKED (two
// claimers never wait for each other nor take the same row), stamps them with its id and the
// time, processes them in a transaction of its own, which moves them out of `received`.
// A claim older than the timeout belongs to a processor presumed dead: the next claimer takes
// it over. Processing is idempotent, so even a live-but-slow processor overtaken at the
// timeout cannot store anything twice.
import { rawSql } from "../../db/client";

export interface ClaimedEvent {
  id: number;
  body: Buffer;
}

/** A batch stays bounded in memory whatever the deliveries' sizes (each is ≤ 4 MiB). */
const MAX_CLAIM_BYTES = 8 * 1024 * 1024;

/**
 * Claims up to `limit` events, oldest first: unclaimed ones, this owner's own (left by an
 * attempt of this process that failed), and those whose claim is older than
 * `timeoutSeconds`. The claim's COMMIT need not be durable: a claim lost in a crash only
 * makes its events claimable again at once.
 */
export async function claimEvents(owner: string, limit: number, timeoutSeconds: number): Promise<ClaimedEvent[]> {
  const rows = await rawSql().begin(async (c) => {
    await c`SET LOCAL synchronous_commit = off`;
    const candidates = await c<{ id: string; size: number }[]>`
      SELECT id, octet_length(body) AS size FROM webhook_events
      WHERE status = 'received'
        AND (claimed_at IS NULL OR claimed_by = ${owner} OR claimed_at < now() - make_interval(secs => ${timeoutSeconds}))
      ORDER BY id LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    const ids: string[] = [];
    let bytes = 0;
    for (const r of candidates) {
      if (ids.length && bytes + r.size > MAX_CLAIM_BYTES) break;
      bytes += r.size;
      ids.push(r.id);
    }
    if (!ids.length) return [];
    // Rows locked above but not taken are released at COMMIT.
    return c<{ id: string; body: Buffer }[]>`
      UPDATE webhook_events SET claimed_by = ${owner}, claimed_at = now() WHERE id = ANY(${ids}::bigint[]) RETURNING id, body`;
  });
  return (rows as unknown as Array<{ id: string; body: Buffer }>).map((r) => ({ id: Number(r.id), body: r.body })).sort((a, b) => a.id - b.id);
}

/** Gives claims back after a failed attempt, so another processor need not wait for the timeout. */
export async function releaseClaims(owner: string, ids: number[]) {
  await rawSql()`UPDATE webhook_events SET claimed_by = NULL, claimed_at = NULL
    WHERE id = ANY(${ids}::bigint[]) AND claimed_by = ${owner} AND status = 'received'`;
}
