// Care team: each patient's responsible clinician, and each clinician's notification profile
// (own WhatsApp number, channels in order). Changes are audited.
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { clinicians, patients } from "../../db/schema";
import { audit, type Actor } from "../models/audit.server";
import { normalizePhone } from "../lib/phone";
import type { Channel } from "./channels.server";

export async function listClinicians(orgId: string) {
  return db()
    .select({ id: clinicians.id, name: sql<string>`coalesce(${clinicians.name}, ${clinicians.email})`, role: clinicians.role })
    .from(clinicians)
    .where(eq(clinicians.orgId, orgId))
    .orderBy(asc(sql`coalesce(${clinicians.name}, ${clinicians.email})`));
}

export async function getClinicianInOrg(orgId: string, clinicianId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(clinicianId)) return null;
  const [row] = await db()
    .select({ id: clinicians.id, name: sql<string>`coalesce(${clinicians.name}, ${clinicians.email})`, role: clinicians.role })
    .from(clinicians)
    .where(and(eq(clinicians.id, clinicianId), eq(clinicians.orgId, orgId)));
  return row ?? null;
}

export async function getResponsible(orgId: string, patientId: string) {
  const [row] = await db()
    .select({ id: clinicians.id, name: sql<string>`coalesce(${clinicians.name}, ${clinicians.email})` })
    .from(patients)
    .innerJoin(clinicians, and(eq(clinicians.id, patients.responsibleClinicianId), eq(clinicians.orgId, orgId)))
    .where(and(eq(patients.id, patientId), eq(patients.orgId, orgId)));
  return row ?? null;
}

export class UnknownClinicianError extends Error {}

/** Sets (or clears, with null) the patient's responsible clinician; the clinician must belong to the org. */
export async function setResponsible(actor: Actor, patientId: string, clinicianId: string | null) {
  if (clinicianId && !(await getClinicianInOrg(actor.orgId, clinicianId))) throw new UnknownClinicianError(`unknown clinician ${clinicianId}`);
  await db().transaction(async (tx) => {
    const [before] = await tx.select({ id: patients.responsibleClinicianId }).from(patients).where(and(eq(patients.id, patientId), eq(patients.orgId, actor.orgId)));
    if (!before) throw new UnknownClinicianError("unknown patient");
    await tx.update(patients).set({ responsibleClinicianId: clinicianId }).where(and(eq(patients.id, patientId), eq(patients.orgId, actor.orgId)));
    await audit(actor, "patient.responsible.set", { patientId, detail: { from: before.id, to: clinicianId } }, tx);
  });
}

export async function getNotifyProfile(orgId: string, clinicianId: string) {
  const [row] = await db()
    .select({ phone: clinicians.phone, channels: clinicians.notifyChannels, email: clinicians.email })
    .from(clinicians)
    .where(and(eq(clinicians.id, clinicianId), eq(clinicians.orgId, orgId)));
  return row ?? null;
}

/** The clinician's own number (normalised, or null) and channels in the order to try them. */
export async function setNotifyProfile(actor: Actor, clinicianId: string, input: { phone?: string | null; channels?: Channel[] }) {
  const phone = input.phone === undefined ? undefined : input.phone?.trim() ? normalizePhone(input.phone) : null;
  await db().transaction(async (tx) => {
    await tx
      .update(clinicians)
      .set({ ...(phone !== undefined ? { phone } : {}), ...(input.channels ? { notifyChannels: [...new Set(input.channels)] } : {}) })
      .where(and(eq(clinicians.id, clinicianId), eq(clinicians.orgId, actor.orgId)));
    await audit(actor, "clinician.notify_profile.set", { subject: clinicianId, detail: { phone: phone === undefined ? "unchanged" : phone ? "set" : "cleared", channels: input.channels ?? "unchanged" } }, tx);
  });
}
