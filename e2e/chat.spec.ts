import { expect, test } from "@playwright/test";
import { e2eDatabase, screenshot, signIn } from "./support";
import { makeOrg, makePatient } from "../test/factories";

test.use({ locale: "en-US" });

test.beforeAll(async () => {
  await e2eDatabase();
});

test("a clinician answers a patient and sees the tick go sent → delivered → read without reloading", async ({ page }) => {
  const org = await makeOrg({ mode: "dev", testRecipients: ["+34 600 555 001"] });
  const { patientId } = await makePatient(org.orgId, { name: "Elena Martín", phone: "+34 600 555 001" });
  await signIn(page, org.email, org.password);
  await page.goto(`/patients/${patientId}/chat`);
  await expect(page.getByText(/window closed/)).toBeVisible();
  await expect(page.getByText(/Dev mode/)).toBeVisible();

  // The sandbox plays the patient: a signed inbound webhook through the real route.
  await page.getByLabel("Patient's reply (sandbox)").fill("Hola, hoy me siento un poco mejor.");
  await page.getByRole("button", { name: "Simulate patient reply" }).click();
  await expect(page.getByText("Hola, hoy me siento un poco mejor.")).toBeVisible();
  await expect(page.getByText(/window open · closes in 2[34] h/)).toBeVisible();

  let reloaded = false;
  page.on("load", () => (reloaded = true));
  await page.getByLabel("Message").fill("Me alegra leerlo. ¿Nos vemos el jueves?");
  await page.getByRole("button", { name: "Send" }).click();
  const bubble = page.locator("[data-direction=out]").filter({ hasText: "¿Nos vemos el jueves?" });
  await expect(bubble).toBeVisible();
  await expect(page.getByLabel("Message")).toHaveValue("");
  await expect(bubble.getByRole("img", { name: /^(sent|delivered|read)$/ })).toBeVisible();
  await expect(bubble.getByRole("img", { name: "delivered" })).toBeVisible();
  await expect(bubble.getByRole("img", { name: "read" })).toBeVisible();
  expect(reloaded).toBe(false);
  await screenshot(page, "chat");
});

test("outside the window the composer offers approved templates instead of free text", async ({ page }) => {
  const org = await makeOrg({ mode: "dev", testRecipients: ["+34 600 555 002"] });
  const { patientId } = await makePatient(org.orgId, { name: "Tomás Vidal", phone: "+34 600 555 002" });
  await signIn(page, org.email, org.password);
  await page.goto(`/patients/${patientId}/chat`);
  await expect(page.getByText(/window closed/)).toBeVisible();
  await expect(page.getByLabel("Message")).toHaveCount(0);
  const select = page.getByLabel("Template");
  await expect(select).toBeVisible();
  // Only approved templates (the sandbox also has a pending and a rejected one).
  await expect(select.locator("option", { hasText: "wellness_tips" })).toHaveCount(0);
  await select.selectOption("appointment_reminder|en");
  await page.getByLabel("Parameter 1").fill("Tomás");
  await page.getByLabel("Parameter 2").fill("Thursday at 10:00");
  await expect(page.getByText(/Preview: Hi Tomás, this is a reminder of your appointment on Thursday at 10:00/)).toBeVisible();
  await screenshot(page, "chat-template");
  await page.getByRole("button", { name: "Send" }).click();
  const bubble = page.locator("[data-direction=out]").filter({ hasText: "Hi Tomás" });
  await expect(bubble).toBeVisible();
  await expect(bubble.getByText("Template: appointment_reminder")).toBeVisible();
  await expect(bubble.getByRole("img", { name: "read" })).toBeVisible();
});

test("a failed send shows the reason in words with Retry; a held draft never looks sent", async ({ page }) => {
  const { db } = await import("../db/client");
  const { messageLog, outboundDrafts } = await import("../db/schema");
  const org = await makeOrg({ mode: "live" });
  const p = await makePatient(org.orgId, { name: "Rosa Prieto", phone: "+34 600 555 003" });
  const base = { orgId: org.orgId, identityId: p.identityId, patientId: p.patientId };
  await db().insert(messageLog).values([
    { ...base, direction: "INBOUND", type: "text", content: "No puedo más, no sé qué hacer.", status: "received", timestamp: new Date(Date.now() - 20 * 60_000) },
    { ...base, direction: "OUTBOUND", type: "text", content: "Te escribo enseguida.", status: "failed", errorCode: 131026, timestamp: new Date(Date.now() - 10 * 60_000) },
  ]);
  await db().insert(outboundDrafts).values({ orgId: org.orgId, patientId: p.patientId, content: "Recordatorio: ¿cómo te encuentras hoy?", riskLevel: "HIGH", reason: "requires_clinician" });
  await signIn(page, org.email, org.password);
  await page.goto(`/patients/${p.patientId}/chat`);
  const failed = page.locator("[data-direction=out]").filter({ hasText: "Te escribo enseguida." });
  await expect(failed.getByRole("img", { name: /^failed: WhatsApp could not deliver/ })).toBeVisible();
  await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();
  const draft = page.getByRole("form", { name: "Draft · not sent" });
  await expect(draft.getByLabel("Draft text")).toHaveValue("Recordatorio: ¿cómo te encuentras hoy?");
  await expect(page.locator("[data-direction=out]").filter({ hasText: "Recordatorio" })).toHaveCount(0);
  await screenshot(page, "chat-failed-draft");
  await failed.getByRole("button", { name: "Retry" }).click();
  await expect(failed.getByRole("img", { name: "read" })).toBeVisible();
  await draft.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByRole("form", { name: "Draft · not sent" })).toHaveCount(0);
});
