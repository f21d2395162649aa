import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";

const INSTALL = "end-to-end tests need Chromium: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary";

/**
 * The browser for the end-to-end tests: CHROMIUM_PATH, else the system's Chromium, else
 * Playwright's own browser when it is installed (undefined: Playwright picks it), else an
 * error that says what to install.
 */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {}
  }
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {}
  throw new Error(INSTALL);
}

// `node --import tsx e2e/chromium.ts`: npm test runs this before the end-to-end stage, so a
// machine without a browser stops there with one line, not a Playwright stack trace.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    chromiumPath();
  } catch (e) {
    process.stderr.write(`npm test: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
