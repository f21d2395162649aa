// Shared by the ingest and fault tests: a migrated database with the job queue (not working),
// and signed deliveries to the webhook route, in-process.
import { freshDatabase } from "./db";
import { call, BASE } from "./http";
import { startBoss, stopBoss, type WorkerDefinition } from "../app/queue.server";
import { stopIngestProcessor } from "../app/ingest/process.server";
import { rawSql } from "../db/client";
import { until } from "./wait";
import { metaJson, signBody } from "../app/sandbox/webhook-payloads";
import * as webhook from "../app/routes/api.v1.webhooks.meta";

export const SECRET = "test-app-secret";
export const VERIFY = "test-verify-token";

export async function ingestDatabase(env: Record<string, string> = {}, workers: WorkerDefinition[] = []) {
  const database = await freshDatabase({ META_APP_SECRET: SECRET, META_WA_VERIFY_TOKEN: VERIFY, LOG_LEVEL: "silent", ...env });
  await startBoss(database.url, workers, { work: workers.length > 0 });
  return {
    ...database,
    async drop() {
      await stopIngestProcessor();
      await stopBoss();
      await database.drop();
    },
  };
}

export function signedRequest(body: object | string | Buffer, opts: { signature?: string | null; secret?: string } = {}) {
  const raw = typeof body === "string" || Buffer.isBuffer(body) ? body : metaJson(body);
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const sig = opts.signature === undefined ? signBody(raw, opts.secret ?? SECRET) : opts.signature;
  if (sig !== null) headers["X-Hub-Signature-256"] = sig;
  return new Request(`${BASE}/api/v1/webhooks/meta`, { method: "POST", headers, body: typeof raw === "string" ? raw : new Uint8Array(raw) });
}

export function deliver(body: object | string | Buffer, opts: { signature?: string | null; secret?: string } = {}) {
  return call(webhook.action, signedRequest(body, opts));
}

export function withPhoneNumberId<T>(body: T, phoneNumberId: string): T {
  const copy = structuredClone(body) as any;
  for (const e of copy.entry ?? []) for (const c of e.changes ?? []) if (c.value?.metadata) c.value.metadata.phone_number_id = phoneNumberId;
  return copy;
}

/** Processing runs behind the 200: waits until every stored event has left `received`. */
export async function processed(timeout = 15_000) {
  await until("stored webhook events processed", async () =>
    (await rawSql()`SELECT count(*)::int AS n FROM webhook_events WHERE status = 'received'`)[0]!.n === 0, timeout);
}
