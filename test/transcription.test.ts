// Voice notes → text with the OpenAI double: done (and screened), 429 then ok, failed after
// the last retry, no_provider without a key (and transcribed when replayed with one).
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./db";
import { makeOrg, makePatient } from "./factories";
import { db, rawSql } from "../db/client";
import { enqueue, startBoss, stopBoss, QUEUES } from "../app/queue.server";
import { transcriptionWorker } from "../jobs/transcription";
import { NO_PROVIDER_REASON } from "../app/ingest/transcription.server";
import { riskScreenWorker } from "../jobs/risk-screen";
import { config, setConfig } from "../app/config.server";
import { startOpenAIDouble, DEFAULT_TRANSCRIPT, type OpenAIDouble } from "../doubles/openai";
import { until } from "./wait";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let ai: OpenAIDouble;
let org: Awaited<ReturnType<typeof makeOrg>>;
let patient: Awaited<ReturnType<typeof makePatient>>;

beforeAll(async () => {
  ai = await startOpenAIDouble();
  database = await freshDatabase({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: ai.url });
  await startBoss(database.url, [transcriptionWorker, riskScreenWorker]);
  org = await makeOrg();
  patient = await makePatient(org.orgId);
});
afterAll(async () => {
  await stopBoss();
  await ai.close();
  await database.drop();
});

/** A voice note whose media is stored, and its transcription job, as the media download leaves them. */
async function voiceNote(jobOptions: Record<string, unknown> = {}, mime = "audio/ogg; codecs=opus") {
  const id = crypto.randomUUID();
  await db().transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO message_log (id, org_id, identity_id, patient_id, direction, type, provider_id, status, timestamp, transcription_state)
      VALUES (${id}, ${org.orgId}, ${patient.identityId}, ${patient.patientId}, 'INBOUND', 'audio', ${"wamid." + id}, 'received', now(), 'pending')`);
    await tx.execute(sql`INSERT INTO media (org_id, message_id, meta_media_id, mime_type, bytes, size, state, downloaded_at)
      VALUES (${org.orgId}, ${id}, ${"m" + id}, ${mime}, ${Buffer.from("OggS fake opus bytes")}, 20, 'downloaded', now())`);
    await enqueue(tx, QUEUES.transcription, { messageId: id }, jobOptions);
  });
  return id;
}

/** No transcription or screening job still running: the double's failure modes apply to the next test only. */
const quiet = () =>
  until("queues idle", async () => (await rawSql()`SELECT 1 FROM pgboss.job WHERE name IN ('transcription', 'risk-screen') AND state IN ('created', 'retry', 'active')`).length === 0);

const message = async (id: string) =>
  (await rawSql()`SELECT content, transcription_state, transcription_error, risk_level FROM message_log WHERE id = ${id}`)[0]!;
const stateIs = (id: string, ...states: string[]) => async () => {
  const m = await message(id);
  return states.includes(m.transcription_state) ? m : null;
};

describe("transcription", () => {
  it("a voice note becomes its transcription, marked done, and is then screened", async () => {
    ai.reset();
    const id = await voiceNote();
    const m = await until("done", stateIs(id, "done"));
    expect(m.content).toBe(DEFAULT_TRANSCRIPT);
    expect(m.transcription_error).toBeNull();
    const call = ai.calls.find((c) => c.path === "/audio/transcriptions")!;
    expect(call.model).toBe("whisper-1");
    expect(call.body.filename).toBe("voice-note.ogg");
    // The transcription enqueued its risk screening in the same transaction.
    await until("screened", async () => (await message(id)).risk_level);
  });

  it("a risky voice note raises an alert through transcription → screening", async () => {
    ai.reset();
    // A plan with means: HIGH under decision 006 (passive wording alone is MEDIUM).
    ai.transcriptText = "ya no quiero vivir, esta noche me voy a tomar todas las pastillas";
    const id = await voiceNote();
    const alert = await until("alert", async () => (await rawSql()`SELECT level, source FROM risk_alerts WHERE message_id = ${id} AND source = 'lexicon'`)[0]);
    expect(alert.level).toBe("HIGH");
    ai.reset();
  });

  it("429 then ok: pg-boss retries and the note is transcribed", async () => {
    await quiet();
    ai.reset();
    ai.mode = "429";
    ai.failTimes = 1;
    const id = await voiceNote({ retryDelay: 1, retryBackoff: false });
    const m = await until("done after retry", stateIs(id, "done"));
    expect(m.content).toBe(DEFAULT_TRANSCRIPT);
    expect(ai.calls.filter((c) => c.path === "/audio/transcriptions")).toHaveLength(2);
  });

  it("5xx on every attempt: failed with the reason after the last retry", async () => {
    await quiet();
    ai.reset();
    ai.mode = "500";
    const id = await voiceNote({ retryLimit: 1, retryDelay: 0, retryBackoff: false });
    const m = await until("failed", stateIs(id, "failed"));
    expect(m.transcription_error).toBe("server_error_500");
    expect(m.content).toBeNull();
    expect(ai.calls.filter((c) => c.path === "/audio/transcriptions")).toHaveLength(2);
    await until("job failed", async () => (await rawSql()`SELECT 1 FROM pgboss.job WHERE name = 'transcription' AND data->>'messageId' = ${id} AND state = 'failed'`)[0]);
    ai.reset();
  });

  it("an unsupported format fails at once with a clear reason", async () => {
    const id = await voiceNote({}, "audio/amr");
    const m = await until("failed", stateIs(id, "failed"));
    expect(m.transcription_error).toBe("unsupported audio format audio/amr");
  });

  it("without OPENAI_API_KEY: no_provider; replayed with a key: transcribed", async () => {
    await quiet();
    ai.reset();
    const saved = config();
    setConfig({ ...saved, openai: { ...saved.openai, apiKey: undefined } });
    let id: string;
    try {
      id = await voiceNote();
      const m = await until("no_provider", stateIs(id, "no_provider"));
      expect(m.transcription_error).toBe(NO_PROVIDER_REASON);
      expect(ai.calls).toHaveLength(0);
    } finally {
      setConfig(saved);
    }
    await db().transaction((tx) => enqueue(tx, QUEUES.transcription, { messageId: id }));
    const m = await until("done on replay", stateIs(id, "done"));
    expect(m.content).toBe(DEFAULT_TRANSCRIPT);
  });

  it("a local-only organization never sends audio out", async () => {
    await quiet();
    ai.reset();
    await rawSql()`UPDATE organizations SET analysis_mode = 'local' WHERE id = ${org.orgId}`;
    try {
      const id = await voiceNote();
      const m = await until("no_provider", stateIs(id, "no_provider"));
      expect(m.transcription_error).toMatch(/local-only/);
      expect(ai.calls).toHaveLength(0);
    } finally {
      await rawSql()`UPDATE organizations SET analysis_mode = 'auto' WHERE id = ${org.orgId}`;
    }
  });
});
