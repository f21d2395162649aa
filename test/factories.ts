// Test data through the same data functions the CLI uses.
import crypto from "node:crypto";
import { createOrganization } from "../app/models/organization.server";
import { createClinician } from "../app/models/clinician.server";
import { createPatient } from "../app/models/patient.server";
import { createSession } from "../app/auth/session.server";

// The organization's first clinician is its admin (as `org:create` + `clinician:create --role admin`).
export async function makeOrg(opts: { name?: string; timezone?: string; mode?: "dev" | "live"; testRecipients?: string[]; role?: "admin" | "clinician" } = {}) {
  const phoneNumberId = String(100_000_000 + crypto.randomInt(800_000_000));
  const { orgId } = await createOrganization({ name: opts.name ?? "Clínica Test", phoneNumberId, timezone: opts.timezone, mode: opts.mode, testRecipients: opts.testRecipients, displayPhone: "+34 910 000 000" });
  const email = `c${crypto.randomBytes(4).toString("hex")}@test.local`;
  const password = "correct horse battery";
  const { clinicianId } = await createClinician({ orgId, email, password, role: opts.role ?? "admin" });
  const cookie = (await createSession(clinicianId, orgId)).split(";")[0]!;
  return { orgId, phoneNumberId, clinicianId, email, password, cookie };
}

export async function makePatient(orgId: string, opts: { name?: string; phone?: string } = {}) {
  const phone = opts.phone ?? `+34 6${String(crypto.randomInt(10_000_000, 99_999_999))}`;
  return createPatient({ orgId, name: opts.name ?? "Paciente Test", phone });
}
