import { expect, test } from "@playwright/test";
import { e2eDatabase, screenshot, signIn } from "./support";
import { makeOrg, makePatient } from "../test/factories";

test.use({ locale: "en-US" });

test.beforeAll(async () => {
  await e2eDatabase();
});

test("an unauthenticated page sends the visitor to /login", async ({ page }) => {
  await page.goto("/patients");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpatients/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  const org = await makeOrg();
  await page.goto("/login");
  await page.getByLabel("Email").fill(org.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
  await screenshot(page, "login-error");
});

test("sign in → patients list → sign out", async ({ page }) => {
  const org = await makeOrg();
  await makePatient(org.orgId, { name: "Carmen Ruiz" });
  await signIn(page, org.email, org.password);
  await expect(page.getByRole("heading", { name: "Patients" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Carmen Ruiz/ })).toBeVisible();
  await screenshot(page, "patients");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/patients");
  await expect(page).toHaveURL(/\/login/);
});

test("a clinician of another organization gets 404 on this organization's patient", async ({ page }) => {
  const a = await makeOrg({ name: "Clínica A" });
  const b = await makeOrg({ name: "Clínica B" });
  const { patientId } = await makePatient(a.orgId, { name: "Paciente de A" });
  await signIn(page, b.email, b.password);
  const res = await page.goto(`/patients/${patientId}/monitoring`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Paciente de A")).toHaveCount(0);
});
