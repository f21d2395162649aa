// The chat page's loader and action: the same sendMessage service as the API, plus drafts,
// Retry and the window/template switch.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { freshDatabase } from "./db";
import { makeOrg, makePatient } from "./factories";
import { BASE, call, form } from "./http";
import { db } from "../db/client";
import { messageLog, outboundDrafts, riskAlerts } from "../db/schema";
import { startMetaGraphDouble, type MetaGraphDouble } from "../app/sandbox/graph-api";
import { createApiToken } from "../app/auth/api-token.server";
import { action as sendAction } from "../app/routes/api.v1.connect.send";
import { action, loader } from "../app/routes/_app.patients.$patientId.chat";
import { clearTemplateCache } from "../app/outbound/templates.server";

let graph: MetaGraphDouble;
let drop: () => Promise<void>;

beforeAll(async () => {
  graph = await startMetaGraphDouble({ token: "t" });
  const d = await freshDatabase({ META_WA_TOKEN: "t", META_GRAPH_URL: graph.url, META_WABA_ID: "777", LOG_LEVEL: "silent" });
  drop = d.drop;
});
afterAll(async () => {
  await graph.close();
  await drop();
});
beforeEach(() => {
  graph.reset();
  clearTemplateCache();
});

async function setup(wroteAgoMs: number | null) {
  const org = await makeOrg({ mode: "live" });
  const patient = await makePatient(org.orgId);
  if (wroteAgoMs !== null) {
    await db().insert(messageLog).values({ orgId: org.orgId, identityId: patient.identityId, patientId: patient.patientId, direction: "INBOUND", type: "text", content: "hola", status: "received", timestamp: new Date(Date.now() - wroteAgoMs) });
  }
  const path = `/patients/${patient.patientId}/chat`;
  const load = async () => (await call(loader as any, new Request(`${BASE}${path}`, { headers: { Cookie: org.cookie, "Accept-Language": "en" } }), { patientId: patient.patientId })).json();
  const post = async (fields: Record<string, string>) => (await call(action as any, form(path, fields, { Cookie: org.cookie }), { patientId: patient.patientId })).json();
  const postRaw = async (body: URLSearchParams) =>
    (await call(action as any, new Request(`${BASE}${path}`, { method: "POST", headers: { Cookie: org.cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" }, body }), { patientId: patient.patientId })).json();
  return { org, patient, load, post, postRaw };
}

describe("chat page (ChatFeed)", () => {
  it("inside the window: text composer, send through sendMessage, bubble with its status", async () => {
    const { load, post } = await setup(10 * 60_000);
    const before = await load();
    expect(before.window).toMatchObject({ open: true });
    expect(before.window.minutesLeft).toBeGreaterThan(23 * 60);
    expect(before.templates).toEqual([]);
    const out = await post({ intent: "send", message: "¿Qué tal la semana?" });
    expect(out).toMatchObject({ ok: true, status: "sent" });
    const after = await load();
    expect(after.messages.at(-1)).toMatchObject({ outbound: true, content: "¿Qué tal la semana?", status: "sent", reason: null });
    expect(graph.sent).toHaveLength(1);
  });

  it("outside the window: approved templates only, free text refused", async () => {
    const { load, post, postRaw } = await setup(30 * 3600_000);
    const data = await load();
    expect(data.window.open).toBe(false);
    const names = data.templates.map((t: any) => `${t.name}|${t.language}`);
    expect(names).toContain("appointment_reminder|es");
    expect(names).not.toContain("wellness_tips|es");
    expect(await post({ intent: "send", message: "hola" })).toMatchObject({ ok: false, error: "window_closed" });
    const body = new URLSearchParams({ intent: "template", template: "checkin_followup|es" });
    body.append("p", "Ana");
    const out = await postRaw(body);
    expect(out).toMatchObject({ ok: true, status: "sent" });
    expect(graph.sent[0]!.body).toMatchObject({ type: "template", template: { name: "checkin_followup" } });
    expect((await load()).messages.at(-1)).toMatchObject({ outbound: true, templateName: "checkin_followup", content: expect.stringContaining("Hola Ana") });
  });

  it("a failed send shows the reason in words and Retry sends the same row again", async () => {
    const { load, post } = await setup(60_000);
    graph.failNext(131026);
    const out = await post({ intent: "send", message: "hola" });
    expect(out).toMatchObject({ ok: false, error: "meta_error", code: 131026, status: "failed" });
    const failed = (await load()).messages.at(-1);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.reason).toMatch(/could not deliver/);
    expect(await post({ intent: "retry", messageId: failed.id })).toMatchObject({ ok: true, id: failed.id, status: "sent" });
    expect((await load()).messages.filter((m: any) => m.outbound)).toHaveLength(1);
  });

  it("a draft held at HIGH risk is listed apart, can be edited and sent, or discarded", async () => {
    const { org, patient, load, post } = await setup(60_000);
    await db().insert(riskAlerts).values({ orgId: org.orgId, patientId: patient.patientId, level: "HIGH" });
    const token = (await createApiToken(org.clinicianId))!;
    const api = (message: string) =>
      call(sendAction as any, new Request(`${BASE}/api/v1/connect/send`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ patient_id: patient.patientId, message, risk_level: "HIGH", auto_mode: true }) }));
    expect((await api("check-in automático")).status).toBe(409);
    expect((await api("otro")).status).toBe(409);
    const data = await load();
    expect(data.drafts.map((d: any) => d.content)).toEqual(["check-in automático", "otro"]);
    expect(data.messages.filter((m: any) => m.outbound)).toHaveLength(0);
    expect(await post({ intent: "draft-send", draftId: data.drafts[0].id, message: "Hola, soy tu terapeuta. ¿Podemos hablar?" })).toMatchObject({ ok: true, status: "sent" });
    expect(await post({ intent: "draft-discard", draftId: data.drafts[1].id })).toMatchObject({ ok: true });
    const after = await load();
    expect(after.drafts).toEqual([]);
    expect(after.messages.at(-1)).toMatchObject({ outbound: true, content: "Hola, soy tu terapeuta. ¿Podemos hablar?" });
    const open = await db().select().from(outboundDrafts).where(and(eq(outboundDrafts.patientId, patient.patientId)));
    expect(open.every((d) => d.resolvedAt)).toBe(true);
  });

  it("another organization's patient is 404", async () => {
    const a = await setup(60_000);
    const b = await makeOrg();
    const res = await call(loader as any, new Request(`${BASE}/patients/${a.patient.patientId}/chat`, { headers: { Cookie: b.cookie } }), { patientId: a.patient.patientId });
    expect(res.status).toBe(404);
    const post = await call(action as any, form(`/patients/${a.patient.patientId}/chat`, { intent: "send", message: "x" }, { Cookie: b.cookie }), { patientId: a.patient.patientId });
    expect(post.status).toBe(404);
  });
});
