// The rules a message must pass before it may reach Meta: the 24-hour window, dev mode's
// recipients and daily cap, and a person answering a patient at risk.
import { and, asc, eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "../../db/client";
import { messageLog, organizations, whatsappAccounts } from "../../db/schema";
import { tryNormalizePhone } from "../lib/phone";
import { patientRiskState } from "../models/risk-state.server";

export const WINDOW_MS = 24 * 3600_000;
export const DEV_DAILY_LIMIT = 1000;

export interface WindowState {
  open: boolean;
  lastInboundAt: Date | null;
  closesAt: Date | null;
}

/** WhatsApp's customer-service window opens at the patient's last INBOUND message. */
export async function windowState(orgId: string, patientId: string, now = new Date()): Promise<WindowState> {
  const [row] = await db()
    .select({ last: sql<Date | null>`max(${messageLog.timestamp})` })
    .from(messageLog)
    .where(and(eq(messageLog.orgId, orgId), eq(messageLog.patientId, patientId), eq(messageLog.direction, "INBOUND")));
  const last = row?.last ? new Date(row.last) : null;
  const closesAt = last ? new Date(last.getTime() + WINDOW_MS) : null;
  return { open: Boolean(closesAt && closesAt > now), lastInboundAt: last, closesAt };
}

export interface Account {
  id: string;
  phoneNumberId: string;
  wabaId: string | null;
  mode: "dev" | "live";
  testRecipients: string[];
  tokenError: string | null;
}

/** The organization's WhatsApp number (the first one, if it ever has several). */
export async function accountFor(orgId: string): Promise<Account | null> {
  const [row] = await db()
    .select({
      id: whatsappAccounts.id,
      phoneNumberId: whatsappAccounts.phoneNumberId,
      wabaId: whatsappAccounts.wabaId,
      mode: whatsappAccounts.mode,
      testRecipients: whatsappAccounts.testRecipients,
      tokenError: whatsappAccounts.tokenError,
    })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.orgId, orgId))
    .orderBy(asc(whatsappAccounts.createdAt))
    .limit(1);
  return row ? { ...row, mode: row.mode === "live" ? "live" : "dev" } : null;
}

/** Dev mode: only the account's test recipients, compared as canonical E.164 (MX/AR/BR quirks). */
export function recipientAllowed(account: Account, phone: string | null): boolean {
  if (account.mode === "live") return true;
  const target = tryNormalizePhone(phone);
  return target !== null && account.testRecipients.some((r) => tryNormalizePhone(r) === target);
}

/**
 * Outbound messages of the organization since its local midnight. Call inside the sending
 * transaction after lockDailyCounter, so two instances cannot both take the last slot.
 */
export async function sentToday(tx: DbOrTx, orgId: string): Promise<number> {
  const [org] = await tx.select({ tz: organizations.timezone }).from(organizations).where(eq(organizations.id, orgId));
  const tz = org?.tz ?? "UTC";
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(messageLog)
    .where(
      and(
        eq(messageLog.orgId, orgId),
        eq(messageLog.direction, "OUTBOUND"),
        sql`${messageLog.timestamp} >= (date_trunc('day', now() AT TIME ZONE ${tz}) AT TIME ZONE ${tz})`,
      ),
    );
  return row?.n ?? 0;
}

export async function lockDailyCounter(tx: DbOrTx, orgId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${"kura-send:" + orgId}))`);
}

/**
 * HIGH now, as every page shows it (risk-state): an alert of the last 72 hours, acknowledged
 * or not, or the latest daily analysis. Acknowledging means "seen", never "safe".
 */
export async function patientAtHighRisk(orgId: string, patientId: string): Promise<boolean> {
  return (await patientRiskState(orgId, patientId)).level === "HIGH";
}
