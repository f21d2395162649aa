// send-retry: a message Meta refused for throughput (130429, 131056) is tried again with
// backoff by pg-boss, never lost; after the last attempt it becomes `failed` with the code.
import { defineWorker, QUEUES } from "../app/queue.server";
import { dispatch } from "../app/outbound/send.server";

export const SEND_RETRY_LIMIT = 8;

export const sendRetryWorker = defineWorker<{ messageId: string }>({
  queue: QUEUES.sendRetry,
  queueOptions: { retryLimit: SEND_RETRY_LIMIT, retryDelay: 2, retryBackoff: true, retryDelayMax: 120, expireInSeconds: 120 },
  async handler(jobs) {
    for (const job of jobs) {
      const out = await dispatch(job.data.messageId, { viaJob: true, final: job.retryCount >= SEND_RETRY_LIMIT });
      if (out.body.status === "queued") throw new Error(`still rate limited (Meta code ${out.body.code}); retrying`);
    }
  },
});
