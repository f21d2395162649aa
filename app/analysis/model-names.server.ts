// The names pseudonymise() must hide from a model for one patient: the patient's name, the
// WhatsApp profile name, and every clinician of the organization.
import { rawSql } from "../../db/client";
import type { ModelNames } from "./pseudonymise";

export async function namesForModel(orgId: string, patientId: string | null): Promise<ModelNames> {
  const rows = await rawSql()<{ kind: string; name: string | null }[]>`
    SELECT 'patient' AS kind, p.name FROM patients p WHERE p.id = ${patientId} AND p.org_id = ${orgId}
    UNION ALL
    SELECT 'patient', v.profile_name FROM patients p JOIN identity_vault v ON v.id = p.identity_id WHERE p.id = ${patientId} AND p.org_id = ${orgId}
    UNION ALL
    SELECT 'clinician', c.name FROM clinicians c WHERE c.org_id = ${orgId}`;
  return {
    patient: rows.filter((r) => r.kind === "patient").map((r) => r.name),
    clinicians: rows.filter((r) => r.kind === "clinician").map((r) => r.name),
  };
}
