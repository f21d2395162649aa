// Who wrote: one identity_vault row per (organization, phone), found or created inside the
// ingest statement with ON CONFLICT (never check-then-insert), so two first messages from a
// new number at the same instant make one identity and one lead.
import type postgres from "postgres";
import { tryNormalizePhone } from "../lib/phone";

const cache = new Map<string, string>();

/**
 * The identity key for a wa_id. WhatsApp writes "5215512345678" where the clinic typed
 * "+52 55 1234 5678": normalizePhone folds those quirks. A wa_id no parser accepts (test
 * payloads carry "PHONE_NUMBER") still needs a stable key, marked so it never looks dialable.
 */
export function phoneKey(waId: string): string {
  let key = cache.get(waId);
  if (key === undefined) {
    const digits = waId.replace(/\D/g, "");
    key = tryNormalizePhone(waId) ?? (/^\+?\d{6,15}$/.test(waId.trim()) ? `+${digits}` : `wa:${waId.slice(0, 64)}`);
    if (cache.size > 50_000) cache.clear();
    cache.set(waId, key);
  }
  return key;
}

/**
 * system user_changed_number: the identity moves to the new number and keeps its history
 * (message rows point at the identity; the old number goes to previous_phones). If the new
 * number already has an identity of its own, both stay as they are: merging two people's
 * records automatically is not safe.
 */
export async function moveIdentity(
  tx: postgres.TransactionSql,
  change: { orgId: string; oldPhone: string; newWaId: string; newUserId: string | null },
): Promise<boolean> {
  const newPhone = phoneKey(change.newWaId);
  if (newPhone === change.oldPhone) return false;
  const rows = await tx`
    UPDATE identity_vault v SET
      phone = ${newPhone},
      wa_id = ${change.newWaId},
      user_id = CASE WHEN ${change.newUserId}::text IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM identity_vault o WHERE o.org_id = v.org_id AND o.user_id = ${change.newUserId} AND o.id <> v.id)
        THEN ${change.newUserId} ELSE v.user_id END,
      previous_phones = array_append(v.previous_phones, v.phone),
      updated_at = now()
    WHERE v.org_id = ${change.orgId} AND v.phone = ${change.oldPhone}
      AND NOT EXISTS (SELECT 1 FROM identity_vault n WHERE n.org_id = v.org_id AND n.phone = ${newPhone})
    RETURNING v.id`;
  return rows.length > 0;
}
