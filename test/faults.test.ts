// Faults, in-process: concurrent redeliveries, a full-size batch, 1,000 mutated payloads.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql } from "../db/client";
import { makeOrg } from "./factories";
import { deliver, ingestDatabase, processed } from "./ingest-support";
import { allMessageTypeSamples, inboundMessages, metaJson, newWamid, statusUpdate, textMessage } from "../app/sandbox/webhook-payloads";

let database: Awaited<ReturnType<typeof ingestDatabase>>;
beforeAll(async () => {
  database = await ingestDatabase();
});
afterAll(async () => database.drop());

describe("faults", () => {
  it("five concurrent redeliveries of one message make one row", async () => {
    const org = await makeOrg();
    const wamid = newWamid();
    const body = inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34600200200" }, messages: [textMessage("34600200200", "hola", { id: wamid })] });
    const res = await Promise.all(Array.from({ length: 5 }, () => deliver(body)));
    await processed();
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await rawSql()`SELECT 1 FROM message_log WHERE provider_id = ${wamid}`).toHaveLength(1);
    expect(await rawSql()`SELECT 1 FROM pgboss.job WHERE name = 'risk-screen' AND singleton_key = (SELECT id::text FROM message_log WHERE provider_id = ${wamid})`).toHaveLength(1);
  });

  it("one bad delivery among concurrent ones fails alone; its neighbours are stored", async () => {
    const org = await makeOrg();
    await rawSql().unsafe(`ALTER TABLE message_log ADD CONSTRAINT faults_boom CHECK (content IS DISTINCT FROM 'boom')`);
    let res;
    try {
      res = await Promise.all(["a", "b", "boom", "c", "d", "e"].map((t, i) =>
        deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: `3460030030${i}` }, messages: [textMessage(`3460030030${i}`, t)] }))));
      await processed();
    } finally {
      await rawSql().unsafe(`ALTER TABLE message_log DROP CONSTRAINT faults_boom`);
    }
    expect(res.map((r) => r.status)).toEqual(Array(6).fill(200));
    const rows = await rawSql()`SELECT content FROM message_log WHERE org_id = ${org.orgId} ORDER BY content`;
    expect(rows.map((r) => r.content)).toEqual(["a", "b", "c", "d", "e"]);
    const [failed] = await rawSql()`SELECT id FROM webhook_events WHERE status = 'failed' AND org_id IS NULL ORDER BY id DESC LIMIT 1`;
    expect(failed).toBeTruthy();
  });

  it("1,000 mutated payloads: never a 5xx, never a crash, each stored raw", async () => {
    const org = await makeOrg();
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const wa = "34600400400";
    const samples = allMessageTypeSamples(wa).map((s) => s.message);
    const nest = (depth: number): unknown => (depth === 0 ? "deep" : { n: nest(depth - 1) });
    const weird = () => pick<unknown>([null, 0, -1, 1e308, "", "x".repeat(200_000), [], {}, true, "\u0000nul", "\ud800lone", "💥".repeat(1000), nest(200), [[[[]]]], "2024-13-45", "wamid." + "A".repeat(2000)]);
    const mutate = (v: any, depth = 0): any => {
      if (v === null || typeof v !== "object" || depth > 12) return rand() < 0.15 ? weird() : v;
      const copy: any = Array.isArray(v) ? [...v] : { ...v };
      const keys = Object.keys(copy);
      if (keys.length && rand() < 0.2) delete copy[pick(keys)]; // fields removed
      if (keys.length && rand() < 0.25) copy[pick(keys)] = weird(); // wrong types, huge strings, deep nesting
      if (!Array.isArray(copy) && rand() < 0.1) copy.type = pick(["hologram", "", 7, null, "system", "reaction"]); // unknown types
      for (const k of Object.keys(copy)) copy[k] = mutate(copy[k], depth + 1);
      return copy;
    };
    let bodies = 0;
    const statusCodes: Record<number, number> = {};
    const before = (await rawSql()`SELECT max(id) AS id FROM webhook_events`)[0]!.id ?? 0;
    for (let i = 0; i < 1000; i++) {
      const base = rand() < 0.8
        ? inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: wa, name: "Mutante" }, messages: [structuredClone(pick(samples)), textMessage(wa, `t${i}`)] })
        : statusUpdate({ phoneNumberId: org.phoneNumberId, wamid: newWamid(), status: pick(["sent", "delivered", "read", "failed"] as const), recipient: wa });
      const mutated = mutate(base);
      // Keep the routing most of the time so mutations reach the message code, not just "unrouted".
      const raw = rand() < 0.05 ? metaJson(mutated).slice(0, 50 + Math.floor(rand() * 200)) : metaJson(mutated);
      const res = await deliver(raw);
      statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
      expect(res.status, `delivery ${i}`).toBeLessThan(500);
      bodies++;
    }
    expect(bodies).toBe(1000);
    await processed(60_000);
    const [stored] = await rawSql()`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'invalid')::int AS invalid FROM webhook_events WHERE id > ${before}`;
    expect(stored!.n).toBe(1000);
    expect(stored!.invalid).toBe(statusCodes[400] ?? 0);
    expect(Object.keys(statusCodes).every((c) => ["200", "400"].includes(c))).toBe(true);
    // Lenient parsing: nothing failed processing; what was readable became rows.
    const [failed] = await rawSql()`SELECT count(*)::int AS n FROM webhook_events WHERE id > ${before} AND status = 'failed'`;
    expect(failed!.n).toBe(0);
    const [rows] = await rawSql()`SELECT count(*)::int AS n FROM message_log WHERE org_id = ${org.orgId}`;
    expect(rows!.n).toBeGreaterThan(50);
  }, 120_000);

  it("a ~3 MB delivery of 1,000 messages from 1,000 senders: 200, 1,000 rows, 1,000 leads", async () => {
    const org = await makeOrg();
    const base = crypto.randomInt(1_000_000, 8_000_000);
    const parts = Array.from({ length: 1000 }, (_, i) => {
      const wa = `3461${base + i}`;
      return inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: wa, name: `P${i}` }, messages: [textMessage(wa, "y".repeat(2700))] }) as any;
    });
    const body = { object: "whatsapp_business_account", entry: [{ id: "1", changes: parts.map((p) => p.entry[0].changes[0]) }] };
    expect(Buffer.byteLength(metaJson(body))).toBeGreaterThan(2.8e6);
    expect((await deliver(body)).status).toBe(200);
    await processed();
    const [n] = await rawSql()`SELECT (SELECT count(*) FROM message_log WHERE org_id = ${org.orgId})::int AS m, (SELECT count(*) FROM leads WHERE org_id = ${org.orgId})::int AS l`;
    expect(n).toEqual({ m: 1000, l: 1000 });
  });
});
