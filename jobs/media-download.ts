// Downloads WhatsApp media bytes into `media` (app/ingest/media.server.ts). Retries with backoff
// inside Meta's 7-day media lifetime; each failure stays visible on the media row.
import { defineWorker, QUEUES } from "../app/queue.server";
import { downloadMedia } from "../app/ingest/media.server";

export const mediaDownloadWorker = defineWorker<{ mediaId: string }>({
  queue: QUEUES.mediaDownload,
  queueOptions: { retryLimit: 10, retryDelay: 15, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 600 },
  workOptions: { batchSize: 1, localConcurrency: 4 },
  async handler([job]) {
    if (job) await downloadMedia(job.data.mediaId);
  },
});
