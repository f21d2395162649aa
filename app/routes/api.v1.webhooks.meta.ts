// Meta's WhatsApp webhook. GET: the subscription challenge. POST: signed deliveries, stored raw
// before anything else, then processed (app/ingest/receive.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import { config } from "../config.server";
import { BodyTooLargeError, readRawBody } from "../ingest/signature.server";
import { receiveWebhook, rejectWebhook, webhookText } from "../ingest/receive.server";

function sameToken(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams;
  const challenge = q.get("hub.challenge");
  if (q.get("hub.mode") === "subscribe" && challenge !== null && sameToken(q.get("hub.verify_token") ?? "", config().meta.verifyToken)) {
    return webhookText(challenge, 200);
  }
  return webhookText("Forbidden", 403);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return webhookText("Method not allowed", 405);
  let raw: Buffer;
  try {
    raw = await readRawBody(request);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return rejectWebhook("too_large", Number(e.message) || null, 413, "Payload too large");
    return webhookText("Bad request", 400);
  }
  return receiveWebhook(raw, request.headers.get("X-Hub-Signature-256"));
}
