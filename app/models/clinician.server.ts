import { and, eq } from "drizzle-orm";
import { hash, verify } from "@node-rs/argon2";
import { db } from "../../db/client";
import { clinicians, organizations } from "../../db/schema";

export class DuplicateEmailError extends Error {}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function createClinician(input: { orgId: string; email: string; password: string; role?: "clinician" | "admin"; name?: string }) {
  const passwordHash = await hash(input.password); // argon2id, library defaults (OWASP-level)
  const rows = await db()
    .insert(clinicians)
    .values({ orgId: input.orgId, email: normalizeEmail(input.email), passwordHash, role: input.role ?? "clinician", name: input.name })
    .onConflictDoNothing({ target: clinicians.email })
    .returning({ id: clinicians.id });
  if (rows.length === 0) throw new DuplicateEmailError(`a clinician with email ${normalizeEmail(input.email)} already exists`);
  return { clinicianId: rows[0]!.id };
}

// A fixed hash to verify against when the email is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyLogin(email: string, password: string) {
  const [row] = await db()
    .select({ id: clinicians.id, orgId: clinicians.orgId, passwordHash: clinicians.passwordHash })
    .from(clinicians)
    .where(eq(clinicians.email, normalizeEmail(email)));
  if (!row) {
    dummyHash ??= hash("kura-not-a-password");
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(row.passwordHash, password).catch(() => false);
  return ok ? { clinicianId: row.id, orgId: row.orgId } : null;
}

export async function getClinicianWithOrg(clinicianId: string, orgId: string) {
  const [row] = await db()
    .select({
      id: clinicians.id,
      email: clinicians.email,
      name: clinicians.name,
      role: clinicians.role,
      locale: clinicians.locale,
      orgId: organizations.id,
      orgName: organizations.name,
      orgTimezone: organizations.timezone,
    })
    .from(clinicians)
    .innerJoin(organizations, eq(organizations.id, clinicians.orgId))
    .where(and(eq(clinicians.id, clinicianId), eq(clinicians.orgId, orgId)));
  return row ?? null;
}

export async function setClinicianLocale(clinicianId: string, orgId: string, locale: "en" | "es") {
  await db().update(clinicians).set({ locale }).where(and(eq(clinicians.id, clinicianId), eq(clinicians.orgId, orgId)));
}
