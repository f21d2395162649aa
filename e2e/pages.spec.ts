// The clinician's pages in Chromium, by role and label (docs/design.md "Pages"): list → monitoring
// → leads → settings, live updates without reload, tenancy, axe on every page.
import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { e2eDatabase, screenshot, signIn, noSeriousA11yViolations } from "./support";
import { makeOrg, makePatient } from "../test/factories";
import { db } from "../db/client";
import { auditLog, messageLog, patients, riskAlerts } from "../db/schema";
import { addAnalyses, addLead, addPatientMessages, addRiskAlert, addWebhookEvent, localDayString, localTime } from "../test/fixtures/pages";
import { config } from "../app/config.server";
import { inboundMessages, metaJson, signBody, textMessage } from "../app/sandbox/webhook-payloads";

test.use({ locale: "en-US" });

test.beforeAll(async () => {
  await e2eDatabase();
});


/** A clinic with one patient at HIGH risk (falling week, open alert) and one calm patient. */
async function clinic() {
  const tz = "Europe/Madrid";
  const org = await makeOrg({ name: "Clínica Norte", timezone: tz });
  const phone = "+34 611 22 33 44";
  const risky = await makePatient(org.orgId, { name: "Elena Sanz", phone });
  const calm = await makePatient(org.orgId, { name: "Pablo Ortiz" });
  const ids = await addPatientMessages(org.orgId, risky.patientId, [
    { direction: "INBOUND", content: "Esta semana me cuesta levantarme", at: localTime(tz, 3, 10) },
    { direction: "OUTBOUND", content: "Gracias por escribir, Elena. ¿Cómo ha dormido?", at: localTime(tz, 3, 11) },
    { direction: "INBOUND", type: "audio", content: null, mediaUrl: "/media/00000000-0000-0000-0000-000000000000", transcriptionState: "no_provider", at: localTime(tz, 2, 20) },
    { direction: "INBOUND", content: "No quiero seguir viviendo así", riskLevel: "HIGH", at: localTime(tz, 1, 23, 40) },
  ]);
  await addRiskAlert(org.orgId, risky.patientId, { messageId: ids.at(-1)!.id, level: "HIGH", flags: ["suicidal_ideation"] });
  await addAnalyses(
    org.orgId,
    risky.patientId,
    [0.3, 0.1, -0.2, -0.5, -0.75].map((s, i) => ({
      day: localDayString(tz, 5 - i),
      sentimentScore: s,
      emotionalState: s < -0.4 ? "angustiada" : "estable",
      riskLevel: s < -0.7 ? "HIGH" : s < -0.4 ? "MEDIUM" : "NONE",
      riskFlags: s < -0.7 ? ["suicidal_ideation"] : [],
      summary: `Resumen del día ${i + 1}`,
      suggestion: "Llamar a la paciente hoy",
      messageCount: 2,
      analyzer: i === 4 ? "local_fallback" : "local",
    })),
  );
  await addPatientMessages(org.orgId, calm.patientId, [{ direction: "INBOUND", content: "Todo bien", at: localTime(tz, 0, 0, 1) }]);
  return { org, tz, phone, risky, calm };
}

test("patients list → monitoring: banner pulses, Acknowledge stops it, chart and summaries", async ({ page }) => {
  const { org, risky } = await clinic();
  await signIn(page, org.email, org.password);

  await expect(page.getByRole("heading", { name: "Patients" })).toBeVisible();
  const links = page.getByRole("link", { name: /Elena Sanz|Pablo Ortiz/ });
  await expect(links.first()).toContainText("Elena Sanz"); // open risk sorts first
  await expect(links.first()).toContainText("High");
  await expect(links.first()).toContainText("1 unread alert");
  await noSeriousA11yViolations(page);
  await screenshot(page, "pages-patients");

  await page.getByRole("searchbox", { name: "Search by name" }).fill("pablo");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: /Pablo Ortiz/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Elena Sanz/ })).toHaveCount(0);
  expect(page.url()).not.toContain("Elena");

  await page.goto("/patients");
  await page.getByRole("link", { name: /Elena Sanz/ }).click();
  await expect(page).toHaveURL(new RegExp(`/patients/${risky.patientId}/monitoring$`));

  const banner = page.getByRole("alert");
  await expect(banner).toHaveClass(/risk-pulse/);
  await expect(banner).toContainText("suicidal ideation");
  await expect(banner).toContainText("No quiero seguir viviendo así");
  const chart = page.getByRole("img", { name: "Sentiment, last 7 days" });
  await expect(chart).toBeVisible();
  expect(await chart.evaluate((el) => el.tagName)).toBe("CANVAS");
  const summaries = page.getByRole("region", { name: "Daily summaries" });
  await expect(summaries.getByRole("article")).toHaveCount(5);
  await expect(summaries).toContainText("local fallback");
  await expect(summaries).toContainText("Llamar a la paciente hoy");
  const messages = page.getByRole("region", { name: "Messages" });
  await expect(messages).toContainText("Esta semana me cuesta levantarme");
  await expect(messages.locator("audio")).toHaveAttribute("src", /\/media\//);
  await expect(messages).toContainText("not transcribed: no transcription service configured");
  await noSeriousA11yViolations(page);
  await screenshot(page, "pages-monitoring");

  await page.getByRole("button", { name: "30 days" }).click();
  await expect(page.getByRole("img", { name: "Sentiment, last 30 days" })).toBeVisible();

  // Acknowledge is per alert, with the clinic's verdict (issue 11); the panel stays, calm, at HIGH.
  await page.getByRole("button", { name: "Real risk" }).click();
  const calm = page.getByRole("region", { name: "Current risk" });
  await expect(calm).not.toHaveClass(/risk-pulse/);
  await expect(calm).toContainText("acknowledged");
  await expect(calm).toContainText("Risk: High");
  await expect(page.getByRole("button", { name: "Real risk" })).toHaveCount(0);
  const [alert] = await db()
    .select({ by: riskAlerts.acknowledgedBy, at: riskAlerts.acknowledgedAt })
    .from(riskAlerts)
    .where(eq(riskAlerts.patientId, risky.patientId));
  expect(alert!.by).toBe(org.clinicianId);
  expect(alert!.at).toBeTruthy();
  const audits = await db()
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.patientId, risky.patientId), eq(auditLog.action, "risk_alert.acknowledge")));
  expect(audits).toHaveLength(1);
  await page.reload();
  await expect(page.getByRole("region", { name: "Current risk" })).not.toHaveClass(/risk-pulse/);
  await screenshot(page, "pages-monitoring-acknowledged");

  // Every page answers no-store.
  for (const path of ["/patients", `/patients/${risky.patientId}/monitoring`, "/leads", "/settings/whatsapp"]) {
    const res = await page.request.get(path);
    expect(res.headers()["cache-control"]).toContain("no-store");
  }
});

test("Spanish: the language switch changes the clinician's pages", async ({ page }) => {
  const { org, risky } = await clinic();
  await signIn(page, org.email, org.password);
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.getByRole("heading", { name: "Pacientes" })).toBeVisible();
  await page.goto(`/patients/${risky.patientId}/monitoring`);
  await expect(page.getByRole("img", { name: "Sentimiento, últimos 7 días" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Resúmenes diarios" })).toBeVisible();
  await noSeriousA11yViolations(page);
  await screenshot(page, "pages-monitoring-es");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Daily summaries" })).toBeVisible();
});

test("leads: Convert to patient moves the identity and its messages", async ({ page }) => {
  const org = await makeOrg({ name: "Clínica Leads", timezone: "America/Mexico_City" });
  const { leadId } = await addLead(org.orgId, {
    phone: "+5215512349876",
    profileName: "Rosa",
    messages: [
      { content: "Hola, ¿tienen citas esta semana?", at: new Date(Date.now() - 3600_000) },
      { content: "Es para ansiedad", at: new Date(Date.now() - 3000_000) },
    ],
  });
  await signIn(page, org.email, org.password);
  await page.getByRole("link", { name: "Leads" }).click();
  await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();
  await expect(page.getByText("Es para ansiedad")).toBeVisible();
  await noSeriousA11yViolations(page);
  await screenshot(page, "pages-leads");

  await page.getByLabel("Patient name").fill("Rosa Jiménez");
  await page.getByRole("button", { name: "Convert to patient" }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}\/monitoring$/);
  await expect(page.getByRole("heading", { name: "Rosa Jiménez" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Messages" })).toContainText("Es para ansiedad");
  const patientId = page.url().match(/patients\/([0-9a-f-]{36})/)![1]!;
  const moved = await db().select({ leadId: messageLog.leadId }).from(messageLog).where(eq(messageLog.patientId, patientId));
  expect(moved).toHaveLength(2);
  expect(moved.every((m) => m.leadId === null)).toBe(true);
  await page.goto("/leads");
  await expect(page.getByRole("button", { name: "Convert to patient" })).toHaveCount(0);
  expect(leadId).toBeTruthy();
});

test("settings: mode, recipients, webhook health, Replay a failed event", async ({ page }) => {
  const org = await makeOrg({ name: "Clínica Ajustes", mode: "dev", testRecipients: ["+34600000001"] });
  const eventId = await addWebhookEvent({ orgId: org.orgId, status: "failed", error: "database timeout", phoneNumberIds: [org.phoneNumberId] });
  await signIn(page, org.email, org.password);
  await page.getByRole("link", { name: "WhatsApp settings" }).click();
  await expect(page.getByRole("heading", { name: "WhatsApp settings" })).toBeVisible();
  await expect(page.getByText("Mode: Dev")).toBeVisible();
  await expect(page.getByText("+34600000001")).toBeVisible();
  await expect(page.getByRole("region", { name: "Failed events" })).toContainText(`#${eventId}`);
  await noSeriousA11yViolations(page);
  await screenshot(page, "pages-settings");
  await page.getByRole("button", { name: `Replay #${eventId}` }).click();
  // The stored body is valid (no messages): the ingest processor marks it processed.
  await expect(page.getByRole("status")).toContainText(`Event #${eventId} replayed: processed`);
  await expect(page.getByRole("region", { name: "Failed events" })).toContainText("No failed events.");
  const audits = await db()
    .select({ subject: auditLog.subject })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "webhook.replay")));
  expect(audits.map((a) => a.subject)).toEqual([String(eventId)]);
});

test("live: a message arriving by webhook appears on the open page without a reload", async ({ page }) => {
  const { org, phone, risky } = await clinic();
  await signIn(page, org.email, org.password);
  await page.goto(`/patients/${risky.patientId}/monitoring`);
  await expect(page.getByRole("region", { name: "Messages" })).toBeVisible();
  await page.evaluate(() => ((window as any).__sameDocument = true));
  // The EventSource is connected before the message is sent.
  await expect(page.locator("html[data-live=ready]")).toBeAttached();

  const text = `Mensaje en directo ${Date.now()}`;
  const waId = phone.replace(/\D/g, "");
  const body = metaJson(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId, name: "Elena" }, messages: [textMessage(waId, text)] }));
  const res = await page.request.post("/api/v1/webhooks/meta", {
    data: body,
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signBody(body, config().meta.appSecret) },
  });
  // Through the real ingest path only: a broken webhook must fail this test.
  expect(res.status()).toBe(200);
  await expect(page.getByRole("region", { name: "Messages" })).toContainText(text, { timeout: 15_000 });
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
});

test("a clinician of another organization gets 404 everywhere", async ({ page }) => {
  const { org, risky } = await clinic();
  const { leadId } = await addLead(org.orgId, { phone: "+34699887766", profileName: "Otro", messages: [{ content: "hola", at: new Date() }] });
  const eventId = await addWebhookEvent({ orgId: org.orgId, status: "failed", error: "x" });
  const other = await makeOrg({ name: "Clínica Sur" });
  await signIn(page, other.email, other.password);

  for (const path of [`/patients/${risky.patientId}/monitoring`, `/patients/${risky.patientId}/chat`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Elena Sanz")).toHaveCount(0);
  }
  for (const path of [`/api/v1/patients/${risky.patientId}/monitoring/messages?days=7`, `/api/v1/patients/${risky.patientId}/monitoring/analyses?days=7`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  const origin = new URL(page.url()).origin;
  const ack = await page.request.post(`/patients/${risky.patientId}/monitoring`, { form: { intent: "acknowledge" }, headers: { Origin: origin } });
  expect(ack.status()).toBe(404);
  const convert = await page.request.post("/leads", { form: { intent: "convert", leadId, name: "Robo" }, headers: { Origin: origin } });
  expect(convert.status()).toBe(404);
  const replay = await page.request.post("/settings/whatsapp", { form: { intent: "replay", eventId: String(eventId) }, headers: { Origin: origin } });
  expect(replay.status()).toBe(404);
  // Nothing of the other clinic shows on this clinic's lists.
  await page.goto("/patients");
  await expect(page.getByText("Elena Sanz")).toHaveCount(0);
  await page.goto("/leads");
  await expect(page.getByText("Otro")).toHaveCount(0);
  const still = await db().select({ at: riskAlerts.acknowledgedAt }).from(riskAlerts).where(eq(riskAlerts.patientId, risky.patientId));
  expect(still[0]!.at).toBeNull();
  const stillLead = await db().select({ id: patients.id }).from(patients).where(eq(patients.name, "Robo"));
  expect(stillLead).toHaveLength(0);
});
