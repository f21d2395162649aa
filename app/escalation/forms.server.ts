// Form schemas of the on-call, profile and care-team forms (server-only: zod stays out of the
// browser bundle). Parsed with conform (parseWithZod) so errors go back to the fields.
import { z } from "zod";
import { CHANNELS } from "./channels.server";

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, "HH:MM")
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)))
  .refine((m) => m <= 1440, "HH:MM");

export const OnCallSchema = z.discriminatedUnion("intent", [
  z
    .object({ intent: z.literal("add"), clinicianId: z.string().uuid(), weekday: z.coerce.number().int().min(0).max(6), from: hhmm, to: hhmm })
    .refine((v) => v.to > v.from, { path: ["to"], message: "after From" }),
  z.object({ intent: z.literal("remove"), slotId: z.string().uuid() }),
  z.object({ intent: z.literal("override"), clinicianId: z.string().uuid(), until: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "date and time") }),
  z.object({ intent: z.literal("end"), overrideId: z.string().uuid() }),
  z.object({ intent: z.literal("interval"), minutes: z.coerce.number().int().min(1).max(1440) }),
]);

export const ProfileSchema = z.object({
  phone: z.string().trim().max(40).optional(),
  // Checked channels, in the order of the first/second/third choice selects.
  first: z.enum(CHANNELS).optional(),
  second: z.enum(CHANNELS).optional(),
  third: z.enum(CHANNELS).optional(),
});

export const ResponsibleSchema = z.object({ intent: z.literal("responsible"), clinicianId: z.string().uuid().or(z.literal("")).optional() });

/** "2026-12-01T08:00" on the clinic's wall clock → the instant. */
export function zonedToInstant(local: string, timeZone: string) {
  const guess = new Date(`${local}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}
