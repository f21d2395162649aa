// The risk-screen worker: a thin shell around app/analysis/screening.server.ts. Enqueued with
// enqueue(tx, QUEUES.riskScreen, { messageId }) in the transaction that stores a message with
// content (text, caption) and after a transcription. Messages that could not be screened are
// failed individually (pg-boss retries them with backoff, then keeps them as failed); the rest
// of the batch completes.
import type { Job } from "pg-boss";
import { screenStoredMessages } from "../app/analysis/screening.server";
import { boss, type WorkerDefinition, QUEUES } from "../app/queue.server";

export { screenStoredMessage, screenStoredMessages } from "../app/analysis/screening.server";
export { ALERT_MIN_LEVEL } from "../app/analysis/risk-level";

export interface RiskScreenJob {
  messageId: string;
}

export async function handleRiskScreenBatch(jobs: Job<RiskScreenJob>[]) {
  const results = await screenStoredMessages(jobs.map((j) => j.data.messageId));
  const failedIds = new Set(jobs.map((j, i) => (results[i]?.status === "failed" ? j.id : null)).filter(Boolean));
  const failed = jobs.filter((j) => failedIds.has(j.id));
  // pg-boss completes the rest of the batch when the handler returns (completion only touches
  // jobs still active), so only these are retried.
  if (failed.length) await boss().fail(QUEUES.riskScreen, failed, { reason: "risk screen failed for this message" });
  return results;
}

export const riskScreenWorker: WorkerDefinition<RiskScreenJob> = {
  queue: QUEUES.riskScreen,
  queueOptions: { retryLimit: 3, retryDelay: 1, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 60 },
  // Batches: one handler call screens up to 250 messages with a fixed handful of statements
  // (at Meta's peak that is ~1,000 jobs/s); one worker, so screening runs beside the webhook on
  // at most one connection. A full batch fetches again at once; otherwise a 1 s poll keeps
  // enqueue → alert well inside the 5 s budget.
  workOptions: { batchSize: 250, localConcurrency: 1, pollingIntervalSeconds: 1, burstWhenBatchFull: true },
  handler: handleRiskScreenBatch,
};
