// The local Meta sandbox: with no META_WA_TOKEN the app talks to a loopback double of the
// Graph API, which posts signed status webhooks back through the real webhook route.
import type { Config } from "../config.server";
import { logger } from "../logger.server";
import { startMetaGraphDouble } from "./graph-api";
import { startSmtpCapture } from "./mail-capture";

function statusDelays(): [number, number, number] | undefined {
  const raw = process.env.SANDBOX_STATUS_DELAYS_MS;
  if (!raw) return undefined;
  const parts = raw.split(",").map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new Error("SANDBOX_STATUS_DELAYS_MS must be three numbers of milliseconds, e.g. 300,1500,3000");
  }
  return parts as [number, number, number];
}

export async function startSandbox(cfg: Config): Promise<{ close(): Promise<void> } | null> {
  const double = await startMetaGraphDouble({
    webhookUrl: `http://127.0.0.1:${cfg.port}/api/v1/webhooks/meta`,
    appSecret: cfg.meta.appSecret,
    statusDelaysMs: statusDelays() ?? [1000, 3000, 6000],
  });
  // config() hands out this same object, so the Graph client now talks to the double.
  cfg.meta.graphUrl = double.url;
  logger().info({ graphUrl: double.url }, "Meta sandbox: Graph API double on loopback");
  // Without SMTP_URL, alert notices go to a loopback capture shown at /sandbox/mail.
  const mail = cfg.escalation.smtpUrl ? null : await startSmtpCapture();
  if (mail) {
    cfg.escalation.smtpUrl = mail.url;
    globalThis.__kuraMailCapture = mail;
    logger().info({ smtpUrl: mail.url }, "sandbox: SMTP capture on loopback (/sandbox/mail)");
  }
  return { close: async () => (await double.close(), await mail?.close()) };
}
