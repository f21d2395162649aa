// Nightly AletheIA on pg-boss. A UTC cron every 15 minutes (`analysis-nightly`) finds the
// organizations whose local time is between 03:00 and 06:00 and fans out one `analysis-day`
// job per patient-day not yet analysed (docs/decisions/001-nightly-analysis-schedule.md).
import type { JobWithMetadata, QueueOptions } from "pg-boss";
import { config } from "../app/config.server";
import { analyzePatientDay, nightlyTick, type AnalysisDayJob } from "../app/analysis/nightly.server";
import { defineWorker, type WorkerDefinition } from "./boss";
import { QUEUES } from "./queues";

export const analysisNightlyWorker = defineWorker({
  queue: QUEUES.analysisNightly,
  queueOptions: { retryLimit: 2, retryDelay: 30, expireInSeconds: 600 },
  workOptions: { pollingIntervalSeconds: 5 },
  schedule: { cron: "*/15 * * * *", options: { tz: "UTC", missed: "once" } },
  handler: async () => nightlyTick(),
});

async function handleAnalysisDay(jobs: JobWithMetadata<AnalysisDayJob>[]) {
  const out = [];
  for (const job of jobs) {
    out.push(await analyzePatientDay(job.data, { finalAttempt: job.retryCount >= job.retryLimit }));
  }
  return out.length === 1 ? out[0] : out;
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

export function analysisDayWorkOptions() {
  return { includeMetadata: true as const, localConcurrency: config().analysisConcurrency, pollingIntervalSeconds: 0.5 };
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
