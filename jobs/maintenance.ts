// Hourly housekeeping: expired sessions and old login attempts would otherwise grow forever.
import { purgeExpiredSessions } from "../app/auth/session.server";
import { defineWorker, QUEUES } from "../app/queue.server";

export const maintenanceWorker = defineWorker({
  queue: QUEUES.maintenance,
  schedule: { cron: "17 * * * *", options: { tz: "UTC" } },
  handler: async () => {
    await purgeExpiredSessions();
  },
});
