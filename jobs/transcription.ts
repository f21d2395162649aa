// Voice notes → text (app/ingest/transcription.server.ts). The last attempt records `failed`
// with the reason before the job fails.
import type { JobWithMetadata } from "pg-boss";
import { QUEUES, type WorkerDefinition } from "../app/queue.server";
import { transcribeMessage, type TranscriptionJob } from "../app/ingest/transcription.server";

export const transcriptionWorker: WorkerDefinition<TranscriptionJob> = {
  queue: QUEUES.transcription,
  queueOptions: { retryLimit: 5, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300 },
  workOptions: { includeMetadata: true, localConcurrency: 4, pollingIntervalSeconds: 0.5 },
  handler: (async (jobs: JobWithMetadata<TranscriptionJob>[]) => {
    for (const job of jobs) await transcribeMessage(job.data, { finalAttempt: job.retryCount >= job.retryLimit });
  }) as unknown as WorkerDefinition<TranscriptionJob>["handler"],
};
