// Queue plumbing: pg-boss in the same process and the same Postgres as the app. Every instance
// works every queue; pg-boss hands each job to exactly one of them. Data functions enqueue
// through here; the workers themselves live in jobs/.
import { PgBoss, type Job, type SendOptions, type QueueOptions, type ScheduleOptions, type WorkOptions } from "pg-boss";
import type { DbOrTx } from "../db/client";
import { logger } from "./logger.server";

// Queue names are part of the operational contract (pg-boss tables, dashboards): change with care.
export const QUEUES = {
  webhookRetry: "webhook-retry",
  mediaDownload: "media-download",
  transcription: "transcription",
  riskScreen: "risk-screen",
  analysisNightly: "analysis-nightly",
  analysisDay: "analysis-day",
  sendRetry: "send-retry",
  maintenance: "maintenance",
  alertEscalation: "alert-escalation",
  alertNotify: "alert-notify",
  alertSweep: "alert-sweep",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface WorkerDefinition<T = any> {
  queue: QueueName;
  queueOptions?: QueueOptions;
  workOptions?: WorkOptions;
  /** A recurring job on this queue (pg-boss cron, registered by processes that work queues). */
  schedule?: { cron: string; data?: object; options?: ScheduleOptions };
  handler: (jobs: Job<T>[]) => Promise<unknown>;
}

export function defineWorker<T>(def: WorkerDefinition<T>): WorkerDefinition<T> {
  return def;
}

// Retries with backoff, then a visible `failed` state (kept 14 days for the settings page).
const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 300,
  deleteAfterSeconds: 14 * 24 * 3600,
};

declare global {
  // eslint-disable-next-line no-var
  var __kuraBoss: PgBoss | undefined;
}

export function boss(): PgBoss {
  if (!globalThis.__kuraBoss) throw new Error("job queue not started");
  return globalThis.__kuraBoss;
}

export async function startBoss(url: string, workers: WorkerDefinition[], opts: { work?: boolean } = {}) {
  const b = new PgBoss({ connectionString: url, max: 5 });
  b.on("error", (err) => logger().error({ err: { message: err.message } }, "job queue error"));
  await b.start();
  globalThis.__kuraBoss = b;
  const defs = new Map(workers.map((w) => [w.queue, w]));
  for (const name of Object.values(QUEUES)) {
    await b.createQueue(name, { ...DEFAULT_QUEUE_OPTIONS, ...defs.get(name)?.queueOptions });
  }
  if (opts.work !== false) {
    for (const w of workers) {
      await b.work(w.queue, { pollingIntervalSeconds: 0.5, ...w.workOptions }, w.handler);
      if (w.schedule) await b.schedule(w.queue, w.schedule.cron, w.schedule.data ?? null, w.schedule.options);
    }
  }
  return b;
}

export async function stopBoss() {
  const b = globalThis.__kuraBoss;
  globalThis.__kuraBoss = undefined;
  await b?.stop({ graceful: true, timeout: 8000 });
}

/**
 * Enqueue inside the caller's drizzle transaction, so a job exists exactly when the rows it
 * refers to were committed.
 */
export async function enqueue(tx: DbOrTx, queue: QueueName, data: object, options: SendOptions = {}) {
  const client = (tx as any).session.client;
  return boss().send(queue, data, {
    ...options,
    db: { executeSql: async (text: string, values?: unknown[]) => ({ rows: await client.unsafe(text, values ?? []) }) },
  });
}
