import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { organizations, whatsappAccounts } from "../../db/schema";
import { normalizePhone } from "../lib/phone";

export interface NewOrganization {
  name: string;
  phoneNumberId: string;
  displayPhone?: string;
  timezone?: string;
  mode?: "dev" | "live";
  testRecipients?: string[];
  wabaId?: string;
}

export function isValidTimezone(tz: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class DuplicatePhoneNumberIdError extends Error {}

export async function createOrganization(input: NewOrganization) {
  return db().transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: whatsappAccounts.id })
      .from(whatsappAccounts)
      .where(eq(whatsappAccounts.phoneNumberId, input.phoneNumberId));
    if (taken) throw new DuplicatePhoneNumberIdError(`phone_number_id ${input.phoneNumberId} already belongs to an organization`);
    const [org] = await tx
      .insert(organizations)
      .values({ name: input.name, timezone: input.timezone ?? "UTC" })
      .returning({ id: organizations.id });
    const [account] = await tx
      .insert(whatsappAccounts)
      .values({
        orgId: org!.id,
        phoneNumberId: input.phoneNumberId,
        displayPhone: input.displayPhone,
        wabaId: input.wabaId,
        mode: input.mode ?? "dev",
        testRecipients: (input.testRecipients ?? []).map((p) => normalizePhone(p)),
      })
      .returning({ id: whatsappAccounts.id });
    return { orgId: org!.id, accountId: account!.id };
  });
}

export async function getOrganization(orgId: string) {
  const [org] = await db()
    .select({ id: organizations.id, name: organizations.name, timezone: organizations.timezone, analysisMode: organizations.analysisMode })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org ?? null;
}
