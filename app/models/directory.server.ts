// Who is who, for operators (the CLI's org:list, clinician:list, patient:list): ids and names,
// never message contents.
import { asc, eq } from "drizzle-orm";
import { db, rawSql } from "../../db/client";
import { clinicians, identityVault, patients } from "../../db/schema";

export async function listOrganizations() {
  const rows = await rawSql()<{ id: string; name: string; timezone: string; phone_number_ids: string[]; clinicians: number; patients: number }[]>`
    SELECT o.id, o.name, o.timezone,
      coalesce((SELECT array_agg(w.phone_number_id ORDER BY w.phone_number_id) FROM whatsapp_accounts w WHERE w.org_id = o.id), '{}') AS phone_number_ids,
      (SELECT count(*)::int FROM clinicians c WHERE c.org_id = o.id) AS clinicians,
      (SELECT count(*)::int FROM patients p WHERE p.org_id = o.id) AS patients
    FROM organizations o ORDER BY o.name, o.id`;
  return rows.map((r) => ({ id: r.id, name: r.name, timezone: r.timezone, phoneNumberIds: r.phone_number_ids, clinicians: r.clinicians, patients: r.patients }));
}

export async function listClinicians(orgId: string) {
  return db()
    .select({ id: clinicians.id, email: clinicians.email, name: clinicians.name, role: clinicians.role })
    .from(clinicians)
    .where(eq(clinicians.orgId, orgId))
    .orderBy(asc(clinicians.email));
}

export async function listPatientsBrief(orgId: string) {
  return db()
    .select({ id: patients.id, name: patients.name, phone: identityVault.phone })
    .from(patients)
    .innerJoin(identityVault, eq(identityVault.id, patients.identityId))
    .where(eq(patients.orgId, orgId))
    .orderBy(asc(patients.name), asc(patients.id));
}
