// Escalation of risk alerts (docs/decisions/008-escalation.md).
//
// HIGH: step 0 (now) tells the patient's responsible clinician and the on-call clinician; step
// N ≥ 1 (every `escalate_after_minutes`) tells the Nth next clinician in the rota and every
// admin, until someone acknowledges. MEDIUM waits for the responsible clinician's morning digest.
// Steps are pg-boss jobs enqueued in the transaction that wrote the alert (or the previous
// step); each step re-checks the alert in its own transaction, and the acknowledgement cancels
// the pending step in its transaction. One delivery job per recipient sends the notice.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SendOptions } from "pg-boss";
import type { Sql, TransactionSql } from "postgres";
import { db, type DbOrTx, type Tx } from "../../db/client";
import { alertEscalations, alertNotifications, clinicians, organizations, patients, leads, riskAlerts } from "../../db/schema";
import { boss, enqueue, QUEUES } from "../queue.server";
import { config } from "../config.server";
import { logger } from "../logger.server";
import { audit } from "../models/audit.server";
import { notifyLive } from "../lib/notify.server";
import { formatTime } from "../lib/format";
import { onCallNow, rotaOrder } from "./on-call.server";
import { deliver, isChannel, sendEmail, type Recipient } from "./channels.server";
import { digestText, initials, noticeText } from "./notice";

export interface StepJob {
  alertId: string;
  step: number;
}
export interface DeliveryJob {
  alertId: string;
  step: number;
  clinicianId: string;
  role: Role;
}
export type Role = "responsible" | "on_call" | "next_in_rota" | "admin";

type AnyTx = DbOrTx | TransactionSql | Sql;
const isDrizzle = (tx: AnyTx): tx is DbOrTx => typeof (tx as { select?: unknown }).select === "function";

/** Runs SQL on either a drizzle transaction or a postgres-js one (the screen writes alerts with the latter). */
function client(tx: AnyTx): { unsafe: (text: string, values?: unknown[]) => Promise<any[]> } {
  if (isDrizzle(tx)) return (tx as any).session.client;
  return tx as unknown as { unsafe: (text: string, values?: unknown[]) => Promise<any[]> };
}
function bossDb(tx: AnyTx) {
  const c = client(tx);
  return { executeSql: async (text: string, values?: unknown[]) => ({ rows: await c.unsafe(text, (values ?? []) as any[]) }) };
}
async function send(tx: AnyTx, queue: string, data: object, options: SendOptions = {}) {
  if (isDrizzle(tx)) return enqueue(tx, queue as any, data, options);
  return boss().send(queue, data, { ...options, db: bossDb(tx) });
}

export const afterMinutes = (orgSetting: number | null | undefined) => orgSetting ?? config().escalation.afterMinutes;

/**
 * Starts escalation for the open MEDIUM/HIGH alerts picked by `target`, in the caller's
 * transaction. Idempotent: an alert escalates once; a MEDIUM raised to HIGH starts escalating.
 */
export async function scheduleEscalation(tx: AnyTx, target: { messageIds?: string[]; patientId?: string; alertIds?: string[] }) {
  const c = client(tx);
  const started: Array<{ alert_id: string; level: string; after: number }> = await c.unsafe(
    `INSERT INTO alert_escalations AS e (alert_id, org_id, level, state)
     SELECT a.id, a.org_id, a.level, CASE WHEN a.level = 'HIGH' THEN 'active' ELSE 'digest' END
     FROM risk_alerts a
     WHERE a.acknowledged_at IS NULL AND a.level IN ('HIGH', 'MEDIUM')
       AND (a.message_id = ANY($1::uuid[]) OR a.id = ANY($2::uuid[])
            OR ($3::uuid IS NOT NULL AND a.patient_id = $3::uuid AND a.created_at > now() - interval '1 day'))
     ON CONFLICT (alert_id) DO UPDATE SET level = 'HIGH', state = 'active'
       WHERE e.state = 'digest' AND excluded.level = 'HIGH'
     RETURNING e.alert_id, e.level,
       (SELECT coalesce(o.escalate_after_minutes, $4::int) FROM organizations o WHERE o.id = e.org_id) AS after`,
    [target.messageIds ?? [], target.alertIds ?? [], target.patientId ?? null, config().escalation.afterMinutes],
  );
  for (const e of started) {
    if (e.level !== "HIGH") continue;
    await send(tx, QUEUES.alertEscalation, { alertId: e.alert_id, step: 0 } satisfies StepJob);
    const nextId = await send(tx, QUEUES.alertEscalation, { alertId: e.alert_id, step: 1 } satisfies StepJob, { startAfter: e.after * 60 });
    await c.unsafe(`UPDATE alert_escalations SET next_job_id = $2, next_at = now() + make_interval(mins => $3::int) WHERE alert_id = $1`, [e.alert_id, nextId, e.after]);
  }
  return started.length;
}

/** The acknowledgement: stops every escalation of these alerts and cancels the pending step, in the caller's transaction. */
export async function stopEscalation(tx: Tx, alertIds: string[], by: { orgId: string; clinicianId: string | null }) {
  if (!alertIds.length) return 0;
  const stopped = await tx
    .update(alertEscalations)
    .set({ state: "stopped", stoppedAt: sql`now()`, nextAt: null })
    .where(and(inArray(alertEscalations.alertId, alertIds), eq(alertEscalations.orgId, by.orgId), inArray(alertEscalations.state, ["active", "digest"])))
    .returning({ alertId: alertEscalations.alertId, nextJobId: alertEscalations.nextJobId });
  const jobs = stopped.map((s) => s.nextJobId).filter((id): id is string => Boolean(id));
  if (jobs.length) await boss().cancel(QUEUES.alertEscalation, jobs, { db: bossDb(tx) });
  if (stopped.length) {
    await tx
      .insert(alertNotifications)
      .values(stopped.map((s) => ({ orgId: by.orgId, alertId: s.alertId, step: -1, kind: "acknowledged", clinicianId: by.clinicianId, key: `${s.alertId}:ack`, status: "sent" })))
      .onConflictDoNothing();
  }
  return stopped.length;
}

interface AlertRow {
  id: string;
  org_id: string;
  patient_id: string | null;
  lead_id: string | null;
  level: string;
  created_at: Date;
  acknowledged_at: Date | null;
  state: string;
  step: number;
  org_name: string;
  timezone: string;
  escalate_after_minutes: number | null;
  responsible: string | null;
  subject_name: string | null;
}

async function lockAlert(tx: Tx, alertId: string): Promise<AlertRow | undefined> {
  const rows = await client(tx).unsafe(
    `SELECT a.id, a.org_id, a.patient_id, a.lead_id, a.level, a.created_at, a.acknowledged_at, e.state, e.step,
            o.name AS org_name, o.timezone, o.escalate_after_minutes, p.responsible_clinician_id AS responsible,
            coalesce(p.name, l.name) AS subject_name
     FROM alert_escalations e
     JOIN risk_alerts a ON a.id = e.alert_id
     JOIN organizations o ON o.id = a.org_id
     LEFT JOIN patients p ON p.id = a.patient_id
     LEFT JOIN leads l ON l.id = a.lead_id
     WHERE e.alert_id = $1
     FOR UPDATE OF e`,
    [alertId],
  );
  return rows[0] as AlertRow | undefined;
}

const SYSTEM = (orgId: string) => ({ orgId, clinicianId: null });

/** One escalation step. Ignored when the alert was acknowledged or the step already ran. */
export async function runStep(job: StepJob): Promise<"ignored" | "done"> {
  return db().transaction(async (tx) => {
    const a = await lockAlert(tx, job.alertId);
    if (!a || a.acknowledged_at || a.state !== "active") return "ignored";
    const mark = await tx
      .insert(alertNotifications)
      .values({ orgId: a.org_id, alertId: a.id, step: job.step, kind: "step", key: `${a.id}:step:${job.step}`, status: "sent" })
      .onConflictDoNothing()
      .returning({ id: alertNotifications.id });
    if (!mark.length) return "ignored";

    const recipients = new Map<string, Role>();
    const onCall = await onCallNow(a.org_id, new Date(), tx);
    if (job.step === 0) {
      if (a.responsible) recipients.set(a.responsible, "responsible");
      if (onCall && !recipients.has(onCall.id)) recipients.set(onCall.id, "on_call");
    } else {
      const order = (await rotaOrder(a.org_id, a.timezone, new Date(), tx)).filter((id) => id !== onCall?.id);
      if (order.length) recipients.set(order[(job.step - 1) % order.length]!, "next_in_rota");
    }
    // Step ≥ 1 always reaches the admins; step 0 too when nobody is responsible or on call.
    if (job.step > 0 || recipients.size === 0) {
      const admins = await tx.select({ id: clinicians.id }).from(clinicians).where(and(eq(clinicians.orgId, a.org_id), eq(clinicians.role, "admin")));
      for (const ad of admins) if (!recipients.has(ad.id)) recipients.set(ad.id, "admin");
    }
    for (const [clinicianId, role] of recipients) {
      const key = `${a.id}:${job.step}:${clinicianId}`;
      const inserted = await tx
        .insert(alertNotifications)
        .values({ orgId: a.org_id, alertId: a.id, step: job.step, kind: "delivery", clinicianId, role, key, status: "pending" })
        .onConflictDoNothing()
        .returning({ id: alertNotifications.id });
      if (inserted.length) await enqueue(tx, QUEUES.alertNotify, { alertId: a.id, step: job.step, clinicianId, role } satisfies DeliveryJob);
    }
    const after = afterMinutes(a.escalate_after_minutes);
    const nextJobId = job.step === 0 ? undefined : await enqueue(tx, QUEUES.alertEscalation, { alertId: a.id, step: job.step + 1 } satisfies StepJob, { startAfter: after * 60 });
    await tx
      .update(alertEscalations)
      .set({ step: job.step, ...(nextJobId ? { nextJobId, nextAt: sql`now() + make_interval(mins => ${after}::int)` } : {}) })
      .where(eq(alertEscalations.alertId, a.id));
    await audit(SYSTEM(a.org_id), job.step === 0 ? "risk_alert.notify_step" : "risk_alert.escalate", {
      patientId: a.patient_id,
      subject: a.id,
      detail: { step: job.step, recipients: [...recipients].map(([id, role]) => ({ clinician: id, role })) },
    }, tx);
    await notifyLive(tx, { org_id: a.org_id, kind: "alert", patient_id: a.patient_id, lead_id: a.lead_id });
    return "done";
  });
}

const recipientColumns = {
  id: clinicians.id,
  orgId: clinicians.orgId,
  email: clinicians.email,
  phone: clinicians.phone,
  locale: clinicians.locale,
  channels: clinicians.notifyChannels,
  name: sql<string>`coalesce(${clinicians.name}, ${clinicians.email})`,
};
const toRecipient = (c: { id: string; orgId: string; email: string; phone: string | null; locale: string | null; channels: string[] }): Recipient => ({
  id: c.id,
  orgId: c.orgId,
  email: c.email,
  phone: c.phone,
  locale: c.locale === "en" ? "en" : "es",
  channels: c.channels.filter(isChannel),
});

export const monitoringPath = (a: { patient_id: string | null; lead_id: string | null }) =>
  a.patient_id ? `/patients/${a.patient_id}/monitoring` : `/leads`;

/**
 * One notice to one clinician. Claims its row (a retried job does not send twice), tries the
 * clinician's channels, records every attempt; never throws for a failed channel (it is recorded).
 */
export async function runDelivery(job: DeliveryJob): Promise<"ignored" | "sent" | "failed" | "cancelled"> {
  const key = `${job.alertId}:${job.step}:${job.clinicianId}`;
  const claim = await db().transaction(async (tx) => {
    const a = await lockAlert(tx, job.alertId);
    const [row] = await tx
      .update(alertNotifications)
      .set({ status: "sending", at: sql`now()` })
      .where(and(eq(alertNotifications.key, key), sql`(${alertNotifications.status} = 'pending' OR (${alertNotifications.status} = 'sending' AND ${alertNotifications.at} < now() - interval '2 minutes'))`))
      .returning({ id: alertNotifications.id });
    if (!row || !a) return null;
    if (a.acknowledged_at || a.state !== "active") {
      await tx.update(alertNotifications).set({ status: "cancelled" }).where(eq(alertNotifications.id, row.id));
      return "cancelled" as const;
    }
    const [who] = await tx.select(recipientColumns).from(clinicians).where(and(eq(clinicians.id, job.clinicianId), eq(clinicians.orgId, a.org_id)));
    const told = await tx
      .selectDistinct({ name: sql<string>`coalesce(${clinicians.name}, ${clinicians.email})` })
      .from(alertNotifications)
      .innerJoin(clinicians, eq(clinicians.id, alertNotifications.clinicianId))
      .where(and(eq(alertNotifications.alertId, a.id), eq(alertNotifications.kind, "delivery"), sql`${alertNotifications.clinicianId} <> ${job.clinicianId}`));
    return { a, who, told: told.map((t) => t.name), rowId: row.id };
  });
  if (claim === null) return "ignored";
  if (claim === "cancelled") return "cancelled";
  const { a, who, told, rowId } = claim;
  if (!who) {
    await db().update(alertNotifications).set({ status: "failed", attempts: [{ status: "failed", error: "clinician no longer exists" }] }).where(eq(alertNotifications.id, rowId));
    return "failed";
  }
  const r = toRecipient(who);
  const message = noticeText(r.locale, {
    org: a.org_name,
    initials: initials(a.subject_name),
    since: formatTime(a.created_at, r.locale, a.timezone),
    told,
    link: `${config().escalation.publicUrl}${monitoringPath(a)}`,
    escalated: job.step > 0,
  });
  const result = await deliver(r, message, { alertId: a.id, patientId: a.patient_id, leadId: a.lead_id });
  const status = result.delivered ? "sent" : "failed";
  await db().transaction(async (tx) => {
    await tx.update(alertNotifications).set({ status, channel: result.channel, attempts: result.attempts, at: sql`now()` }).where(eq(alertNotifications.id, rowId));
    await audit(SYSTEM(a.org_id), "risk_alert.notify", {
      patientId: a.patient_id,
      subject: a.id,
      detail: { step: job.step, clinician: job.clinicianId, role: job.role, status, attempts: result.attempts },
    }, tx);
    await notifyLive(tx, { org_id: a.org_id, kind: "alert", patient_id: a.patient_id, lead_id: a.lead_id });
  });
  if (!result.delivered) logger().warn({ alertId: a.id, clinicianId: job.clinicianId, attempts: result.attempts.map((x) => `${x.channel}:${x.status}`) }, "alert notice: every channel failed");
  return status;
}

/**
 * Every minute: (1) a backstop that starts escalation for open HIGH alerts no hook scheduled
 * (the model's second opinion raises or adds alerts outside the screen's transaction);
 * (2) at 08:00 on each organization's clock, the MEDIUM digest to each responsible clinician.
 */
export async function sweep(now = new Date()) {
  const missed = await db()
    .select({ id: riskAlerts.id })
    .from(riskAlerts)
    .leftJoin(alertEscalations, eq(alertEscalations.alertId, riskAlerts.id))
    .where(sql`${riskAlerts.acknowledgedAt} IS NULL AND ${riskAlerts.createdAt} > now() - interval '1 day'
      AND ((${riskAlerts.level} IN ('HIGH', 'MEDIUM') AND ${alertEscalations.alertId} IS NULL)
        OR (${riskAlerts.level} = 'HIGH' AND ${alertEscalations.state} = 'digest'))`)
    .limit(500);
  if (missed.length) await db().transaction((tx) => scheduleEscalation(tx, { alertIds: missed.map((m) => m.id) }));
  const digests = await sendDigests(now);
  return { backstop: missed.length, digests };
}

export const DIGEST_HOUR = 8;

export async function sendDigests(now = new Date(), opts: { force?: boolean } = {}) {
  const orgs = await db().select({ id: organizations.id, name: organizations.name, timezone: organizations.timezone }).from(organizations);
  let sent = 0;
  for (const org of orgs) {
    const hour = Number(new Intl.DateTimeFormat("en-US", { timeZone: org.timezone, hourCycle: "h23", hour: "2-digit" }).format(now));
    if (!opts.force && hour !== DIGEST_HOUR) continue;
    const onCall = await onCallNow(org.id, now);
    const rows = await db()
      .select({
        alertId: alertEscalations.alertId,
        patientId: riskAlerts.patientId,
        leadId: riskAlerts.leadId,
        createdAt: riskAlerts.createdAt,
        name: sql<string | null>`coalesce(${patients.name}, ${leads.name})`,
        responsible: patients.responsibleClinicianId,
      })
      .from(alertEscalations)
      .innerJoin(riskAlerts, eq(riskAlerts.id, alertEscalations.alertId))
      .leftJoin(patients, eq(patients.id, riskAlerts.patientId))
      .leftJoin(leads, eq(leads.id, riskAlerts.leadId))
      .where(and(eq(alertEscalations.orgId, org.id), eq(alertEscalations.state, "digest"), sql`${riskAlerts.acknowledgedAt} IS NULL`));
    const byClinician = new Map<string, typeof rows>();
    for (const row of rows) {
      const to = row.responsible ?? onCall?.id;
      if (!to) continue;
      byClinician.set(to, [...(byClinician.get(to) ?? []), row]);
    }
    for (const [clinicianId, items] of byClinician) {
      const [who] = await db().select(recipientColumns).from(clinicians).where(and(eq(clinicians.id, clinicianId), eq(clinicians.orgId, org.id)));
      if (!who) continue;
      const r = toRecipient(who);
      const text = digestText(r.locale, {
        org: org.name,
        items: items.map((i) => ({ initials: initials(i.name), since: formatTime(i.createdAt, r.locale, org.timezone), link: `${config().escalation.publicUrl}${monitoringPath({ patient_id: i.patientId, lead_id: i.leadId })}` })),
      });
      let status: "sent" | "failed" = "sent";
      let error: string | undefined;
      try {
        await sendEmail(r.email, text.subject, text.text);
      } catch (err) {
        status = "failed";
        error = String((err as Error).message).slice(0, 200);
      }
      await db().transaction(async (tx) => {
        const ids = items.map((i) => i.alertId);
        await tx.update(alertEscalations).set({ state: "digested" }).where(and(inArray(alertEscalations.alertId, ids), eq(alertEscalations.state, "digest")));
        await tx.insert(alertNotifications).values(items.map((i) => ({
          orgId: org.id, alertId: i.alertId, step: 0, kind: "digest", clinicianId, role: "responsible", key: `${i.alertId}:digest`, status, channel: "email", attempts: [{ channel: "email", status, error, at: new Date().toISOString() }],
        }))).onConflictDoNothing();
        await audit(SYSTEM(org.id), "risk_alert.digest", { subject: clinicianId, detail: { alerts: ids, status, error } }, tx);
      });
      sent++;
    }
  }
  return sent;
}

/** The alert's history, oldest first, for the page ("on-call clinician e-mailed 03:02 …"). */
export async function alertHistory(orgId: string, alertIds: string[]) {
  if (!alertIds.length) return [];
  return db()
    .select({
      alertId: alertNotifications.alertId,
      step: alertNotifications.step,
      kind: alertNotifications.kind,
      role: alertNotifications.role,
      status: alertNotifications.status,
      channel: alertNotifications.channel,
      attempts: alertNotifications.attempts,
      at: alertNotifications.at,
      who: sql<string | null>`coalesce(${clinicians.name}, ${clinicians.email})`,
    })
    .from(alertNotifications)
    .leftJoin(clinicians, eq(clinicians.id, alertNotifications.clinicianId))
    .where(and(eq(alertNotifications.orgId, orgId), inArray(alertNotifications.alertId, alertIds)))
    .orderBy(alertNotifications.at, alertNotifications.id);
}

/** For the admins' banner: open alerts whose notice reached nobody on any channel (last 24 h). */
export async function failedNotices(orgId: string) {
  const [row] = await db()
    .select({ n: sql<number>`count(DISTINCT ${alertNotifications.alertId})::int` })
    .from(alertNotifications)
    .innerJoin(riskAlerts, eq(riskAlerts.id, alertNotifications.alertId))
    .where(and(eq(alertNotifications.orgId, orgId), eq(alertNotifications.status, "failed"), sql`${alertNotifications.at} > now() - interval '1 day'`, sql`${riskAlerts.acknowledgedAt} IS NULL`));
  return row?.n ?? 0;
}

export type NotificationItem = Awaited<ReturnType<typeof alertHistory>>[number];

/** The page's alerts, each with its notification history (`notifications`, oldest first). */
export async function withNotificationHistory<A extends { id: string }>(orgId: string, alerts: A[]): Promise<Array<A & { notifications: NotificationItem[] }>> {
  const history = await alertHistory(orgId, alerts.map((a) => a.id));
  return alerts.map((a) => ({ ...a, notifications: history.filter((h) => h.alertId === a.id) }));
}
