// API tokens for /api/v1: shown once at creation; only the sha256 is stored (the token has
// 256 random bits, so a slow hash adds nothing).
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "../../db/client";
import { apiTokens, clinicians } from "../../db/schema";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export async function createApiToken(clinicianId: string) {
  const [clinician] = await db().select({ orgId: clinicians.orgId }).from(clinicians).where(eq(clinicians.id, clinicianId));
  if (!clinician) return null;
  const token = `kura_${crypto.randomBytes(32).toString("base64url")}`;
  await db().insert(apiTokens).values({ orgId: clinician.orgId, clinicianId, tokenHash: sha256(token) });
  return token;
}

export async function findApiToken(token: string) {
  const [row] = await db()
    .select({ id: apiTokens.id, clinicianId: apiTokens.clinicianId, orgId: apiTokens.orgId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  return row ?? null;
}
