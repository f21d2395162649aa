// The organization's escalation interval (null: ESCALATE_AFTER_MINUTES). Audited.
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { organizations } from "../../db/schema";
import { audit, type Actor } from "../models/audit.server";

export async function getEscalateAfter(orgId: string) {
  const [row] = await db().select({ minutes: organizations.escalateAfterMinutes }).from(organizations).where(eq(organizations.id, orgId));
  return row?.minutes ?? null;
}

export async function setEscalateAfter(actor: Actor, minutes: number | null) {
  await db().transaction(async (tx) => {
    await tx.update(organizations).set({ escalateAfterMinutes: minutes }).where(eq(organizations.id, actor.orgId));
    await audit(actor, "organization.escalate_after.set", { detail: { minutes } }, tx);
  });
}
