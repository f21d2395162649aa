// Risk is a state, not an unread count: acknowledging says "I have seen it", never "she is
// safe". Leads in crisis are alerted; the clinic's verdicts are stored, audited and counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { freshDatabase } from "./db";
import { BASE, call, form } from "./http";
import { makeOrg, makePatient } from "./factories";
import * as monitoring from "../app/routes/_app.patients.$patientId.monitoring";
import * as patientsList from "../app/routes/_app.patients._index";
import { db } from "../db/client";
import { auditLog, riskAlerts } from "../db/schema";
import { addAnalyses, addPatientMessages, addRiskAlert, localDayString, localTime } from "./fixtures/pages";

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
