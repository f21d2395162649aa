// npm run bench:analysis — the nightly AletheIA review at scale: 2,000 patient-days (4 messages
// each) analysed through the OpenAI double answering in 300 ms, at config().analysisConcurrency
// (ANALYSIS_CONCURRENCY, default 20) workers in this process. Meanwhile signed webhook
// deliveries are posted to the webhook route in the same process (as the one server runs
// both) at a steady rate, and their latency is compared with a quiet baseline.
// Postgres: DATABASE_URL's server, or an embedded one in a temp folder. Prints a table and
// writes bench/results/analysis.json. A benchmark, not a test.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { migratedDatabase, postgresServer } from "../test/postgres";
import { connect, disconnect, rawSql } from "../db/client";
import { config, parseConfig, setConfig } from "../app/config.server";
import { createOrganization } from "../app/models/organization.server";
import { runAnalysis } from "../app/analysis/nightly.server";
import { startBoss, stopBoss } from "../app/queue.server";
import { analysisDayWorker } from "../jobs/analysis";
import { startOpenAIDouble } from "../doubles/openai";
import { inboundMessages, metaJson, signBody, textMessage } from "../app/sandbox/webhook-payloads";
import { action as webhookAction } from "../app/routes/api.v1.webhooks.meta";

const PATIENT_DAYS = Number(process.env.BENCH_PATIENT_DAYS ?? 2000);
const LATENCY_MS = Number(process.env.BENCH_OPENAI_LATENCY_MS ?? 300);
const WEBHOOK_RPS = Number(process.env.BENCH_WEBHOOK_RPS ?? 50);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
const DAY = "2025-03-10";
const PNID = "100000000000888";
const ROOT = path.resolve(import.meta.dirname, "..");

const LINES = [
  ["INBOUND", "Hola, hoy me siento un poco mejor que ayer, aunque todavía me cuesta dormir."],
  ["OUTBOUND", "Gracias por contarnos. ¿Pudiste hacer los ejercicios de respiración?"],
  ["INBOUND", "Sí, los hice dos veces. Me ayudaron un poco con la ansiedad."],
  ["INBOUND", "Mañana tengo la cita a las 10, ahí estaré."],
] as const;

function pct(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Posts signed text deliveries to the webhook route at `rps` until stopped; returns latencies (ms). */
function webhookLoad(rps: number) {
  const latencies: number[] = [];
  let errors = 0;
  let stopped = false;
  const inflight = new Set<Promise<void>>();
  const one = async () => {
    const from = `34699${crypto.randomInt(100000, 999999)}`;
    const raw = metaJson(inboundMessages({ phoneNumberId: PNID, sender: { waId: from, name: "Paciente" }, messages: [textMessage(from, "Hola, ¿a qué hora es mi cita?")] }));
    const req = new Request("http://kura.bench/api/v1/webhooks/meta", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signBody(raw, config().meta.appSecret) },
      body: raw,
    });
    const t0 = performance.now();
    const res = await webhookAction({ request: req, params: {}, context: {} } as any);
    latencies.push(performance.now() - t0);
    if (res.status !== 200) errors++;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    const p = one().catch(() => void errors++).finally(() => inflight.delete(p));
    inflight.add(p);
  }, 1000 / rps);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(inflight);
      const s = [...latencies].sort((a, b) => a - b);
      return { requests: s.length, errors, p50_ms: r1(pct(s, 50)), p95_ms: r1(pct(s, 95)), p99_ms: r1(pct(s, 99)), max_ms: r1(s.at(-1) ?? 0) };
    },
  };
}

async function seed(orgId: string) {
  // Identities, patients and 4 messages each on DAY (Madrid time), in a few set-based statements.
  await rawSql()`
    WITH ids AS (
      INSERT INTO identity_vault (org_id, phone)
      SELECT ${orgId}, '+3460' || lpad(g::text, 7, '0') FROM generate_series(1, ${PATIENT_DAYS}) g
      RETURNING id, phone)
    INSERT INTO patients (org_id, identity_id, name) SELECT ${orgId}, id, 'Paciente ' || phone FROM ids`;
  for (let i = 0; i < LINES.length; i++) {
    const [direction, text] = LINES[i]!;
    await rawSql()`
      INSERT INTO message_log (org_id, identity_id, patient_id, direction, type, content, provider_id, status, timestamp)
      SELECT ${orgId}, p.identity_id, p.id, ${direction}, 'text', ${text}, 'wamid.bench.' || p.id || '.' || ${i},
             ${direction === "INBOUND" ? "received" : "sent"}, (${DAY}::date + time '09:00' + ${i} * interval '2 hours')::timestamp AT TIME ZONE 'Europe/Madrid'
      FROM patients p WHERE p.org_id = ${orgId}`;
  }
}

/** The double runs in a child process, as OpenAI is remote: its CPU must not count against the app. */
async function startDoubleProcess(): Promise<{ url: string; chatCalls: () => Promise<number>; close: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--double"], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (c) => {
      buf += c;
      const line = buf.split("\n").find((l) => l.startsWith("http"));
      if (line) resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`OpenAI double exited (${code})`)));
  });
  return {
    url,
    chatCalls: async () => Number(await (await fetch(`http://127.0.0.1:${Number(new URL(url).port) + 1}/`)).text()),
    close: () => void child.kill("SIGTERM"),
  };
}

async function doubleMain() {
  const ai = await startOpenAIDouble({ latencyMs: LATENCY_MS });
  // A side door for the call count: a tiny second server, so the double itself stays untouched.
  const http = await import("node:http");
  const side = http.createServer((_req, res) => res.end(String(ai.calls.filter((c) => c.path === "/chat/completions").length)));
  await new Promise<void>((r) => side.listen(ai.port + 1, "127.0.0.1", () => r()));
  process.stdout.write(`${ai.url}\n`);
  process.on("SIGTERM", () => process.exit(0));
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kura-bench-analysis-"));
  const pg = await postgresServer({ dir: tmp });
  const stopPg = pg.stop;
  const url = await migratedDatabase(pg.url, `kura_bench_analysis_${process.pid}`);
  const ai = await startDoubleProcess();
  setConfig(parseConfig({ ...process.env, LOG_LEVEL: "error", DATABASE_URL: url, OPENAI_API_KEY: "bench-key", OPENAI_BASE_URL: ai.url }));
  process.env.LOG_LEVEL = "error";
  connect(url, { max: 20 });
  const concurrency = config().analysisConcurrency;

  try {
    const { orgId } = await createOrganization({ name: "Bench clinic", phoneNumberId: PNID, timezone: "Europe/Madrid", mode: "live" });
    const t0 = performance.now();
    await seed(orgId);
    const seedMs = performance.now() - t0;
    await startBoss(url, [analysisDayWorker]);

    // Webhook latency with nothing else running, then during the analysis.
    const quiet = webhookLoad(WEBHOOK_RPS);
    await new Promise((r) => setTimeout(r, BASELINE_SECONDS * 1000));
    const baseline = await quiet.stop();

    const busy = webhookLoad(WEBHOOK_RPS);
    const started = performance.now();
    const result = await runAnalysis({ date: DAY, orgId });
    const wallS = (performance.now() - started) / 1000;
    const during = await busy.stop();

    const [check] = await rawSql()`SELECT count(*)::int AS rows, count(DISTINCT patient_id)::int AS patients,
      count(*) FILTER (WHERE analyzer = 'openai')::int AS openai FROM daily_conversation_analysis WHERE org_id = ${orgId}`;
    const chatCalls = await ai.chatCalls().catch(() => -1);
    const rate = result.days_analyzed / wallS;
    const ideal = concurrency / (LATENCY_MS / 1000);
    const out = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, postgres: process.env.DATABASE_URL ? "DATABASE_URL" : "embedded" },
      patient_days: PATIENT_DAYS,
      openai_latency_ms: LATENCY_MS,
      concurrency,
      seed_ms: Math.round(seedMs),
      wall_s: r1(wallS),
      patient_days_per_s: r1(rate),
      ceiling_per_s: r1(ideal),
      efficiency: Math.round((rate / ideal) * 100) / 100,
      goal_per_s: 20,
      meets_goal: rate >= 20,
      rows: check!.rows,
      analyzed_by_openai: check!.openai,
      failed_jobs: result.failed,
      chat_calls: chatCalls,
      webhook: { rps: WEBHOOK_RPS, baseline, during_analysis: during },
    };
    const table = [
      ["patient-days", String(PATIENT_DAYS)],
      ["OpenAI double latency", `${LATENCY_MS} ms`],
      ["concurrency (ANALYSIS_CONCURRENCY)", String(concurrency)],
      ["wall time", `${out.wall_s} s`],
      ["patient-days/s", `${out.patient_days_per_s} (goal ≥ 20; ceiling ${out.ceiling_per_s} = concurrency / latency)`],
      ["rows (distinct patient-days)", `${check!.rows} (${check!.patients}), openai ${check!.openai}, failed jobs ${result.failed}`],
      ["webhook p50/p95/p99 quiet", `${baseline.p50_ms} / ${baseline.p95_ms} / ${baseline.p99_ms} ms (${baseline.requests} req)`],
      ["webhook p50/p95/p99 during", `${during.p50_ms} / ${during.p95_ms} / ${during.p99_ms} ms (${during.requests} req, ${during.errors} errors)`],
      ["webhook p99 during / quiet", `${(during.p99_ms / Math.max(baseline.p99_ms, 0.1)).toFixed(2)} (goal ≤ 1.25: ${during.p99_ms <= 1.25 * baseline.p99_ms ? "met" : "NOT met"})`],
    ];
    const w = Math.max(...table.map((r) => r[0]!.length));
    process.stdout.write(`\nbench:analysis\n${table.map(([k, v]) => `  ${k!.padEnd(w)}  ${v}`).join("\n")}\n\n`);
    fs.mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench/results/analysis.json"), JSON.stringify(out, null, 2) + "\n");
  } finally {
    await stopBoss().catch(() => {});
    await disconnect().catch(() => {});
    ai.close();
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS kura_bench_analysis_${process.pid} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await stopPg();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

(process.argv.includes("--double") ? doubleMain().then(() => new Promise(() => {})) : main()).then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench:analysis failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
