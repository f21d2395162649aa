// Stage two of a delivery: stored webhook events become rows, behind the 200 (stage one is
// receive.server.ts). A processor claims batches of events (claims.server.ts), and each batch
// is written with a fixed handful of statements, not a handful per message: one set-based
// statement (ingest-sql.ts) resolves identities and leads, inserts messages, media rows and
// statuses, notifies live pages and marks the events; then one job insert per queue.
// Measured in bench/ingest.ts; the protocol is docs/decisions/007-group-commit-and-claims.md.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type postgres from "postgres";
import { rawSql } from "../../db/client";
import { config } from "../config.server";
import { boss, QUEUES } from "../queue.server";
import { logger } from "../logger.server";
import { claimEvents, releaseClaims, type ClaimedEvent } from "./claims.server";
import { INGEST_CHANNEL } from "./group-commit.server";
import { LIVE_CHANNEL } from "../lib/notify.server";
import { moveIdentity, phoneKey } from "./identity.server";
import { parseDelivery, type ParsedDelivery } from "./payload.server";
import { routeAccounts } from "./routing.server";
import { applyLateStatuses, STATUS_RANK } from "./statuses.server";
import { INGEST_SQL } from "./ingest-sql";

export type EventStatus = "received" | "processed" | "failed" | "unrouted" | "invalid";

interface Row {
  kind: "message" | "status";
  id: string;
  has_content: boolean;
  media_id: string | null;
}

/**
 * pg-boss generates the job INSERT (its schema, its queue defaults); it is recorded here and
 * sent in this delivery's transaction, pipelined with the COMMIT, instead of a round trip alone.
 */
async function jobStatements(queue: string, jobs: Array<{ data: object; singletonKey: string }>) {
  const out: Array<{ text: string; values: unknown[] }> = [];
  if (jobs.length === 0) return out;
  await boss().insert(queue, jobs, { db: { executeSql: async (text: string, values?: unknown[]) => (out.push({ text, values: values ?? [] }), { rows: [] }) } });
  return out;
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
  eventId: number;
  status: EventStatus;
  inserted: number;
  statusesApplied: number;
}

type Item = { d: ParsedDelivery; eventId: number };

/**
 * One transaction for a batch of stored events: BEGIN; the ingest statement in a savepoint;
 * the job inserts (pipelined); COMMIT. If the statement fails for a batch, the events are
 * processed one by one; a failing one is marked `failed` with a retry job. The raw bodies are
 * already durable (stage one), so nothing here can lose a delivery.
 */
async function ingestBatch(items: Item[]): Promise<ProcessResult[]> {
  const orgs = await routeAccounts([...new Set(items.flatMap((i) => i.d.phoneNumberIds))]);
  const eventIds = items.map((i) => i.eventId);
  const prepared = prepare(items, orgs);

  const out: { split?: boolean; results?: ProcessResult[] } = await inTransaction(async (c) => {
      const last = await c
        .savepoint((sp) => sp.unsafe<Row[]>(INGEST_SQL, prepared.params as any[], { prepare: true }))
        .then((rows) => ({ rows, err: null }), (err: unknown) => ({ rows: null, err }));
      if (last.err) {
        const err = last.err;
        if (isConnectionError(err)) throw err;
        // One bad delivery must not fail its neighbours: one by one.
        if (items.length > 1) return { split: true, commit: [] };
        const eventId = eventIds[0]!;
        const failed = c`UPDATE webhook_events SET status = 'failed', error = ${describeError(err)}, attempts = attempts + 1 WHERE id = ${eventId}`.execute();
        logger().warn({ eventId, error: (err as { code?: string }).code ?? (err as Error).name }, "webhook processing failed; retry queued");
        return {
          results: [{ eventId, status: "failed" as EventStatus, inserted: 0, statusesApplied: 0 }],
          commit: [failed, ...(await jobStatements(QUEUES.webhookRetry, [{ data: { eventId }, singletonKey: `event:${eventId}` }])).map((q) => c.unsafe(q.text, q.values as any[]).execute())],
        };
      }
      const rows = last.rows as Row[];
      const inserted = rows.filter((x) => x.kind === "message");
      const screen = inserted.filter((x) => x.has_content).map((x) => ({ data: { messageId: x.id }, singletonKey: x.id }));
      const media = inserted.filter((x) => x.media_id).map((x) => ({ data: { mediaId: x.media_id! }, singletonKey: x.media_id! }));
      for (const change of prepared.numberChanges) await moveIdentity(c, change);
      const jobs = [...(await jobStatements(QUEUES.riskScreen, screen)), ...(await jobStatements(QUEUES.mediaDownload, media))];
      const single = items.length === 1;
      return {
        results: items.map((_, k) => ({
          eventId: eventIds[k]!,
          status: prepared.statuses[k]!,
          inserted: single ? inserted.length : -1,
          statusesApplied: single ? rows.length - inserted.length : -1,
        })),
        commit: jobs.map((q) => c.unsafe(q.text, q.values as any[]).execute()),
      };
    });
  if (out.split) {
    const results: ProcessResult[] = [];
    for (const item of items) results.push((await ingestBatch([item]))[0]!);
    return results;
  }
  return out.results!;
}

/**
 * postgres-js's transaction (BEGIN, COMMIT or ROLLBACK, connection loss handled) around
 * `body`, whose statements are sent without waiting on each other (pipelined); any failure
 * among them, including those it hands back in `commit`, rolls the whole transaction back.
 */
async function inTransaction<T extends object>(
  body: (c: postgres.TransactionSql) => Promise<T & { commit: Array<PromiseLike<unknown>> }>,
): Promise<T> {
  return (await rawSql().begin(async (c) => {
    const { commit: pending, ...rest } = await body(c);
    const settled = await Promise.allSettled(pending);
    for (const x of settled) if (x.status === "rejected") throw x.reason;
    return rest;
  })) as unknown as T;
}

/** The database is unreachable (vs a statement that failed): the caller answers 503. */
function isConnectionError(err: unknown): boolean {
  const code = String((err as { code?: string })?.code ?? "");
  return /^(CONNECTION_|CONNECT_TIMEOUT|ECONN|EPIPE|ETIMEDOUT|57P0|08)/.test(code);
}

function prepare(items: Item[], orgs: Map<string, string>) {
  const senderKeys = new Map<string, number>();
  const senders: Array<Record<string, unknown>> = [];
  const numberChanges: Array<{ orgId: string; oldPhone: string; newWaId: string; newUserId: string | null }> = [];
  const msgRows: Array<Record<string, unknown>> = [];
  const stRows: Array<Record<string, unknown>> = [];
  const events: Array<Record<string, unknown>> = [];
  const statuses: EventStatus[] = [];
  const seen = new Set<string>();
  for (const { d, eventId } of items) {
    const unrouted = d.phoneNumberIds.some((id) => !orgs.has(id)) || [...d.messages, ...d.statuses].some((x) => !orgs.has(x.phoneNumberId));
    const status: EventStatus = unrouted ? "unrouted" : "processed";
    statuses.push(status);
    const firstOrg = d.phoneNumberIds.map((id) => orgs.get(id)).find(Boolean) ?? null;
    const event = {
      id: eventId,
      status,
      error: d.skipped ? `${d.skipped} element(s) unreadable; kept in the raw body` : null,
      org_id: firstOrg,
      meta_errors: d.metaErrors.length ? d.metaErrors : null,
      message_count: d.messages.length,
      status_count: d.statuses.length,
      // Postgres JSON refuses lone surrogates (mutated payloads carry them); ids are digits anyway.
      phone_number_ids: d.phoneNumberIds.map((id) => id.replace(/[\ud800-\udfff]/g, "\ufffd")),
    };
    events.push(event);
    for (const m of d.messages) {
      const orgId = orgs.get(m.phoneNumberId);
      // Redeliveries inside one batch: the first copy wins (the unique key would too).
      if (!orgId || seen.has(m.providerId)) continue;
      seen.add(m.providerId);
      const phone = m.waId ? phoneKey(m.waId) : null;
      const key = phone ? `${orgId}|p|${phone}` : `${orgId}|u|${m.userId}`;
      let k = senderKeys.get(key);
      if (k === undefined) {
        k = senders.length;
        senderKeys.set(key, k);
        senders.push({ k, key, org_id: orgId, phone, wa_id: m.waId, user_id: m.userId, name: m.profileName });
      }
      if (m.numberChange && phone) numberChanges.push({ orgId, oldPhone: phone, ...m.numberChange });
      msgRows.push({
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
      });
    }
    for (const s of d.statuses) {
      const orgId = orgs.get(s.phoneNumberId);
      if (!orgId) continue;
      stRows.push({
        org_id: orgId,
        provider_id: s.providerId,
        status: s.status,
        ts: s.timestamp.toISOString(),
        error_code: s.errorCode,
        error_title: s.errorTitle,
        error_details: s.errorDetails,
        rank: STATUS_RANK[s.status] ?? 0,
      });
    }
  }
  // Concurrent batches lock identities, messages and statuses in one global order: no deadlocks.
  senders.sort((a, b) => (String(a.key) < String(b.key) ? -1 : 1));
  msgRows.sort((a, b) => (String(a.provider_id) < String(b.provider_id) ? -1 : 1));
  stRows.sort((a, b) => (`${a.provider_id}|${a.status}` < `${b.provider_id}|${b.status}` ? -1 : 1));
  const params = [JSON.stringify(senders), JSON.stringify(msgRows), JSON.stringify(stRows), JSON.stringify(events), LIVE_CHANNEL];
  return { params, numberChanges, statuses };
}

/** Stored events → rows, in ingest batches of at most MAX_BATCH_ITEMS messages and statuses. */
const MAX_BATCH_ITEMS = 1000;

export async function processClaimed(events: ClaimedEvent[]): Promise<void> {
  const invalid: number[] = [];
  let group: Item[] = [];
  let size = 0;
  for (const e of events) {
    const d = parseBody(e.body);
    if (!d) {
      invalid.push(e.id);
      continue;
    }
    const n = d.messages.length + d.statuses.length;
    if (group.length && size + n > MAX_BATCH_ITEMS) {
      await ingestBatch(group);
      group = [];
      size = 0;
    }
    group.push({ d, eventId: e.id });
    size += n;
  }
  if (group.length) await ingestBatch(group);
  if (invalid.length) await rawSql()`UPDATE webhook_events SET status = 'invalid' WHERE id = ANY(${invalid}::bigint[])`;
}

export interface ProcessorOptions {
  /** Unique per process (and per test double); stamped on its claims. */
  owner?: string;
  claimTimeoutSeconds?: number;
  /** Events per claim. */
  batchEvents?: number;
  /** The polling fallback (NOTIFY can be missed: a listener reconnecting, another instance's). */
  pollMs?: number;
}

/**
 * Stage two: claims stored events and processes them, one batch at a time (which is what
 * makes reclaiming its own leftover claims safe). Woken in-process by stage one, by NOTIFY
 * from other instances, and by a poll. Every tick also applies statuses whose outbound row
 * committed after them (applyLateStatuses).
 */
export class IngestProcessor {
  readonly owner: string;
  readonly claimTimeoutSeconds: number;
  private readonly batchEvents: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | null = null;
  private listening: { sql: postgres.Sql; unlisten: () => Promise<void> } | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private looping: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failing = false;
  /** Ids of every event this processor claimed (for tests and the benchmark). */
  onClaim: ((ids: number[]) => void) | null = null;

  constructor(opts: ProcessorOptions = {}) {
    this.owner = opts.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.claimTimeoutSeconds = opts.claimTimeoutSeconds ?? config().ingest.claimTimeoutSeconds;
    this.batchEvents = opts.batchEvents ?? 200;
    this.pollMs = opts.pollMs ?? 1000;
  }

  start(): this {
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.timer.unref();
    this.tick();
    return this;
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.listening?.unlisten().catch(() => {});
    this.listening = null;
    await this.looping;
    await this.chain.catch(() => {});
  }

  /** Something was stored: drain what is claimable (coalesces while a drain is running). */
  wake() {
    if (this.stopped) return;
    if (this.looping) {
      this.again = true;
      return;
    }
    this.looping = this.loop().finally(() => (this.looping = null));
  }

  /** One claim and its processing, serialized with every other for this owner. Returns how many events. */
  runOnce(): Promise<number> {
    const run = this.chain.then(() => this.claimAndProcess());
    this.chain = run.catch(() => {});
    return run;
  }

  /** Processes until nothing is claimable (the demo week, the CLI, tests). */
  async drain() {
    while ((await this.runOnce()) > 0);
  }

  private async claimAndProcess(): Promise<number> {
    const events = await claimEvents(this.owner, this.batchEvents, this.claimTimeoutSeconds);
    if (!events.length) return 0;
    this.onClaim?.(events.map((e) => e.id));
    try {
      await processClaimed(events);
    } catch (err) {
      await releaseClaims(this.owner, events.map((e) => e.id)).catch(() => {});
      throw err;
    }
    return events.length;
  }

  private async loop() {
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.runOnce()) > 0);
      } while (this.again && !this.stopped);
      if (this.failing) logger().info("webhook processing resumed");
      this.failing = false;
    } catch (err) {
      // The database is away or a batch failed outright: the events stay stored; the next tick retries.
      if (!this.failing) logger().warn({ error: (err as { code?: string }).code ?? (err as Error).name }, "webhook processing paused");
      this.failing = true;
    }
  }

  private tick() {
    if (this.stopped) return;
    let sql: postgres.Sql;
    try {
      sql = rawSql();
    } catch {
      return; // not connected (start-up, shutdown, between test databases)
    }
    if (this.listening?.sql !== sql) void this.listen(sql);
    this.wake();
    applyLateStatuses().catch(() => {});
  }

  private async listen(sql: postgres.Sql) {
    const previous = this.listening;
    this.listening = { sql, unlisten: async () => {} };
    await previous?.unlisten().catch(() => {});
    try {
      const sub = await sql.listen(INGEST_CHANNEL, () => this.wake());
      if (this.listening?.sql === sql && !this.stopped) this.listening = { sql, unlisten: () => sub.unlisten() };
      else await sub.unlisten();
    } catch {
      if (this.listening?.sql === sql) this.listening = null; // retried at the next tick
    }
  }
}

declare global {
  // eslint-disable-next-line no-var
  var __kuraIngest: IngestProcessor | undefined;
}

/** This process's processor (on globalThis: server.ts and the Remix build share it), started on first use. */
export function ingestProcessor(): IngestProcessor {
  return (globalThis.__kuraIngest ??= new IngestProcessor().start());
}

export async function stopIngestProcessor() {
  const p = globalThis.__kuraIngest;
  globalThis.__kuraIngest = undefined;
  await p?.stop();
}

/** Processes a stored event again (retry job, webhook:replay). Idempotent: nothing is added twice. */
export async function processEvent(eventId: number, d: ParsedDelivery): Promise<ProcessResult> {
  return (await ingestBatch([{ d, eventId }]))[0]!;
}

/** Class and code only: driver messages can quote values from the payload. */
export function describeError(err: unknown): string {
  // Class and code only (plus the constraint's name, which is schema, not data): a driver's
  // message can quote the payload's values (health data).
  const e = err as { name?: unknown; code?: unknown; constraint_name?: unknown; constructor?: { name?: unknown } } | null;
  const word = (v: unknown) => (typeof v === "string" && /^[\w.-]{1,64}$/.test(v) ? v : null);
  const name = word(e?.name) ?? word(e?.constructor?.name) ?? "Error";
  const code = word(e?.code) ?? (typeof e?.code === "number" ? String(e.code) : null);
  return [name, code, word(e?.constraint_name)].filter(Boolean).join(" ");
}

/** Re-reads a stored event and processes it again (retry job, webhook:replay). */
export async function reprocessEvent(eventId: number): Promise<ProcessResult | null> {
  const [row] = await rawSql()<{ body: Buffer }[]>`SELECT body FROM webhook_events WHERE id = ${eventId}`;
  if (!row) return null;
  const parsed = parseBody(row.body);
  if (!parsed) {
    await rawSql()`UPDATE webhook_events SET status = 'invalid' WHERE id = ${eventId}`;
    return { eventId, status: "invalid", inserted: 0, statusesApplied: 0 };
  }
  try {
    return await processEvent(eventId, parsed);
  } catch (err) {
    await rawSql()`UPDATE webhook_events SET status = 'failed', error = ${describeError(err)}, attempts = attempts + 1 WHERE id = ${eventId}`;
    logger().warn({ eventId, error: (err as { code?: string }).code }, "webhook event failed again");
    throw err;
  }
}
