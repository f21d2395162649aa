// Voice notes → text. Enqueued by the media download once the bytes are in `media`:
// enqueue(tx, QUEUES.transcription, { messageId }). State on message_log.transcription_state:
// pending (set by ingest, or null) → done | failed (reason in transcription_error) |
// no_provider (no OPENAI_API_KEY, or the organization is local-only; replaying the job once a
// provider is configured transcribes it). 429/5xx/timeouts throw so pg-boss retries with
// backoff; the last attempt records `failed` with the reason before the job fails.
import { sql } from "drizzle-orm";
import { toFile } from "openai";
import { config } from "../config.server";
import { logger } from "../logger.server";
import { notifyLive } from "../lib/notify.server";
import { classifyApiError, openaiClient } from "../analysis/openai.server";
import { db, rawSql } from "../../db/client";
import { enqueue, QUEUES } from "../queue.server";

export interface TranscriptionJob {
  messageId: string;
}

export const NO_PROVIDER_REASON = "no transcription service configured";
export const LOCAL_ONLY_REASON = "organization uses local-only analysis";

// Whisper accepts these containers; WhatsApp voice notes are audio/ogg (opus).
const EXT_BY_MIME: Record<string, string> = {
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "m4a",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/webm": "webm",
  "audio/flac": "flac",
  "video/mp4": "mp4",
};

async function setState(messageId: string, state: string, error: string | null) {
  await rawSql()`UPDATE message_log SET transcription_state = ${state}, transcription_error = ${error}
    WHERE id = ${messageId} AND transcription_state IS DISTINCT FROM 'done'`;
}

export async function transcribeMessage(job: TranscriptionJob, opts: { finalAttempt: boolean }) {
  const [row] = await rawSql()`
    SELECT m.id, m.org_id, m.patient_id, m.lead_id, m.transcription_state, o.analysis_mode,
           md.bytes, md.mime_type
    FROM message_log m
    JOIN organizations o ON o.id = m.org_id
    LEFT JOIN media md ON md.message_id = m.id
    WHERE m.id = ${job.messageId}`;
  if (!row) return { status: "missing" };
  if (row.transcription_state === "done") return { status: "already_done" };
  if (!config().openai.apiKey) {
    await setState(job.messageId, "no_provider", NO_PROVIDER_REASON);
    return { status: "no_provider" };
  }
  if (row.analysis_mode === "local") {
    await setState(job.messageId, "no_provider", LOCAL_ONLY_REASON);
    return { status: "no_provider" };
  }
  // The job is enqueued after the bytes are stored: missing bytes is an error worth a retry.
  if (!row.bytes) throw new Error("media bytes not stored");
  const mime = String(row.mime_type ?? "audio/ogg").split(";")[0]!.trim().toLowerCase();
  const ext = EXT_BY_MIME[mime];
  if (!ext) {
    await setState(job.messageId, "failed", `unsupported audio format ${mime}`);
    return { status: "failed" };
  }

  let text: string;
  try {
    const file = await toFile(row.bytes as Buffer, `voice-note.${ext}`, { type: mime });
    const res = await openaiClient({ maxRetries: 0, timeoutMs: 120_000 }).audio.transcriptions.create({ file, model: config().openai.transcribeModel });
    text = (res.text ?? "").trim();
  } catch (err) {
    const f = classifyApiError(err);
    logger().warn({ messageId: job.messageId, kind: f.kind, reason: f.reason, finalAttempt: opts.finalAttempt }, "transcription failed");
    if (f.kind === "transient") {
      await setState(job.messageId, opts.finalAttempt ? "failed" : "pending", f.reason);
      throw f;
    }
    // 4xx other than 429 (bad key, bad file): retrying will not help.
    await setState(job.messageId, "failed", f.reason);
    return { status: "failed" };
  }

  return db().transaction(async (tx) => {
    const updated = await tx.execute(sql`UPDATE message_log
      SET content = ${text}, transcription_state = 'done', transcription_error = NULL
      WHERE id = ${job.messageId} AND transcription_state IS DISTINCT FROM 'done' RETURNING id`);
    if (updated.length === 0) return { status: "already_done" };
    if (text) await enqueue(tx, QUEUES.riskScreen, { messageId: job.messageId });
    await notifyLive(tx, { org_id: row.org_id, kind: "message", patient_id: row.patient_id, lead_id: row.lead_id, message_id: job.messageId });
    return { status: "done" };
  });
}
