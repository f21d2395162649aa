// Live-update events for open pages: Postgres NOTIFY on one channel, delivered to every app
// instance (each listens). Sent inside the writer's transaction, so a page is only told
// about rows that were committed. Payloads carry ids, never contents (health data).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";

export const LIVE_CHANNEL = "kura_events";

export interface LiveEvent {
  org_id: string;
  kind: "message" | "status" | "alert" | "analysis" | "lead" | "webhook";
  patient_id?: string | null;
  lead_id?: string | null;
  message_id?: string | null;
}

export async function notifyLive(tx: DbOrTx, event: LiveEvent) {
  await tx.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}
