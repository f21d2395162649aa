// webhook:replay: re-processes stored webhook events (idempotent: messages dedupe by wamid,
// statuses by wamid and status), e.g. after fixing a failure or adding an unrouted account.
import { z } from "zod";
import { rawSql } from "../../db/client";
import { reprocessEvent } from "../../app/ingest/process.server";
import { CliError, defineCommand } from "./types";

export const webhookReplay = defineCommand({
  flags: z.object({
    id: z.string().regex(/^\d+$/, "--id must be a webhook event id (a number)").optional(),
    failed: z.union([z.boolean(), z.string()]).optional(),
  }),
  switches: ["failed"],
  boss: true,
  async run(f) {
    if (!f.id === !f.failed) throw new CliError("give --id N or --failed");
    let ids: number[];
    if (f.id) {
      const [row] = await rawSql()`SELECT id FROM webhook_events WHERE id = ${f.id}`;
      if (!row) throw new CliError(`unknown webhook event ${f.id}`);
      ids = [Number(f.id)];
    } else {
      // `received` for minutes means the process died between storing and processing.
      const rows = await rawSql()<{ id: string }[]>`
        SELECT id FROM webhook_events
        WHERE status IN ('failed', 'unrouted') OR (status = 'received' AND received_at < now() - interval '5 minutes')
        ORDER BY id`;
      ids = rows.map((r) => Number(r.id));
    }
    let replayed = 0;
    let failed = 0;
    for (const id of ids) {
      try {
        await reprocessEvent(id);
        replayed++;
      } catch {
        failed++;
      }
    }
    return { replayed, failed };
  },
});
