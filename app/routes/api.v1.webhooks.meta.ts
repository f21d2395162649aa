// Meta's WhatsApp webhook. GET: the subscription challenge. POST: signed deliveries, stored raw
// before anything else, then processed (app/ingest). Meta retries any non-2xx for days, so
// the answers are chosen for that: 503 only when nothing could be stored.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import { config } from "../config.server";
import { logger } from "../logger.server";
import { rawSql } from "../../db/client";
import { BodyTooLargeError, readRawBody, verifySignature } from "../ingest/signature.server";
import { receiveDelivery } from "../ingest/process.server";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

function sameToken(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams;
  const challenge = q.get("hub.challenge");
  if (q.get("hub.mode") === "subscribe" && challenge !== null && sameToken(q.get("hub.verify_token") ?? "", config().meta.verifyToken)) {
    return text(challenge, 200);
  }
  return text("Forbidden", 403);
}

/** Counted for the settings page; the body of a rejected request is never kept. */
async function reject(reason: string, size: number | null, status: number, message: string) {
  logger().warn({ reason, size }, "webhook rejected");
  await rawSql()`INSERT INTO webhook_rejections (reason, size) VALUES (${reason}, ${size})`.catch(() => {});
  return text(message, status);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return text("Method not allowed", 405);
  let raw: Buffer;
  try {
    raw = await readRawBody(request);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return reject("too_large", Number(e.message) || null, 413, "Payload too large");
    return text("Bad request", 400);
  }
  const signature = request.headers.get("X-Hub-Signature-256");
  if (!verifySignature(raw, signature, config().meta.appSecret)) {
    return reject(signature ? "bad_signature" : "missing_signature", raw.length, 401, "Invalid signature");
  }
  const result = await receiveDelivery(raw);
  switch (result.httpStatus) {
    case 200:
      return text("EVENT_RECEIVED", 200);
    case 400:
      return text("Body is not JSON", 400);
    default:
      return text("Temporarily unavailable", 503);
  }
}
