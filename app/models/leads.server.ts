// CRM leads: unknown numbers that wrote in. Converting one makes a patient on the same
// identity, and the lead's history becomes the patient's (as createPatient does for a phone).
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { identityVault, leads, messageLog, patients } from "../../db/schema";
import { DuplicatePatientError } from "./patient.server";
import { audit, type Actor } from "./audit.server";
import { notifyLive } from "../lib/notify.server";
import { moveLeadAlerts } from "./risk-state.server";

const MESSAGES_PER_LEAD = 10;

/** Open leads, most recent message first, each with its last messages (oldest first). */
export async function listOpenLeads(orgId: string, limit = 100) {
  const lastAt = sql<Date | null>`(SELECT max(m.timestamp) FROM ${messageLog} m WHERE m.lead_id = ${leads.id})`;
  const rows = await db()
    .select({
      id: leads.id,
      name: leads.name,
      status: leads.status,
      createdAt: leads.createdAt,
      phone: identityVault.phone,
      profileName: identityVault.profileName,
      lastMessageAt: lastAt,
    })
    .from(leads)
    .innerJoin(identityVault, eq(identityVault.id, leads.identityId))
    .where(and(eq(leads.orgId, orgId), eq(leads.status, "open")))
    .orderBy(sql`${lastAt} DESC NULLS LAST`, desc(leads.createdAt))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // The last N messages of each lead in one statement.
  const messages = await db()
    .select({
      id: sql<string>`t.id`,
      leadId: sql<string>`t.lead_id`,
      direction: sql<string>`t.direction`,
      type: sql<string>`t.type`,
      content: sql<string | null>`t.content`,
      timestamp: sql<string>`t.timestamp`,
    })
    .from(
      sql`(SELECT m.id, m.lead_id, m.direction, m.type, m.content, m.timestamp,
                  row_number() OVER (PARTITION BY m.lead_id ORDER BY m.timestamp DESC) AS rn
           FROM ${messageLog} m
           WHERE m.org_id = ${orgId} AND m.lead_id IN ${sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`}) t`,
    )
    .where(sql`t.rn <= ${MESSAGES_PER_LEAD}`)
    .orderBy(sql`t.timestamp ASC`);
  const byLead = new Map<string, typeof messages>();
  for (const m of messages) {
    if (!byLead.has(m.leadId)) byLead.set(m.leadId, []);
    byLead.get(m.leadId)!.push({ ...m, timestamp: new Date(m.timestamp).toISOString() });
  }
  return rows.map((r) => ({ ...r, lastMessageAt: r.lastMessageAt ? new Date(r.lastMessageAt) : null, messages: byLead.get(r.id) ?? [] }));
}

/** Recently converted leads, linking to their patients. */
export async function listConvertedLeads(orgId: string, limit = 20) {
  return db()
    .select({ id: leads.id, patientId: patients.id, patientName: patients.name })
    .from(leads)
    .innerJoin(patients, and(eq(patients.id, leads.convertedPatientId), eq(patients.orgId, orgId)))
    .where(and(eq(leads.orgId, orgId), eq(leads.status, "converted")))
    .orderBy(desc(patients.createdAt))
    .limit(limit);
}

export class LeadNotFoundError extends Error {}
export { DuplicatePatientError };

/** Converts an open lead of the organization into a patient named `name`. */
export async function convertLead(actor: Actor, leadId: string, name: string) {
  if (!/^[0-9a-f-]{36}$/i.test(leadId)) throw new LeadNotFoundError("lead not found");
  const [lead] = await db()
    .select({ id: leads.id, identityId: leads.identityId, phone: identityVault.phone, status: leads.status })
    .from(leads)
    .innerJoin(identityVault, eq(identityVault.id, leads.identityId))
    .where(and(eq(leads.orgId, actor.orgId), eq(leads.id, leadId)));
  if (!lead || lead.status !== "open") throw new LeadNotFoundError("lead not found");

  // Converted on the lead's own identity (not re-looked-up by phone, which could differ in
  // formatting): the patient gets exactly the identity and history the lead had.
  const patientId = await db().transaction(async (tx) => {
    const [p] = await tx
      .insert(patients)
      .values({ orgId: actor.orgId, identityId: lead.identityId, name: name.trim() })
      .onConflictDoNothing({ target: patients.identityId })
      .returning({ id: patients.id });
    if (!p) throw new DuplicatePatientError("a patient with this identity already exists");
    await tx.update(leads).set({ status: "converted", convertedPatientId: p.id }).where(and(eq(leads.id, lead.id), eq(leads.orgId, actor.orgId)));
    await tx
      .update(messageLog)
      .set({ patientId: p.id, leadId: null })
      .where(and(eq(messageLog.identityId, lead.identityId), eq(messageLog.orgId, actor.orgId)));
    await moveLeadAlerts(tx, actor.orgId, lead.identityId, p.id);
    await audit(actor, "lead.convert", { patientId: p.id, subject: lead.id }, tx);
    await notifyLive(tx, { org_id: actor.orgId, kind: "lead", lead_id: lead.id, patient_id: p.id });
    return p.id;
  });
  return { patientId };
}
export async function countOpenLeads(orgId: string) {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.orgId, orgId), inArray(leads.status, ["open"])));
  return row?.n ?? 0;
}
