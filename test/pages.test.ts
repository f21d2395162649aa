// JSON monitoring API and the pages' loaders/actions: days validation, Bearer and session,
// 404 across organizations, an audit row per read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { freshDatabase } from "./db";
import { BASE, call, form } from "./http";
import { makeOrg, makePatient } from "./factories";
import * as messagesApi from "../app/routes/api.v1.patients.$patientId.monitoring.messages";
import * as analysesApi from "../app/routes/api.v1.patients.$patientId.monitoring.analyses";
import * as monitoring from "../app/routes/_app.patients.$patientId.monitoring";
import * as leadsPage from "../app/routes/_app.leads";
import * as settingsPage from "../app/routes/_app.settings.whatsapp";
import * as patientsList from "../app/routes/_app.patients._index";
import * as localeRoute from "../app/routes/locale";
import { createApiToken } from "../app/auth/api-token.server";
import { db } from "../db/client";
import { auditLog, clinicians, patients, riskAlerts } from "../db/schema";
import { addAnalyses, addLead, addPatientMessages, addRiskAlert, addWebhookEvent, localDayString, localTime } from "./fixtures/pages";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let a: Awaited<ReturnType<typeof makeOrg>>;
let b: Awaited<ReturnType<typeof makeOrg>>;
let patientId: string;
const TZ = "America/Argentina/Buenos_Aires";

beforeAll(async () => {
  database = await freshDatabase();
  a = await makeOrg({ name: "A", timezone: TZ });
  b = await makeOrg({ name: "B" });
  ({ patientId } = await makePatient(a.orgId, { name: "Paciente A" }));
  await addPatientMessages(a.orgId, patientId, [
    { direction: "INBOUND", content: "hoy", at: localTime(TZ, 0, 0, 5) },
    { direction: "INBOUND", content: "hace 5 días", at: localTime(TZ, 5, 12) },
    { direction: "INBOUND", content: "hace 20 días", at: localTime(TZ, 20, 12) },
    { direction: "INBOUND", content: "hace 100 días", at: localTime(TZ, 100, 12) },
  ]);
  await addAnalyses(
    a.orgId,
    patientId,
    [0, 6, 7, 29, 30].map((d) => ({ day: localDayString(TZ, d), sentimentScore: 0, emotionalState: "x", riskLevel: "NONE", summary: "s", suggestion: "g", messageCount: 1 })),
  );
});
afterAll(async () => database.drop());

const get = (path: string, headers: Record<string, string> = {}) => new Request(`${BASE}${path}`, { headers });
const api = (kind: "messages" | "analyses", id: string, qs: string) => `/api/v1/patients/${id}/monitoring/${kind}${qs}`;

async function auditCount(action: string, orgId = a.orgId) {
  return (await db().select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action)))).length;
}

describe("JSON monitoring API", () => {
  it("rejects days outside 1–90 with 400", async () => {
    for (const days of ["0", "91", "-1", "abc", "7.5", "", "1e1"]) {
      for (const [kind, mod] of [["messages", messagesApi], ["analyses", analysesApi]] as const) {
        const res = await call(mod.loader, get(api(kind, patientId, `?days=${days}`), { Cookie: a.cookie }), { patientId });
        expect(res.status, `${kind} days=${days}`).toBe(400);
        expect((await res.json()).error).toBe("invalid_days");
      }
    }
  });

  it("answers 401 without a session or token", async () => {
    const res = await call(messagesApi.loader, get(api("messages", patientId, "?days=7")), { patientId });
    expect(res.status).toBe(401);
  });

  it("returns the window of local days asked for, with a session, and audits each read", async () => {
    const before = await auditCount("api.monitoring.messages");
    const res = await call(messagesApi.loader, get(api("messages", patientId, "?days=7"), { Cookie: a.cookie }), { patientId });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await res.json();
    expect(body.messages.map((m: any) => m.content)).toEqual(["hace 5 días", "hoy"]);
    const ninety = await (await call(messagesApi.loader, get(api("messages", patientId, "?days=90"), { Cookie: a.cookie }), { patientId })).json();
    expect(ninety.messages).toHaveLength(3);
    expect(await auditCount("api.monitoring.messages")).toBe(before + 2);

    const an = await (await call(analysesApi.loader, get(api("analyses", patientId, "?days=7"), { Cookie: a.cookie }), { patientId })).json();
    expect(an.analyses.map((x: any) => x.day)).toEqual([localDayString(TZ, 6), localDayString(TZ, 0)]);
    const an30 = await (await call(analysesApi.loader, get(api("analyses", patientId, "?days=30"), { Cookie: a.cookie }), { patientId })).json();
    expect(an30.analyses).toHaveLength(4);
    expect(await auditCount("api.monitoring.analyses")).toBe(2);
  });

  it("accepts a Bearer token and records the token in the audit row", async () => {
    const token = (await createApiToken(a.clinicianId))!;
    const res = await call(analysesApi.loader, get(api("analyses", patientId, "?days=7"), { Authorization: `Bearer ${token}` }), { patientId });
    expect(res.status).toBe(200);
    const [row] = await db()
      .select({ tokenId: auditLog.apiTokenId, patientId: auditLog.patientId })
      .from(auditLog)
      .where(eq(auditLog.action, "api.monitoring.analyses"))
      .orderBy(auditLog.id)
      .limit(1)
      .offset(2);
    expect(row!.tokenId).toBeTruthy();
    expect(row!.patientId).toBe(patientId);
  });

  it("answers 404 for another organization's patient (session or token) and for garbage ids", async () => {
    const token = (await createApiToken(b.clinicianId))!;
    for (const headers of [{ Cookie: b.cookie }, { Authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      for (const [kind, mod] of [["messages", messagesApi], ["analyses", analysesApi]] as const) {
        const res = await call(mod.loader, get(api(kind, patientId, "?days=7"), headers), { patientId });
        expect(res.status).toBe(404);
        expect(JSON.stringify(await res.json())).not.toContain("Paciente");
      }
    }
    const res = await call(messagesApi.loader, get(api("messages", "nope", "?days=7"), { Cookie: a.cookie }), { patientId: "nope" });
    expect(res.status).toBe(404);
    expect(await auditCount("api.monitoring.messages", b.orgId)).toBe(0);
  });
});

describe("pages: tenancy", () => {
  it("monitoring loader and Acknowledge answer 404 across organizations", async () => {
    const alertId = await addRiskAlert(a.orgId, patientId, { level: "HIGH", flags: ["self_harm"] });
    const page = `/patients/${patientId}/monitoring`;
    expect((await call(monitoring.loader, get(page, { Cookie: b.cookie }), { patientId })).status).toBe(404);
    const ack = await call(monitoring.action, form(page, { intent: "acknowledge", alertId, verdict: "real" }, { Cookie: b.cookie }), { patientId });
    expect(ack.status).toBe(404);
    const open = await db().select({ at: riskAlerts.acknowledgedAt }).from(riskAlerts).where(eq(riskAlerts.patientId, patientId));
    expect(open.every((r) => r.at === null)).toBe(true);

    const own = await (await call(monitoring.loader, get(page, { Cookie: a.cookie }), { patientId })).json();
    expect(own.alerts).toHaveLength(1);
    const ok = await call(monitoring.action, form(page, { intent: "acknowledge", alertId, verdict: "real" }, { Cookie: a.cookie }), { patientId });
    expect(ok.status).toBe(200);
    const after = await (await call(monitoring.loader, get(page, { Cookie: a.cookie }), { patientId })).json();
    // Acknowledged alerts stay listed (72 h), with who acknowledged them.
    expect(after.alerts.filter((x: any) => !x.acknowledgedAt)).toHaveLength(0);
    expect(after.risk.alert.acknowledgedBy).toBeTruthy();
  });

  it("patients list shows only the organization's patients", async () => {
    const res = await (await call(patientsList.loader, get("/patients", { Cookie: b.cookie }))).json();
    expect(res.patients.map((p: any) => p.name)).not.toContain("Paciente A");
  });

  it("leads: another organization cannot see or convert a lead", async () => {
    const { leadId } = await addLead(a.orgId, { phone: "+34 622 000 111", profileName: "Lead A", messages: [{ content: "hola", at: new Date() }] });
    const list = await (await call(leadsPage.loader, get("/leads", { Cookie: b.cookie }))).json();
    expect(list.leads).toHaveLength(0);
    const res = await call(leadsPage.action, form("/leads", { intent: "convert", leadId, name: "X" }, { Cookie: b.cookie }));
    expect(res.status).toBe(404);
    const own = await call(leadsPage.action, form("/leads", { intent: "convert", leadId, name: "Lead A" }, { Cookie: a.cookie }));
    expect(own.status).toBe(302);
    const [p] = await db().select({ id: patients.id, orgId: patients.orgId }).from(patients).where(eq(patients.name, "Lead A"));
    expect(own.headers.get("Location")).toBe(`/patients/${p!.id}/monitoring`);
    expect(p!.orgId).toBe(a.orgId);
  });

  it("settings: failed events are per organization; replaying another's is 404", async () => {
    const eventId = await addWebhookEvent({ orgId: a.orgId, status: "failed", error: "boom" });
    const mine = await (await call(settingsPage.loader, get("/settings/whatsapp", { Cookie: a.cookie }))).json();
    expect(mine.failed.map((e: any) => e.id)).toContain(eventId);
    const theirs = await (await call(settingsPage.loader, get("/settings/whatsapp", { Cookie: b.cookie }))).json();
    expect(theirs.failed).toHaveLength(0);
    expect(JSON.stringify(theirs)).not.toContain("boom");
    const res = await call(settingsPage.action, form("/settings/whatsapp", { intent: "replay", eventId: String(eventId) }, { Cookie: b.cookie }));
    expect(res.status).toBe(404);
  });

  it("the language switch stores the clinician's locale", async () => {
    const res = await call(localeRoute.action, form("/locale", { locale: "en", redirectTo: "/leads" }, { Cookie: a.cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/leads");
    const [c] = await db().select({ locale: clinicians.locale }).from(clinicians).where(eq(clinicians.id, a.clinicianId));
    expect(c!.locale).toBe("en");
    const evil = await call(localeRoute.action, form("/locale", { locale: "es", redirectTo: "//evil.example" }, { Cookie: a.cookie }));
    expect(evil.headers.get("Location")).toBe("/patients");
  });
});

describe("words (issue 14 item 7)", () => {
  it("tab titles say where you are, with the patient's initials only", async () => {
    const { patientTitleMeta, titleMeta, initials } = await import("../app/lib/page-title");
    const monitoringRoute = await import("../app/routes/_app.patients.$patientId.monitoring");
    const chatRoute = await import("../app/routes/_app.patients.$patientId.chat");
    const patient = { id: "routes/_app.patients.$patientId", data: { patient: { name: "María Guadalupe Sanz" } } };
    const root = (locale: string) => ({ id: "root", data: { locale } });
    expect(initials("María Guadalupe Sanz")).toBe("M. G. S.");
    expect(initials("  lucía  ")).toBe("L.");
    expect((monitoringRoute.meta as any)({ matches: [root("en"), patient] })).toEqual([{ title: "M. G. S. — Monitoring · Kura" }]);
    expect((chatRoute.meta as any)({ matches: [root("es"), patient] })).toEqual([{ title: "M. G. S. — Chat · Kura" }]);
    expect(patientTitleMeta("monitoring")({ matches: [root("es"), patient] })).toEqual([{ title: "M. G. S. — Seguimiento · Kura" }]);
    expect(JSON.stringify((monitoringRoute.meta as any)({ matches: [root("en"), patient] }))).not.toContain("María");
    expect((patientsList as any).meta({ matches: [root("en")] })).toEqual([{ title: "Patients · Kura" }]);
    expect((leadsPage as any).meta({ matches: [root("es")] })).toEqual([{ title: "Contactos nuevos · Kura" }]);
    expect((settingsPage as any).meta({ matches: [root("en")] })).toEqual([{ title: "WhatsApp settings · Kura" }]);
    expect(titleMeta("signIn")({ matches: [root("es")] })).toEqual([{ title: "Entrar · Kura" }]);
  });

  it("a voice note's state reads the same in the chat and on monitoring", async () => {
    const { voiceNoteState } = await import("../app/lib/voice-note");
    const { STRINGS } = await import("../app/i18n");
    const chatRoute = await import("../app/routes/_app.patients.$patientId.chat");
    const { patientId: pid } = await makePatient(a.orgId, { name: "Voz" });
    await addPatientMessages(a.orgId, pid, [
      { direction: "INBOUND", type: "audio", content: null, mediaUrl: null, transcriptionState: "pending", at: localTime(TZ, 0, 0, 10) },
      { direction: "INBOUND", type: "audio", content: null, mediaUrl: "/media/00000000-0000-0000-0000-000000000001", transcriptionState: "no_provider", at: localTime(TZ, 0, 0, 11) },
    ]);
    const mon = await (await call(monitoring.loader, get(`/patients/${pid}/monitoring`, { Cookie: a.cookie }), { patientId: pid })).json();
    const chat = await (await call(chatRoute.loader, get(`/patients/${pid}/chat`, { Cookie: a.cookie }), { patientId: pid })).json();
    for (const t of [STRINGS.en, STRINGS.es]) {
      const fromMonitoring = mon.messages.map((m: any) => voiceNoteState(m, t));
      const fromChat = chat.messages.map((m: any) => voiceNoteState(m, t));
      expect(fromChat).toEqual(fromMonitoring);
    }
    expect(mon.messages.map((m: any) => voiceNoteState(m, STRINGS.en))).toEqual([
      "Voice note · audio not downloaded yet · transcription pending",
      "Voice note · not transcribed: no transcription service configured",
    ]);
  });

  it("the language switch keeps the page's query (a search, a page number)", async () => {
    const res = await call(localeRoute.action, form("/locale", { locale: "es", redirectTo: "/patients?q=luc%C3%ADa&page=2" }, { Cookie: a.cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/patients?q=luc%C3%ADa&page=2");
  });
});
