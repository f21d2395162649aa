// Re-processes a stored webhook event whose processing failed. Meta itself already got its
// 200, so this job is the only retry: backoff up to hours, then a visible failed job (and the
// event stays `failed` for webhook:replay).
import { defineWorker, QUEUES } from "../app/queue.server";
import { reprocessEvent } from "../app/ingest/process.server";

export const webhookRetryWorker = defineWorker<{ eventId: number }>({
  queue: QUEUES.webhookRetry,
  queueOptions: { retryLimit: 20, retryDelay: 30, retryBackoff: true, retryDelayMax: 6 * 3600 },
  workOptions: { batchSize: 1 },
  async handler([job]) {
    if (job) await reprocessEvent(Number(job.data.eventId));
  },
});
