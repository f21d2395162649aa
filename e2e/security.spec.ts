// Issue 12 in a browser: the CSP (nonce for Remix's inline scripts) breaks no page, and the
// sandbox band shows on every page while the sandbox answers for Meta.
import { expect, test } from "@playwright/test";
import { e2eDatabase, signIn } from "./support";
import { makeOrg, makePatient } from "../test/factories";

test.use({ locale: "en-US" });

test.beforeAll(async () => {
  await e2eDatabase();
});

test("CSP: pages hydrate and navigate with no violation; the sandbox band is on every page", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${location.pathname}`));
  });
  const org = await makeOrg();
  const { patientId } = await makePatient(org.orgId, { name: "Carmen Ruiz" });
  const res = await page.goto("/login");
  expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  await expect(page.getByRole("complementary", { name: "Sandbox" })).toContainText("nothing is sent");
  await signIn(page, org.email, org.password);
  for (const path of ["/patients", `/patients/${patientId}/monitoring`, `/patients/${patientId}/chat`, "/leads", "/settings/whatsapp"]) {
    await page.goto(path);
    await expect(page.getByRole("complementary", { name: "Sandbox" })).toBeVisible();
  }
  // Client-side navigation works (the scripts ran under the CSP).
  await page.getByRole("link", { name: "Patients" }).first().click();
  await expect(page.getByRole("heading", { name: "Patients" })).toBeVisible();
  expect(violations).toEqual([]);
});
