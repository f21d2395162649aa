// Escalation workers: steps (scheduled in the future with startAfter), one delivery per
// recipient, and a per-minute sweep (backstop for unscheduled alerts + the morning digest).
import { defineWorker, QUEUES } from "../app/queue.server";
import { runDelivery, runStep, sweep, type DeliveryJob, type StepJob } from "../app/escalation/escalation.server";

export const alertEscalationWorker = defineWorker<StepJob>({
  queue: QUEUES.alertEscalation,
  handler: async (jobs) => {
    for (const job of jobs) await runStep(job.data);
  },
});

export const alertNotifyWorker = defineWorker<DeliveryJob>({
  queue: QUEUES.alertNotify,
  // A notice waits on SMTP or Graph: several at once so one slow server does not queue the rest.
  workOptions: { batchSize: 1, localConcurrency: 4 },
  handler: async (jobs) => {
    for (const job of jobs) await runDelivery(job.data);
  },
});

export const alertSweepWorker = defineWorker({
  queue: QUEUES.alertSweep,
  queueOptions: { retryLimit: 0, expireInSeconds: 120 },
  schedule: { cron: "* * * * *" },
  handler: async () => {
    await sweep();
  },
});
