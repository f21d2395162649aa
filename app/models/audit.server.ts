import { db, type DbOrTx } from "../../db/client";
import { auditLog } from "../../db/schema";

export interface Actor {
  orgId: string;
  clinicianId: string | null;
  apiTokenId?: string | null;
}

/** Every read or send of a patient's data leaves a row here. */
export async function audit(
  actor: Actor,
  action: string,
  opts: { patientId?: string | null; subject?: string; detail?: Record<string, unknown> } = {},
  tx: DbOrTx = db(),
) {
  await tx.insert(auditLog).values({
    orgId: actor.orgId,
    clinicianId: actor.clinicianId,
    apiTokenId: actor.apiTokenId ?? null,
    action,
    patientId: opts.patientId ?? null,
    subject: opts.subject ?? null,
    detail: opts.detail ?? null,
  });
}
