// Stage one of a delivery: the raw bytes are checked against Meta's signature and stored —
// nothing more — before the answer. Meta needs only the durable body before its 200; the
// identities, messages, statuses and jobs are made behind it (stage two, process.server.ts).
// The route (and the sandbox's demo week) call this; what it answers is chosen for Meta,
// which retries any non-2xx for days: 503 only when nothing was stored.
import { config } from "../config.server";
import { logger } from "../logger.server";
import { rawSql } from "../../db/client";
import { verifySignature } from "./signature.server";
import { storeRawEvent } from "./group-commit.server";
import { ingestProcessor } from "./process.server";

export const webhookText = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** Counted for the settings page; the body of a rejected request is never kept. */
export async function rejectWebhook(reason: string, size: number | null, status: number, message: string) {
  logger().warn({ reason, size }, "webhook rejected");
  await rawSql()`INSERT INTO webhook_rejections (reason, size) VALUES (${reason}, ${size})`.catch(() => {});
  return webhookText(message, status);
}

export async function receiveWebhook(raw: Buffer, signature: string | null): Promise<Response> {
  if (!verifySignature(raw, signature, config().meta.appSecret)) {
    return rejectWebhook(signature ? "bad_signature" : "missing_signature", raw.length, 401, "Invalid signature");
  }
  // Only well-formedness here (400 is part of the contract); reading the delivery is stage two.
  let json = true;
  try {
    JSON.parse(raw.toString("utf8"));
  } catch {
    json = false;
  }
  try {
    await storeRawEvent(raw, json ? "received" : "invalid");
  } catch (err) {
    logger().error({ error: (err as { code?: string }).code ?? (err as Error).name }, "webhook not stored: database unreachable");
    return webhookText("Temporarily unavailable", 503);
  }
  if (!json) return webhookText("Body is not JSON", 400);
  ingestProcessor().wake();
  return webhookText("EVENT_RECEIVED", 200);
}
