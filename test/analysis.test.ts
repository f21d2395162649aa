// Nightly AletheIA with the OpenAI double: one row per patient-day (org-local days), reruns
// update instead of duplicating, leads excluded, failures fall back to the local analyzer
// with risk kept, declining-mood trend, and the `analysis:run` command end to end.
import crypto from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./db";
import { makeOrg, makePatient } from "./factories";
import { rawSql } from "../db/client";
import { startBoss, stopBoss } from "../app/queue.server";
import { analysisDayWorker } from "../jobs/analysis";
import { nightlyTick, runAnalysis } from "../app/analysis/nightly.server";
import { config, setConfig } from "../app/config.server";
import { startOpenAIDouble, type OpenAIDouble } from "../doubles/openai";
import { until } from "./wait";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let ai: OpenAIDouble;
// Retries without waiting: the failure paths run in seconds.
const fastRetries = { retryLimit: 1, retryDelay: 0, retryBackoff: false };

beforeAll(async () => {
  ai = await startOpenAIDouble();
  database = await freshDatabase({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: ai.url });
  await startBoss(database.url, [analysisDayWorker]);
});
afterAll(async () => {
  await stopBoss();
  await ai.close();
  await database.drop();
});

type Who = { identityId: string; patientId?: string | null; leadId?: string | null };
async function msg(orgId: string, who: Who, direction: "INBOUND" | "OUTBOUND", text: string, at: string) {
  const id = crypto.randomUUID();
  await rawSql()`INSERT INTO message_log (id, org_id, identity_id, patient_id, lead_id, direction, type, content, provider_id, status, timestamp)
    VALUES (${id}, ${orgId}, ${who.identityId}, ${who.patientId ?? null}, ${who.leadId ?? null}, ${direction}, 'text', ${text},
            ${"wamid." + id}, ${direction === "INBOUND" ? "received" : "sent"}, ${at})`;
  return id;
}
async function makeLead(orgId: string) {
  const [identity] = await rawSql()`INSERT INTO identity_vault (org_id, phone) VALUES (${orgId}, ${"+5255" + crypto.randomInt(1e7, 9e7)}) RETURNING id`;
  const [lead] = await rawSql()`INSERT INTO leads (org_id, identity_id) VALUES (${orgId}, ${identity!.id}) RETURNING id`;
  return { identityId: identity!.id as string, leadId: lead!.id as string };
}
const rowsOf = (orgId: string) =>
  rawSql()`SELECT patient_id, day::text AS day, sentiment_score, risk_level, risk_flags, analyzer, fallback_reason, model, tokens_used, message_count, summary, extract(epoch FROM updated_at)::float8 AS updated_s
           FROM daily_conversation_analysis WHERE org_id = ${orgId} ORDER BY patient_id, day`;
const chatCalls = () => ai.calls.filter((c) => c.path === "/chat/completions");

async function crisisDay(name = "Ana Crisis") {
  const org = await makeOrg({ timezone: "Europe/Madrid" });
  const p = await makePatient(org.orgId, { name });
  await msg(org.orgId, p, "INBOUND", "No puedo más. Ya no quiero vivir, me quiero morir.", "2025-03-10T20:00:00Z");
  return { org, p };
}

describe("analysis:run (runAnalysis)", () => {
  it("writes one row per patient-day of the org-local day, leaves leads out, and twice is still one", async () => {
    ai.reset();
    const org = await makeOrg({ timezone: "America/Mexico_City" });
    const a = await makePatient(org.orgId, { name: "Lucía Fernández", phone: "+52 55 1234 5678" });
    await msg(org.orgId, a, "INBOUND", "Hola, hoy me siento mejor, gracias. Mi cel es 55 1234 5678", "2025-03-10T15:00:00Z"); // 09:00 local
    await msg(org.orgId, a, "OUTBOUND", "Qué bien, Lucía. Seguimos el jueves.", "2025-03-10T16:00:00Z");
    await msg(org.orgId, a, "INBOUND", "Aunque todavía me cuesta dormir", "2025-03-11T05:30:00Z"); // 23:30 local, still 03-10
    await msg(org.orgId, a, "INBOUND", "mensaje del día siguiente", "2025-03-11T06:30:00Z"); // 00:30 local 03-11
    const lead = await makeLead(org.orgId);
    await msg(org.orgId, lead, "INBOUND", "ya no quiero vivir", "2025-03-10T15:00:00Z");

    const first = await runAnalysis({ date: "2025-03-10", orgId: org.orgId });
    expect(first).toMatchObject({ days_analyzed: 1, alerts: 0, failed: 0 });
    const [row] = await rowsOf(org.orgId);
    expect(row).toMatchObject({ patient_id: a.patientId, day: "2025-03-10", analyzer: "openai", model: "gpt-4o-mini" });
    expect(row!.message_count).toBe(3);
    expect(row!.tokens_used).toBeGreaterThan(0);

    // Minimum necessary: roles, not names or phone numbers; only that local day.
    const sent = chatCalls()[0]!.body.messages.map((m: { content: string }) => m.content).join("\n");
    expect(sent).toContain("Paciente: Hola, hoy me siento mejor");
    expect(sent).toContain("Clínica: Qué bien");
    expect(sent).toContain("[23:30] Paciente: Aunque todavía me cuesta dormir");
    expect(sent).not.toContain("día siguiente");
    expect(sent).not.toContain("ya no quiero vivir"); // the lead
    expect(sent).not.toMatch(/1234\s?5678/);
    expect(sent).not.toContain("Fernández");
    expect(chatCalls()[0]!.body.response_format.json_schema.strict).toBe(true);

    const second = await runAnalysis({ date: "2025-03-10", orgId: org.orgId });
    expect(second.days_analyzed).toBe(1);
    const rows = await rowsOf(org.orgId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.updated_s).toBeGreaterThan(row!.updated_s);
  });

  it("a crisis day analysed by the model keeps HIGH risk", async () => {
    ai.reset();
    const { org } = await crisisDay();
    await runAnalysis({ date: "2025-03-10", orgId: org.orgId });
    const [row] = await rowsOf(org.orgId);
    expect(row).toMatchObject({ analyzer: "openai", risk_level: "HIGH", fallback_reason: null });
    expect(row!.risk_flags).toContain("suicidal_ideation");
    expect(row!.sentiment_score).toBeLessThan(0);
  });

  for (const mode of ["refusal", "content_filter", "500", "429"] as const) {
    it(`model ${mode} → local_fallback with the crisis kept HIGH (never a neutral day)`, async () => {
      ai.reset();
      ai.mode = mode;
      const { org } = await crisisDay();
      const r = await runAnalysis({ date: "2025-03-10", orgId: org.orgId, jobOptions: fastRetries });
      expect(r.failed).toBe(0);
      const [row] = await rowsOf(org.orgId);
      expect(row).toMatchObject({ analyzer: "local_fallback", risk_level: "HIGH", model: "local" });
      expect(row!.fallback_reason).toContain(mode === "500" ? "server_error_500" : mode === "429" ? "rate_limited_429" : mode);
      expect(row!.risk_flags).toContain("suicidal_ideation");
      expect(row!.sentiment_score).toBeLessThan(0);
      expect(row!.summary.length).toBeGreaterThan(0);
      // refusal and content filter are not retried; 429/5xx were (SDK retry × pg-boss retry)
      expect(chatCalls()).toHaveLength(mode === "refusal" || mode === "content_filter" ? 1 : 4);
      ai.reset();
    });
  }

  it("malformed output: retried, then the job fails visibly with the local result stored", async () => {
    ai.reset();
    ai.mode = "malformed";
    ai.malformedKind = "wrong_shape";
    const { org } = await crisisDay();
    const r = await runAnalysis({ date: "2025-03-10", orgId: org.orgId, jobOptions: fastRetries });
    expect(r.failed).toBe(1);
    const [row] = await rowsOf(org.orgId);
    expect(row).toMatchObject({ analyzer: "local_fallback", risk_level: "HIGH", fallback_reason: "malformed:schema_mismatch" });
    expect(chatCalls()).toHaveLength(2);
    ai.reset();
  });

  it("a transient error then success → the model's analysis", async () => {
    ai.reset();
    ai.mode = "500";
    ai.failTimes = 1;
    const { org } = await crisisDay();
    await runAnalysis({ date: "2025-03-10", orgId: org.orgId, jobOptions: fastRetries });
    const [row] = await rowsOf(org.orgId);
    expect(row!.analyzer).toBe("openai");
    ai.reset();
  });

  it("an organization in local-only mode, or no OpenAI key → the local analyzer, nothing sent out", async () => {
    ai.reset();
    const { org } = await crisisDay();
    await rawSql()`UPDATE organizations SET analysis_mode = 'local' WHERE id = ${org.orgId}`;
    await runAnalysis({ date: "2025-03-10", orgId: org.orgId });
    expect((await rowsOf(org.orgId))[0]).toMatchObject({ analyzer: "local", model: "local", risk_level: "HIGH", tokens_used: 0 });

    const saved = config();
    setConfig({ ...saved, openai: { ...saved.openai, apiKey: undefined } });
    try {
      const other = await crisisDay();
      await runAnalysis({ date: "2025-03-10", orgId: other.org.orgId });
      expect((await rowsOf(other.org.orgId))[0]).toMatchObject({ analyzer: "local", risk_level: "HIGH" });
    } finally {
      setConfig(saved);
    }
    expect(chatCalls()).toHaveLength(0);
  });

  it("sentiment falling three days in a row → one MEDIUM declining_mood trend alert", async () => {
    ai.reset();
    const org = await makeOrg({ timezone: "America/Mexico_City" });
    const p = await makePatient(org.orgId);
    await msg(org.orgId, p, "INBOUND", "Hoy me siento muy bien, feliz y tranquila", "2025-03-07T18:00:00Z");
    await msg(org.orgId, p, "INBOUND", "Fui al trabajo y luego a casa", "2025-03-08T18:00:00Z");
    await msg(org.orgId, p, "INBOUND", "Estoy triste y con ansiedad, me siento peor", "2025-03-09T18:00:00Z");
    expect((await runAnalysis({ date: "2025-03-07", orgId: org.orgId })).alerts).toBe(0);
    expect((await runAnalysis({ date: "2025-03-08", orgId: org.orgId })).alerts).toBe(0);
    expect((await runAnalysis({ date: "2025-03-09", orgId: org.orgId })).alerts).toBe(1);
    expect((await runAnalysis({ date: "2025-03-09", orgId: org.orgId })).alerts).toBe(0);
    const alerts = await rawSql()`SELECT level, flags, source, day::text AS day, message_id, reason FROM risk_alerts WHERE patient_id = ${p.patientId}`;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ level: "MEDIUM", flags: ["declining_mood"], source: "trend", day: "2025-03-09", message_id: null });
    // Each score names its day: the clinician sees when the mood fell, not only by how much.
    expect(alerts[0]!.reason).toMatch(/^-?\d\.\d\d \(2025-03-07\) → -?\d\.\d\d \(2025-03-08\) → -?\d\.\d\d \(2025-03-09\)$/);
  });

  it("a decline that goes on raises one trend alert until acknowledged, then a new one", async () => {
    ai.reset();
    const org = await makeOrg({ timezone: "UTC" });
    await rawSql()`UPDATE organizations SET analysis_mode = 'local' WHERE id = ${org.orgId}`;
    const p = await makePatient(org.orgId);
    const texts = ["Hoy me siento muy bien, feliz y tranquila", "Fui al trabajo y luego a casa", "Hoy estoy algo cansada", "Estoy muy triste, lloro todo el día y no duermo", "Me siento horrible, angustiada, sin ganas de nada, todo es peor"];
    for (const [i, t] of texts.entries()) await msg(org.orgId, p, "INBOUND", t, `2025-04-0${i + 1}T12:00:00Z`);
    for (let d = 1; d <= 4; d++) await runAnalysis({ date: `2025-04-0${d}`, orgId: org.orgId });
    const open = await rawSql()`SELECT id FROM risk_alerts WHERE patient_id = ${p.patientId} AND source = 'trend'`;
    expect(open).toHaveLength(1);
    await rawSql()`UPDATE risk_alerts SET acknowledged_at = now() WHERE id = ${open[0]!.id}`;
    await runAnalysis({ date: "2025-04-05", orgId: org.orgId });
    const all = await rawSql()`SELECT day::text AS day FROM risk_alerts WHERE patient_id = ${p.patientId} AND source = 'trend' ORDER BY day`;
    expect(all.map((a) => a.day)).toEqual(["2025-04-03", "2025-04-05"]);
  });

  it("each org's yesterday by default, only that org's patients", async () => {
    ai.reset();
    const org = await makeOrg({ timezone: "Pacific/Kiritimati" }); // UTC+14: its yesterday differs from UTC's at some hours
    const p = await makePatient(org.orgId);
    const [{ y }] = (await rawSql()`SELECT ((now() AT TIME ZONE 'Pacific/Kiritimati')::date - 1)::text AS y`) as unknown as [{ y: string }];
    await msg(org.orgId, p, "INBOUND", "Hola, todo bien por aquí", `${y}T12:00:00+14:00`);
    const r = await runAnalysis({ orgId: org.orgId });
    expect(r.days).toEqual([{ orgId: org.orgId, day: y }]);
    expect(r.days_analyzed).toBe(1);
  });
});

describe("the nightly tick", () => {
  it("fans out the local yesterday of orgs between 03:00 and 06:00 local, once per patient-day", async () => {
    ai.reset();
    // A fixed-offset zone where it is 04:xx right now (Etc/GMT signs are inverted).
    const offset = ((4 - new Date().getUTCHours() + 36) % 24) - 12; // -12..11
    const tz = offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
    const org = await makeOrg({ timezone: tz });
    const p = await makePatient(org.orgId);
    const [{ y }] = (await rawSql()`SELECT ((now() AT TIME ZONE ${tz})::date - 1)::text AS y`) as unknown as [{ y: string }];
    const sign = offset >= 0 ? "+" : "-";
    await msg(org.orgId, p, "INBOUND", "Hoy fue un día tranquilo", `${y}T12:00:00${sign}${String(Math.abs(offset)).padStart(2, "0")}:00`);
    const first = await nightlyTick();
    expect(first.enqueued).toBeGreaterThanOrEqual(1);
    await until("the nightly job's row", async () => (await rowsOf(org.orgId)).length > 0, 10_000);
    expect((await rowsOf(org.orgId))[0]).toMatchObject({ patient_id: p.patientId, day: y });
    // Already analysed and nothing new since: the next tick leaves it alone.
    const second = await nightlyTick();
    expect(second.enqueued).toBe(0);
  });
});

describe("npm run kura -- analysis:run", () => {
  const run = promisify(execFile);
  it("runs now, waits, prints {days_analyzed, alerts}; twice still one row per patient-day", async () => {
    ai.reset();
    const { org, p } = await crisisDay();
    const p2 = await makePatient(org.orgId);
    await msg(org.orgId, p2, "INBOUND", "Hoy estoy bien", "2025-03-10T09:00:00Z");
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: ai.url, LOG_LEVEL: "warn", NODE_ENV: "test" };
    const cli = async () => {
      const { stdout } = await run(process.execPath, ["--import", "tsx", "cli/index.ts", "analysis:run", "--date", "2025-03-10", "--org", org.orgId], { env, encoding: "utf8" });
      return JSON.parse(stdout.trim().split("\n").pop()!);
    };
    expect(await cli()).toMatchObject({ days_analyzed: 2, alerts: 0 });
    expect(await cli()).toMatchObject({ days_analyzed: 2, alerts: 0 });
    const rows = await rowsOf(org.orgId);
    expect(rows.map((r) => r.patient_id).sort()).toEqual([p.patientId, p2.patientId].sort());

    const bad = await run(process.execPath, ["--import", "tsx", "cli/index.ts", "analysis:run", "--date", "2025-02-30"], { env, encoding: "utf8" }).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--date/);
  }, 60_000);
});
