import { execFileSync } from "node:child_process";

// Playwright's own browser download cannot work here: drive Debian's chromium.
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim();
    } catch {}
  }
  throw new Error("Chromium not found: install Debian's package `chromium` (apt-get install -y chromium) or set CHROMIUM_PATH");
}
