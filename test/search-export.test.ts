// Issue 14 items 4 and 5: search across patients (name without accents or case, phone in any
// format, message text in Spanish and English) and the export for the clinical record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { freshDatabase } from "./db";
import { BASE, call } from "./http";
import { makeOrg, makePatient } from "./factories";
import * as patientsList from "../app/routes/_app.patients._index";
import * as chat from "../app/routes/_app.patients.$patientId.chat";
import * as exportRoute from "../app/routes/_app.patients.$patientId.export";
import { db } from "../db/client";
import { auditLog } from "../db/schema";
import { snippet } from "../app/models/search.server";
import { STRINGS } from "../app/i18n";
const { en, es } = STRINGS;
import { addAnalyses, addPatientMessages, addRiskAlert } from "./fixtures/pages";
import { acknowledgeAlert } from "../app/models/risk-state.server";
import { pdfSafe } from "../app/export/pdf.server";
import fs from "node:fs";
import path from "node:path";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let a: Awaited<ReturnType<typeof makeOrg>>;
let b: Awaited<ReturnType<typeof makeOrg>>;
let lucia: string;
let pedro: string;
let foreignLucia: string;
let oldMessageId: string;

const day = (n: number, h = 12) => new Date(Date.UTC(2026, 10, n, h, 0, 0));

beforeAll(async () => {
  database = await freshDatabase();
  a = await makeOrg({ name: "Clínica Norte", timezone: "Europe/Madrid" });
  b = await makeOrg({ name: "Clínica Sur", timezone: "Europe/Madrid" });
  ({ patientId: lucia } = await makePatient(a.orgId, { name: "Lucía García", phone: "+34 600 00 00 01" }));
  ({ patientId: pedro } = await makePatient(a.orgId, { name: "Pedro Pérez", phone: "+34 611 22 33 44" }));
  ({ patientId: foreignLucia } = await makePatient(b.orgId, { name: "Lucía García", phone: "+34 600 00 00 01" }));
  await addPatientMessages(a.orgId, lucia, [
    { direction: "INBOUND", content: "Hola, gracias por la cita de ayer", at: day(2) },
    { direction: "INBOUND", content: "Last night I couldn't sleep at all", at: day(3) },
  ]);
  const [old] = await addPatientMessages(a.orgId, pedro, [{ direction: "INBOUND", content: "Esta semana me siento muy angustiado y no duermo", at: day(1) }]);
  oldMessageId = old!.id;
  // More than a chat page after it: the chat must still open at the matching message.
  await addPatientMessages(
    a.orgId,
    pedro,
    Array.from({ length: 260 }, (_, i) => ({ direction: (i % 2 ? "OUTBOUND" : "INBOUND") as "INBOUND" | "OUTBOUND", content: `mensaje corriente ${i}`, at: new Date(day(5).getTime() + i * 60_000) })),
  );
  await addPatientMessages(b.orgId, foreignLucia, [{ direction: "INBOUND", content: "me siento angustiada", at: day(2) }]);
});
afterAll(async () => database.drop());

async function search(q: string, cookie = a.cookie) {
  const res = await call(patientsList.loader, new Request(`${BASE}/patients?q=${encodeURIComponent(q)}`, { headers: { Cookie: cookie } }));
  expect(res.status).toBe(200);
  return (await res.json()) as { patients: Array<{ id: string; name: string }>; total: number; matches: Record<string, { messageId: string; at: string; snippet: string; outbound: boolean }> };
}

describe("search", () => {
  it.each(["lucia", "LUCIA", "garcia", "lucía garcía", "Lucia Garcia", "García"])("finds Lucía García by name %j, without accents or case", async (q) => {
    const r = await search(q);
    expect(r.patients.map((p) => p.id)).toEqual([lucia]);
    expect(r.total).toBe(1);
  });

  it.each(["+34 600 00 00 01", "600000001", "34600000001", "600 00 00 01", "+34-600-000-001", "(+34) 600 000 001"])("finds her by phone %j in any format", async (q) => {
    const r = await search(q);
    expect(r.patients.map((p) => p.id)).toEqual([lucia]);
  });

  it("finds message text in Spanish (stemmed, without accents) and shows the message with its day and a link to it", async () => {
    for (const q of ["angustia", "ANGUSTIADO", "duermo", "angustiádo"]) {
      const r = await search(q);
      expect(r.patients.map((p) => p.id), q).toEqual([pedro]);
      const m = r.matches[pedro]!;
      expect(m.messageId, q).toBe(oldMessageId);
      expect(new Date(m.at).toISOString()).toBe(day(1).toISOString());
    }
    expect((await search("angustia")).matches[pedro]!.snippet).toBe("Esta semana me siento muy «angustiado» y no duermo");
  });

  it("finds message text in English", async () => {
    const r = await search("sleeping");
    expect(r.patients.map((p) => p.id)).toEqual([lucia]);
    expect(r.matches[lucia]!.snippet).toContain("«sleep»");
  });

  it("never finds another organization's patients or messages", async () => {
    expect((await search("angustiada")).patients.map((p) => p.id)).toEqual([pedro]);
    const fromB = await search("lucia", b.cookie);
    expect(fromB.patients.map((p) => p.id)).toEqual([foreignLucia]);
    expect((await search("sleep", b.cookie)).patients).toEqual([]);
  });

  it("an empty result is a search result, not an empty clinic", async () => {
    const r = await search("zzzqqq");
    expect(r.patients).toEqual([]);
    expect(r.total).toBe(0);
    expect(en.noPatientsMatch.replace("{q}", "zzzqqq")).toBe("No patients match “zzzqqq”.");
    expect(es.noPatientsMatch).toContain("{q}");
    expect(en.noPatientsMatch).not.toBe(en.noPatients);
  });

  it("treats % and _ literally and audits the search without the query", async () => {
    expect((await search("%")).patients).toEqual([]);
    expect((await search("_")).patients).toEqual([]);
    const rows = await db().select({ detail: auditLog.detail }).from(auditLog).where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "patients.search")));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/angusti|lucia/i);
  });

  it("the result links into the chat, which opens at that message even when it is older than a page", async () => {
    const res = await call(chat.loader, new Request(`${BASE}/patients/${pedro}/chat?at=${oldMessageId}`, { headers: { Cookie: a.cookie } }), { patientId: pedro });
    const thread = (await res.json()) as { messages: Array<{ id: string }> };
    expect(thread.messages.map((m) => m.id)).toContain(oldMessageId);
    const plain = (await (await call(chat.loader, new Request(`${BASE}/patients/${pedro}/chat`, { headers: { Cookie: a.cookie } }), { patientId: pedro })).json()) as typeof thread;
    expect(plain.messages.map((m) => m.id)).not.toContain(oldMessageId);
  });

  it("snippets mark the first matching word, accent-blind, around a window", () => {
    expect(snippet("Ayer estuve angustiadísima todo el día", ["angustia"])).toBe("Ayer estuve «angustiadísima» todo el día");
    const long = `${"palabra ".repeat(40)}tristeza ${"otra ".repeat(40)}`;
    const s = snippet(long, ["tristeza"], 60);
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).toContain("«tristeza»");
  });
});

describe("export for the clinical record", () => {
  let alertId: string;
  beforeAll(async () => {
    // Lucía: an alert acknowledged with a verdict and a note, another open, two analyses; one message outside the range.
    const [m] = await addPatientMessages(a.orgId, lucia, [
      { direction: "INBOUND", content: "No quiero seguir así, ya no puedo más 😞", at: day(4, 21), riskLevel: "HIGH" },
      { direction: "OUTBOUND", content: "Lucía, te llamamos ahora mismo. ¿Estás en un lugar seguro?", at: new Date(day(4, 21).getTime() + 6 * 60_000) },
      { direction: "INBOUND", content: "Fuera del periodo", at: day(20) },
    ]);
    alertId = await addRiskAlert(a.orgId, lucia, { messageId: m!.id, level: "HIGH", flags: ["hopelessness"], reason: "“ya no puedo más”" });
    await acknowledgeAlert({ orgId: a.orgId, clinicianId: a.clinicianId }, { alertId, patientId: lucia, verdict: "real", note: "Llamada a las 21:10; plan de seguridad revisado." });
    await addRiskAlert(a.orgId, lucia, { level: "MEDIUM", flags: ["sleep"], reason: "insomnio" });
    await addAnalyses(a.orgId, lucia, [
      { day: "2026-11-03", sentimentScore: -0.42, emotionalState: "cansada", riskLevel: "LOW", summary: "Paciente refiere insomnio.", suggestion: "Preguntar por el sueño.", messageCount: 1 },
      { day: "2026-11-04", sentimentScore: -0.8, emotionalState: "desesperanza", riskLevel: "HIGH", riskFlags: ["hopelessness"], summary: "Paciente expresa desesperanza.", suggestion: "Contactar hoy.", messageCount: 2 },
      { day: "2026-11-25", sentimentScore: 0.2, emotionalState: "tranquila", riskLevel: "NONE", summary: "Fuera del periodo.", suggestion: "-", messageCount: 1 },
    ]);
  });

  const exp = (qs: string, cookie = a.cookie, id = lucia) => call(exportRoute.loader, new Request(`${BASE}/patients/${id}/export?${qs}`, { headers: { Cookie: cookie } }), { patientId: id });

  it("JSON: the conversation, alerts with verdicts and notes, and analyses of the range only; audited", async () => {
    const before = await db().select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "patient.export")));
    const res = await exp("from=2026-11-01&to=2026-11-10&format=json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="kura-LG-2026-11-01-2026-11-10.json"/);
    const r = await res.json();
    expect(r.organization.name).toBe("Clínica Norte");
    expect(r.patient).toMatchObject({ name: "Lucía García", initials: "L. G.", phone: "+34600000001" });
    expect(r.messages.map((m: { content: string }) => m.content)).toEqual([
      "Hola, gracias por la cita de ayer",
      "Last night I couldn't sleep at all",
      "No quiero seguir así, ya no puedo más 😞",
      "Lucía, te llamamos ahora mismo. ¿Estás en un lugar seguro?",
    ]);
    expect(r.messages[3]).toMatchObject({ direction: "outbound", day: "2026-11-04" });
    expect(r.alerts).toHaveLength(0); // created now, outside November's first days
    expect(r.analyses.map((d: { day: string }) => d.day)).toEqual(["2026-11-03", "2026-11-04"]);
    const after = await db().select({ detail: auditLog.detail, patientId: auditLog.patientId, clinicianId: auditLog.clinicianId }).from(auditLog).where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "patient.export")));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ patientId: lucia, clinicianId: a.clinicianId, detail: { format: "json", from: "2026-11-01", to: "2026-11-10", messages: 4, analyses: 2 } });
  });

  it("includes the alerts raised in the range with level, state, verdict and note", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = await (await exp(`from=2026-11-01&to=${today}&format=json`)).json();
    const acked = r.alerts.find((x: { id: string }) => x.id === alertId);
    expect(acked).toMatchObject({ level: "HIGH", state: "acknowledged", verdict: "real", note: "Llamada a las 21:10; plan de seguridad revisado.", flags: ["hopelessness"] });
    expect(acked.acknowledgedBy).toBeTruthy();
    expect(r.alerts.find((x: { id: string }) => x.id !== alertId)).toMatchObject({ level: "MEDIUM", state: "open", verdict: null });
  });

  it("PDF: a real PDF with the header, messages, alerts and analyses in it", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await exp(`from=2026-11-01&to=${today}&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(2000);
    // Kept for a look (pdftoppm → PNG); test-results/ is not committed.
    const out = path.resolve(import.meta.dirname, "../test-results/export-sample.pdf");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, bytes);
  });

  it("refuses a bad range with 400 and another organization's patient with 404", async () => {
    expect((await exp("from=2026-11-10&to=2026-11-01")).status).toBe(400);
    expect((await exp("from=2026-02-30&to=2026-03-01")).status).toBe(400);
    expect((await exp("from=2024-01-01&to=2026-11-01")).status).toBe(400);
    expect((await exp("from=2026-11-01&to=2026-11-10&format=docx")).status).toBe(400);
    expect((await exp("to=2026-11-10")).status).toBe(400);
    expect((await exp("from=2026-11-01&to=2026-11-10", a.cookie, foreignLucia)).status).toBe(404);
    expect((await exp("from=2026-11-01&to=2026-11-10", b.cookie, lucia)).status).toBe(404);
    const anon = await call(exportRoute.loader, new Request(`${BASE}/patients/${lucia}/export?from=2026-11-01&to=2026-11-10`), { patientId: lucia }).catch((e) => e as Response);
    expect([302, 401]).toContain(anon.status);
  });

  it("the PDF font's missing characters become ? (the JSON keeps them)", () => {
    expect(pdfSafe("¿Qué tal? ñ € 😞")).toBe("¿Qué tal? ñ € ?");
  });
});
