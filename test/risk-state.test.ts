// Risk is a state, not an unread count: acknowledging says "I have seen it", never "she is
// safe". Leads in crisis are alerted; the clinic's verdicts are stored, audited and counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { freshDatabase } from "./db";
import { BASE, call, form } from "./http";
import { makeOrg, makePatient } from "./factories";
import * as monitoring from "../app/routes/_app.patients.$patientId.monitoring";
import * as patientsList from "../app/routes/_app.patients._index";
import * as leadsPage from "../app/routes/_app.leads";
import * as riskSettings from "../app/routes/_app.settings.risk";
import { db } from "../db/client";
import { auditLog, messageLog, riskAlerts, riskOrgModels } from "../db/schema";
import { riskTrain } from "../cli/commands/risk";
import { applyOrgModel, trainOrgModel } from "../app/analysis/org-model.server";
import { screenMessage } from "../app/analysis/risk-lexicon";
import { screenStoredMessage } from "../app/analysis/screening.server";
import { addAnalyses, addLead, addPatientMessages, addRiskAlert, localDayString, localTime } from "./fixtures/pages";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let org: Awaited<ReturnType<typeof makeOrg>>;
const TZ = "Europe/Madrid";
const get = (path: string, headers: Record<string, string> = {}) => new Request(`${BASE}${path}`, { headers });

beforeAll(async () => {
  database = await freshDatabase();
  org = await makeOrg({ name: "Clínica Estado", timezone: TZ });
});
afterAll(async () => database.drop());

describe("acknowledging never lowers a patient's shown risk", () => {
  it("a HIGH patient stays HIGH and first on /patients after Acknowledge", async () => {
    const high = await makePatient(org.orgId, { name: "Ana Pastillas" });
    const medium = await makePatient(org.orgId, { name: "Bea Media" });
    const [m] = await addPatientMessages(org.orgId, high.patientId, [
      { direction: "INBOUND", content: "tengo las pastillas guardadas para esta noche", riskLevel: "HIGH", at: localTime(TZ, 0, 0, 10) },
    ]);
    const alertId = await addRiskAlert(org.orgId, high.patientId, { messageId: m!.id, level: "HIGH", flags: ["suicidal_ideation"] });
    await addAnalyses(org.orgId, high.patientId, [
      { day: localDayString(TZ, 1), sentimentScore: -0.8, emotionalState: "x", riskLevel: "HIGH", summary: "s", suggestion: "g", messageCount: 3 },
    ]);
    await addRiskAlert(org.orgId, medium.patientId, { level: "MEDIUM", flags: ["hopelessness"] });

    const page = `/patients/${high.patientId}/monitoring`;
    const ack = await call(monitoring.action, form(page, { intent: "acknowledge", alertId, verdict: "real", note: "called the patient" }, { Cookie: org.cookie }), { patientId: high.patientId });
    expect(ack.status).toBe(200);
    const [row] = await db().select({ at: riskAlerts.acknowledgedAt }).from(riskAlerts).where(eq(riskAlerts.id, alertId));
    expect(row!.at).toBeTruthy();

    const list = await (await call(patientsList.loader, get("/patients", { Cookie: org.cookie }))).json();
    const names = list.patients.map((p: any) => p.name);
    const ana = list.patients.find((p: any) => p.name === "Ana Pastillas");
    expect(ana.state.level).toBe("HIGH");
    expect(ana.state.alert.acknowledgedAt).toBeTruthy();
    expect(ana.state.alert.note).toBe("called the patient");
    expect(names.indexOf("Ana Pastillas")).toBeLessThan(names.indexOf("Bea Media"));

    const mon = await (await call(monitoring.loader, get(page, { Cookie: org.cookie }), { patientId: high.patientId })).json();
    expect(mon.risk.level).toBe("HIGH");
  });
});

describe("the triage order and the 72-hour memory", () => {
  it("sorts by current risk, then by how long the oldest open alert has waited", async () => {
    const o = await makeOrg({ timezone: TZ });
    const early = await makePatient(o.orgId, { name: "Early Wait" });
    const late = await makePatient(o.orgId, { name: "Late Wait" });
    const acked = await makePatient(o.orgId, { name: "Acked Medium" });
    const calm = await makePatient(o.orgId, { name: "Calm" });
    const lateId = await addRiskAlert(o.orgId, late.patientId, { level: "MEDIUM", flags: [] });
    const earlyId = await addRiskAlert(o.orgId, early.patientId, { level: "MEDIUM", flags: [] });
    await db().update(riskAlerts).set({ createdAt: new Date(Date.now() - 3 * 3600_000) }).where(eq(riskAlerts.id, earlyId));
    await db().update(riskAlerts).set({ createdAt: new Date(Date.now() - 3600_000) }).where(eq(riskAlerts.id, lateId));
    const ackedId = await addRiskAlert(o.orgId, acked.patientId, { level: "MEDIUM", flags: [] });
    await db().update(riskAlerts).set({ acknowledgedAt: new Date(), acknowledgedBy: o.clinicianId, verdict: "unsure" }).where(eq(riskAlerts.id, ackedId));
    await addPatientMessages(o.orgId, calm.patientId, [{ direction: "INBOUND", content: "hola", at: new Date() }]);

    const list = await (await call(patientsList.loader, get("/patients", { Cookie: o.cookie }))).json();
    expect(list.patients.map((p: any) => [p.name, p.state.level])).toEqual([
      ["Early Wait", "MEDIUM"],
      ["Late Wait", "MEDIUM"],
      ["Acked Medium", "MEDIUM"],
      ["Calm", "NONE"],
    ]);
  });

  it("an acknowledged alert stops counting after 72 hours; an open one never does", async () => {
    const o = await makeOrg({ timezone: TZ });
    const old = await makePatient(o.orgId, { name: "Old Acked" });
    const waiting = await makePatient(o.orgId, { name: "Old Open" });
    const a1 = await addRiskAlert(o.orgId, old.patientId, { level: "HIGH", flags: [] });
    const a2 = await addRiskAlert(o.orgId, waiting.patientId, { level: "HIGH", flags: [] });
    const fourDays = new Date(Date.now() - 96 * 3600_000);
    await db().update(riskAlerts).set({ createdAt: fourDays, acknowledgedAt: fourDays, acknowledgedBy: o.clinicianId }).where(eq(riskAlerts.id, a1));
    await db().update(riskAlerts).set({ createdAt: fourDays }).where(eq(riskAlerts.id, a2));
    const list = await (await call(patientsList.loader, get("/patients", { Cookie: o.cookie }))).json();
    const level = (n: string) => list.patients.find((p: any) => p.name === n).state.level;
    expect(level("Old Open")).toBe("HIGH");
    expect(level("Old Acked")).toBe("NONE");
    // The latest daily analysis keeps her at its level.
    await addAnalyses(o.orgId, old.patientId, [{ day: localDayString(TZ, 0), sentimentScore: -0.5, emotionalState: "x", riskLevel: "MEDIUM", summary: "s", suggestion: "g", messageCount: 2 }]);
    const again = await (await call(patientsList.loader, get("/patients", { Cookie: o.cookie }))).json();
    const state = again.patients.find((p: any) => p.name === "Old Acked").state;
    expect(state).toMatchObject({ level: "MEDIUM", source: "analysis" });
  });
});

describe("the clinic's verdict", () => {
  it("is stored with who and when, audited, given once, and answers 400/404 to bad or foreign input", async () => {
    const o = await makeOrg({ timezone: TZ });
    const other = await makeOrg();
    const p = await makePatient(o.orgId, { name: "Verdict" });
    const alertId = await addRiskAlert(o.orgId, p.patientId, { level: "HIGH", flags: [] });
    const page = `/patients/${p.patientId}/monitoring`;
    const bad = await call(monitoring.action, form(page, { intent: "acknowledge", alertId, verdict: "maybe" }, { Cookie: o.cookie }), { patientId: p.patientId });
    expect(bad.status).toBe(400);
    const foreign = await call(monitoring.action, form(page, { intent: "acknowledge", alertId, verdict: "real" }, { Cookie: other.cookie }), { patientId: p.patientId });
    expect(foreign.status).toBe(404);
    // An alert of another patient of the same clinic cannot be acknowledged through this page.
    const q = await makePatient(o.orgId, { name: "Someone Else" });
    const wrong = await call(monitoring.action, form(`/patients/${q.patientId}/monitoring`, { intent: "acknowledge", alertId, verdict: "real" }, { Cookie: o.cookie }), { patientId: q.patientId });
    expect(wrong.status).toBe(404);

    const ok = await call(monitoring.action, form(page, { intent: "acknowledge", alertId, verdict: "false_alarm", note: "  figure of speech  " }, { Cookie: o.cookie }), { patientId: p.patientId });
    expect(ok.status).toBe(200);
    const again = await call(monitoring.action, form(page, { intent: "acknowledge", alertId, verdict: "real" }, { Cookie: o.cookie }), { patientId: p.patientId });
    expect((await again.json()).acknowledged).toBe(false);
    const [row] = await db().select({ verdict: riskAlerts.verdict, note: riskAlerts.ackNote, by: riskAlerts.acknowledgedBy, at: riskAlerts.acknowledgedAt }).from(riskAlerts).where(eq(riskAlerts.id, alertId));
    expect(row).toMatchObject({ verdict: "false_alarm", note: "figure of speech", by: o.clinicianId });
    expect(row!.at).toBeTruthy();
    const audits = await db().select({ detail: auditLog.detail, subject: auditLog.subject }).from(auditLog).where(and(eq(auditLog.orgId, o.orgId), eq(auditLog.action, "risk_alert.acknowledge")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subject: alertId, detail: { verdict: "false_alarm", level: "HIGH", note: true } });
    expect(JSON.stringify(audits)).not.toContain("figure of speech");
  });

  it("settings counts the last 30 days by tier and verdict and shows the clinic's precision", async () => {
    const o = await makeOrg({ timezone: TZ });
    const p = await makePatient(o.orgId);
    const verdicts = ["real", "real", "real", "false_alarm", "unsure", null] as const;
    for (const [i, v] of verdicts.entries()) {
      const id = await addRiskAlert(o.orgId, p.patientId, { level: i < 2 ? "HIGH" : "MEDIUM", flags: [] });
      if (v) await db().update(riskAlerts).set({ acknowledgedAt: new Date(), acknowledgedBy: o.clinicianId, verdict: v }).where(eq(riskAlerts.id, id));
    }
    const old = await addRiskAlert(o.orgId, p.patientId, { level: "HIGH", flags: [] });
    await db().update(riskAlerts).set({ createdAt: new Date(Date.now() - 40 * 86400_000), verdict: "false_alarm", acknowledgedAt: new Date() }).where(eq(riskAlerts.id, old));
    const res = await (await call(riskSettings.loader, get("/settings/risk", { Cookie: o.cookie }))).json();
    expect(res.stats).toMatchObject({ byTier: { HIGH: 2, MEDIUM: 4 }, verdicts: { real: 3, false_alarm: 1, unsure: 1 }, open: 1, precision: 0.75 });
    expect(res.stats.precisionByTier.HIGH).toBe(1);
  });
});

describe("every sender: a lead in crisis", () => {
  it("shows on /patients and /leads, is acknowledged there, and its alerts move to the patient on conversion", async () => {
    const o = await makeOrg({ timezone: TZ });
    await makePatient(o.orgId, { name: "Patient Calm" });
    const { leadId } = await addLead(o.orgId, { phone: "+34 633 111 222", profileName: "Lucía", messages: [{ content: "me voy a quitar la vida esta noche", at: new Date() }] });
    const [m] = await db().select({ id: messageLog.id }).from(messageLog).where(eq(messageLog.leadId, leadId));
    const [alert] = await db().insert(riskAlerts).values({ orgId: o.orgId, leadId, messageId: m!.id, level: "HIGH", flags: ["suicidal_ideation"] }).returning({ id: riskAlerts.id });

    const list = await (await call(patientsList.loader, get("/patients", { Cookie: o.cookie }))).json();
    expect(list.newContacts).toHaveLength(1);
    expect(list.newContacts[0]).toMatchObject({ leadId, title: "Lucía", level: "HIGH" });
    expect(list.newContacts[0].alerts[0].messageContent).toBe("me voy a quitar la vida esta noche");

    const leadsRes = await (await call(leadsPage.loader, get("/leads", { Cookie: o.cookie }))).json();
    expect(leadsRes.leads[0].id).toBe(leadId);
    expect(leadsRes.alerts[0]).toMatchObject({ leadId, level: "HIGH" });

    const ack = await call(leadsPage.action, form("/leads", { intent: "acknowledge", alertId: alert!.id, leadId, verdict: "real", note: "called her" }, { Cookie: o.cookie }));
    expect(ack.status).toBe(200);
    const conv = await call(leadsPage.action, form("/leads", { intent: "convert", leadId, name: "Lucía Gómez" }, { Cookie: o.cookie }));
    expect(conv.status).toBe(302);
    const patientId = conv.headers.get("Location")!.split("/")[2]!;
    const [moved] = await db().select({ patientId: riskAlerts.patientId, leadId: riskAlerts.leadId, verdict: riskAlerts.verdict }).from(riskAlerts).where(eq(riskAlerts.id, alert!.id));
    expect(moved).toEqual({ patientId, leadId: null, verdict: "real" });
    const after = await (await call(patientsList.loader, get("/patients", { Cookie: o.cookie }))).json();
    expect(after.newContacts).toHaveLength(0);
    expect(after.patients[0]).toMatchObject({ name: "Lucía Gómez", state: { level: "HIGH", source: "alert" } });
    expect(after.patients[0].state.alert.note).toBe("called her");
  });

  it("the schema refuses an alert with neither or both of patient and lead", async () => {
    const o = await makeOrg();
    const p = await makePatient(o.orgId);
    const { leadId } = await addLead(o.orgId, { phone: "+34 644 555 666", messages: [] });
    await expect(db().insert(riskAlerts).values({ orgId: o.orgId, level: "HIGH" })).rejects.toThrow();
    await expect(db().insert(riskAlerts).values({ orgId: o.orgId, level: "HIGH", leadId, patientId: p.patientId })).rejects.toThrow();
  });
});

describe("the clinic's own model (risk:train)", () => {
  it("folds the verdicts into a model used only for that organization, raising to MEDIUM at most", async () => {
    const a = await makeOrg({ timezone: TZ });
    const b = await makeOrg({ timezone: TZ });
    const pa = await makePatient(a.orgId, { name: "Clinic slang" });
    const pb = await makePatient(b.orgId, { name: "Other clinic" });
    const real = ["ya pensé en el viaje largo, no aguanto", "el viaje largo es la salida", "cada día pienso más en el viaje largo", "quiero hacer el viaje largo pronto"];
    const fa = ["me muero de la risa con mi hermano", "qué calor, me muero"];
    const ids = await addPatientMessages(a.orgId, pa.patientId, [...real, ...fa].map((content, i) => ({ direction: "INBOUND" as const, content, at: new Date(Date.now() - (10 - i) * 86400_000) })));
    for (const [i, m] of ids.entries()) {
      await db().insert(riskAlerts).values({ orgId: a.orgId, patientId: pa.patientId, messageId: m.id, level: "MEDIUM", acknowledgedAt: new Date(), acknowledgedBy: a.clinicianId, verdict: i < real.length ? "real" : "false_alarm" });
    }
    const text = "pienso en el viaje largo";
    expect(screenMessage(text).level).toBe("NONE"); // the engine alone does not see it

    const out = await riskTrain.run({ org: a.orgId }, {} as any);
    expect(out).toMatchObject({ org_id: a.orgId, examples: 6 });
    const evaluation = out.evaluation as Array<{ before: { precision: number; recall: number }; after: { precision: number; recall: number } }>;
    expect(evaluation.length).toBeGreaterThan(0);
    for (const e of evaluation) for (const k of ["before", "after"] as const) expect(e[k].recall).toBeGreaterThanOrEqual(0);
    const [stored] = await db().select({ examples: riskOrgModels.examples }).from(riskOrgModels).where(eq(riskOrgModels.orgId, a.orgId));
    expect(stored!.examples).toBe(6);

    const [ma] = await addPatientMessages(a.orgId, pa.patientId, [{ direction: "INBOUND", content: text, at: new Date() }]);
    const [mb] = await addPatientMessages(b.orgId, pb.patientId, [{ direction: "INBOUND", content: text, at: new Date() }]);
    expect(await screenStoredMessage(ma!.id)).toMatchObject({ status: "screened", level: "MEDIUM" });
    expect(await screenStoredMessage(mb!.id)).toMatchObject({ status: "screened", level: "NONE" });
    const alerts = await db().select({ level: riskAlerts.level, flags: riskAlerts.flags }).from(riskAlerts).where(eq(riskAlerts.messageId, ma!.id));
    expect(alerts).toEqual([{ level: "MEDIUM", flags: ["risk_language"] }]);
  });

  it("applyOrgModel never lowers and never raises above MEDIUM", () => {
    const model = trainOrgModel([{ text: "quiero morir", positive: true }, { text: "hola", positive: false }], [], 0);
    const high = { level: "HIGH" as const, flags: [], matches: [], language: "es" as const };
    expect(applyOrgModel(model, "quiero morir", high).level).toBe("HIGH");
    expect(applyOrgModel(model, "quiero morir", { ...high, level: "LOW" }).level).toBe("MEDIUM");
    expect(applyOrgModel(undefined, "quiero morir", { ...high, level: "NONE" }).level).toBe("NONE");
  });
});
