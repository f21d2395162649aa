// Nightly AletheIA on pg-boss. A UTC cron every 15 minutes (`analysis-nightly`) finds the
// organizations whose local time is between 03:00 and 06:00 and fans out one `analysis-day`
// job per patient-day not yet analysed (docs/decisions/001-nightly-analysis-schedule.md).
import type { JobResult, JobWithMetadata, QueueOptions } from "pg-boss";
import { config } from "../app/config.server";
import { logger } from "../app/logger.server";
import { analyzePatientDay, nightlyTick, type AnalysisDayJob } from "../app/analysis/nightly.server";
import { defineWorker, type WorkerDefinition, QUEUES } from "../app/queue.server";

export const analysisNightlyWorker = defineWorker({
  queue: QUEUES.analysisNightly,
  queueOptions: { retryLimit: 2, retryDelay: 30, expireInSeconds: 600 },
  workOptions: { pollingIntervalSeconds: 5 },
  schedule: { cron: "*/15 * * * *", options: { tz: "UTC", missed: "once" } },
  handler: async () => nightlyTick(),
});

// Jobs of a batch run side by side and are settled one by one (perJobResults): a failing
// patient-day retries alone. Batches + burstWhenBatchFull keep every slot busy while the
// queue is deep, instead of each worker idling out pg-boss's 0.5 s polling floor per job.
async function handleAnalysisDay(jobs: JobWithMetadata<AnalysisDayJob>[]): Promise<JobResult[]> {
  return Promise.all(
    jobs.map(async (job): Promise<JobResult> => {
      try {
        const output = await analyzePatientDay(job.data, { finalAttempt: job.retryCount >= job.retryLimit });
        return { id: job.id, status: "completed", output };
      } catch (err) {
        const e = err as Error & { kind?: string; reason?: string };
        logger().warn({ jobId: job.id, patientId: job.data.patientId, day: job.data.day, error: e.kind ? `${e.kind}:${e.reason}` : e.name }, "analysis-day attempt failed");
        return { id: job.id, status: "failed", output: { error: e.kind ? `${e.kind}:${e.reason}` : e.name, message: e.kind ? undefined : e.message } };
      }
    }),
  );
}

// `exclusive`: one queued-or-running job per singletonKey `${patientId}:${day}`, so a tick,
// a retry and `analysis:run` never analyse the same patient-day twice at once.
const ANALYSIS_DAY_QUEUE = {
  policy: "exclusive",
  retryLimit: 2,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 60,
  expireInSeconds: 180,
} as QueueOptions;

/** ANALYSIS_CONCURRENCY = patient-days in flight per process: workers × batch size. */
export function analysisDayWorkOptions() {
  const concurrency = config().analysisConcurrency;
  const batchSize = Math.min(4, concurrency);
  return {
    includeMetadata: true as const,
    perJobResults: true as const,
    batchSize,
    burstWhenBatchFull: true,
    localConcurrency: Math.ceil(concurrency / batchSize),
    pollingIntervalSeconds: 0.5,
  };
}

export const analysisDayWorker: WorkerDefinition<AnalysisDayJob> = {
  queue: QUEUES.analysisDay,
  queueOptions: ANALYSIS_DAY_QUEUE,
  // Read when the worker starts (after the configuration is loaded), not at import.
  get workOptions() {
    return analysisDayWorkOptions();
  },
  handler: handleAnalysisDay as unknown as WorkerDefinition<AnalysisDayJob>["handler"],
};

export { handleAnalysisDay };
