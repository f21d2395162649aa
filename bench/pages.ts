// npm run bench:pages — the clinician's pages on a large clinic: 1,000 patients × 90 days
// (1,000,000 messages, 90,000 daily analyses, alerts), built with INSERT … SELECT
// generate_series. The real server (server.ts, a child process) answers over HTTP with a
// logged-in session: p95 of the monitoring and chat loaders (single-fetch .data requests) and
// full documents, the patients list; and the JavaScript the monitoring page loads, gzipped.
// Prints a table and writes bench/results/pages.json. A benchmark, not a test.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { migratedDatabase, postgresServer } from "../test/postgres";
import { connect, disconnect, rawSql } from "../db/client";
import { parseConfig, setConfig } from "../app/config.server";
import { createOrganization } from "../app/models/organization.server";
import { createClinician } from "../app/models/clinician.server";
import { createSession } from "../app/auth/session.server";

const ROOT = path.resolve(import.meta.dirname, "..");
const PATIENTS = 1000;
const PER_PATIENT = 1000; // over 90 days
const DAYS = 90;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const SECRET = "bench-session-secret-bench-session-secret";
const PNID = "100000000000888";
const TZ = "Europe/Madrid";
const BUDGET = { monitoring: 50, chat: 50, list: 100, search: 300, jsKb: 150 };
// Search (issue 14 item 4): a name without accents, a phone as typed, words of 1 in 40 messages
// (the voice-note transcriptions: 25,000 of 1 M), and a word in every message (the worst case).
const SEARCHES = { name: ["lucia", "sofia", "garcia paciente 12"], phone: ["+34 61 000 0123", "610000777", "0034610000042"], text: ["nota de voz", "transcripcion", "voz"], every: ["prueba"] };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function buildData(url: string) {
  const t0 = process.hrtime.bigint();
  const { orgId } = await createOrganization({ name: "Clínica Bench", phoneNumberId: PNID, timezone: TZ, displayPhone: "+34 910 000 000" });
  const { clinicianId } = await createClinician({ orgId, email: "bench@kura.local", password: "bench-password-123" });
  const sql = rawSql();
  await sql`INSERT INTO identity_vault (org_id, phone, wa_id)
            SELECT ${orgId}, '+3461' || lpad(g::text, 7, '0'), '3461' || lpad(g::text, 7, '0') FROM generate_series(1, ${PATIENTS}) g`;
  await sql`INSERT INTO patients (org_id, identity_id, name)
            SELECT org_id, id, (ARRAY['María','Javier','Lucía','Pablo','Elena','Carmen','Diego','Sofía'])[1 + (substr(wa_id, 5)::int % 8)] || ' Paciente ' || substr(wa_id, 5)
            FROM identity_vault WHERE org_id = ${orgId}`;
  // 90 days / 1,000 messages = one every 7,776 s per patient, offset per patient.
  await sql`INSERT INTO message_log (org_id, identity_id, patient_id, direction, type, content, provider_id, status, timestamp, media_url, transcription_state)
            SELECT ${orgId}, p.identity_id, p.id,
                   CASE WHEN i % 3 = 0 THEN 'OUTBOUND' ELSE 'INBOUND' END,
                   CASE WHEN i % 40 = 0 THEN 'audio' ELSE 'text' END,
                   CASE WHEN i % 40 = 0 THEN 'Transcripción de una nota de voz de prueba' ELSE 'Mensaje de prueba número ' || i || ', con algo de texto para que pese como uno real.' END,
                   'wamid.bench.' || p.n || '.' || i,
                   CASE WHEN i % 3 = 0 THEN 'read' ELSE 'received' END,
                   now() - make_interval(secs => i * ${(DAYS * 86400) / PER_PATIENT}::float8 + (p.n % 600)),
                   CASE WHEN i % 40 = 0 THEN '/media/' || gen_random_uuid() ELSE NULL END,
                   CASE WHEN i % 40 = 0 THEN 'done' ELSE NULL END
            FROM (SELECT id, identity_id, row_number() OVER (ORDER BY id) AS n FROM patients WHERE org_id = ${orgId}) p,
                 generate_series(0, ${PER_PATIENT - 1}) i`;
  await sql`INSERT INTO daily_conversation_analysis (org_id, patient_id, day, sentiment_score, emotional_state, risk_level, risk_flags, summary, suggestion, message_count, model, analyzer)
            SELECT ${orgId}, p.id, (now() AT TIME ZONE ${TZ})::date - d,
                   sin((d + p.n) / 7.0) * 0.8, 'estable',
                   CASE WHEN (d + p.n) % 29 = 0 THEN 'HIGH' WHEN (d + p.n) % 11 = 0 THEN 'MEDIUM' ELSE 'NONE' END,
                   CASE WHEN (d + p.n) % 29 = 0 THEN ARRAY['hopelessness'] ELSE '{}'::text[] END,
                   'Resumen del día con varias frases sobre cómo se encuentra el paciente y lo que contó.',
                   'Mantener el seguimiento habitual.', 11, 'kura-local-1', 'local'
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM patients WHERE org_id = ${orgId}) p,
                 generate_series(1, ${DAYS}) d`;
  // One in ten patients has an open alert on their latest inbound message; one in ten an acknowledged one.
  await sql`INSERT INTO risk_alerts (org_id, patient_id, message_id, level, flags, source, acknowledged_by, acknowledged_at)
            SELECT ${orgId}, p.id, m.id, CASE WHEN p.n % 20 = 0 THEN 'HIGH' ELSE 'MEDIUM' END, ARRAY['hopelessness'], 'lexicon',
                   CASE WHEN p.n % 10 = 5 THEN ${clinicianId}::uuid END, CASE WHEN p.n % 10 = 5 THEN now() END
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM patients WHERE org_id = ${orgId}) p
            CROSS JOIN LATERAL (SELECT id FROM message_log WHERE patient_id = p.id AND direction = 'INBOUND' ORDER BY timestamp DESC LIMIT 1) m
            WHERE p.n % 10 IN (0, 5)`;
  await sql`VACUUM ANALYZE`.simple();
  const [{ n }] = await sql`SELECT count(*)::int AS n FROM message_log`;
  return { orgId, clinicianId, messages: n as number, buildSeconds: ms(t0) / 1000 };
}

async function explain(orgId: string) {
  const sql = rawSql();
  const [p] = await sql`SELECT id FROM patients WHERE org_id = ${orgId} ORDER BY id LIMIT 1`;
  const plans: Record<string, string> = {};
  const q = async (name: string, text: string, params: unknown[]) => {
    const rows = await sql.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params as any[]);
    plans[name] = rows.map((r: any) => r["QUERY PLAN"]).join("\n");
  };
  await q(
    "monitoring.messages",
    `SELECT id, direction, type, content, timestamp FROM message_log WHERE patient_id = $1 AND org_id = $2
       AND timestamp >= (((now() AT TIME ZONE $3)::date - 6)::timestamp AT TIME ZONE $3) ORDER BY timestamp DESC LIMIT 1000`,
    [p!.id, orgId, TZ],
  );
  await q(
    "patients.list",
    `SELECT p.id, p.name, (SELECT max(m.timestamp) FROM message_log m WHERE m.patient_id = p.id) AS last
       FROM patients p LEFT JOIN (SELECT patient_id, count(*) FROM risk_alerts WHERE org_id = $1 AND acknowledged_at IS NULL GROUP BY patient_id) r ON r.patient_id = p.id
      WHERE p.org_id = $1 ORDER BY r.count DESC NULLS LAST, last DESC NULLS LAST LIMIT 1000`,
    [orgId],
  );
  await q(
    "search.messages",
    `SELECT m.patient_id FROM message_log m WHERE m.org_id = $1 AND m.patient_id IS NOT NULL
       AND public.kura_search_vector(m.content) @@ public.kura_search_query($2)`,
    [orgId, "nota de voz"],
  );
  return plans;
}

function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      PORT: String(port),
      SESSION_SECRET: SECRET,
      META_APP_SECRET: "bench-app-secret",
      META_WA_VERIFY_TOKEN: "bench-verify",
      META_WA_PHONE_ID: PNID,
      META_WA_TOKEN: "bench-never-sends",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 120_000;
    const poll = async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (r.ok) return resolve(child);
      } catch {}
      if (child.exitCode !== null) return reject(new Error("server exited"));
      if (Date.now() > deadline) return reject(new Error("server did not become ready"));
      setTimeout(poll, 300);
    };
    poll();
  });
}

async function measure(base: string, cookie: string, paths: () => string, samples: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples + 10; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(base + paths(), { headers: { Cookie: cookie }, redirect: "manual" });
    const body = await res.arrayBuffer();
    const t = ms(t0);
    if (res.status !== 200) throw new Error(`${paths()} answered ${res.status}`);
    if (i >= 10) {
      times.push(t);
      bytes += body.byteLength;
    }
  }
  return { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), avgKb: bytes / times.length / 1024 };
}

function rotate(queries: string[]) {
  let i = 0;
  return () => `/patients?q=${encodeURIComponent(queries[i++ % queries.length]!)}`;
}

async function shippedJs(base: string, cookie: string, pagePath: string) {
  const html = await (await fetch(base + pagePath, { headers: { Cookie: cookie } })).text();
  // What the browser loads: module preloads, script tags and the inline imports (the route
  // manifest also names modules of other routes, which are not loaded).
  const refs = new Set<string>();
  for (const m of html.matchAll(/<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<script[^>]* src="(\/build\/[^"]+\.js)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/import(?:\s*\*\s*as\s+\w+\s+from\s*|\()"(\/build\/[^"]+\.js)"/g)) refs.add(m[1]!);
  const files = [...refs].map((ref) => {
    const raw = fs.readFileSync(path.join(ROOT, "public", ref));
    return { file: ref, raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length };
  });
  return { files, rawKb: files.reduce((s, f) => s + f.raw, 0) / 1024, gzipKb: files.reduce((s, f) => s + f.gzip, 0) / 1024 };
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, "build/index.js"))) throw new Error("run `npx remix build` first");
  if (!process.env.DATABASE_URL) process.env.KURA_PG_FAST = "1";
  const pg = await postgresServer({ log: () => {}, ownSignals: true });
  const stopPg = pg.stop;
  const url = await migratedDatabase(pg.url, `kura_bench_pages_${process.pid}`);
  // Production requires a Graph token (config.server.ts); the pages measured never send.
  setConfig(parseConfig({ NODE_ENV: "production", DATABASE_URL: url, SESSION_SECRET: SECRET, META_APP_SECRET: "x", META_WA_VERIFY_TOKEN: "y", META_WA_TOKEN: "bench-never-sends" }));
  connect(url, { max: 4 });
  process.stdout.write("building 1,000,000 messages… ");
  const data = await buildData(url);
  process.stdout.write(`${data.messages.toLocaleString("en")} rows in ${data.buildSeconds.toFixed(1)} s\n`);
  const plans = await explain(data.orgId);
  const cookie = (await createSession(data.clinicianId, data.orgId)).split(";")[0]!;
  const patientIds = (await rawSql()`SELECT id FROM patients WHERE org_id = ${data.orgId}`).map((r) => r.id as string);
  const pick = () => patientIds[Math.floor(Math.random() * patientIds.length)]!;

  const port = await freePort();
  const child = await startServer(url, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const monitoringRoute = encodeURIComponent("routes/_app.patients.$patientId.monitoring");
    const chatRoute = encodeURIComponent("routes/_app.patients.$patientId.chat");
    const rows = {
      "monitoring loader (.data)": await measure(base, cookie, () => `/patients/${pick()}/monitoring.data?_routes=${monitoringRoute}`, SAMPLES),
      "chat loader (.data)": await measure(base, cookie, () => `/patients/${pick()}/chat.data?_routes=${chatRoute}`, SAMPLES),
      "monitoring page (document)": await measure(base, cookie, () => `/patients/${pick()}/monitoring`, SAMPLES),
      "chat page (document)": await measure(base, cookie, () => `/patients/${pick()}/chat`, SAMPLES),
      "patients list (document, 1,000)": await measure(base, cookie, () => `/patients`, SAMPLES),
      "search: name / phone (document)": await measure(base, cookie, rotate([...SEARCHES.name, ...SEARCHES.phone]), SAMPLES),
      "search: words in 25,000 of 1 M messages": await measure(base, cookie, rotate(SEARCHES.text), SAMPLES),
      "search: a word in every message (worst)": await measure(base, cookie, rotate(SEARCHES.every), Math.min(SAMPLES, 50)),
    };
    const js = await shippedJs(base, cookie, `/patients/${patientIds[0]}/monitoring`);
    const budgets: Record<string, number> = {
      "monitoring loader (.data)": BUDGET.monitoring,
      "chat loader (.data)": BUDGET.chat,
      "patients list (document, 1,000)": BUDGET.list,
      "search: name / phone (document)": BUDGET.search,
      "search: words in 25,000 of 1 M messages": BUDGET.search,
    };
    const table = Object.entries(rows).map(([name, r]) => ({
      measure: name,
      p50_ms: +r.p50.toFixed(1),
      p95_ms: +r.p95.toFixed(1),
      p99_ms: +r.p99.toFixed(1),
      kb: +r.avgKb.toFixed(1),
      budget_p95_ms: budgets[name] ?? null,
      ok: budgets[name] ? r.p95 <= budgets[name]! : null,
    }));
    console.table(table);
    console.log(`JS shipped to the monitoring page: ${js.files.length} files, ${js.rawKb.toFixed(1)} KB raw, ${js.gzipKb.toFixed(1)} KB gzipped (budget ${BUDGET.jsKb} KB): ${js.gzipKb <= BUDGET.jsKb ? "ok" : "OVER"}`);
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
      dataset: { patients: PATIENTS, days: DAYS, messages: data.messages, analyses: PATIENTS * DAYS, build_seconds: +data.buildSeconds.toFixed(1) },
      samples: SAMPLES,
      concurrency: 1,
      results: table,
      js: { budget_kb: BUDGET.jsKb, gzip_kb: +js.gzipKb.toFixed(1), raw_kb: +js.rawKb.toFixed(1), files: js.files, ok: js.gzipKb <= BUDGET.jsKb },
      plans,
    };
    fs.mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench/results/pages.json"), JSON.stringify(result, null, 2) + "\n");
    console.log("wrote bench/results/pages.json");
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await disconnect();
    if (!process.env.DATABASE_URL) await stopPg();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
