// Operator commands of the foundation: organizations, clinicians, patients, API tokens.
import { z } from "zod";
import { createApiToken } from "../../app/auth/api-token.server";
import { createClinician, DuplicateEmailError } from "../../app/models/clinician.server";
import { createOrganization, DuplicatePhoneNumberIdError, getOrganization, isValidTimezone } from "../../app/models/organization.server";
import { createPatient, DuplicatePatientError } from "../../app/models/patient.server";
import { normalizePhone, PhoneError } from "../../app/lib/phone";
import { getClinicianInOrg, setNotifyProfile, setResponsible } from "../../app/escalation/care-team.server";
import { CliError, defineCommand } from "./types";

const uuid = (what: string) => z.string({ error: `--${what} is required` }).uuid(`--${what} must be an id (uuid)`);

async function requireOrg(id: string) {
  const org = await getOrganization(id);
  if (!org) throw new CliError(`unknown organization ${id}`);
  return org;
}

function rethrow(e: unknown): never {
  if (e instanceof DuplicateEmailError || e instanceof DuplicatePhoneNumberIdError || e instanceof DuplicatePatientError || e instanceof PhoneError) {
    throw new CliError(e.message);
  }
  throw e;
}

export const orgCreate = defineCommand({
  flags: z.object({
    name: z.string({ error: "--name is required" }).trim().min(1, "--name is required"),
    "phone-number-id": z.string({ error: "--phone-number-id is required" }).regex(/^\d{5,20}$/, "--phone-number-id must be Meta's numeric id"),
    "display-phone": z.string().optional(),
    timezone: z.string().default("UTC").refine(isValidTimezone, "--timezone must be an IANA timezone such as Europe/Madrid"),
    mode: z.enum(["dev", "live"], { error: "--mode must be dev or live" }).default("dev"),
    "test-recipients": z.string().optional(),
  }),
  async run(f) {
    try {
      const testRecipients = (f["test-recipients"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      testRecipients.forEach((p) => normalizePhone(p));
      const { orgId, accountId } = await createOrganization({
        name: f.name,
        phoneNumberId: f["phone-number-id"],
        displayPhone: f["display-phone"],
        timezone: f.timezone,
        mode: f.mode,
        testRecipients,
      });
      return { org_id: orgId, account_id: accountId };
    } catch (e) {
      rethrow(e);
    }
  },
});

export const clinicianCreate = defineCommand({
  flags: z.object({
    org: uuid("org"),
    email: z.string({ error: "--email is required" }).trim().email("--email is not an email address"),
    password: z.string({ error: "--password is required" }).min(8, "--password must have at least 8 characters"),
    role: z.enum(["clinician", "admin"], { error: "--role must be clinician or admin" }).default("clinician"),
    name: z.string().optional(),
    // The clinician's own WhatsApp, for HIGH alert notices (issue 16).
    phone: z.string().optional(),
  }),
  async run(f) {
    await requireOrg(f.org);
    try {
      if (f.phone) normalizePhone(f.phone);
      const { clinicianId } = await createClinician({ orgId: f.org, email: f.email, password: f.password, role: f.role, name: f.name });
      if (f.phone) await setNotifyProfile({ orgId: f.org, clinicianId: null }, clinicianId, { phone: f.phone });
      return { clinician_id: clinicianId };
    } catch (e) {
      rethrow(e);
    }
  },
});

export const patientCreate = defineCommand({
  flags: z.object({
    org: uuid("org"),
    name: z.string({ error: "--name is required" }).trim().min(1, "--name is required"),
    phone: z.string({ error: "--phone is required" }),
    // The responsible clinician (issue 16).
    clinician: uuid("clinician").optional(),
  }),
  async run(f) {
    await requireOrg(f.org);
    if (f.clinician && !(await getClinicianInOrg(f.org, f.clinician))) throw new CliError(`unknown clinician ${f.clinician} in this organization`);
    try {
      const { patientId, identityId, phone } = await createPatient({ orgId: f.org, name: f.name, phone: f.phone });
      if (f.clinician) await setResponsible({ orgId: f.org, clinicianId: null }, patientId, f.clinician);
      return { patient_id: patientId, identity_id: identityId, phone, ...(f.clinician ? { clinician_id: f.clinician } : {}) };
    } catch (e) {
      rethrow(e);
    }
  },
});

export const tokenCreate = defineCommand({
  flags: z.object({ clinician: uuid("clinician") }),
  async run(f) {
    const token = await createApiToken(f.clinician);
    if (!token) throw new CliError(`unknown clinician ${f.clinician}`);
    return { token };
  },
});
