// Sandbox only: a patient's reply posted as Meta would, signed, through the real webhook route
// over HTTP, so the whole ingest path runs (used by the chat page and `kura simulate:inbound`).
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { identityVault, patients } from "../../db/schema";
import { inboundMessages, metaJson, signBody, textMessage } from "../sandbox/webhook-payloads";
import { toWhatsAppRecipient } from "../lib/phone";
import { accountFor } from "./policy.server";

export class SimulateError extends Error {}

export async function simulateInbound(opts: { baseUrl: string; appSecret: string; patientId: string; text: string; orgId?: string }) {
  const [p] = await db()
    .select({ orgId: patients.orgId, name: patients.name, phone: identityVault.phone, waId: identityVault.waId })
    .from(patients)
    .innerJoin(identityVault, eq(identityVault.id, patients.identityId))
    .where(eq(patients.id, opts.patientId));
  if (!p || (opts.orgId && p.orgId !== opts.orgId)) throw new SimulateError(`unknown patient ${opts.patientId}`);
  const account = await accountFor(p.orgId);
  if (!account) throw new SimulateError("the patient's organization has no WhatsApp account");
  const from = p.waId ?? (p.phone ? toWhatsAppRecipient(p.phone) : null);
  if (!from) throw new SimulateError("the patient has no phone number");
  const message = textMessage(from, opts.text);
  const raw = metaJson(inboundMessages({ phoneNumberId: account.phoneNumberId, sender: { waId: from, name: p.name }, messages: [message] }));
  const res = await fetch(`${opts.baseUrl.replace(/\/$/, "")}/api/v1/webhooks/meta`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signBody(raw, opts.appSecret) },
    body: raw,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new SimulateError(`the webhook answered HTTP ${res.status}`);
  return { wamid: message.id as string, status: res.status };
}
