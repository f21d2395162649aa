// Real-time risk screening: a risky inbound message raises an alert within seconds of being
// stored; idioms, negations, LOW wording and leads do not; with OpenAI the model can add an
// alert or raise one, never lower the lexicon's.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { freshDatabase } from "./db";
import { makeOrg, makePatient } from "./factories";
import { db, rawSql } from "../db/client";
import { enqueue, startBoss, stopBoss, QUEUES } from "../app/queue.server";
import { riskScreenWorker } from "../jobs/risk-screen";
import { screenStoredMessages } from "../app/analysis/screening.server";
import { screenWithContext } from "../app/analysis/risk-context";
import { config, setConfig } from "../app/config.server";
import { startOpenAIDouble, type OpenAIDouble } from "../doubles/openai";
import { until } from "./wait";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let ai: OpenAIDouble;
let org: Awaited<ReturnType<typeof makeOrg>>;
let patient: Awaited<ReturnType<typeof makePatient>>;
const latencies: number[] = [];

beforeAll(async () => {
  ai = await startOpenAIDouble();
  database = await freshDatabase(); // no OPENAI_API_KEY: lexicon only until a test turns it on
  await startBoss(database.url, [riskScreenWorker]);
  org = await makeOrg();
  patient = await makePatient(org.orgId);
});
afterAll(async () => {
  await stopBoss();
  await ai.close();
  await database.drop();
  if (latencies.length) console.log(`[screening] enqueue → alert row: ${latencies.map((ms) => `${ms} ms`).join(", ")}`);
});

/** Stores an inbound message and enqueues its screening in the same transaction, as ingest does. */
async function inbound(text: string, who: { identityId: string; patientId?: string | null; leadId?: string | null }, opts: { enqueue?: boolean; at?: Date } = {}) {
  const id = crypto.randomUUID();
  const at = opts.at ?? new Date();
  await db().transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO message_log (id, org_id, identity_id, patient_id, lead_id, direction, type, content, provider_id, status, timestamp)
        VALUES (${id}, ${org.orgId}, ${who.identityId}, ${who.patientId ?? null}, ${who.leadId ?? null}, 'INBOUND', 'text', ${text}, ${"wamid." + id}, 'received', ${at.toISOString()})`,
    );
    if (opts.enqueue !== false) await enqueue(tx, QUEUES.riskScreen, { messageId: id });
  });
  return id;
}

const alertsOf = (messageId: string) => rawSql()`SELECT level, flags, source, reason, matches, day FROM risk_alerts WHERE message_id = ${messageId} ORDER BY source`;
const riskOf = async (messageId: string) => (await rawSql()`SELECT risk_level FROM message_log WHERE id = ${messageId}`)[0]?.risk_level as string | null;

describe("lexicon screening (no OpenAI)", () => {
  it("raises an alert for indirect suicidal ideation, within seconds", async () => {
    const t0 = Date.now();
    const id = await inbound("la verdad ya no quiero vivir, estoy cansada de todo", patient);
    const alert = await until("alert", async () => (await alertsOf(id))[0]);
    latencies.push(Date.now() - t0);
    expect(alert!.level).toBe("MEDIUM"); // passive wish-to-die: MEDIUM since risk round 2 (decision 006)
    expect(alert!.flags).toContain("suicidal_ideation");
    expect(alert!.source).toBe("lexicon");
    expect(alert!.day).toBeNull();
    expect(await riskOf(id)).toBe("MEDIUM");
  });

  it("measures enqueue → alert latency over a few messages", async () => {
    for (const text of ["me quiero morir", "I want to kill myself tonight", "me corté otra vez", "no puedo más"]) {
      const t0 = Date.now();
      const id = await inbound(text, patient);
      await until("alert", async () => (await alertsOf(id))[0]);
      latencies.push(Date.now() - t0);
    }
    expect(Math.max(...latencies)).toBeLessThan(5_000);
  });

  it("does not alert on idioms, negations or LOW wording (LOW stays on the message)", async () => {
    const idiom = await inbound("jajaja me muero de risa con tu audio", patient);
    const negated = await inbound("tranquila, no pienso hacerme daño", patient);
    const low = await inbound("estoy un poco triste hoy", patient);
    await until("screened", async () => (await riskOf(idiom)) && (await riskOf(negated)) && (await riskOf(low)));
    expect(await riskOf(idiom)).toBe("NONE");
    expect(await riskOf(negated)).toBe("NONE");
    expect(await riskOf(low)).toBe("LOW");
    for (const id of [idiom, negated, low]) expect(await alertsOf(id)).toHaveLength(0);
  });

  it("a lead's HIGH message raises an alert on the lead (issue 11: every sender)", async () => {
    const [identity] = await rawSql()`INSERT INTO identity_vault (org_id, phone) VALUES (${org.orgId}, ${"+3461" + crypto.randomInt(1e6, 9e6)}) RETURNING id`;
    const [lead] = await rawSql()`INSERT INTO leads (org_id, identity_id) VALUES (${org.orgId}, ${identity!.id}) RETURNING id`;
    const id = await inbound("ya no quiero vivir", { identityId: identity!.id, leadId: lead!.id });
    await until("screened", () => riskOf(id));
    expect(await riskOf(id)).toBe("MEDIUM"); // passive wish-to-die: MEDIUM since risk round 2; still alerted
    await until("lead alert", async () => (await alertsOf(id))[0]);
    const [alert] = await rawSql()`SELECT patient_id, lead_id FROM risk_alerts WHERE message_id = ${id}`;
    expect(alert).toMatchObject({ patient_id: null, lead_id: lead!.id });
  });

  it("screening twice (a replayed job) keeps one alert", async () => {
    const id = await inbound("me quiero morir", patient);
    await until("alert", async () => (await alertsOf(id))[0]);
    await db().transaction((tx) => enqueue(tx, QUEUES.riskScreen, { messageId: id }));
    const second = await inbound("me quiero morir", patient); // a later message: a barrier for the replay
    await until("second alert", async () => (await alertsOf(second))[0]);
    await until("replay done", async () => (await rawSql()`SELECT 1 FROM pgboss.job WHERE name = 'risk-screen' AND state IN ('created','active','retry')`).length === 0);
    expect(await alertsOf(id)).toHaveLength(1);
  });
});

describe("never silently off (issue 11)", () => {
  it("ordinary words that are Object property names do not fail the batch: every crisis in it is alerted", async () => {
    const words = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];
    const ids: string[] = [];
    for (const w of words) ids.push(await inbound(`mi hermano es ${w} y hoy llega tarde`, patient));
    const crisis = await inbound("me voy a quitar la vida esta noche, ya tengo todo", patient);
    await until("crisis alert", async () => (await alertsOf(crisis))[0]);
    await until("all screened", async () => (await Promise.all(ids.map(riskOf))).every(Boolean));
    for (const id of ids) expect(await riskOf(id)).toBe("NONE");
    await until("queue drained", async () => (await rawSql()`SELECT 1 FROM pgboss.job WHERE name = 'risk-screen' AND state IN ('created','active','retry')`).length === 0);
    expect(await rawSql()`SELECT id FROM pgboss.job WHERE name = 'risk-screen' AND state = 'failed'`).toHaveLength(0);
  });

  it("a message that cannot be screened is marked and reported failed; the rest of its batch is screened and alerted", async () => {
    const bad = await inbound("mensaje que rompe el analizador", patient, { enqueue: false });
    const good = await inbound("ya no quiero vivir, me voy a matar", patient, { enqueue: false });
    const boom = (text: string, previous: Parameters<typeof screenWithContext>[1]) => {
      if (text.includes("rompe")) throw new TypeError("boom");
      return screenWithContext(text, previous);
    };
    const results = await screenStoredMessages([bad, good], boom);
    expect(results[0]).toEqual({ status: "failed", reason: "TypeError: boom" });
    expect(results[1]).toMatchObject({ status: "screened", level: "HIGH" });
    const [row] = await rawSql()`SELECT risk_level, screen_failed_reason FROM message_log WHERE id = ${bad}`;
    expect(row).toEqual({ risk_level: null, screen_failed_reason: "TypeError: boom" });
    expect((await alertsOf(good))[0]?.level).toBe("HIGH");
    // the retry succeeds and clears the mark
    expect((await screenStoredMessages([bad]))[0]).toMatchObject({ status: "screened" });
    const [after] = await rawSql()`SELECT risk_level, screen_failed_reason FROM message_log WHERE id = ${bad}`;
    expect(after).toEqual({ risk_level: "NONE", screen_failed_reason: null });
  });
});

describe("context: the sender's last 24 hours", () => {
  it("a plan spread over two messages is HIGH on the second", async () => {
    const p = await makePatient(org.orgId);
    const first = await inbound("ya tengo las pastillas", p);
    await until("first screened", () => riskOf(first));
    expect(await riskOf(first)).not.toBe("HIGH"); // alone it is no plan (the classifier may add a MEDIUM)
    const second = await inbound("esta noche", p);
    const alert = await until("context alert", async () => (await alertsOf(second))[0]);
    expect(alert!.level).toBe("HIGH");
    expect(JSON.stringify(alert!.matches)).toContain("CONTEXT_24H");
  });

  it("only the same sender and only the last 24 hours count", async () => {
    const a = await makePatient(org.orgId);
    const b = await makePatient(org.orgId);
    await inbound("ya tengo las pastillas", a, { enqueue: false });
    const other = await inbound("esta noche", b, { enqueue: false });
    const c = await makePatient(org.orgId);
    await inbound("ya tengo las pastillas", c, { enqueue: false, at: new Date(Date.now() - 25 * 3600_000) });
    const late = await inbound("esta noche", c, { enqueue: false });
    expect(await screenStoredMessages([other, late])).toEqual([
      { status: "screened", level: "NONE", model: false },
      { status: "screened", level: "NONE", model: false },
    ]);
  });

  it("\"era broma, estoy bien\" after a MEDIUM lowers nothing: the earlier alert stays", async () => {
    const p = await makePatient(org.orgId);
    const first = await inbound("a veces pienso que sería mejor no despertar", p);
    const alert = await until("alert", async () => (await alertsOf(first))[0]);
    const joke = await inbound("era broma, estoy bien", p);
    await until("joke screened", () => riskOf(joke));
    expect((await alertsOf(first))[0]!.level).toBe(alert!.level);
    expect(RISK_RANK[(await riskOf(first))!]).toBeGreaterThanOrEqual(RISK_RANK.MEDIUM);
  });
});

const RISK_RANK: Record<string, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

describe("with OpenAI (model second opinion)", () => {
  beforeAll(() => {
    setConfig({ ...config(), openai: { ...config().openai, apiKey: "test-key", baseUrl: ai.url } });
  });
  afterAll(() => {
    setConfig({ ...config(), openai: { ...config().openai, apiKey: undefined, baseUrl: undefined } });
  });

  it("the model adds an alert the lexicon missed (source model)", async () => {
    ai.reset();
    const id = await inbound("mi prima se suicidó el año pasado y hoy no paro de pensar en eso", patient);
    const alert = await until("model alert", async () => (await alertsOf(id))[0]);
    expect(alert!.source).toBe("model");
    expect(alert!.level).toBe("HIGH");
    const chat = ai.calls.find((c) => c.path === "/chat/completions")!;
    expect(chat.body.response_format.json_schema.strict).toBe(true);
  });

  it("the model never lowers a lexicon HIGH; its opinion is kept", async () => {
    ai.reset();
    const id = await inbound("me corté otra vez", patient); // the double does not see crisis here
    await until("model reviewed", async () => (await alertsOf(id))[0]?.reason);
    const [alert] = await alertsOf(id);
    expect(alert!.level).toBe("HIGH");
    expect(alert!.reason).toMatch(/^model: (NONE|LOW)$/);
    expect(await riskOf(id)).toBe("HIGH");
  });

  it("a model error leaves the lexicon alert standing", async () => {
    ai.reset();
    ai.mode = "500";
    const id = await inbound("ya no quiero vivir", patient);
    const alert = await until("alert", async () => (await alertsOf(id))[0]);
    expect(alert!.level).toBe("MEDIUM"); // passive wording: MEDIUM since risk round 2
    await until("model attempted", async () => ai.calls.filter((c) => c.path === "/chat/completions").length >= 2);
    ai.reset();
  });
});
