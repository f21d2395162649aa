// The batch processor. A delivery (up to 1,000 messages and statuses) is written with a fixed
// handful of statements, not a handful per message: one set-based statement resolves
// identities and leads, inserts messages, media rows and statuses, notifies live pages and
// marks the event; then one job insert per queue. Measured in bench/ingest.ts.
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { rawSql } from "../../db/client";
import { boss } from "../../jobs/boss";
import { QUEUES } from "../../jobs/queues";
import { logger } from "../logger.server";
import { LIVE_CHANNEL } from "../lib/notify.server";
import { moveIdentity, phoneKey } from "./identity.server";
import { parseDelivery, type ParsedDelivery } from "./payload.server";
import { routeAccounts } from "./routing.server";
import { RANK_SQL, STATUS_RANK } from "./statuses.server";

export type EventStatus = "received" | "processed" | "failed" | "unrouted" | "invalid";

const INGEST_SQL = `
WITH snd AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(k int, org_id uuid, phone text, wa_id text, user_id text, name text)
),
-- Identities that exist and need no change: found without writing anything.
known AS (
  SELECT s.k, v.id, v.org_id FROM snd s JOIN identity_vault v ON v.org_id = s.org_id AND v.phone = s.phone
  WHERE s.phone IS NOT NULL AND (s.name IS NULL OR v.profile_name IS NOT DISTINCT FROM s.name)
    AND (s.user_id IS NULL OR v.user_id IS NOT DISTINCT FROM s.user_id) AND v.wa_id IS NOT DISTINCT FROM s.wa_id
  UNION ALL
  SELECT s.k, v.id, v.org_id FROM snd s JOIN identity_vault v ON v.org_id = s.org_id AND v.user_id = s.user_id
  WHERE s.phone IS NULL AND (s.name IS NULL OR v.profile_name IS NOT DISTINCT FROM s.name)
),
by_phone AS (
  INSERT INTO identity_vault AS v (org_id, phone, wa_id, user_id, profile_name)
  SELECT s.org_id, s.phone, s.wa_id,
    -- a business-scoped id already on another identity would violate its unique key
    CASE WHEN NOT EXISTS (SELECT 1 FROM identity_vault o WHERE o.org_id = s.org_id AND o.user_id = s.user_id) THEN s.user_id END,
    s.name
  FROM snd s WHERE s.phone IS NOT NULL AND NOT EXISTS (SELECT 1 FROM known WHERE known.k = s.k)
  ON CONFLICT (org_id, phone) DO UPDATE SET wa_id = coalesce(excluded.wa_id, v.wa_id), user_id = coalesce(v.user_id, excluded.user_id),
    profile_name = coalesce(excluded.profile_name, v.profile_name), updated_at = now()
  RETURNING v.id, v.org_id, v.phone
),
by_user AS (
  INSERT INTO identity_vault AS v (org_id, user_id, profile_name)
  SELECT s.org_id, s.user_id, s.name FROM snd s WHERE s.phone IS NULL AND NOT EXISTS (SELECT 1 FROM known WHERE known.k = s.k)
  ON CONFLICT (org_id, user_id) DO UPDATE SET profile_name = coalesce(excluded.profile_name, v.profile_name), updated_at = now()
  RETURNING v.id, v.org_id, v.user_id
),
ident AS (
  SELECT k, id, org_id FROM known
  UNION ALL SELECT s.k, b.id, b.org_id FROM snd s JOIN by_phone b ON b.org_id = s.org_id AND b.phone = s.phone
  UNION ALL SELECT s.k, b.id, b.org_id FROM snd s JOIN by_user b ON b.org_id = s.org_id AND b.user_id = s.user_id WHERE s.phone IS NULL
),
pat AS (SELECT p.identity_id, p.id FROM patients p WHERE p.identity_id IN (SELECT id FROM ident)),
old_lead AS (SELECT l.identity_id, l.id FROM leads l WHERE l.identity_id IN (SELECT id FROM ident)),
-- A lead committed by a concurrent delivery after this statement's snapshot conflicts here:
-- DO UPDATE (not DO NOTHING) so its id is still returned.
new_lead AS (
  INSERT INTO leads AS l (org_id, identity_id, name, source)
  SELECT DISTINCT ON (i.id) i.org_id, i.id, s.name, 'whatsapp' FROM ident i JOIN snd s ON s.k = i.k
  WHERE NOT EXISTS (SELECT 1 FROM pat WHERE pat.identity_id = i.id) AND NOT EXISTS (SELECT 1 FROM old_lead o WHERE o.identity_id = i.id)
  ON CONFLICT (identity_id) DO UPDATE SET name = coalesce(l.name, excluded.name)
  RETURNING l.identity_id, l.id
),
msg AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS m(k int, provider_id text, type text, content text, ts timestamptz, raw jsonb,
    context_id text, media_row uuid, media_id text, mime text, sha text, error_code int, error_title text, error_details text)
),
ins AS (
  INSERT INTO message_log (org_id, identity_id, patient_id, lead_id, direction, type, content, provider_id, media_url, status,
    error_code, error_title, error_details, timestamp, raw, context_provider_id)
  SELECT i.org_id, i.id, p.id, CASE WHEN p.id IS NULL THEN coalesce(ol.id, nl.id) END, 'INBOUND', m.type, m.content, m.provider_id,
    CASE WHEN m.media_row IS NOT NULL THEN '/media/' || m.media_row END, 'received',
    m.error_code, m.error_title, m.error_details, m.ts, m.raw, m.context_id
  FROM msg m JOIN ident i ON i.k = m.k
  LEFT JOIN pat p ON p.identity_id = i.id LEFT JOIN old_lead ol ON ol.identity_id = i.id LEFT JOIN new_lead nl ON nl.identity_id = i.id
  ON CONFLICT (provider_id) DO NOTHING
  RETURNING id, org_id, patient_id, lead_id, provider_id, content
),
med AS (
  INSERT INTO media (id, org_id, message_id, meta_media_id, mime_type, sha256)
  SELECT m.media_row, ins.org_id, ins.id, m.media_id, m.mime, m.sha FROM ins JOIN msg m ON m.provider_id = ins.provider_id
  WHERE m.media_row IS NOT NULL
  RETURNING id, message_id
),
st AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(org_id uuid, provider_id text, status text, ts timestamptz,
    error_code int, error_title text, error_details text, rank int)
),
st_ins AS (
  INSERT INTO message_statuses (org_id, provider_id, status, timestamp, error_code, error_title, error_details, applied)
  SELECT s.org_id, s.provider_id, s.status, s.ts, s.error_code, s.error_title, s.error_details,
    EXISTS (SELECT 1 FROM message_log m WHERE m.provider_id = s.provider_id AND m.org_id = s.org_id AND m.direction = 'OUTBOUND')
  FROM st s
  ON CONFLICT (provider_id, status) DO NOTHING
),
best AS (SELECT DISTINCT ON (org_id, provider_id) * FROM st WHERE rank > 0 ORDER BY org_id, provider_id, rank DESC, ts DESC),
st_upd AS (
  UPDATE message_log m SET status = b.status, status_at = b.ts,
    error_code = CASE WHEN b.status = 'failed' THEN b.error_code ELSE m.error_code END,
    error_title = CASE WHEN b.status = 'failed' THEN b.error_title ELSE m.error_title END,
    error_details = CASE WHEN b.status = 'failed' THEN b.error_details ELSE m.error_details END
  FROM best b
  WHERE m.provider_id = b.provider_id AND m.org_id = b.org_id AND m.direction = 'OUTBOUND' AND b.rank > ${RANK_SQL}
  RETURNING m.id, m.org_id, m.patient_id, m.lead_id
),
ev AS (
  UPDATE webhook_events SET status = $5, error = $6, org_id = $7::uuid, meta_errors = $8::jsonb, message_count = $9::int,
    status_count = $10::int, attempts = attempts + 1, processed_at = now()
  WHERE id = $4
)
SELECT 'message' AS kind, ins.id, ins.content IS NOT NULL AND ins.content <> '' AS has_content, med.id AS media_id,
  pg_notify($11, json_build_object('org_id', ins.org_id, 'kind', 'message', 'patient_id', ins.patient_id, 'lead_id', ins.lead_id, 'message_id', ins.id)::text)
FROM ins LEFT JOIN med ON med.message_id = ins.id
UNION ALL
SELECT 'status', u.id, false, NULL,
  pg_notify($11, json_build_object('org_id', u.org_id, 'kind', 'status', 'patient_id', u.patient_id, 'lead_id', u.lead_id, 'message_id', u.id)::text)
FROM st_upd u`;

interface Row {
  kind: "message" | "status";
  id: string;
  has_content: boolean;
  media_id: string | null;
}

/** pg-boss writes its jobs through the caller's transaction (jobs exist iff the rows do). */
const bossDb = (tx: postgres.Sql | postgres.TransactionSql) => ({
  executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.unsafe(text, (values ?? []) as any[]) }),
});

/** The raw bytes first, before anything is parsed into tables: nothing Meta sent is lost. */
export async function storeEvent(raw: Buffer, status: EventStatus, phoneNumberIds: string[] | null): Promise<number> {
  const [row] = await rawSql()<{ id: string }[]>`
    INSERT INTO webhook_events (body, status, phone_number_ids) VALUES (${raw}, ${status}, ${phoneNumberIds}) RETURNING id`;
  return Number(row!.id);
}

export function parseBody(raw: Buffer): ParsedDelivery | null {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return null;
  }
  return parseDelivery(json);
}

export interface ProcessResult {
  status: EventStatus;
  inserted: number;
  statusesApplied: number;
}

/** Processes a stored event in one transaction. Idempotent: replays and redeliveries add nothing. */
export async function processEvent(eventId: number, d: ParsedDelivery): Promise<ProcessResult> {
  const orgs = await routeAccounts(d.phoneNumberIds);
  const routed = <T extends { phoneNumberId: string }>(xs: T[]) => xs.filter((x) => orgs.has(x.phoneNumberId));
  const messages = routed(d.messages);
  const statuses = routed(d.statuses);
  const unrouted = [...d.messages, ...d.statuses].some((x) => !orgs.has(x.phoneNumberId)) || d.phoneNumberIds.some((id) => !orgs.has(id));
  const status: EventStatus = unrouted ? "unrouted" : "processed";

  const senderKeys = new Map<string, number>();
  const senders: Array<Record<string, unknown>> = [];
  const numberChanges: Array<{ orgId: string; oldPhone: string; newWaId: string; newUserId: string | null }> = [];
  const msgRows = messages.map((m) => {
    const orgId = orgs.get(m.phoneNumberId)!;
    const phone = m.waId ? phoneKey(m.waId) : null;
    const key = phone ? `${orgId}|p|${phone}` : `${orgId}|u|${m.userId}`;
    let k = senderKeys.get(key);
    if (k === undefined) {
      k = senders.length;
      senderKeys.set(key, k);
      senders.push({ k, org_id: orgId, phone, wa_id: m.waId, user_id: m.userId, name: m.profileName });
    }
    if (m.numberChange && phone) numberChanges.push({ orgId, oldPhone: phone, ...m.numberChange });
    return {
      k,
      provider_id: m.providerId,
      type: m.type,
      content: m.content,
      ts: m.timestamp.toISOString(),
      raw: m.raw,
      context_id: m.contextProviderId,
      media_row: m.media ? randomUUID() : null,
      media_id: m.media?.id ?? null,
      mime: m.media?.mimeType ?? null,
      sha: m.media?.sha256 ?? null,
      error_code: m.errorCode,
      error_title: m.errorTitle,
      error_details: m.errorDetails,
    };
  });
  const stRows = statuses.map((s) => ({
    org_id: orgs.get(s.phoneNumberId),
    provider_id: s.providerId,
    status: s.status,
    ts: s.timestamp.toISOString(),
    error_code: s.errorCode,
    error_title: s.errorTitle,
    error_details: s.errorDetails,
    rank: STATUS_RANK[s.status] ?? 0,
  }));
  const firstOrg = [...orgs.values()][0] ?? null;
  const note = d.skipped ? `${d.skipped} element(s) unreadable; kept in the raw body` : null;
  const params = [
    JSON.stringify(senders),
    JSON.stringify(msgRows),
    JSON.stringify(stRows),
    eventId,
    status,
    note,
    firstOrg,
    d.metaErrors.length ? JSON.stringify(d.metaErrors) : null,
    d.messages.length,
    d.statuses.length,
    LIVE_CHANNEL,
  ];

  // Statuses only: the one statement is its own transaction.
  if (msgRows.length === 0) {
    const rows = await rawSql().unsafe<Row[]>(INGEST_SQL, params as any[], { prepare: true });
    return { status, inserted: 0, statusesApplied: rows.length };
  }
  return rawSql().begin(async (tx) => {
    const rows = await tx.unsafe<Row[]>(INGEST_SQL, params as any[], { prepare: true });
    const inserted = rows.filter((r) => r.kind === "message");
    const screen = inserted.filter((r) => r.has_content).map((r) => ({ data: { messageId: r.id }, singletonKey: r.id }));
    const media = inserted.filter((r) => r.media_id).map((r) => ({ data: { mediaId: r.media_id }, singletonKey: r.media_id! }));
    if (screen.length) await boss().insert(QUEUES.riskScreen, screen, { db: bossDb(tx) });
    if (media.length) await boss().insert(QUEUES.mediaDownload, media, { db: bossDb(tx) });
    for (const c of numberChanges) await moveIdentity(tx, c);
    return { status, inserted: inserted.length, statusesApplied: rows.length - inserted.length };
  }) as Promise<ProcessResult>;
}

/** A processing error: the event keeps it, and a job retries with backoff. */
export async function markFailed(eventId: number, err: unknown) {
  const message = describeError(err);
  await rawSql()`UPDATE webhook_events SET status = 'failed', error = ${message}, attempts = attempts + 1 WHERE id = ${eventId}`;
  await boss().send(QUEUES.webhookRetry, { eventId }, { singletonKey: `event:${eventId}` });
}

/** Class and code only: driver messages can quote values from the payload. */
export function describeError(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string };
  const first = String(e?.message ?? err).split("\n")[0]!.slice(0, 200);
  return [e?.code, first].filter(Boolean).join(": ");
}

/** Re-reads a stored event and processes it again (retry job, webhook:replay). */
export async function reprocessEvent(eventId: number): Promise<ProcessResult | null> {
  const [row] = await rawSql()<{ body: Buffer }[]>`SELECT body FROM webhook_events WHERE id = ${eventId}`;
  if (!row) return null;
  const parsed = parseBody(row.body);
  if (!parsed) {
    await rawSql()`UPDATE webhook_events SET status = 'invalid' WHERE id = ${eventId}`;
    return { status: "invalid", inserted: 0, statusesApplied: 0 };
  }
  try {
    return await processEvent(eventId, parsed);
  } catch (err) {
    await rawSql()`UPDATE webhook_events SET status = 'failed', error = ${describeError(err)}, attempts = attempts + 1 WHERE id = ${eventId}`;
    logger().warn({ eventId, error: (err as { code?: string }).code }, "webhook event failed again");
    throw err;
  }
}

export interface ReceiveResult {
  httpStatus: 200 | 400 | 503;
  eventId?: number;
  status?: EventStatus;
}

/** A verified delivery: persist, process, answer. Meta retries anything but a 2xx for days. */
export async function receiveDelivery(raw: Buffer): Promise<ReceiveResult> {
  const parsed = parseBody(raw);
  let eventId: number;
  try {
    eventId = await storeEvent(raw, parsed ? "received" : "invalid", parsed?.phoneNumberIds ?? null);
  } catch (err) {
    logger().error({ error: describeError(err) }, "webhook not stored: database unreachable");
    return { httpStatus: 503 };
  }
  if (!parsed) return { httpStatus: 400, eventId, status: "invalid" };
  try {
    const r = await processEvent(eventId, parsed);
    return { httpStatus: 200, eventId, status: r.status };
  } catch (err) {
    logger().warn({ eventId, error: (err as { code?: string }).code ?? (err as Error).name }, "webhook processing failed; retry queued");
    try {
      await markFailed(eventId, err);
    } catch {
      // Stored but neither processed nor marked: Meta's redelivery (dedupe by wamid) is the retry.
      return { httpStatus: 503, eventId };
    }
    return { httpStatus: 200, eventId, status: "failed" };
  }
}
