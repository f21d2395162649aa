// X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, raw request bytes). Meta signs
// the bytes it sent (non-ASCII escaped as \uXXXX), so only the raw body can be verified:
// re-serialised JSON would hash differently.
import { createHmac, timingSafeEqual } from "node:crypto";

export function verifySignature(raw: Uint8Array, header: string | null | undefined, appSecret: string): boolean {
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? "");
  if (!m) return false;
  const expected = createHmac("sha256", appSecret).update(raw).digest();
  // Both sides are 32 bytes here, so timingSafeEqual never throws on length.
  return timingSafeEqual(expected, Buffer.from(m[1]!, "hex"));
}

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

/**
 * Reads the request body with a hard cap: a declared or streamed size over the limit stops
 * reading at once (413), so a huge body never sits in memory.
 */
export async function readRawBody(request: Request, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(String(declared));
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(String(size));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
