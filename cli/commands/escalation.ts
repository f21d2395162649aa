// On call and care team from the command line: `oncall:set --clinician ID [--until ISO]`
// ("I take it until …"; without --until, until the end of the clinic's day).
import { z } from "zod";
import { db } from "../../db/client";
import { clinicians, organizations } from "../../db/schema";
import { eq } from "drizzle-orm";
import { setOnCall } from "../../app/escalation/on-call.server";
import { CliError, defineCommand } from "./types";

export const oncallSet = defineCommand({
  flags: z.object({
    clinician: z.string({ error: "--clinician is required" }).uuid("--clinician must be an id (uuid)"),
    until: z
      .string()
      .optional()
      .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "--until must be an ISO date-time, e.g. 2026-12-01T08:00:00+01:00"),
    from: z
      .string()
      .optional()
      .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "--from must be an ISO date-time"),
  }),
  async run(f) {
    const [c] = await db()
      .select({ id: clinicians.id, orgId: clinicians.orgId, timezone: organizations.timezone })
      .from(clinicians)
      .innerJoin(organizations, eq(organizations.id, clinicians.orgId))
      .where(eq(clinicians.id, f.clinician));
    if (!c) throw new CliError(`unknown clinician ${f.clinician}`);
    const until = f.until ? new Date(f.until) : undefined;
    const from = f.from ? new Date(f.from) : undefined;
    if (until && until <= (from ?? new Date())) throw new CliError("--until must be in the future");
    const turn = await setOnCall({ orgId: c.orgId, clinicianId: null }, c.id, { from, until, timezone: c.timezone });
    return { override_id: turn.id, clinician_id: c.id, from: turn.from.toISOString(), until: turn.until.toISOString() };
  },
});
