// Start-up data: the default organization bound to META_WA_PHONE_ID, and outside production a
// demo clinician and patients on an empty database, so the first look shows something.
import crypto from "node:crypto";
import { count, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { clinicians, whatsappAccounts } from "../../db/schema";
import type { Config } from "../config.server";
import { createOrganization } from "../models/organization.server";
import { createClinician } from "../models/clinician.server";
import { createPatient } from "../models/patient.server";

export const DEMO_EMAIL = "demo@kura.local";
export const DEMO_PATIENTS = [
  { name: "María García", phone: "+34 600 000 001" },
  { name: "Javier López", phone: "+52 1 55 1234 5678" },
  { name: "Lucía Fernández", phone: "+54 9 11 2345 6789" },
];

export async function ensureDefaultOrganization(cfg: Config) {
  const phoneNumberId = cfg.meta.phoneNumberId;
  if (!phoneNumberId) return null;
  const [existing] = await db()
    .select({ orgId: whatsappAccounts.orgId })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.phoneNumberId, phoneNumberId));
  if (existing) return { orgId: existing.orgId, created: false };
  const testRecipients = cfg.meta.testRecipients.length ? cfg.meta.testRecipients : cfg.meta.sandbox ? DEMO_PATIENTS.map((p) => p.phone) : [];
  try {
    const { orgId } = await createOrganization({
      name: cfg.meta.sandbox ? "Clínica Demo" : "Kura Clinic",
      phoneNumberId,
      displayPhone: cfg.meta.sandbox ? "+34 910 000 000" : undefined,
      timezone: cfg.meta.sandbox ? "Europe/Madrid" : "UTC",
      mode: cfg.meta.mode,
      wabaId: cfg.meta.wabaId,
      testRecipients,
    });
    return { orgId, created: true };
  } catch (e) {
    // Another instance starting at the same moment created it.
    const [row] = await db().select({ orgId: whatsappAccounts.orgId }).from(whatsappAccounts).where(eq(whatsappAccounts.phoneNumberId, phoneNumberId));
    if (row) return { orgId: row.orgId, created: false };
    throw e;
  }
}

/** Returns the demo login when it was just created (printed once), else null. */
export async function seedDemo(orgId: string) {
  const [{ n }] = (await db().select({ n: count() }).from(clinicians)) as [{ n: number }];
  if (n > 0) return null;
  const password = crypto.randomBytes(9).toString("base64url");
  await createClinician({ orgId, email: DEMO_EMAIL, password, role: "admin", name: "Dra. Demo" });
  const patientIds: string[] = [];
  for (const p of DEMO_PATIENTS) patientIds.push((await createPatient({ orgId, ...p })).patientId);
  return { email: DEMO_EMAIL, password, patientIds };
}
