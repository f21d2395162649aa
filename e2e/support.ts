// End-to-end tests set up their data straight in the running app's database (the embedded
// Postgres of .data/e2e), through the same model functions the CLI uses.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { connect } from "../db/client";
import { withDatabase } from "../db/embedded";
import { postgresServer } from "../test/postgres";
import { parseConfig, setConfig } from "../app/config.server";

const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e-0";
let ready: Promise<void> | undefined;

export function e2eDatabase() {
  ready ??= (async () => {
    // The running app's embedded Postgres (its data folder), never DATABASE_URL.
    const pg = await postgresServer({ dir: DATA_DIR, keepDir: true, useDatabaseUrl: false });
    const url = withDatabase(pg.url, "kura");
    setConfig(
      parseConfig({
        NODE_ENV: "development",
        KURA_DATA_DIR: DATA_DIR,
        DATABASE_URL: url,
        SESSION_SECRET: fs.readFileSync(`${DATA_DIR}/session-secret`, "utf8").trim(),
      }),
    );
    connect(url, { max: 4 });
  })();
  return ready;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/^(Email|Correo electrónico)$/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Entrar)$/ }).click();
  await expect(page).toHaveURL(/\/patients/);
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Axe on the page as it is: no serious or critical violation. */
export async function noSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}
