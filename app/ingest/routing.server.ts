// value.metadata.phone_number_id → organization. Accounts change rarely and every delivery
// needs the answer, so hits are cached briefly; misses are not (a new account routes at once).
import { rawSql } from "../../db/client";

const TTL_MS = 30_000;
const cache = new Map<string, { orgId: string; at: number }>();

export async function routeAccounts(phoneNumberIds: string[]): Promise<Map<string, string>> {
  const now = Date.now();
  const out = new Map<string, string>();
  const missing: string[] = [];
  for (const id of phoneNumberIds) {
    const hit = cache.get(id);
    if (hit && now - hit.at < TTL_MS) out.set(id, hit.orgId);
    else missing.push(id);
  }
  if (missing.length) {
    const rows = await rawSql()<{ phone_number_id: string; org_id: string }[]>`
      SELECT phone_number_id, org_id FROM whatsapp_accounts WHERE phone_number_id = ANY(${missing})`;
    for (const r of rows) {
      out.set(r.phone_number_id, r.org_id);
      cache.set(r.phone_number_id, { orgId: r.org_id, at: now });
    }
  }
  return out;
}
