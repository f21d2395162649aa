// The claim protocol between stored webhook events and processors (docs/decisions/007):
// a processor that died holding a claim is taken over after the timeout; two processors on one
// Postgres process each event once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql } from "../db/client";
import { claimEvents } from "../app/ingest/claims.server";
import { IngestProcessor, stopIngestProcessor } from "../app/ingest/process.server";
import { storeRawEvent } from "../app/ingest/group-commit.server";
import { inboundMessages, metaJson, newWamid, textMessage } from "../app/sandbox/webhook-payloads";
import { makeOrg } from "./factories";
import { ingestDatabase } from "./ingest-support";
import { until } from "./wait";

let database: Awaited<ReturnType<typeof ingestDatabase>>;
beforeAll(async () => {
  database = await ingestDatabase();
});
afterAll(async () => database.drop());

/** Stored as stage one stores them, without waking this process's processor. */
async function store(phoneNumberId: string, n: number) {
  const wamids = Array.from({ length: n }, () => newWamid());
  const ids = await Promise.all(wamids.map((w, i) => {
    const wa = `3460${String(7_000_000 + i)}`;
    return storeRawEvent(Buffer.from(metaJson(inboundMessages({ phoneNumberId, sender: { waId: wa }, messages: [textMessage(wa, `m${i}`, { id: w })] }))));
  }));
  // Two groups in flight commit in either order: ids follow arrival within a group only.
  return { wamids, ids: ids.sort((x, y) => x - y) };
}

describe("claims", () => {
  it("a processor killed while holding a claim: its events are taken over after the timeout, not before", async () => {
    await stopIngestProcessor();
    const org = await makeOrg();
    const { wamids, ids } = await store(org.phoneNumberId, 20);
    // What a processor leaves when kill -9 hits between its claim and its processing transaction.
    const dead = await claimEvents("dead-processor", 100, 60);
    expect(dead.map((e) => e.id)).toEqual(ids);
    const survivor = new IngestProcessor({ owner: "survivor", claimTimeoutSeconds: 1.5, pollMs: 100 });
    const t0 = Date.now();
    expect(await survivor.runOnce()).toBe(0); // the claim is fresh: not taken
    survivor.start();
    try {
      await until("taken over and processed", async () =>
        (await rawSql()`SELECT count(*)::int AS n FROM webhook_events WHERE id = ANY(${ids}) AND status = 'processed'`)[0]!.n === ids.length, 15_000);
    } finally {
      await survivor.stop();
    }
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    const events = await rawSql()`SELECT DISTINCT claimed_by, attempts FROM webhook_events WHERE id = ANY(${ids})`;
    expect(events).toEqual([{ claimed_by: "survivor", attempts: 1 }]);
    expect((await rawSql()`SELECT count(*)::int AS n FROM message_log WHERE provider_id = ANY(${wamids})`)[0]!.n).toBe(20);
  });

  it("two processors on one Postgres: every event claimed by exactly one, processed once", async () => {
    await stopIngestProcessor();
    const org = await makeOrg();
    const { wamids, ids } = await store(org.phoneNumberId, 300);
    const a = new IngestProcessor({ owner: "a", batchEvents: 7 });
    const b = new IngestProcessor({ owner: "b", batchEvents: 7 });
    const claimed = { a: [] as number[], b: [] as number[] };
    a.onClaim = (x) => claimed.a.push(...x);
    b.onClaim = (x) => claimed.b.push(...x);
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(claimed.a.length).toBeGreaterThan(0);
    expect(claimed.b.length).toBeGreaterThan(0);
    expect(claimed.a.filter((id) => claimed.b.includes(id))).toEqual([]);
    expect([...claimed.a, ...claimed.b].sort((x, y) => x - y)).toEqual(ids);
    const [ev] = await rawSql()`SELECT count(*)::int AS n, max(attempts)::int AS most FROM webhook_events WHERE id = ANY(${ids}) AND status = 'processed'`;
    expect(ev).toEqual({ n: 300, most: 1 });
    const [m] = await rawSql()`SELECT count(*)::int AS n, count(DISTINCT provider_id)::int AS d FROM message_log WHERE provider_id = ANY(${wamids})`;
    expect(m).toEqual({ n: 300, d: 300 });
  });
});
