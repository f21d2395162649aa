// npm run bench:ingest — the webhook under load, next to what the hardware allows.
// Signed POSTs with unique wamids (70% text, 20% statuses, 10% audio), 50 keep-alive
// connections for 30 s, against (1) the real server process and (2) a bare node:http baseline
// that checks the HMAC and does one INSERT … ON CONFLICT DO NOTHING per message. Postgres is
// durable (fsync on): DATABASE_URL's server, or an embedded one in a temp folder.
// For the app it also measures: processing lag (200 → its row in message_log, by the row's
// created_at), seconds to drain after the saturating load, the HTTP thread's event-loop delay
// (bench/event-loop-probe.ts), media downloaded against the Graph double answering in 200 ms,
// and a second, paced phase at BENCH_RATE msg/s (default 1,000) for BENCH_RATE_SECONDS.
// Prints a table and writes bench/results/ingest.json. A benchmark, not a test.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { withDatabase } from "../db/embedded";
import { migratedDatabase, postgresServer } from "../test/postgres";
import { ensureDatabase } from "../db/migrate";
import { startMetaGraphDouble, type MetaGraphDouble } from "../app/sandbox/graph-api";
import { audioMessage, inboundMessages, metaJson, newMediaId, newWamid, signBody, statusUpdate, textMessage } from "../app/sandbox/webhook-payloads";

const SECRET = "bench-app-secret";
const PNID = "100000000000777";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROOT = path.resolve(import.meta.dirname, "..");
// While tuning: BENCH_ONLY=app skips the baseline; BENCH_NODE_ARGS="--cpu-prof" profiles the server.
const ONLY_APP = process.env.BENCH_ONLY === "app";
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 15);
const GRAPH_LATENCY_MS = Number(process.env.BENCH_GRAPH_LATENCY_MS ?? 200);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

// ---------------------------------------------------------------------------------------
// The baseline server (a child process running this file with --baseline).

async function baselineServer() {
  const sql = postgres(process.env.DATABASE_URL!, { max: 20, onnotice: () => {} });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks);
      const sig = String(req.headers["x-hub-signature-256"] ?? "");
      const expected = Buffer.from("sha256=" + createHmac("sha256", SECRET).update(raw).digest("hex"));
      if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), expected)) return void res.writeHead(401).end();
      try {
        const body = JSON.parse(raw.toString());
        for (const e of body.entry ?? []) for (const c of e.changes ?? []) {
          for (const m of [...(c.value?.messages ?? []), ...(c.value?.statuses ?? [])]) {
            await sql`INSERT INTO bench_baseline (provider_id, payload) VALUES (${m.id + (m.status ? ":" + m.status : "")}, ${sql.json(m)}) ON CONFLICT DO NOTHING`;
          }
        }
        res.writeHead(200).end("ok");
      } catch {
        res.writeHead(503).end();
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("listening\n"));
}

// ---------------------------------------------------------------------------------------
// Load

// Voice notes are downloaded from the Graph double during the run, as from Meta in production
// (an unreachable Graph URL made every download fail and retry, which is not the real load).
const WA_TOKEN = "bench-wa-token";
const VOICE_NOTE = Buffer.concat([Buffer.from("OggS"), randomBytes(16 * 1024 - 4)]);
const VOICE_SHA256 = createHash("sha256").update(VOICE_NOTE).digest("base64");
let graph: MetaGraphDouble | null = null;

const senders = Array.from({ length: 2000 }, (_, i) => `34600${String(100000 + i)}`);

function nextDelivery(): { raw: string; kind: string; wamid?: string } {
  const r = Math.random();
  const from = senders[Math.floor(Math.random() * senders.length)]!;
  if (r < 0.2) {
    return { kind: "status", raw: metaJson(statusUpdate({ phoneNumberId: PNID, wamid: newWamid(from), status: "delivered", recipient: from })) };
  }
  let message;
  const wamid = newWamid(from);
  if (r < 0.3) {
    const mediaId = newMediaId();
    graph?.setMedia(mediaId, VOICE_NOTE, "audio/ogg; codecs=opus");
    message = audioMessage(from, mediaId, { voice: true, sha256: VOICE_SHA256, id: wamid });
  } else message = textMessage(from, "Hola, ¿cómo está? Hoy dormí mejor que ayer.", { id: wamid });
  return { kind: r < 0.3 ? "audio" : "text", wamid, raw: metaJson(inboundMessages({ phoneNumberId: PNID, sender: { waId: from, name: "Paciente" }, messages: [message] })) };
}

interface RunResult {
  target: string;
  accepted: number;
  errors: number;
  status: Record<string, number>;
  msgsPerSec: number;
  p50: number;
  p99: number;
  p99ByWindow?: number[];
}

/** Closed loop (each connection posts again at once), or paced at `rate` msg/s in total. */
async function drive(target: string, port: number, opts: { seconds?: number; rate?: number; acks?: Map<string, number>; audio?: { n: number } } = {}): Promise<RunResult> {
  const seconds = opts.seconds ?? SECONDS;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  const timeline: Array<[number, number]> = [];
  const status: Record<string, number> = {};
  let accepted = 0;
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const post = (raw: string) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        { host: "127.0.0.1", port, path: "/api/v1/webhooks/meta", method: "POST", agent,
          headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(raw), "X-Hub-Signature-256": signBody(raw, SECRET) } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", () => resolve(0));
      req.end(raw);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let k = 0; Date.now() < end; k++) {
        if (opts.rate) {
          const due = started + ((k * CONNECTIONS + c) * 1000) / opts.rate;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
          if (Date.now() >= end) break;
        }
        const { raw, wamid, kind } = nextDelivery();
        const t0 = process.hrtime.bigint();
        const code = await post(raw);
        if (code === 200 && wamid) opts.acks?.set(wamid, Date.now());
        if (code === 200 && kind === "audio" && opts.audio) opts.audio.n++;
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        latencies.push(ms);
        timeline.push([Date.now() - started, ms]);
        status[code] = (status[code] ?? 0) + 1;
        if (code === 200) accepted++;
        else errors++;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  const quantile = (xs: number[], p: number) => Math.round(xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]! * 10) / 10;
  latencies.sort((a, b) => a - b);
  // Where the tail sits in time (steady vs a few stalls): p99 per 5 s window.
  const windows: number[][] = [];
  for (const [t, ms] of timeline) (windows[Math.floor(t / 5000)] ??= []).push(ms);
  const p99ByWindow = windows.map((w) => quantile(w.sort((a, b) => a - b), 0.99));
  return { target, accepted, errors, status, msgsPerSec: Math.round(accepted / elapsed), p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), p99ByWindow };
}

async function waitHttp(port: number, pathName: string, child: ChildProcess, ms = 90_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}${pathName}`).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 12_000).unref();
  });
}

/** Polls until `probe` holds (true) or the deadline passes (false). */
async function waitFor(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const quantileOf = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : NaN);

/** 200 → row: the row's created_at (its transaction's start, on this machine's clock) minus the 200's arrival. */
async function lagOf(admin: postgres.Sql, acks: Map<string, number>) {
  const rows = await admin<{ provider_id: string; at: number }[]>`
    SELECT provider_id, (extract(epoch FROM created_at) * 1000)::float8 AS at FROM message_log WHERE provider_id = ANY(${[...acks.keys()]})`;
  const lags = rows.map((r) => Math.max(0, r.at - acks.get(r.provider_id)!)).sort((a, b) => a - b);
  return { n: lags.length, of: acks.size, p50: Math.round(quantileOf(lags, 0.5)), p99: Math.round(quantileOf(lags, 0.99)), max: Math.round(lags.at(-1) ?? NaN) };
}

class SkipBaseline extends Error {}

async function main() {
  delete process.env.KURA_PG_FAST; // durability on: the numbers must hold with fsync
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kura-bench-"));
  const pg = await postgresServer({ dir: tmp });
  const stopPg = pg.stop;
  const serverUrl = pg.url;
  const url = await migratedDatabase(serverUrl, `kura_bench_${process.pid}`, { migrate: false });
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const build = path.join(ROOT, "build/index.js");
  if (!fs.existsSync(build) || !fs.readFileSync(build, "utf8").includes("api.v1.webhooks.meta")) {
    execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const results: RunResult[] = [];
  const counts: Record<string, number> = {};
  const extra: { eventLoop?: { p50: number; p99: number; max: number }; drainS?: number | null; lag?: Awaited<ReturnType<typeof lagOf>>;
    media?: { audio: number; done: number; secondsAfterLoad: number | null; perSecond: number }; paced?: RunResult; pacedLag?: Awaited<ReturnType<typeof lagOf>> } = {};
  let media = "";
  try {
    // 1) the app
    graph = await startMetaGraphDouble({ token: WA_TOKEN, latencyMs: GRAPH_LATENCY_MS });
    const appPort = await freePort();
    const eldFile = path.join(tmp, "event-loop.json");
    const app = spawn(process.execPath, [...NODE_ARGS, "--import", "tsx", "--import", "./bench/event-loop-probe.ts", "server.ts"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(appPort), KURA_DATA_DIR: path.join(tmp, "app"),
        META_APP_SECRET: SECRET, META_WA_VERIFY_TOKEN: "bench", META_WA_PHONE_ID: PNID, SESSION_SECRET: "b".repeat(40),
        META_GRAPH_URL: graph.url, META_WA_TOKEN: WA_TOKEN, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "error", BENCH_ELD_FILE: eldFile },
    });
    await waitHttp(appPort, "/healthz", app);
    const inbound = async () => (await admin`SELECT count(*)::int AS n FROM message_log WHERE direction = 'INBOUND'`)[0]!.n;
    const drained = async (expected: number) =>
      (await admin`SELECT count(*)::int AS n FROM webhook_events WHERE status = 'received'`)[0]!.n === 0 && (await inbound()) >= expected;

    // 1a) saturation: every connection posts again at once
    app.kill("SIGUSR2"); // the event-loop histogram starts with the load
    const acks = new Map<string, number>();
    const audio = { n: 0 };
    const loadStart = Date.now();
    results.push(await drive("kura (server.ts)", appPort, { acks, audio }));
    const loadEnd = Date.now();
    fs.rmSync(eldFile, { force: true });
    app.kill("SIGUSR2");
    await waitFor(async () => fs.existsSync(eldFile), 10_000);
    extra.eventLoop = JSON.parse(fs.readFileSync(eldFile, "utf8"));
    extra.drainS = (await waitFor(() => drained(acks.size), 180_000)) ? (Date.now() - loadEnd) / 1000 : null;
    extra.lag = await lagOf(admin, acks);
    const [c] = await admin`SELECT (SELECT count(*) FROM message_log WHERE direction = 'INBOUND')::int AS messages,
      (SELECT count(*) FROM message_statuses)::int AS statuses`;
    counts.app = c!.messages + c!.statuses;
    const mediaDone = async () => (await admin`SELECT count(*)::int AS n FROM media WHERE state = 'done'`)[0]!.n;
    const allMedia = await waitFor(async () => (await mediaDone()) >= audio.n, 120_000);
    const mediaEnd = Date.now();
    extra.media = { audio: audio.n, done: await mediaDone(), secondsAfterLoad: allMedia ? (mediaEnd - loadEnd) / 1000 : null,
      perSecond: Math.round(((await mediaDone()) / ((mediaEnd - loadStart) / 1000)) * 10) / 10 };
    media = (await admin`SELECT state, count(*)::int AS n FROM media GROUP BY state ORDER BY state`).map((r) => `${r.state} ${r.n}`).join(", ");

    // 1b) paced at RATE msg/s offered: the processing lag when the app is not saturated
    if (RATE > 0) {
      const before = await inbound();
      const paced = new Map<string, number>();
      extra.paced = await drive(`kura at ${RATE}/s offered`, appPort, { rate: RATE, seconds: RATE_SECONDS, acks: paced });
      await waitFor(() => drained(before + paced.size), 120_000);
      extra.pacedLag = await lagOf(admin, paced);
    }
    await stop(app);

    // 2) the baseline
    if (ONLY_APP) throw new SkipBaseline();
    await admin`CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, provider_id text UNIQUE, payload jsonb)`;
    const basePort = await freePort();
    const base = spawn(process.execPath, ["--import", "tsx", "bench/ingest.ts", "--baseline"], {
      cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DATABASE_URL: url, PORT: String(basePort) },
    });
    await waitHttp(basePort, "/", base);
    results.push(await drive("baseline (node:http + 1 INSERT)", basePort));
    await stop(base);
    counts.baseline = (await admin`SELECT count(*)::int AS n FROM bench_baseline`)[0]!.n;
  } catch (e) {
    if (!(e instanceof SkipBaseline)) throw e;
    results.push({ target: "baseline (skipped)", accepted: 0, errors: 0, status: {}, msgsPerSec: 1, p50: 0, p99: 0 });
    counts.baseline = 0;
  } finally {
    await admin.end();
    await graph?.close();
    const a = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
    await a.unsafe(`DROP DATABASE IF EXISTS kura_bench_${process.pid} WITH (FORCE)`).catch(() => {});
    await a.end();
    await stopPg();
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const [app, base] = results as [RunResult, RunResult];
  const rowsOk = { app: counts.app === app.accepted, baseline: counts.baseline === base.accepted };
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  const ratio = app.msgsPerSec / base.msgsPerSec;
  const yes = (ok: boolean) => (ok ? "met" : "NOT met");
  const el = extra.eventLoop;
  const lines = [
    `Ingest benchmark ${new Date().toISOString().slice(0, 10)} — ${machine}; ${CONNECTIONS} connections × ${SECONDS} s; 70% text / 20% statuses / 10% audio; Graph double ${GRAPH_LATENCY_MS} ms`,
    "| target | ack msgs/s | ack p50 ms | ack p99 ms | errors | rows == accepted |",
    "|---|---|---|---|---|---|",
    ...results.map((r, i) => `| ${r.target} | ${r.msgsPerSec} | ${r.p50} | ${r.p99} | ${r.errors} | ${[rowsOk.app, rowsOk.baseline][i] ? "yes" : "NO"} (${[counts.app, counts.baseline][i]} / ${r.accepted}) |`),
    "",
    "| app, saturated | value | goal |",
    "|---|---|---|",
    `| acknowledged / bare baseline | ${ratio.toFixed(2)} | ≥ 0.60 (aim > 1.0): ${yes(ratio >= 0.6)} |`,
    `| ack p99 | ${app.p99} ms | ≤ 50 ms: ${yes(app.p99 <= 50)} |`,
    `| processing lag p50 / p99 (200 → message_log) | ${extra.lag?.p50} / ${extra.lag?.p99} ms (max ${extra.lag?.max}; ${extra.lag?.n}/${extra.lag?.of} rows) | — |`,
    `| seconds to drain after the load | ${extra.drainS ?? "> 180"} s | ≤ 30 s: ${yes(extra.drainS != null && extra.drainS <= 30)} |`,
    `| HTTP event-loop delay p50 / p99 / max | ${el?.p50} / ${el?.p99} / ${el?.max} ms | p99 ≤ 20 ms: ${yes(!!el && el.p99 <= 20)} |`,
    `| media (${extra.media?.audio} voice notes) downloaded | ${extra.media?.done}, ${extra.media?.perSecond}/s, all ${extra.media?.secondsAfterLoad ?? "NOT"} s after the load | all ≤ 60 s after: ${yes(extra.media?.secondsAfterLoad != null && extra.media.secondsAfterLoad <= 60)} |`,
    ...(extra.paced
      ? [`| paced ${RATE}/s offered × ${RATE_SECONDS} s: ack msgs/s, p99 | ${extra.paced.msgsPerSec}, ${extra.paced.p99} ms | — |`,
         `| paced: processing lag p50 / p99 | ${extra.pacedLag?.p50} / ${extra.pacedLag?.p99} ms | p99 ≤ 2,000 ms: ${yes(!!extra.pacedLag && extra.pacedLag.p99 <= 2000)} |`]
      : []),
    `p99 per 5 s window (ms): ${app.p99ByWindow?.join(", ") ?? "—"}`,
    `media rows at the end: ${media || "none"}`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
  if (ONLY_APP) process.exit(rowsOk.app ? 0 : 1);
  fs.mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench/results/ingest.json"),
    JSON.stringify({ date: new Date().toISOString(), machine, connections: CONNECTIONS, seconds: SECONDS, results, counts, rowsOk, ratio, ...extra }, null, 2) + "\n");
  process.exit(rowsOk.app && rowsOk.baseline ? 0 : 1);
}

if (process.argv.includes("--baseline")) void baselineServer();
else void main();
