// Hourly housekeeping: expired sessions and old login attempts would otherwise grow forever;
// raw webhook bodies and rejection rows follow the retention rules (app/lib/retention.server.ts).
import { purgeExpiredSessions } from "../app/auth/session.server";
import { runRetention } from "../app/lib/retention.server";
import { defineWorker, QUEUES } from "../app/queue.server";

export const maintenanceWorker = defineWorker({
  queue: QUEUES.maintenance,
  schedule: { cron: "17 * * * *", options: { tz: "UTC" } },
  handler: async () => {
    await purgeExpiredSessions();
    await runRetention();
  },
});
