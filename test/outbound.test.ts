// Outbound rules against the Graph double (real HTTP, Meta's wire format) and a real Postgres.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { freshDatabase } from "./db";
import { makeOrg, makePatient } from "./factories";
import { BASE, call } from "./http";
import { db, rawSql } from "../db/client";
import { auditLog, dailyConversationAnalysis, messageLog, messageStatuses, outboundDrafts, riskAlerts, whatsappAccounts } from "../db/schema";
import { startMetaGraphDouble, type MetaGraphDouble } from "../app/sandbox/graph-api";
import { createApiToken } from "../app/auth/api-token.server";
import { action as sendAction } from "../app/routes/api.v1.connect.send";
import { clearTemplateCache } from "../app/outbound/templates.server";
import { recordAccepted } from "../app/outbound/send.server";
import { startBoss, stopBoss } from "../app/queue.server";
import { workers } from "../jobs/index";
import { until } from "./wait";

let graph: MetaGraphDouble;
let drop: () => Promise<void>;

beforeAll(async () => {
  graph = await startMetaGraphDouble({ token: "test-token" });
  const d = await freshDatabase({ META_WA_TOKEN: "test-token", META_GRAPH_URL: graph.url, META_WABA_ID: "555000111", LOG_LEVEL: "silent" });
  drop = d.drop;
  await startBoss(d.url, workers);
});
afterAll(async () => {
  await stopBoss();
  await graph.close();
  await drop();
});
beforeEach(() => {
  graph.reset();
  clearTemplateCache();
});

/** A clinic in live mode (unless told otherwise), a token, and a patient who wrote `agoMs` ago. */
async function setup(opts: { mode?: "dev" | "live"; testRecipients?: string[]; phone?: string; agoMs?: number | null } = {}) {
  const org = await makeOrg({ mode: opts.mode ?? "live", testRecipients: opts.testRecipients });
  const patient = await makePatient(org.orgId, { phone: opts.phone });
  const token = (await createApiToken(org.clinicianId))!;
  const ago = opts.agoMs === undefined ? 3600_000 : opts.agoMs;
  if (ago !== null) await inbound(org.orgId, patient, ago);
  return { org, patient, token };
}

async function inbound(orgId: string, patient: { patientId: string; identityId: string }, agoMs: number) {
  await db().insert(messageLog).values({
    orgId,
    identityId: patient.identityId,
    patientId: patient.patientId,
    direction: "INBOUND",
    type: "text",
    content: "hola",
    status: "received",
    timestamp: new Date(Date.now() - agoMs),
  });
}

function send(token: string, body: unknown, headers: Record<string, string> = {}) {
  const req = new Request(`${BASE}/api/v1/connect/send`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return call(sendAction as any, req);
}

async function outboundRows(patientId: string) {
  return db().select().from(messageLog).where(and(eq(messageLog.patientId, patientId), eq(messageLog.direction, "OUTBOUND")));
}

describe("POST /api/v1/connect/send", () => {
  it("inside the window sends a text: row queued → sent with the wamid, fields stored, audit written", async () => {
    const { org, patient, token } = await setup();
    const res = await send(token, { patient_id: patient.patientId, message: "¿Cómo sigues hoy?", risk_level: "LOW", auto_mode: false });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "sent" });
    expect(body.provider_id).toMatch(/^wamid\./);
    expect(graph.sent).toHaveLength(1);
    expect(graph.sent[0]!.body).toMatchObject({ type: "text", text: { body: "¿Cómo sigues hoy?" }, to: patient.phone.replace("+", "") });
    expect(graph.requests.at(-1)!.authorization).toBe("Bearer test-token");
    const [row] = await outboundRows(patient.patientId);
    expect(row).toMatchObject({ id: body.id, providerId: body.provider_id, status: "sent", riskLevel: "LOW", autoMode: false, clinicianId: org.clinicianId, type: "text" });
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "message.send")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ patientId: patient.patientId, subject: body.id, clinicianId: org.clinicianId });
  });

  it("validates the body and names the field", async () => {
    const { patient, token } = await setup();
    const r1 = await send(token, { patient_id: "nope", message: "x" });
    expect(r1.status).toBe(400);
    expect((await r1.json()).field).toBe("patient_id");
    const r2 = await send(token, { patient_id: patient.patientId, message: "x", risk_level: "EXTREME" });
    expect((await r2.json()).field).toBe("risk_level");
    const r3 = await send(token, { patient_id: patient.patientId, message: "" });
    expect(r3.status).toBe(400);
    expect((await r3.json()).field).toBe("message");
    const r4 = await send(token, "{not json");
    expect(r4.status).toBe(400);
    expect(graph.sent).toHaveLength(0);
  });

  it("requires a token or session, and answers 404 for another organization's patient", async () => {
    const { patient } = await setup();
    const other = await setup();
    const unauth = await call(sendAction as any, new Request(`${BASE}/api/v1/connect/send`, { method: "POST", body: "{}" }));
    expect(unauth.status).toBe(401);
    const res = await send(other.token, { patient_id: patient.patientId, message: "hola" });
    expect(res.status).toBe(404);
    expect(graph.sent).toHaveLength(0);
  });

  it("accepts the session cookie (same origin)", async () => {
    const { org, patient } = await setup();
    const req = new Request(`${BASE}/api/v1/connect/send`, {
      method: "POST",
      headers: { Cookie: org.cookie, Origin: BASE, "Content-Type": "application/json" },
      body: JSON.stringify({ patient_id: patient.patientId, message: "hola", risk_level: "NONE", auto_mode: false }),
    });
    expect((await call(sendAction as any, req)).status).toBe(200);
  });

  it("outside the window: 409 window_closed, no row and no Graph call (also when the patient never wrote)", async () => {
    const closed = await setup({ agoMs: 25 * 3600_000 });
    const r1 = await send(closed.token, { patient_id: closed.patient.patientId, message: "hola", risk_level: "NONE", auto_mode: false });
    expect(r1.status).toBe(409);
    expect(await r1.json()).toEqual({ error: "window_closed" });
    const never = await setup({ agoMs: null });
    const r2 = await send(never.token, { patient_id: never.patient.patientId, message: "hola" });
    expect(r2.status).toBe(409);
    expect(graph.sent).toHaveLength(0);
    expect(await outboundRows(closed.patient.patientId)).toHaveLength(0);
  });

  it("outside the window a template goes out; its parameter count is checked against the template", async () => {
    const { patient, token } = await setup({ agoMs: 48 * 3600_000 });
    const tpl = { name: "appointment_reminder", language: "es", parameters: ["Ana", "lunes 3 a las 10:00"] };
    const ok = await send(token, { patient_id: patient.patientId, message: "", risk_level: "NONE", auto_mode: false, template: tpl });
    expect(ok.status).toBe(200);
    expect(graph.sent[0]!.body).toMatchObject({
      type: "template",
      template: { name: "appointment_reminder", language: { code: "es" }, components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "lunes 3 a las 10:00" }] }] },
    });
    const [row] = await outboundRows(patient.patientId);
    expect(row!.type).toBe("template");
    expect(row!.content).toContain("Hola Ana, te recordamos tu cita del lunes 3 a las 10:00");
    expect(row!.template).toEqual(tpl);

    const few = await send(token, { patient_id: patient.patientId, message: "", template: { ...tpl, parameters: ["Ana"] } });
    expect(few.status).toBe(422);
    expect(await few.json()).toMatchObject({ error: "template_parameters", expected: 2, given: 1 });
    // Pending and rejected templates are not offered or accepted.
    const pending = await send(token, { patient_id: patient.patientId, message: "", template: { name: "wellness_tips", language: "es", parameters: ["Ana"] } });
    expect(pending.status).toBe(422);
    expect((await pending.json()).error).toBe("template_not_found");
    expect(graph.sent).toHaveLength(1);
  });

  it("reads every page of the template list, and caches it per account", async () => {
    for (let i = 0; i < 130; i++) {
      graph.templates.push({ name: `bulk_${i}`, language: "es", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Hola {{1}}" }] });
    }
    const { patient, token } = await setup({ agoMs: null });
    const res = await send(token, { patient_id: patient.patientId, message: "", template: { name: "bulk_129", language: "es", parameters: ["Ana"] } });
    expect(res.status).toBe(200);
    const listCalls = () => graph.requests.filter((r) => r.path.endsWith("/555000111/message_templates")).length;
    expect(listCalls()).toBe(2);
    await send(token, { patient_id: patient.patientId, message: "", template: { name: "bulk_3", language: "es", parameters: ["Ana"] } });
    expect(listCalls()).toBe(2);
  });

  it("dev mode: only test recipients (normalised E.164 with WhatsApp's country quirks) → else 422", async () => {
    const mx = await setup({ mode: "dev", testRecipients: ["5215512345678"], phone: "+52 55 1234 5678" });
    const ok = await send(mx.token, { patient_id: mx.patient.patientId, message: "hola" });
    expect(ok.status).toBe(200);
    const other = await makePatient(mx.org.orgId);
    await inbound(mx.org.orgId, other, 60_000);
    const no = await send(mx.token, { patient_id: other.patientId, message: "hola" });
    expect(no.status).toBe(422);
    expect(await no.json()).toEqual({ error: "recipient_not_allowed" });
    expect(graph.sent).toHaveLength(1);
    expect(await outboundRows(other.patientId)).toHaveLength(0);
  });

  it("sends to the wa_id WhatsApp reported (Mexico's 521…), and to the canonical phone before the patient ever wrote", async () => {
    const live = await setup({ mode: "live", phone: "+52 55 8765 4321" });
    await send(live.token, { patient_id: live.patient.patientId, message: "hola" });
    expect(graph.sent.at(-1)!.body.to).toBe("525587654321");
    await rawSql()`UPDATE identity_vault SET wa_id = '5215587654321' WHERE id = ${live.patient.identityId}`;
    await send(live.token, { patient_id: live.patient.patientId, message: "hola otra vez" });
    expect(graph.sent.at(-1)!.body.to).toBe("5215587654321");
  });

  it("dev mode: 1,000 messages per organization per day → 429 daily_limit; live mode has no cap", async () => {
    const dev = await setup({ mode: "dev", phone: "+34 600 111 222", testRecipients: ["+34600111222"] });
    const insertMany = (orgId: string, p: { identityId: string; patientId: string }) => rawSql()`
      INSERT INTO message_log (org_id, identity_id, patient_id, direction, type, content, status, timestamp)
      SELECT ${orgId}, ${p.identityId}, ${p.patientId}, 'OUTBOUND', 'text', 'x', 'delivered', now() - interval '1 second'
      FROM generate_series(1, 1000)`;
    await insertMany(dev.org.orgId, dev.patient);
    const res = await send(dev.token, { patient_id: dev.patient.patientId, message: "hola" });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ error: "daily_limit" });
    const live = await setup({ mode: "live" });
    await insertMany(live.org.orgId, live.patient);
    expect((await send(live.token, { patient_id: live.patient.patientId, message: "hola" })).status).toBe(200);
    expect(graph.sent).toHaveLength(1);
  });

  it("auto_mode at HIGH risk → 409 requires_clinician, the text kept as a draft, nothing sent", async () => {
    const { org, patient, token } = await setup();
    const [alert] = await db().insert(riskAlerts).values({ orgId: org.orgId, patientId: patient.patientId, level: "HIGH", flags: ["self_harm"] }).returning();
    const res = await send(token, { patient_id: patient.patientId, message: "Recordatorio automático", risk_level: "HIGH", auto_mode: true });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error).toBe("requires_clinician");
    const drafts = await db().select().from(outboundDrafts).where(eq(outboundDrafts.patientId, patient.patientId));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ id: body.draft_id, content: "Recordatorio automático", reason: "requires_clinician", resolvedAt: null });
    expect(graph.sent).toHaveLength(0);
    expect(await outboundRows(patient.patientId)).toHaveLength(0);
    // A clinician (auto_mode false) may answer.
    expect((await send(token, { patient_id: patient.patientId, message: "Te llamo ahora", risk_level: "HIGH", auto_mode: false })).status).toBe(200);

    // Acknowledged alert but the latest daily analysis is HIGH: still blocked; a newer LOW day clears it.
    await db().update(riskAlerts).set({ acknowledgedAt: new Date(), acknowledgedBy: org.clinicianId }).where(eq(riskAlerts.id, alert!.id));
    const analysis = { orgId: org.orgId, patientId: patient.patientId, sentimentScore: -0.8, emotionalState: "x", riskFlags: [], summary: "s", suggestion: "s", messageCount: 3, model: "local", analyzer: "local" };
    await db().insert(dailyConversationAnalysis).values({ ...analysis, day: "2025-01-01", riskLevel: "HIGH" });
    expect((await send(token, { patient_id: patient.patientId, message: "auto", auto_mode: true })).status).toBe(409);
    await db().insert(dailyConversationAnalysis).values({ ...analysis, day: "2025-01-02", riskLevel: "LOW" });
    // Acknowledging is "seen", not "safe": the HIGH alert of the last 72 hours still holds
    // automatic messages back, as the pages still show her at HIGH.
    expect((await send(token, { patient_id: patient.patientId, message: "auto", auto_mode: true })).status).toBe(409);
    await db().update(riskAlerts).set({ createdAt: new Date(Date.now() - 73 * 3600_000) }).where(eq(riskAlerts.id, alert!.id));
    expect((await send(token, { patient_id: patient.patientId, message: "auto", auto_mode: true })).status).toBe(200);
  });

  it("Idempotency-Key: the repeat returns the first answer and makes no second Graph call (also concurrently)", async () => {
    const { patient, token } = await setup();
    const payload = { patient_id: patient.patientId, message: "una vez", risk_level: "NONE", auto_mode: false };
    const a = await send(token, payload, { "Idempotency-Key": "k-1" });
    const b = await send(token, payload, { "Idempotency-Key": "k-1" });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(await b.json()).toEqual(await a.json());
    expect(graph.sent).toHaveLength(1);
    const results = await Promise.all([1, 2, 3, 4].map(() => send(token, payload, { "Idempotency-Key": "k-2" })));
    const ids = new Set(await Promise.all(results.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    expect(graph.sent).toHaveLength(2);
    expect(await outboundRows(patient.patientId)).toHaveLength(2);
  });

  it("a failed send is answered with Meta's code and words, the row failed — never sent", async () => {
    const { patient, token } = await setup();
    const cases: Array<[number, number]> = [
      [131047, 409],
      [131030, 422],
      [131026, 422],
      [131053, 422],
    ];
    for (const [code, status] of cases) {
      graph.failNext(code);
      const res = await send(token, { patient_id: patient.patientId, message: `code ${code}` });
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body).toMatchObject({ error: "meta_error", code, status: "failed", provider_id: null });
      expect(body.message.length).toBeGreaterThan(10);
      const [row] = await db().select().from(messageLog).where(eq(messageLog.id, body.id));
      expect(row).toMatchObject({ status: "failed", errorCode: code, providerId: null });
    }
    expect(graph.sent).toHaveLength(0);
  });

  it("190 (token invalid) marks the account so settings can show it; a later success clears it", async () => {
    const { org, patient, token } = await setup();
    graph.failNext(190);
    const res = await send(token, { patient_id: patient.patientId, message: "hola" });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ code: 190, status: "failed" });
    const [acct] = await db().select().from(whatsappAccounts).where(eq(whatsappAccounts.orgId, org.orgId));
    expect(acct!.tokenError).toBeTruthy();
    expect(acct!.tokenErrorAt).toBeInstanceOf(Date);
    expect((await send(token, { patient_id: patient.patientId, message: "hola" })).status).toBe(200);
    const [after] = await db().select().from(whatsappAccounts).where(eq(whatsappAccounts.orgId, org.orgId));
    expect(after!.tokenError).toBeNull();
  });

  it("a 5xx from Meta is retried by the client and the message goes out once", async () => {
    const { patient, token } = await setup();
    graph.failNext(131000);
    const res = await send(token, { patient_id: patient.patientId, message: "hola" });
    expect(res.status).toBe(200);
    expect(graph.sent).toHaveLength(1);
  });

  it.each([130429, 131056])("%i (rate limit): 202 queued with the code, then the send-retry job delivers it", async (code) => {
    const { patient, token } = await setup();
    graph.failNext(code, { times: 2 });
    const res = await send(token, { patient_id: patient.patientId, message: "no se pierde" });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ status: "queued", provider_id: null, code, error: "rate_limited" });
    const row = await until("the row", async () => {
      const [r] = await db().select().from(messageLog).where(eq(messageLog.id, body.id));
      return r!.status === "sent" ? r : null;
    });
    expect(row.providerId).toMatch(/^wamid\./);
    expect(row.errorCode).toBeNull();
    expect(graph.sent).toHaveLength(1);
  });

  it("statuses that beat Meta's answer are applied when the wamid is recorded, forwards only", async () => {
    const { org, patient } = await setup();
    const [row] = await db()
      .insert(messageLog)
      .values({ orgId: org.orgId, identityId: patient.identityId, patientId: patient.patientId, direction: "OUTBOUND", type: "text", content: "x", status: "queued", timestamp: new Date() })
      .returning();
    const wamid = "wamid.HBgMTESTSTATUSORDER";
    const t = Date.now();
    // read arrives first, then delivered (Meta does not guarantee order).
    await db().insert(messageStatuses).values([
      { orgId: org.orgId, providerId: wamid, status: "read", timestamp: new Date(t + 2000) },
      { orgId: org.orgId, providerId: wamid, status: "delivered", timestamp: new Date(t + 1000) },
    ]);
    expect(await recordAccepted(row!, wamid)).toBe("read");
    const [after] = await db().select().from(messageLog).where(eq(messageLog.id, row!.id));
    expect(after).toMatchObject({ status: "read", providerId: wamid });
    const pending = await db().select().from(messageStatuses).where(and(eq(messageStatuses.providerId, wamid), eq(messageStatuses.applied, false)));
    expect(pending).toHaveLength(0);
  });

  it("respects 80 messages per second per number across senders", async () => {
    const { acquireSendSlot } = await import("../app/outbound/rate-limit.server");
    const id = `rate-${Date.now()}`;
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 170 }, () => acquireSendSlot(id)));
    // 170 slots at 80/s need at least three distinct seconds.
    const seconds = await rawSql()<Array<{ count: number }>>`SELECT count FROM outbound_rate WHERE phone_number_id = ${id}`;
    expect(seconds.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...seconds.map((s) => s.count))).toBeLessThanOrEqual(80);
    expect(Date.now() - t0).toBeGreaterThan(900);
  });
});
