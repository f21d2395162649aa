// Escalation (issue 16) in Chromium: the on-call page (an admin adds a turn and takes tonight;
// the header says who is on call), and a HIGH message arriving by webhook whose notices are
// listed on the alert and captured by the sandbox's SMTP (no message text in them), then
// acknowledged on a 390 px phone screen.
import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { e2eDatabase, screenshot, signIn } from "./support";
import { makeOrg, makePatient } from "../test/factories";
import { db } from "../db/client";
import { clinicians } from "../db/schema";
import { createClinician } from "../app/models/clinician.server";
import { setNotifyProfile, setResponsible } from "../app/escalation/care-team.server";
import { addPatientMessages } from "../test/fixtures/pages";
import { alertNotifications, riskAlerts } from "../db/schema";
import { databaseUrl } from "../db/client";
import { startBoss, stopBoss } from "../app/queue.server";
import { scheduleEscalation } from "../app/escalation/escalation.server";

test.use({ locale: "en-US" });
test.beforeAll(async () => {
  await e2eDatabase();
  // Only to enqueue (the running server works the queues), as the risk screen does.
  await startBoss(databaseUrl(), [], { work: false });
});
test.afterAll(async () => {
  await stopBoss();
});
test.setTimeout(90_000);

const TZ = "Europe/Madrid";

async function clinic() {
  const org = await makeOrg({ name: "Clínica Norte", timezone: TZ });
  await db().update(clinicians).set({ role: "admin", name: "Admin Norte" }).where(eq(clinicians.id, org.clinicianId));
  const costa = await createClinician({ orgId: org.orgId, email: `costa-${Date.now()}@clinic.test`, password: "correct horse battery", name: "Dra. Costa" });
  return { org, costaId: costa.clinicianId };
}

async function noSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

test("on call: an admin adds a turn and takes tonight; the header says who is on call", async ({ page }) => {
  const { org } = await clinic();
  await signIn(page, org.email, org.password);
  await expect(page.getByTestId("on-call-now")).toHaveText("No one on call");

  await page.getByTestId("on-call-now").click();
  await expect(page).toHaveURL(/\/settings\/on-call$/);
  await expect(page.getByRole("heading", { name: "On call", level: 1 })).toBeVisible();
  const rota = page.locator("form").filter({ has: page.getByRole("button", { name: "Add turn" }) });
  await rota.getByLabel("Clinician").selectOption({ label: "Dra. Costa" });
  const today = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: TZ }).format(new Date());
  await rota.getByLabel("Day").selectOption({ label: today });
  await rota.getByLabel("From").fill("00:00");
  await rota.getByLabel("To").fill("24:00");
  await rota.getByRole("button", { name: "Add turn" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByRole("region", { name: "Weekly rota" })).toContainText("Dra. Costa");
  await expect(page.getByTestId("on-call-now")).toHaveText("On call: Dra. Costa");

  // "I take tonight": an override until tomorrow 08:00 on the clinic's clock wins over the rota.
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(tomorrow);
  const take = page.locator("form").filter({ has: page.getByRole("button", { name: "Set on call" }) });
  await take.getByLabel("Clinician").selectOption({ label: "Admin Norte" });
  await take.getByLabel("Until").fill(`${day}T08:00`);
  await take.getByRole("button", { name: "Set on call" }).click();
  await expect(page.getByTestId("on-call-now")).toHaveText("On call: Admin Norte");
  await expect(page.getByRole("region", { name: "Overrides" })).toContainText("Admin Norte");
  await screenshot(page, "escalation-on-call");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await noSidewaysScroll(page);
  await screenshot(page, "escalation-on-call-390");
});

test("a HIGH message: notices at once, listed on the alert, no message text in the mail; Acknowledge on a phone stops it", async ({ page }) => {
  const { org, costaId } = await clinic();
  const [costa] = await db().select({ email: clinicians.email }).from(clinicians).where(eq(clinicians.id, costaId));
  await setNotifyProfile({ orgId: org.orgId, clinicianId: null }, costaId, { channels: ["email", "browser"] });
  const phone = "+34 611 98 76 54";
  const patient = await makePatient(org.orgId, { name: "Marta Ibáñez Soler", phone });
  await setResponsible({ orgId: org.orgId, clinicianId: org.clinicianId }, patient.patientId, costaId);

  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, org.email, org.password);
  // The risk screen's write, as it does it: the HIGH alert row and its escalation in one transaction.
  const text = "esta noche me voy a quitar la vida";
  const [message] = await addPatientMessages(org.orgId, patient.patientId, [{ direction: "INBOUND", content: text, at: new Date(), riskLevel: "HIGH" }]);
  await db().transaction(async (tx) => {
    const [alert] = await tx.insert(riskAlerts).values({ orgId: org.orgId, patientId: patient.patientId, messageId: message!.id, level: "HIGH", flags: ["suicidal_ideation"], source: "lexicon" }).returning({ id: riskAlerts.id });
    await scheduleEscalation(tx, { alertIds: [alert!.id] });
  });

  // The server's workers send the notice within seconds (polled in the database, then the page is read).
  await expect
    .poll(async () => (await db().select({ s: alertNotifications.status }).from(alertNotifications).where(and(eq(alertNotifications.clinicianId, costaId), eq(alertNotifications.status, "sent")))).length, {
      message: "the notice to the responsible clinician was not sent within 15 s",
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  await page.goto(`/patients/${patient.patientId}/monitoring`);
  const alert = page.locator("article").filter({ hasText: text });
  await expect(alert).toBeVisible();
  // Nobody on call: step 0 goes to the responsible clinician (and the admins, since no one is on call).
  const history = alert.locator("details").filter({ hasText: "Notifications" });
  await history.locator("summary").click();
  await expect(history).toContainText("responsible clinician Dra. Costa: E-mail: sent", { timeout: 15_000 });
  await expect(history).toContainText("notified at once");
  await noSidewaysScroll(page);
  await screenshot(page, "escalation-monitoring-390");

  // The sandbox's captured mail: initials, a link, never the text, the name or the phone.
  await page.goto("/sandbox/mail");
  const mail = page.getByRole("listitem").filter({ hasText: costa!.email }).first();
  await expect(mail).toContainText("M. S.");
  await expect(mail).toContainText(`/patients/${patient.patientId}/monitoring`);
  await expect(mail).not.toContainText("quitar");
  await expect(mail).not.toContainText("Marta");
  await expect(mail).not.toContainText("611");
  await screenshot(page, "escalation-sandbox-mail-390");

  await page.goto(`/patients/${patient.patientId}/monitoring`);
  await page.getByRole("button", { name: "Real risk" }).first().click();
  const done = page.locator("article").filter({ hasText: text });
  await done.locator("details summary").click();
  await expect(done.locator("details")).toContainText("acknowledged by Admin Norte");
  await noSidewaysScroll(page);
  await screenshot(page, "escalation-acknowledged-390");
});
