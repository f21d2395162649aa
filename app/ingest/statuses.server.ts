// PLACEHOLDER by the outbound engineer (the ingest engineer owns and replaces this file).
// Applies the message_statuses rows recorded for a wamid before its outbound row had it
// (a status webhook can beat the Graph API's answer), forwards only.
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { messageLog, messageStatuses } from "../../db/schema";
import { notifyLive } from "../lib/notify.server";

const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3, played: 3, failed: 4 };

export async function applyPendingStatuses(tx: DbOrTx, orgId: string, providerId: string): Promise<void> {
  const pending = await tx
    .select()
    .from(messageStatuses)
    .where(and(eq(messageStatuses.orgId, orgId), eq(messageStatuses.providerId, providerId), eq(messageStatuses.applied, false)))
    .orderBy(asc(messageStatuses.timestamp));
  if (!pending.length) return;
  const [row] = await tx
    .select({ id: messageLog.id, status: messageLog.status, patientId: messageLog.patientId, leadId: messageLog.leadId })
    .from(messageLog)
    .where(and(eq(messageLog.orgId, orgId), eq(messageLog.providerId, providerId)));
  if (!row) return;
  let status = row.status;
  let best: (typeof pending)[number] | null = null;
  for (const s of pending) {
    const next = s.status === "played" ? "read" : s.status;
    if ((RANK[next] ?? 0) > (RANK[status] ?? 0)) {
      status = next;
      best = s;
    }
  }
  if (best) {
    await tx
      .update(messageLog)
      .set({ status, statusAt: best.timestamp, errorCode: best.errorCode, errorTitle: best.errorTitle, errorDetails: best.errorDetails })
      .where(eq(messageLog.id, row.id));
    await notifyLive(tx, { org_id: orgId, kind: "status", patient_id: row.patientId, lead_id: row.leadId, message_id: row.id });
  }
  for (const s of pending) await tx.update(messageStatuses).set({ applied: true }).where(eq(messageStatuses.id, s.id));
}
