import { and, asc, desc, eq, ilike, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { identityVault, leads, messageLog, patients, riskAlerts, whatsappAccounts } from "../../db/schema";
import { countryOf, normalizePhone } from "../lib/phone";
import { moveLeadAlerts } from "./risk-state.server";
import { countPatientMatches } from "./search.server";
import { RISK_LEVELS } from "../analysis/risk-level";

/** A number typed without +CC is read in the country of the organization's WhatsApp number. */
async function orgDefaultCountry(orgId: string) {
  const [account] = await db()
    .select({ displayPhone: whatsappAccounts.displayPhone })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.orgId, orgId))
    .limit(1);
  return countryOf(account?.displayPhone);
}

/**
 * Creates a patient on the organization's identity for that phone. If the number already
 * wrote in as a lead, the lead is converted and its history becomes the patient's.
 */
export async function createPatient(input: { orgId: string; name: string; phone: string }) {
  const phone = normalizePhone(input.phone, await orgDefaultCountry(input.orgId));
  return db().transaction(async (tx) => {
    const [identity] = await tx
      .insert(identityVault)
      .values({ orgId: input.orgId, phone })
      .onConflictDoUpdate({ target: [identityVault.orgId, identityVault.phone], set: { updatedAt: sql`now()` } })
      .returning({ id: identityVault.id });
    const [patient] = await tx
      .insert(patients)
      .values({ orgId: input.orgId, identityId: identity!.id, name: input.name.trim() })
      .onConflictDoNothing({ target: patients.identityId })
      .returning({ id: patients.id });
    if (!patient) throw new DuplicatePatientError("a patient with this phone number already exists in this organization");
    await tx
      .update(leads)
      .set({ status: "converted", convertedPatientId: patient.id })
      .where(and(eq(leads.identityId, identity!.id), eq(leads.orgId, input.orgId)));
    await tx
      .update(messageLog)
      .set({ patientId: patient.id, leadId: null })
      .where(and(eq(messageLog.identityId, identity!.id), eq(messageLog.orgId, input.orgId)));
    await moveLeadAlerts(tx, input.orgId, identity!.id, patient.id);
    return { patientId: patient.id, identityId: identity!.id, phone };
  });
}

export class DuplicatePatientError extends Error {}

export async function getPatient(orgId: string, patientId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(patientId)) return null;
  const [row] = await db()
    .select({
      id: patients.id,
      name: patients.name,
      identityId: patients.identityId,
      phone: identityVault.phone,
      waId: identityVault.waId,
    })
    .from(patients)
    .innerJoin(identityVault, eq(identityVault.id, patients.identityId))
    .where(and(eq(patients.orgId, orgId), eq(patients.id, patientId)));
  return row ?? null;
}


/** The list a clinician triages from: open risk first, then most recent message. */
export async function listPatients(orgId: string, opts: { search?: string; limit?: number; offset?: number } = {}) {
  const openRisk = db()
    .select({
      patientId: riskAlerts.patientId,
      rank: sql<number>`max(${sql.raw("CASE level WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END")})`.as("rank"),
      unread: sql<number>`count(*)::int`.as("unread"),
    })
    .from(riskAlerts)
    .where(and(eq(riskAlerts.orgId, orgId), sql`${riskAlerts.acknowledgedAt} IS NULL`))
    .groupBy(riskAlerts.patientId)
    .as("open_risk");
  const lastMessage = sql<Date | null>`(SELECT max(m.timestamp) FROM ${messageLog} m WHERE m.patient_id = ${patients.id})`;
  const rows = await db()
    .select({
      id: patients.id,
      name: patients.name,
      riskRank: sql<number>`coalesce(${openRisk.rank}, 0)`,
      openAlerts: sql<number>`coalesce(${openRisk.unread}, 0)`,
      lastMessageAt: lastMessage,
    })
    .from(patients)
    .leftJoin(openRisk, eq(openRisk.patientId, patients.id))
    .where(and(eq(patients.orgId, orgId), opts.search ? ilike(patients.name, `%${opts.search.replace(/[%_\\]/g, "\\$&")}%`) : undefined))
    .orderBy(desc(sql`coalesce(${openRisk.rank}, 0)`), sql`${lastMessage} DESC NULLS LAST`, asc(patients.name))
    .limit(opts.limit ?? 500)
    .offset(opts.offset ?? 0);
  const levels = RISK_LEVELS;
  return rows.map((r) => ({
    ...r,
    risk: levels[Number(r.riskRank)] ?? "NONE",
    lastMessageAt: r.lastMessageAt ? new Date(r.lastMessageAt) : null,
  }));
}

/** How many patients the list (with the same search) has in total, for paging. */
export async function countPatients(orgId: string, opts: { search?: string; responsibleId?: string } = {}) {
  // Search (name without accents, phone, message text) is one SQL filter in search.server.ts.
  if (opts.search) return countPatientMatches(orgId, opts.search, opts.responsibleId);
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(patients)
    .where(and(eq(patients.orgId, orgId), opts.search ? ilike(patients.name, `%${opts.search.replace(/[%_\\]/g, "\\$&")}%`) : undefined, opts.responsibleId ? eq(patients.responsibleClinicianId, opts.responsibleId) : undefined));
  return row?.n ?? 0;
}
