// Delivery channels for alert notices. E-mail and WhatsApp report a result; a browser
// notification goes to the clinician's open Kura tabs through the live stream and cannot be
// confirmed, so it never counts as delivered and never stops the fall-through.
import nodemailer, { type Transporter } from "nodemailer";
import { eq, sql } from "drizzle-orm";
import { config } from "../config.server";
import { db } from "../../db/client";
import { whatsappAccounts } from "../../db/schema";
import { graph, GraphError } from "../outbound/graph.server";
import { toWhatsAppRecipient } from "../lib/phone";
import { LIVE_CHANNEL } from "../lib/notify.server";

export const CHANNELS = ["email", "whatsapp", "browser"] as const;
export type Channel = (typeof CHANNELS)[number];
export const NOTICE_TEMPLATE = "risk_alert_notice";

export interface Recipient {
  id: string;
  orgId: string;
  email: string;
  phone: string | null;
  locale: "en" | "es";
  channels: Channel[];
}

export interface Attempt {
  channel: Channel;
  status: "sent" | "failed" | "shown";
  error?: string;
  at: string;
}

const transports = new Map<string, Transporter>();
function mailer(): Transporter | null {
  const url = config().escalation.smtpUrl;
  if (!url) return null;
  let t = transports.get(url);
  if (!t) {
    // Short timeouts: a hung mail server must not hold the delivery job past its expiry.
    const u = new URL(url);
    for (const [k, v] of Object.entries({ connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "20000" })) if (!u.searchParams.has(k)) u.searchParams.set(k, v);
    t = nodemailer.createTransport(u.toString());
    transports.set(url, t);
  }
  return t;
}

/** A short reason without internals that could carry addresses beyond the recipient's. */
const reason = (err: unknown) => {
  if (err instanceof GraphError) return `whatsapp ${err.code ?? err.httpStatus ?? ""}: ${err.title}`.slice(0, 200);
  const e = err as { responseCode?: number; code?: string; message?: string };
  return (e.responseCode ? `smtp ${e.responseCode}: ${e.message ?? ""}` : e.code ? `${e.code}: ${e.message ?? ""}` : String(e.message ?? err)).replace(/\s+/g, " ").slice(0, 200);
};

export async function sendEmail(to: string, subject: string, text: string) {
  const t = mailer();
  if (!t) throw new Error("SMTP_URL is not configured");
  const info = await t.sendMail({ from: config().escalation.mailFrom, to, subject, text });
  // A server can accept the session and still reject the recipient: that is a bounce.
  if (info.rejected?.length) throw Object.assign(new Error(`recipient rejected (${info.response ?? "bounced"})`), { code: "BOUNCED" });
  return info.messageId;
}

async function sendWhatsapp(r: Recipient, parameters: string[]) {
  if (!r.phone) throw new Error("no phone on the clinician's profile");
  const [account] = await db()
    .select({ phoneNumberId: whatsappAccounts.phoneNumberId })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.orgId, r.orgId))
    .orderBy(whatsappAccounts.createdAt)
    .limit(1);
  if (!account) throw new Error("the organization has no WhatsApp number");
  const { wamid } = await graph().sendTemplate(account.phoneNumberId, toWhatsAppRecipient(r.phone), { name: NOTICE_TEMPLATE, language: r.locale, parameters });
  return wamid;
}

/** Tells the clinician's open tabs (ids only; the tab words the notification itself). */
async function showInBrowser(r: Recipient, ids: { alertId: string; patientId: string | null; leadId: string | null }) {
  await db().execute(
    sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ org_id: r.orgId, kind: "notice", clinician_id: r.id, alert_id: ids.alertId, patient_id: ids.patientId, lead_id: ids.leadId })})`,
  );
}

/**
 * Tries the clinician's channels in their order until one confirms delivery. Returns every
 * attempt; `delivered` is false when no confirmable channel succeeded.
 */
export async function deliver(
  r: Recipient,
  message: { subject: string; text: string; parameters?: string[] },
  ids: { alertId: string; patientId: string | null; leadId: string | null },
): Promise<{ delivered: boolean; channel: Channel | null; attempts: Attempt[] }> {
  const attempts: Attempt[] = [];
  const channels: Channel[] = r.channels.length ? r.channels : ["email"];
  let delivered: Channel | null = null;
  for (const channel of channels) {
    const at = new Date().toISOString();
    if (channel === "browser") {
      try {
        await showInBrowser(r, ids);
        attempts.push({ channel, status: "shown", at });
      } catch (err) {
        attempts.push({ channel, status: "failed", error: reason(err), at });
      }
      continue;
    }
    if (delivered) continue;
    if (channel === "whatsapp" && !message.parameters) continue;
    try {
      if (channel === "email") await sendEmail(r.email, message.subject, message.text);
      else await sendWhatsapp(r, message.parameters!);
      attempts.push({ channel, status: "sent", at });
      delivered = channel;
    } catch (err) {
      attempts.push({ channel, status: "failed", error: reason(err), at });
    }
  }
  return { delivered: Boolean(delivered), channel: delivered, attempts };
}

export const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);
