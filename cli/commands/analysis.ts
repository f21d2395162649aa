// analysis:run — the nightly AletheIA review now, for one date or each org's local yesterday.
import { z } from "zod";
import { getOrganization } from "../../app/models/organization.server";
import { runAnalysis } from "../../app/analysis/nightly.server";
import { boss, QUEUES } from "../../app/queue.server";
import { analysisDayWorkOptions, handleAnalysisDay } from "../../jobs/analysis";
import { CliError, defineCommand } from "./types";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "--date must be YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "--date is not a calendar date");

export const analysisRun = defineCommand({
  flags: z.object({
    date: isoDate.optional(),
    org: z.string().uuid("--org must be an id (uuid)").optional(),
  }),
  boss: true,
  async run(f) {
    if (f.org && !(await getOrganization(f.org))) throw new CliError(`unknown organization ${f.org}`);
    // Work the jobs here too, so the command finishes even when no server is running.
    const workerId = await boss().work(QUEUES.analysisDay, analysisDayWorkOptions(), handleAnalysisDay as any);
    try {
      const r = await runAnalysis({ date: f.date, orgId: f.org });
      return { days_analyzed: r.days_analyzed, alerts: r.alerts, failed: r.failed };
    } finally {
      await boss().offWork(QUEUES.analysisDay, { id: workerId, wait: true });
    }
  },
});
