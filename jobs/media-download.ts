// Downloads WhatsApp media bytes into `media` (app/ingest/media.server.ts). Retries with backoff
// inside Meta's 7-day media lifetime; each failure stays visible on the media row.
// Downloads are I/O-bound (two Graph round trips each): a batch is fetched at once and its
// downloads run concurrently, so at Graph's ~200 ms per call 2 × 24 in flight sustain well
// over 50 downloads/s without a poller per slot.
import type { Job } from "pg-boss";
import { boss, defineWorker, QUEUES } from "../app/queue.server";
import { downloadMedia } from "../app/ingest/media.server";

export async function handleMediaBatch(jobs: Job<{ mediaId: string }>[]) {
  const results = await Promise.allSettled(jobs.map((j) => downloadMedia(j.data.mediaId)));
  const failed = jobs.filter((_, i) => results[i]!.status === "rejected");
  // pg-boss completes the rest of the batch when the handler returns (completion only touches
  // jobs still active): only these are retried, each with its failure on its media row.
  if (failed.length) await boss().fail(QUEUES.mediaDownload, failed, { reason: "media download failed; see media.error" });
  return results.map((r) => r.status);
}

export const mediaDownloadWorker = defineWorker<{ mediaId: string }>({
  queue: QUEUES.mediaDownload,
  queueOptions: { retryLimit: 10, retryDelay: 15, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 600 },
  workOptions: { batchSize: 24, localConcurrency: 2, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true },
  handler: handleMediaBatch,
});
