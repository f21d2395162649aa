// WhatsApp media bytes. Meta's media ids expire after 7 days and its download URLs after 5
// minutes, so the bytes are fetched promptly (a job per media row) and kept in `media`.
// A failure is recorded on the row (state failed + error) and the job retries: a message is
// never silently left without its media.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { db, rawSql } from "../../db/client";
import { enqueue, QUEUES } from "../queue.server";
import { graph, GraphError } from "../outbound/graph.server";

export class MediaError extends Error {}

/** The webhook gives sha256 as base64, Graph as hex: both become hex (null when not a sha256). */
export function sha256Hex(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase();
  const b = Buffer.from(value, "base64");
  return b.length === 32 ? b.toString("hex") : null;
}

function describe(err: unknown, what: string): MediaError {
  if (err instanceof MediaError) return err;
  if (err instanceof GraphError) return new MediaError(`${what} failed: ${err.httpStatus ? `HTTP ${err.httpStatus}` : err.message}${err.code ? ` code ${err.code}` : ""}`);
  return new MediaError(`${what} failed: ${(err as Error).name}`);
}

async function lookup(metaMediaId: string) {
  try {
    const info = await graph().getMedia(metaMediaId);
    if (typeof info?.url !== "string") throw new MediaError("media lookup failed: no url in Graph's answer");
    return { url: info.url, mimeType: typeof info.mime_type === "string" ? info.mime_type : null, sha256: typeof info.sha256 === "string" ? info.sha256 : null };
  } catch (err) {
    throw describe(err, "media lookup");
  }
}

async function fetchBytes(metaMediaId: string) {
  let info = await lookup(metaMediaId);
  try {
    return { ...(await graph().downloadMedia(info.url)), info };
  } catch (err) {
    // An expired or revoked URL: ask Graph for a fresh one, once.
    if (!(err instanceof GraphError && (err.httpStatus === 401 || err.httpStatus === 404))) throw describe(err, "media download");
  }
  info = await lookup(metaMediaId);
  try {
    return { ...(await graph().downloadMedia(info.url)), info };
  } catch (err) {
    throw describe(err, "media download");
  }
}

export async function downloadMedia(mediaId: string): Promise<"done" | "already" | "missing"> {
  const [row] = await rawSql()<{ id: string; org_id: string; message_id: string; meta_media_id: string; sha256: string | null; state: string; type: string }[]>`
    SELECT md.id, md.org_id, md.message_id, md.meta_media_id, md.sha256, md.state, m.type
    FROM media md JOIN message_log m ON m.id = md.message_id WHERE md.id = ${mediaId}`;
  if (!row) return "missing";
  if (row.state === "done") return "already";
  try {
    const { bytes, info, contentType } = await fetchBytes(row.meta_media_id);
    const actual = createHash("sha256").update(bytes).digest("hex");
    for (const expected of [sha256Hex(row.sha256), sha256Hex(info.sha256)]) {
      if (expected && expected !== actual) throw new MediaError("media sha256 does not match the webhook's");
    }
    await db().transaction(async (tx) => {
      await tx.execute(sql`
        UPDATE media SET bytes = ${bytes}, size = ${bytes.length}, mime_type = coalesce(${info.mimeType ?? contentType}, mime_type),
          state = 'done', error = NULL, attempts = attempts + 1, downloaded_at = now()
        WHERE id = ${row.id}`);
      if (row.type === "audio") {
        await enqueue(tx, QUEUES.transcription, { messageId: row.message_id }, { singletonKey: row.message_id });
      }
    });
    return "done";
  } catch (err) {
    const message = err instanceof MediaError ? err.message : `media download failed: ${(err as Error).name}`;
    await rawSql()`UPDATE media SET state = 'failed', error = ${message}, attempts = attempts + 1 WHERE id = ${row.id}`;
    throw err instanceof MediaError ? err : new MediaError(message);
  }
}
