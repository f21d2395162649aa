// Who is on call: dated overrides win ("I take tonight"); otherwise the weekly rota slot that
// covers the organization's wall-clock weekday and minute. Weekday 0 = Monday.
import { and, asc, desc, eq, gt, lte, sql } from "drizzle-orm";
import { db, type DbOrTx } from "../../db/client";
import { clinicians, onCallOverrides, onCallRota, organizations } from "../../db/schema";
import { audit, type Actor } from "../models/audit.server";

const WEEK = 7 * 1440;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The organization's wall clock at `at`: weekday (0 = Monday) and minute of the day. */
export function wallClock(timeZone: string, at = new Date()) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", weekday: "short", hour: "2-digit", minute: "2-digit" }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { weekday: WEEKDAYS.indexOf(get("weekday")), minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

export interface RotaSlot {
  id: string;
  clinicianId: string;
  clinicianName: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export async function listRota(orgId: string, tx: DbOrTx = db()): Promise<RotaSlot[]> {
  return tx
    .select({
      id: onCallRota.id,
      clinicianId: onCallRota.clinicianId,
      clinicianName: sql<string>`coalesce(${clinicians.name}, ${clinicians.email})`,
      weekday: onCallRota.weekday,
      startMinute: onCallRota.startMinute,
      endMinute: onCallRota.endMinute,
    })
    .from(onCallRota)
    .innerJoin(clinicians, and(eq(clinicians.id, onCallRota.clinicianId), eq(clinicians.orgId, orgId)))
    .where(eq(onCallRota.orgId, orgId))
    .orderBy(asc(onCallRota.weekday), asc(onCallRota.startMinute));
}

const slotCovers = (s: { weekday: number; startMinute: number; endMinute: number }, weekday: number, minute: number) =>
  s.weekday === weekday && minute >= s.startMinute && minute < s.endMinute;

export async function activeOverride(orgId: string, at = new Date(), tx: DbOrTx = db()) {
  const [row] = await tx
    .select({ clinicianId: onCallOverrides.clinicianId, endsAt: onCallOverrides.endsAt, id: onCallOverrides.id })
    .from(onCallOverrides)
    .where(and(eq(onCallOverrides.orgId, orgId), lte(onCallOverrides.startsAt, at), gt(onCallOverrides.endsAt, at)))
    .orderBy(desc(onCallOverrides.createdAt))
    .limit(1);
  return row ?? null;
}

/** The on-call clinician now (override first, then the rota), with the end of their turn when known. */
export async function onCallNow(orgId: string, at = new Date(), tx: DbOrTx = db()) {
  const [org] = await tx.select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) return null;
  const override = await activeOverride(orgId, at, tx);
  let clinicianId: string | null = override?.clinicianId ?? null;
  let via: "override" | "rota" = "override";
  if (!clinicianId) {
    const { weekday, minute } = wallClock(org.timezone, at);
    const slot = (await listRota(orgId, tx)).find((s) => slotCovers(s, weekday, minute));
    clinicianId = slot?.clinicianId ?? null;
    via = "rota";
  }
  if (!clinicianId) return null;
  const [c] = await tx
    .select({ id: clinicians.id, name: sql<string>`coalesce(${clinicians.name}, ${clinicians.email})` })
    .from(clinicians)
    .where(and(eq(clinicians.id, clinicianId), eq(clinicians.orgId, orgId)));
  return c ? { ...c, via, until: override?.endsAt ?? null } : null;
}

/**
 * The rota's clinicians in the order their turns come after `at` (the current turn first),
 * each once: escalation step N goes to the Nth clinician after the one on call.
 */
export async function rotaOrder(orgId: string, timezone: string, at = new Date(), tx: DbOrTx = db()): Promise<string[]> {
  const slots = await listRota(orgId, tx);
  const { weekday, minute } = wallClock(timezone, at);
  const now = weekday * 1440 + minute;
  const distance = (s: RotaSlot) => (slotCovers(s, weekday, minute) ? -1 : (s.weekday * 1440 + s.startMinute - now + WEEK) % WEEK);
  const ordered = [...slots].sort((a, b) => distance(a) - distance(b));
  return [...new Set(ordered.map((s) => s.clinicianId))];
}

export async function addRotaSlot(actor: Actor, slot: { clinicianId: string; weekday: number; startMinute: number; endMinute: number }) {
  await db().transaction(async (tx) => {
    await tx.insert(onCallRota).values({ orgId: actor.orgId, ...slot });
    await audit(actor, "on_call.rota.add", { subject: slot.clinicianId, detail: { weekday: slot.weekday, start: slot.startMinute, end: slot.endMinute } }, tx);
  });
}

export async function removeRotaSlot(actor: Actor, slotId: string) {
  await db().transaction(async (tx) => {
    const gone = await tx.delete(onCallRota).where(and(eq(onCallRota.id, slotId), eq(onCallRota.orgId, actor.orgId))).returning({ id: onCallRota.id });
    if (gone.length) await audit(actor, "on_call.rota.remove", { subject: slotId }, tx);
  });
}

/** "I take it until …": an override from now; without `until`, until the end of the local day. */
export async function setOnCall(actor: Actor, clinicianId: string, opts: { from?: Date; until?: Date; timezone: string }) {
  const from = opts.from ?? new Date();
  const until = opts.until ?? endOfLocalDay(opts.timezone, from);
  if (until <= from) throw new RangeError("the end of the turn must be after its start");
  return db().transaction(async (tx) => {
    const [row] = await tx.insert(onCallOverrides).values({ orgId: actor.orgId, clinicianId, startsAt: from, endsAt: until, createdBy: actor.clinicianId }).returning({ id: onCallOverrides.id });
    await audit(actor, "on_call.override", { subject: clinicianId, detail: { from: from.toISOString(), until: until.toISOString() } }, tx);
    return { id: row!.id, from, until };
  });
}

export async function listOverrides(orgId: string, at = new Date()) {
  return db()
    .select({
      id: onCallOverrides.id,
      clinicianName: sql<string>`coalesce(${clinicians.name}, ${clinicians.email})`,
      startsAt: onCallOverrides.startsAt,
      endsAt: onCallOverrides.endsAt,
    })
    .from(onCallOverrides)
    .innerJoin(clinicians, eq(clinicians.id, onCallOverrides.clinicianId))
    .where(and(eq(onCallOverrides.orgId, orgId), gt(onCallOverrides.endsAt, at)))
    .orderBy(asc(onCallOverrides.startsAt))
    .limit(20);
}

export async function endOverride(actor: Actor, id: string) {
  await db().transaction(async (tx) => {
    const ended = await tx
      .update(onCallOverrides)
      .set({ endsAt: sql`least(${onCallOverrides.endsAt}, now())` })
      .where(and(eq(onCallOverrides.id, id), eq(onCallOverrides.orgId, actor.orgId)))
      .returning({ id: onCallOverrides.id });
    if (ended.length) await audit(actor, "on_call.override.end", { subject: id }, tx);
  });
}

function endOfLocalDay(timeZone: string, from: Date) {
  const { minute } = wallClock(timeZone, from);
  const end = new Date(from.getTime() + (1440 - minute) * 60_000);
  end.setUTCSeconds(0, 0);
  return end;
}
