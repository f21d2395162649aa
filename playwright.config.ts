import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./e2e/chromium";

// E2E_SLOT lets two runs on one machine use their own port and database.
const SLOT = Number(process.env.E2E_SLOT ?? 0);
const PORT = 3100 + SLOT;
const DATA_DIR = `.data/e2e-${SLOT}`;
process.env.E2E_DATA_DIR = DATA_DIR;

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/e2e-${SLOT}`,
  timeout: 30_000,
  expect: { timeout: 8_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: `test-results/e2e-report-${SLOT}.json` }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // A throwaway embedded Postgres for each run; the sandbox answers for Meta.
    command: `rm -rf ${DATA_DIR} && node --import tsx server.ts`,
    url: `http://localhost:${PORT}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      KURA_DATA_DIR: DATA_DIR,
      KURA_PG_FAST: "1",
      LOG_LEVEL: "warn",
      SANDBOX_STATUS_DELAYS_MS: "300,900,1500",
      NODE_ENV: "development",
    },
  },
});
