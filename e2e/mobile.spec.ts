// Every page at a phone's width (390×844) and at a desktop's (1280×800): nothing scrolls
// sideways, axe finds nothing serious, and a screenshot of each is kept for a person to look at
// (test-results/screenshots/mobile-*). On the phone the navigation collapses behind a menu
// button, and the monitoring page's Acknowledge works (a clinician opening a night alert).
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { e2eDatabase, screenshot, signIn, noSeriousA11yViolations } from "./support";
import { makeOrg, makePatient } from "../test/factories";
import { db } from "../db/client";
import { riskAlerts } from "../db/schema";
import { addAnalyses, addLead, addPatientMessages, addRiskAlert, addWebhookEvent, localDayString, localTime } from "../test/fixtures/pages";

test.use({ locale: "en-US" });
// Seven pages, each with axe and a full-page screenshot.
test.setTimeout(240_000);

test.beforeAll(async () => {
  await e2eDatabase();
});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };


async function noSidewaysScroll(page: Page, label: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${label}: page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

/** A clinic with long names and long words (the worst case for a narrow screen). */
async function clinic() {
  const tz = "Europe/Madrid";
  const org = await makeOrg({ name: "Centro de Salud Mental Comunitaria de Villanueva de la Cañada", timezone: tz, mode: "dev", testRecipients: ["+34600000001"] });
  const risky = await makePatient(org.orgId, { name: "María Guadalupe Fernández-Villanueva", phone: "+34 611 22 33 44" });
  await makePatient(org.orgId, { name: "Pablo Ortiz" });
  const ids = await addPatientMessages(org.orgId, risky.patientId, [
    { direction: "INBOUND", content: "Esta semana me cuesta muchísimo levantarme de la cama por las mañanas", at: localTime(tz, 3, 10) },
    { direction: "OUTBOUND", content: "Gracias por escribir. ¿Cómo ha dormido?", at: localTime(tz, 3, 11) },
    { direction: "INBOUND", type: "audio", content: null, mediaUrl: "/media/00000000-0000-0000-0000-000000000000", transcriptionState: "no_provider", at: localTime(tz, 2, 20) },
    { direction: "INBOUND", content: "https://ejemplo.com/un-enlace-muy-largo-sin-espacios-que-no-se-puede-cortar-facilmente", at: localTime(tz, 2, 21) },
    { direction: "INBOUND", content: "No quiero seguir viviendo así", riskLevel: "HIGH", at: localTime(tz, 0, 0, 40) },
  ]);
  await addRiskAlert(org.orgId, risky.patientId, { messageId: ids.at(-1)!.id, level: "HIGH", flags: ["suicidal_ideation"] });
  await addAnalyses(
    org.orgId,
    risky.patientId,
    [0.3, -0.2, -0.75].map((s, i) => ({
      day: localDayString(tz, 3 - i),
      sentimentScore: s,
      emotionalState: s < -0.4 ? "angustia" : "estable",
      riskLevel: s < -0.7 ? "HIGH" : "NONE",
      riskFlags: s < -0.7 ? ["suicidal_ideation"] : [],
      summary: `Paciente escribe sobre su semana (día ${i + 1}).`,
      suggestion: "Llamar hoy y revisar el plan de seguridad.",
      messageCount: 2,
    })),
  );
  await addLead(org.orgId, { phone: "+5215512349876", profileName: "Rosa", messages: [{ content: "Hola, ¿tienen citas esta semana?", at: new Date(Date.now() - 3600_000) }] });
  await addWebhookEvent({ orgId: org.orgId, status: "failed", error: "database timeout", phoneNumberIds: [org.phoneNumberId] });
  return { org, risky };
}

for (const [size, viewport] of [["390", PHONE], ["1280", DESKTOP]] as const) {
  test(`every page at ${size} px: no sideways scroll, axe, screenshot`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const { org, risky } = await clinic();

    await page.goto("/login");
    await noSidewaysScroll(page, "/login");
    await noSeriousA11yViolations(page);
    await screenshot(page, `mobile-${size}-login`);

    await signIn(page, org.email, org.password);
    const pages: Array<[string, string]> = [
      ["/patients", "patients"],
      [`/patients/${risky.patientId}/monitoring`, "monitoring"],
      [`/patients/${risky.patientId}/chat`, "chat"],
      ["/leads", "leads"],
      ["/settings/whatsapp", "settings-whatsapp"],
      ["/settings/risk", "settings-risk"],
    ];
    for (const [path, name] of pages) {
      await page.goto(path);
      await expect(page.getByRole("banner")).toBeVisible();
      await screenshot(page, `mobile-${size}-${name}`);
      await noSidewaysScroll(page, path);
      await noSeriousA11yViolations(page);
    }
  });
}

test("at 390 px the navigation collapses behind a menu button; every target is tappable", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const { org } = await clinic();
  await signIn(page, org.email, org.password);
  await page.goto("/patients?q=pablo");

  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  await noSidewaysScroll(page, "menu open");
  await noSeriousA11yViolations(page);
  await screenshot(page, "mobile-390-menu-open");

  // Every control of the open header is at least 44 px tall and inside the screen.
  const header = page.getByRole("banner");
  for (const target of await header.locator("a, button").all()) {
    if (!(await target.isVisible())) continue;
    const box = (await target.boundingBox())!;
    const name = (await target.textContent())?.trim();
    expect(box.height, `${name} height`).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width, `${name} right edge`).toBeLessThanOrEqual(PHONE.width);
  }

  // The language switch can be tapped, and keeps the search.
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.getByRole("heading", { name: "Pacientes" })).toBeVisible();
  expect(new URL(page.url()).search).toBe("?q=pablo");
  await page.getByRole("button", { name: "Menú" }).click();
  await page.getByRole("link", { name: "Contactos nuevos" }).click();
  await expect(page).toHaveURL(/\/leads$/);
  // Navigating closes the menu.
  await expect(page.getByRole("button", { name: "Menú" })).toHaveAttribute("aria-expanded", "false");
  await page.getByRole("button", { name: "Menú" }).click();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();

  // At desktop width there is no menu button: the links are in the header.
  await page.setViewportSize(DESKTOP);
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(nav).toBeVisible();
});

test("at 390 px a clinician opens the monitoring link at night and acknowledges the alert", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const { org, risky } = await clinic();
  await signIn(page, org.email, org.password);
  await page.goto(`/patients/${risky.patientId}/monitoring`);
  const panel = page.getByRole("alert").filter({ hasText: "No quiero seguir viviendo así" });
  await expect(panel).toHaveClass(/risk-pulse/);
  // The verdict buttons are on screen without scrolling sideways, and tall enough to tap.
  const real = panel.getByRole("button", { name: "Real risk" });
  const box = (await real.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, "mobile-390-monitoring-viewport");
  await real.tap().catch(() => real.click());
  await expect(page.getByRole("region", { name: /Current risk/ })).toBeVisible();
  await expect(page.locator(".risk-pulse")).toHaveCount(0);
  const [alert] = await db().select({ at: riskAlerts.acknowledgedAt, verdict: riskAlerts.verdict }).from(riskAlerts).where(eq(riskAlerts.patientId, risky.patientId));
  expect(alert!.at).toBeTruthy();
  expect(alert!.verdict).toBe("real");
  await noSidewaysScroll(page, "acknowledged");
  await screenshot(page, "mobile-390-monitoring-acknowledged");
});
