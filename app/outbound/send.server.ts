// The one way a message leaves Kura: used by POST /api/v1/connect/send, the chat page and the
// send-retry job. The OUTBOUND row is written first (`queued`), so nothing is lost if the
// process dies mid-call; it gets the wamid and `sent` only when Meta accepted it, and a Graph
// error is never reported as sent.
import { and, eq, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { identityVault, messageLog, outboundDrafts, patients, whatsappAccounts } from "../../db/schema";
import { enqueue, QUEUES } from "../queue.server";
import { applyPendingStatuses } from "../ingest/statuses.server";
import { logger } from "../logger.server";
import { notifyLive } from "../lib/notify.server";
import { toWhatsAppRecipient } from "../lib/phone";
import { audit, type Actor } from "../models/audit.server";
import { graphErrorWords, httpStatusForGraphError } from "./errors.server";
import { graph, GraphError } from "./graph.server";
import { accountFor, DEV_DAILY_LIMIT, lockDailyCounter, patientAtHighRisk, recipientAllowed, sentToday, windowState } from "./policy.server";
import { acquireSendSlot } from "./rate-limit.server";
import { approvedTemplates, renderTemplate } from "./templates.server";

import type { RiskLevel } from "../analysis/risk-level";
export type { RiskLevel };

export interface TemplateInput {
  name: string;
  language: string;
  parameters: string[];
}

export interface SendInput {
  orgId: string;
  patientId: string;
  message?: string | null;
  riskLevel?: RiskLevel | null;
  autoMode?: boolean;
  template?: TemplateInput | null;
  idempotencyKey?: string | null;
  actor: Actor;
}

/** What both entry points answer: an HTTP status and a JSON body (the shapes in docs/design.md). */
export interface SendOutcome {
  status: number;
  body: {
    id?: string;
    provider_id?: string | null;
    status?: string;
    error?: string;
    code?: number | null;
    message?: string;
    draft_id?: string;
    expected?: number;
    given?: number;
  };
}

const RETRY_DELAY_S = 2;

function rejected(status: number, error: string, extra: Partial<SendOutcome["body"]> = {}): SendOutcome {
  return { status, body: { error, ...extra } };
}

/** The first answer again, read back from the row (Idempotency-Key repeats, the job). */
function answerFor(row: { id: string; providerId: string | null; status: string; errorCode: number | null }): SendOutcome {
  if (row.status === "failed") {
    return {
      status: httpStatusForGraphError(row.errorCode),
      body: { id: row.id, provider_id: row.providerId, status: "failed", error: "meta_error", code: row.errorCode, message: graphErrorWords(row.errorCode) },
    };
  }
  if (row.status === "queued") {
    const body: SendOutcome["body"] = { id: row.id, provider_id: null, status: "queued" };
    if (row.errorCode) Object.assign(body, { error: "rate_limited", code: row.errorCode, message: graphErrorWords(row.errorCode) });
    return { status: 202, body };
  }
  return { status: 200, body: { id: row.id, provider_id: row.providerId, status: row.status } };
}

async function findByIdempotencyKey(orgId: string, key: string) {
  const [row] = await db()
    .select({ id: messageLog.id, providerId: messageLog.providerId, status: messageLog.status, errorCode: messageLog.errorCode })
    .from(messageLog)
    .where(and(eq(messageLog.orgId, orgId), eq(messageLog.idempotencyKey, key)));
  return row ?? null;
}

async function loadPatient(orgId: string, patientId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(patientId)) return null;
  const [row] = await db()
    .select({ id: patients.id, identityId: patients.identityId, phone: identityVault.phone, waId: identityVault.waId })
    .from(patients)
    .innerJoin(identityVault, eq(identityVault.id, patients.identityId))
    .where(and(eq(patients.orgId, orgId), eq(patients.id, patientId)));
  return row ?? null;
}

export async function sendMessage(input: SendInput): Promise<SendOutcome> {
  const { orgId, actor } = input;
  const key = input.idempotencyKey?.trim() || null;
  if (key) {
    const first = await findByIdempotencyKey(orgId, key);
    if (first) return answerFor(first);
  }
  const patient = await loadPatient(orgId, input.patientId);
  if (!patient) return rejected(404, "not_found");
  const account = await accountFor(orgId);
  if (!account) return rejected(409, "no_whatsapp_account");
  const text = input.message?.trim() ?? "";

  // A person must answer a patient at risk: the automated text waits as a draft.
  if (input.autoMode && (await patientAtHighRisk(orgId, patient.id))) {
    const draftId = await db().transaction(async (tx) => {
      const [draft] = await tx
        .insert(outboundDrafts)
        .values({ orgId, patientId: patient.id, content: text || (input.template ? `[${input.template.name}]` : ""), riskLevel: "HIGH", reason: "requires_clinician" })
        .returning({ id: outboundDrafts.id });
      await audit(actor, "message.draft", { patientId: patient.id, subject: draft!.id, detail: { reason: "requires_clinician", auto_mode: true } }, tx);
      await notifyLive(tx, { org_id: orgId, kind: "message", patient_id: patient.id });
      return draft!.id;
    });
    return rejected(409, "requires_clinician", { draft_id: draftId });
  }

  let content = text;
  let template: TemplateInput | null = null;
  if (input.template) {
    const list = await approvedTemplates(account);
    const t = list.find((x) => x.name === input.template!.name && x.language === input.template!.language);
    if (!t) return rejected(422, "template_not_found");
    if (t.parameterCount !== input.template.parameters.length) {
      return rejected(422, "template_parameters", { expected: t.parameterCount, given: input.template.parameters.length });
    }
    template = { name: t.name, language: t.language, parameters: input.template.parameters };
    content = renderTemplate(t, template.parameters);
  } else {
    if (!text) return rejected(400, "invalid_body", { message: "message: required without a template" });
    if (!(await windowState(orgId, patient.id)).open) return rejected(409, "window_closed");
  }
  if (!patient.phone && !patient.waId) return rejected(422, "no_phone");
  if (!recipientAllowed(account, patient.phone ?? patient.waId)) return rejected(422, "recipient_not_allowed");

  const row = await db().transaction(async (tx) => {
    if (account.mode === "dev") {
      await lockDailyCounter(tx, orgId);
      if ((await sentToday(tx, orgId)) >= DEV_DAILY_LIMIT) return null;
    }
    const [inserted] = await tx
      .insert(messageLog)
      .values({
        orgId,
        identityId: patient.identityId,
        patientId: patient.id,
        direction: "OUTBOUND",
        type: template ? "template" : "text",
        content,
        status: "queued",
        timestamp: new Date(),
        riskLevel: input.riskLevel ?? null,
        autoMode: Boolean(input.autoMode),
        clinicianId: actor.clinicianId,
        template,
        idempotencyKey: key,
      })
      .onConflictDoNothing({ target: [messageLog.orgId, messageLog.idempotencyKey] })
      .returning({ id: messageLog.id });
    if (!inserted) return "duplicate" as const;
    await audit(actor, "message.send", { patientId: patient.id, subject: inserted.id, detail: { type: template ? "template" : "text", template: template?.name, auto_mode: Boolean(input.autoMode), risk_level: input.riskLevel ?? null } }, tx);
    await notifyLive(tx, { org_id: orgId, kind: "message", patient_id: patient.id, message_id: inserted.id });
    return inserted;
  });
  if (row === null) return rejected(429, "daily_limit");
  if (row === "duplicate") {
    // A concurrent request with the same key won the insert: answer with its row.
    const first = await findByIdempotencyKey(orgId, key!);
    return answerFor(first!);
  }
  return dispatch(row.id);
}

/**
 * Calls Meta for a `queued` row and records the result. Idempotent: a row that is no longer
 * queued is answered from its state, with no Graph call.
 */
export async function dispatch(messageId: string, opts: { viaJob?: boolean; final?: boolean } = {}): Promise<SendOutcome> {
  const [row] = await db()
    .select({
      id: messageLog.id,
      orgId: messageLog.orgId,
      patientId: messageLog.patientId,
      status: messageLog.status,
      providerId: messageLog.providerId,
      errorCode: messageLog.errorCode,
      type: messageLog.type,
      content: messageLog.content,
      template: messageLog.template,
      phone: identityVault.phone,
      waId: identityVault.waId,
    })
    .from(messageLog)
    .innerJoin(identityVault, eq(identityVault.id, messageLog.identityId))
    .where(eq(messageLog.id, messageId));
  if (!row) throw new Error(`outbound message ${messageId} not found`);
  if (row.status !== "queued") return answerFor(row);
  const account = await accountFor(row.orgId);
  if (!account) throw new Error("organization has no WhatsApp account");
  // The wa_id WhatsApp itself reported is what it routes on (e.g. Mexico's 521…, an old
  // Brazilian 8-digit mobile); the canonical phone is the fallback for a patient who never wrote.
  const to = row.waId ?? toWhatsAppRecipient(row.phone!);

  await acquireSendSlot(account.phoneNumberId);
  try {
    const { wamid } =
      row.type === "template"
        ? await graph().sendTemplate(account.phoneNumberId, to, row.template as TemplateInput)
        : await graph().sendText(account.phoneNumberId, to, row.content ?? "");
    const status = await recordAccepted(row, wamid);
    if (account.tokenError) await db().update(whatsappAccounts).set({ tokenError: null, tokenErrorAt: null }).where(eq(whatsappAccounts.id, account.id));
    return { status: 200, body: { id: row.id, provider_id: wamid, status } };
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    logger().warn({ messageId: row.id, code: e.code, httpStatus: e.httpStatus }, "graph send failed");
    if (e.rateLimited && !opts.final) {
      // Meta's throughput limit: not a failed message. A job tries again with backoff.
      await db().transaction(async (tx) => {
        await tx.update(messageLog).set({ errorCode: e.code, errorTitle: e.title, errorDetails: e.details }).where(eq(messageLog.id, row.id));
        if (!opts.viaJob) await enqueue(tx, QUEUES.sendRetry, { messageId: row.id }, { startAfter: RETRY_DELAY_S, singletonKey: row.id });
      });
      return answerFor({ ...row, errorCode: e.code });
    }
    await db().transaction(async (tx) => {
      await tx
        .update(messageLog)
        .set({ status: "failed", statusAt: new Date(), errorCode: e.code, errorTitle: e.title.slice(0, 500), errorDetails: e.details?.slice(0, 2000) ?? null })
        .where(and(eq(messageLog.id, row.id), eq(messageLog.status, "queued")));
      if (e.code === 190) {
        await tx.update(whatsappAccounts).set({ tokenError: e.title.slice(0, 500), tokenErrorAt: new Date() }).where(eq(whatsappAccounts.id, account.id));
      }
      await notifyLive(tx, { org_id: row.orgId, kind: "status", patient_id: row.patientId, message_id: row.id });
    });
    return answerFor({ ...row, status: "failed", errorCode: e.code });
  }
}

/**
 * Meta accepted the message: the row gets its wamid and `sent`, then any status webhook that
 * beat Meta's answer (stored in message_statuses) is applied. Returns the row's status.
 */
export async function recordAccepted(row: { id: string; orgId: string; patientId: string | null }, wamid: string): Promise<string> {
  return db().transaction(async (tx) => {
    await tx
      .update(messageLog)
      .set({ providerId: wamid, status: "sent", statusAt: new Date(), errorCode: null, errorTitle: null, errorDetails: null })
      .where(and(eq(messageLog.id, row.id), eq(messageLog.status, "queued")));
    await applyPendingStatuses(tx, row.orgId, wamid);
    await notifyLive(tx, { org_id: row.orgId, kind: "status", patient_id: row.patientId, message_id: row.id });
    const [after] = await tx.select({ status: messageLog.status }).from(messageLog).where(eq(messageLog.id, row.id));
    return after?.status ?? "sent";
  });
}

/** The chat page's Retry: the same failed row goes out again, if the rules still allow it. */
export async function retryMessage(orgId: string, messageId: string, actor: Actor): Promise<SendOutcome> {
  const [row] = await db()
    .select({ id: messageLog.id, patientId: messageLog.patientId, status: messageLog.status, type: messageLog.type, phone: identityVault.phone, waId: identityVault.waId })
    .from(messageLog)
    .innerJoin(identityVault, eq(identityVault.id, messageLog.identityId))
    .where(and(eq(messageLog.orgId, orgId), eq(messageLog.id, messageId), eq(messageLog.direction, "OUTBOUND")));
  if (!row || !row.patientId) return rejected(404, "not_found");
  if (row.status !== "failed") return rejected(409, "not_failed");
  const account = await accountFor(orgId);
  if (!account) return rejected(409, "no_whatsapp_account");
  if (row.type !== "template" && !(await windowState(orgId, row.patientId)).open) return rejected(409, "window_closed");
  if (!recipientAllowed(account, row.phone ?? row.waId)) return rejected(422, "recipient_not_allowed");
  await db().transaction(async (tx) => {
    await tx
      .update(messageLog)
      .set({ status: "queued", errorCode: null, errorTitle: null, errorDetails: null, providerId: null, timestamp: sql`now()` })
      .where(and(eq(messageLog.id, row.id), eq(messageLog.status, "failed")));
    await audit(actor, "message.retry", { patientId: row.patientId, subject: row.id }, tx);
  });
  return dispatch(row.id);
}

export async function sendDraft(orgId: string, draftId: string, text: string, actor: Actor): Promise<SendOutcome> {
  const [draft] = await db()
    .select({ id: outboundDrafts.id, patientId: outboundDrafts.patientId, riskLevel: outboundDrafts.riskLevel })
    .from(outboundDrafts)
    .where(and(eq(outboundDrafts.orgId, orgId), eq(outboundDrafts.id, draftId), sql`${outboundDrafts.resolvedAt} IS NULL`));
  if (!draft) return rejected(404, "not_found");
  // A clinician is sending it now: no longer automated.
  const out = await sendMessage({ orgId, patientId: draft.patientId, message: text, riskLevel: (draft.riskLevel as RiskLevel) ?? null, autoMode: false, actor });
  if (out.status < 300) await db().update(outboundDrafts).set({ resolvedAt: new Date() }).where(eq(outboundDrafts.id, draft.id));
  return out;
}

export async function discardDraft(orgId: string, draftId: string, actor: Actor): Promise<boolean> {
  const [draft] = await db()
    .update(outboundDrafts)
    .set({ resolvedAt: new Date() })
    .where(and(eq(outboundDrafts.orgId, orgId), eq(outboundDrafts.id, draftId), sql`${outboundDrafts.resolvedAt} IS NULL`))
    .returning({ id: outboundDrafts.id, patientId: outboundDrafts.patientId });
  if (draft) await audit(actor, "message.draft.discard", { patientId: draft.patientId, subject: draft.id });
  return Boolean(draft);
}
