// Stage one's only write: the raw body of a verified delivery into webhook_events, through a
// group commit (docs/decisions/007-group-commit-and-claims.md). Deliveries that arrive while
// earlier INSERTs are committing wait, then share one INSERT and one COMMIT: under Meta's
// peak one WAL flush acknowledges hundreds of deliveries; under light load a delivery goes
// alone, at once. synchronous_commit stays on: a 200 means the bytes are on disk.
import { rawSql } from "../../db/client";

/** Channel the processors LISTEN on; the payload is empty (the table is the queue). */
export const INGEST_CHANNEL = "kura_ingest";

// Two INSERTs in flight: while one waits for its WAL flush the next group is already being
// sent, and Postgres flushes them together. More only adds connections doing the same flush.
const MAX_INFLIGHT = 2;
const MAX_ROWS = 500;
const MAX_BYTES = 16 * 1024 * 1024;

type Stored = "received" | "invalid";
interface Waiting {
  raw: Buffer;
  status: Stored;
  resolve: (id: number) => void;
  reject: (err: unknown) => void;
}

const waiting: Waiting[] = [];
let inflight = 0;

// One statement text whatever the group size (one prepared statement): the bodies travel as
// one bytea parameter, cut apart by offset and length. Ids are drawn in the callers' order
// (WITH ORDINALITY), so each learns its own; the NOTIFY is sent at COMMIT, once per group.
const INSERT_SQL = `
WITH v AS (
  SELECT nextval(pg_get_serial_sequence('webhook_events', 'id')) AS id, substring($1::bytea FROM t.start FOR t.len) AS body, t.status, t.n
  FROM unnest($2::int[], $3::int[], $4::text[]) WITH ORDINALITY AS t(start, len, status, n)
  ORDER BY t.n -- nextval after the sort: ids follow arrival, so processing does too
),
ins AS (INSERT INTO webhook_events (id, body, status) SELECT id, body, status FROM v RETURNING id)
SELECT v.id, (SELECT count(*) FROM ins) AS stored, pg_notify('${INGEST_CHANNEL}', '') AS notified FROM v ORDER BY v.n`;

async function insertGroup(group: Waiting[]): Promise<number[]> {
  const starts: number[] = [];
  let at = 1;
  for (const g of group) {
    starts.push(at);
    at += g.raw.length;
  }
  const params = [Buffer.concat(group.map((g) => g.raw)), starts, group.map((g) => g.raw.length), group.map((g) => g.status)];
  const rows = await rawSql().unsafe<{ id: string }[]>(INSERT_SQL, params as any[], { prepare: true });
  return rows.map((r) => Number(r.id));
}

function pump() {
  while (inflight < MAX_INFLIGHT && waiting.length) {
    const group = [waiting.shift()!];
    let bytes = group[0]!.raw.length;
    while (waiting.length && group.length < MAX_ROWS && bytes + waiting[0]!.raw.length <= MAX_BYTES) {
      bytes += waiting[0]!.raw.length;
      group.push(waiting.shift()!);
    }
    inflight++;
    insertGroup(group)
      .then((ids) => group.forEach((g, k) => g.resolve(ids[k]!)), (err) => group.forEach((g) => g.reject(err)))
      .finally(() => {
        inflight--;
        pump();
      });
  }
}

/** Resolves with the event id once the body is committed; rejects when it could not be stored. */
export function storeRawEvent(raw: Buffer, status: Stored = "received"): Promise<number> {
  return new Promise((resolve, reject) => {
    waiting.push({ raw, status, resolve, reject });
    pump();
  });
}
