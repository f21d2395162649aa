// Issue 12 (Hardening): one test per row of "What to build", each written to fail on the code
// the issue describes. In-process where the route modules show it; a real server process for
// what only Express shows (proxy hops, body limits, headers, start-up refusals, logs).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { freshDatabase } from "./db";
import { until } from "./wait";
import { BASE, call, form } from "./http";
import { makeOrg, makePatient } from "./factories";
import { addPatientMessages, addWebhookEvent } from "./fixtures/pages";
import * as loginRoute from "../app/routes/login";
import * as localeRoute from "../app/routes/locale";
import * as settingsPage from "../app/routes/_app.settings.whatsapp";
import { safeRedirect } from "../app/lib/safe-redirect";
import { createClinician } from "../app/models/clinician.server";
import { createSession } from "../app/auth/session.server";
import { parseDelivery } from "../app/ingest/payload.server";
import { describeError } from "../app/ingest/process.server";
import { db, rawSql } from "../db/client";
import { clinicians } from "../db/schema";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let org: Awaited<ReturnType<typeof makeOrg>>;

beforeAll(async () => {
  database = await freshDatabase();
  org = await makeOrg({ name: "Clínica Segura" });
});
afterAll(async () => {
  await database?.drop();
});

const get = (path: string, headers: Record<string, string> = {}) => new Request(`${BASE}${path}`, { headers });

async function clinicianOf(orgId: string, role: "admin" | "clinician", name = "Dra. Prueba") {
  const email = `${role}-${crypto.randomBytes(4).toString("hex")}@test.local`;
  const { clinicianId } = await createClinician({ orgId, email, password: "correct horse battery", role, name });
  const cookie = (await createSession(clinicianId, orgId)).split(";")[0]!;
  return { clinicianId, email, cookie };
}

describe("1. redirect targets stay on this origin", () => {
  const evil = ["//evil.example", "/\\evil.example", "/\tevil.example", "/\t/evil.example", "\\\\evil.example", "https://evil.example/x", "/\n/evil.example", " //evil.example", "/%5Cevil.example"];

  it("safeRedirect keeps same-origin paths and refuses everything a browser would resolve elsewhere", () => {
    expect(safeRedirect("/patients/1?x=2#h", "/patients")).toBe("/patients/1?x=2#h");
    expect(safeRedirect("/leads", "/patients")).toBe("/leads");
    for (const target of evil) {
      const out = safeRedirect(target, "/patients");
      expect(new URL(out, "http://kura.test").origin, JSON.stringify(target)).toBe("http://kura.test");
      expect(out.startsWith("/") && !out.startsWith("//") && !out.startsWith("/\\"), JSON.stringify(target)).toBe(true);
    }
  });

  it("POST /login with redirectTo=/\\evil.example or /<TAB>/evil.example lands on this origin", async () => {
    for (const redirectTo of ["/\\evil.example", "/\t/evil.example"]) {
      const res = await call(loginRoute.action, form("/login", { email: org.email, password: org.password, redirectTo }));
      expect(res.status).toBe(302);
      const location = res.headers.get("Location")!;
      expect(new URL(location, BASE).origin, location).toBe(BASE);
    }
  });

  it("the language switch uses the same check", async () => {
    for (const redirectTo of ["/\\evil.example", "/\t/evil.example"]) {
      const res = await call(localeRoute.action, form("/locale", { locale: "es", redirectTo }, { Cookie: org.cookie }));
      expect(new URL(res.headers.get("Location")!, BASE).origin).toBe(BASE);
    }
  });
});

describe("7. roles: replay, settings and unrouted deliveries are for admins", () => {
  it("a clinician cannot replay (403) and sees no test recipients or unrouted deliveries; an admin can", async () => {
    const o = await makeOrg({ name: "Clínica Roles", testRecipients: ["+34600000009"] });
    const plain = await clinicianOf(o.orgId, "clinician");
    const admin = await clinicianOf(o.orgId, "admin");
    const eventId = await addWebhookEvent({ orgId: o.orgId, status: "failed", error: "boom" });
    const unrouted = await addWebhookEvent({ orgId: null, status: "unrouted", phoneNumberIds: ["999000111222"] });

    const res = await call(settingsPage.action, form("/settings/whatsapp", { intent: "replay", eventId: String(eventId) }, { Cookie: plain.cookie }));
    expect(res.status).toBe(403);
    const seen = await (await call(settingsPage.loader, get("/settings/whatsapp", { Cookie: plain.cookie }))).json();
    expect(JSON.stringify(seen)).not.toContain("+34600000009");
    expect(JSON.stringify(seen)).not.toContain("999000111222");
    expect(seen.unrouted ?? null).toBeNull();

    const adminView = await (await call(settingsPage.loader, get("/settings/whatsapp", { Cookie: admin.cookie }))).json();
    expect(JSON.stringify(adminView)).toContain("+34600000009");
    // Unrouted deliveries: a count and the unknown phone_number_ids, never event ids.
    expect(adminView.unrouted.count).toBeGreaterThanOrEqual(1);
    expect(adminView.unrouted.phoneNumberIds).toContain("999000111222");
    expect(JSON.stringify(adminView.unrouted)).not.toMatch(new RegExp(`"id":${unrouted}\\b`));
    const ok = await call(settingsPage.action, form("/settings/whatsapp", { intent: "replay", eventId: String(eventId) }, { Cookie: admin.cookie }));
    expect(ok.status).toBe(200);
    // An unrouted event is not this clinic's to replay from the page (the CLI binds it).
    const theirs = await call(settingsPage.action, form("/settings/whatsapp", { intent: "replay", eventId: String(unrouted) }, { Cookie: admin.cookie }));
    expect(theirs.status).toBe(404);
  });
});

describe("11. payload parsing ignores __proto__, constructor and prototype", () => {
  it("a signed payload cannot swap an object's prototype", () => {
    const raw = `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
      "metadata":{"phone_number_id":"123456","display_phone_number":"34910000000"},
      "contacts":[{"wa_id":"34600000001","profile":{"name":"Ana"},"__proto__":{"polluted":"contact"}}],
      "messages":[{"from":"34600000001","id":"wamid.X","timestamp":"1700000000","type":"text","text":{"body":"hola"},
        "__proto__":{"polluted":"message","isAdmin":true},"constructor":{"prototype":{"polluted":"ctor"}},"prototype":{"x":1}}]}}]}]}`;
    const parsed = parseDelivery(JSON.parse(raw));
    expect(parsed.messages).toHaveLength(1);
    const m = parsed.messages[0]!;
    const rawMsg = m.raw as Record<string, unknown>;
    expect(Object.getPrototypeOf(rawMsg)).toBe(Object.prototype);
    expect((rawMsg as any).polluted).toBeUndefined();
    expect((rawMsg as any).isAdmin).toBeUndefined();
    for (const k of ["__proto__", "constructor", "prototype"]) expect(Object.hasOwn(rawMsg, k), k).toBe(false);
    expect(({} as any).polluted).toBeUndefined();
    expect(m.profileName).toBe("Ana");
  });
});

describe("12 (row 5). describeError keeps class and code only", () => {
  it("the driver's message, which can quote payload values, is not returned", () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "MARKER-secret-text"'), { name: "PostgresError", code: "22P02" });
    const out = describeError(err);
    expect(out).not.toContain("MARKER");
    expect(out).toContain("22P02");
    expect(out).toContain("PostgresError");
  });
});

describe("9. nothing that names a person reaches the model", () => {
  it("the OpenAI double receives role tokens for the patient's name, profile name, clinicians, phones and e-mails", async () => {
    const { startOpenAIDouble } = await import("../doubles/openai");
    const { analyzePatientDay } = await import("../app/analysis/nightly.server");
    const { parseConfig, setConfig, config } = await import("../app/config.server");
    const ai = await startOpenAIDouble();
    const before = config();
    setConfig(parseConfig({ NODE_ENV: "test", SESSION_SECRET: "test-session-secret-test-session-secret", DATABASE_URL: database.url, OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: ai.url }));
    try {
      const o = await makeOrg({ name: "Clínica Nombres", timezone: "Europe/Madrid" });
      await db().update(clinicians).set({ name: "Dra. Inmaculada Berenguer" }).where(eq(clinicians.orgId, o.orgId));
      await clinicianOf(o.orgId, "clinician", "Tomás Echeverría");
      const p = await makePatient(o.orgId, { name: "Rosalía Quintanilla Pardo", phone: "+34 611 222 333" });
      await rawSql()`UPDATE identity_vault SET profile_name = 'Rosi Q' WHERE id = ${p.identityId}`;
      const lines = [
        ["INBOUND", "Hola, soy Rosalía Quintanilla. Mi correo es rosalia.q+x@correo-ejemplo.es y mi móvil 611 222 333"],
        ["OUTBOUND", "Hola Rosalía, soy la Dra. Berenguer. Inmaculada te llama mañana; Tomás también está."],
        ["INBOUND", "Vale, gracias Dra. BERENGUER. Firmado: Rosi Q. (mi hermana rosalía tambien) ROSALIA"],
      ] as const;
      let minute = 0;
      for (const [direction, text] of lines) {
        await rawSql()`INSERT INTO message_log (id, org_id, identity_id, patient_id, direction, type, content, provider_id, status, timestamp)
          VALUES (${crypto.randomUUID()}, ${o.orgId}, ${p.identityId}, ${p.patientId}, ${direction}, 'text', ${text}, ${"wamid." + crypto.randomUUID()},
                  ${direction === "INBOUND" ? "received" : "sent"}, ${`2025-03-10T10:0${minute++}:00Z`})`;
      }
      const result = await analyzePatientDay({ orgId: o.orgId, patientId: p.patientId, day: "2025-03-10" }, { finalAttempt: true });
      expect(result.analyzer).toBe("openai");
      const sent = JSON.stringify(ai.calls.filter((c) => c.path === "/chat/completions").map((c) => c.body.messages));
      expect(sent.length).toBeGreaterThan(100);
      for (const word of ["Rosalía", "rosalía", "ROSALIA", "Quintanilla", "Rosi", "Pardo", "Berenguer", "BERENGUER", "Inmaculada", "Tomás", "correo-ejemplo", "rosalia.q", "611 222 333"]) {
        expect(sent, word).not.toContain(word);
      }
      expect(sent).toMatch(/\[paciente\]/);
      expect(sent).toMatch(/\[clínico\]/);
      expect(sent).toMatch(/\[email\]/);
    } finally {
      setConfig(before);
      await ai.close();
    }
  });

  it("the masking is linear: 64 KB of letters, of dots and of digits take milliseconds", async () => {
    const { redactForModel } = await import("../app/analysis/openai.server");
    for (const s of ["a".repeat(65_536), "a.".repeat(32_768), "1 ".repeat(32_768) + "x", "a@".repeat(32_768), "-".repeat(65_536) + "@"]) {
      const t0 = performance.now();
      redactForModel(s);
      expect(performance.now() - t0, s.slice(0, 6)).toBeLessThan(150);
    }
  });
});

describe("6. idle time counts only what a person does; /events ends with its session", () => {
  const sessionRow = async (clinicianId: string) =>
    (await rawSql()<{ id: string; seen_ms: number }[]>`SELECT id, (extract(epoch FROM last_seen_at) * 1000)::float8 AS seen_ms FROM sessions WHERE clinician_id = ${clinicianId}`)[0]!;
  const age = async (clinicianId: string, minutes: number) =>
    rawSql()`UPDATE sessions SET last_seen_at = now() - make_interval(mins => ${minutes}) WHERE clinician_id = ${clinicianId}`;

  it("a live revalidation (background) does not refresh last_seen_at; a navigation and a form post do", async () => {
    const { requireClinician } = await import("../app/auth/guard.server");
    const c = await clinicianOf(org.orgId, "clinician");
    await age(c.clinicianId, 20);
    const before = (await sessionRow(c.clinicianId)).seen_ms;
    // What useLiveRevalidation's revalidate() sends: a data request marked as background.
    await requireClinician(get("/patients?_data=root", { Cookie: `${c.cookie}; kura_bg=1` }));
    await requireClinician(get("/events", { Cookie: c.cookie, Accept: "text/event-stream" }));
    expect((await sessionRow(c.clinicianId)).seen_ms).toBe(before);
    await requireClinician(get("/patients", { Cookie: c.cookie }));
    expect((await sessionRow(c.clinicianId)).seen_ms).toBeGreaterThan(before);
    // 31 minutes of background traffic only: signed out.
    await age(c.clinicianId, 31);
    const res = await call(settingsPage.loader, get("/settings/whatsapp?_data=routes%2F_app.settings.whatsapp", { Cookie: `${c.cookie}; kura_bg=1` }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });

  it("an open /events stream ends at the next heartbeat after logout; at most a few streams per session", async () => {
    const events = await import("../app/routes/events");
    const logout = await import("../app/routes/logout");
    const c = await clinicianOf(org.orgId, "clinician");
    events.SSE_LIMITS.heartbeatMs = 50;
    const open: Array<{ res: Response; abort: AbortController }> = [];
    try {
      for (let i = 0; i < events.SSE_LIMITS.perSession; i++) {
        const abort = new AbortController();
        const res = await call(events.loader, new Request(`${BASE}/events`, { headers: { Cookie: c.cookie }, signal: abort.signal }));
        expect(res.status).toBe(200);
        open.push({ res, abort });
      }
      const extra = await call(events.loader, new Request(`${BASE}/events`, { headers: { Cookie: c.cookie } }));
      expect(extra.status).toBe(429);

      const reader = open[0]!.res.body!.getReader();
      await reader.read(); // "ready"
      await call(logout.action, form("/logout", {}, { Cookie: c.cookie }));
      const deadline = Date.now() + 5_000;
      let ended = false;
      while (!ended && Date.now() < deadline) ended = (await reader.read()).done;
      expect(ended).toBe(true);
    } finally {
      events.SSE_LIMITS.heartbeatMs = 20_000;
      for (const o of open) o.abort.abort();
    }
  });
});

describe("2. login throttling: atomic, per e-mail (lock) and per address (slow, never lock a clinic)", () => {
  it("12 parallel wrong passwords for one e-mail: at most 5 are hashed, the rest are 429 before hashing", async () => {
    const o = await makeOrg({ name: "Clínica Paralela" });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(loginRoute.action, form("/login", { email: o.email, password: `wrong-${i}` }), {}, { ip: `10.20.0.${i}` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    // Locked means locked: the right password waits for the window too.
    const right = await call(loginRoute.action, form("/login", { email: o.email, password: o.password }), {}, { ip: "10.20.1.1" });
    expect(right.status).toBe(429);
  });

  it("one shared address: many e-mails' typos slow it down, they never lock the clinic out", async () => {
    const { THROTTLE } = await import("../app/auth/rate-limit.server");
    const o = await makeOrg({ name: "Clínica NAT" });
    const ip = "203.0.113.7";
    // Ten clinicians each mistype twice: more than one e-mail's bound, far below the address's.
    for (let i = 0; i < 10; i++) {
      for (let k = 0; k < 2; k++) {
        const r = await call(loginRoute.action, form("/login", { email: `colega${i}@nat.test`, password: "typo" }), {}, { ip });
        expect(r.status).toBe(401);
      }
    }
    const ok = await call(loginRoute.action, form("/login", { email: o.email, password: o.password }), {}, { ip });
    expect(ok.status).toBe(302);

    // An attacker behind the same address goes past the address's bound: slowed to one attempt per interval.
    const saved = THROTTLE.slowEveryMs;
    try {
      let refused = 0;
      for (let i = 0; i < THROTTLE.perAddress + 5; i++) {
        const r = await call(loginRoute.action, form("/login", { email: `spray${i}@nat.test`, password: "guess" }), {}, { ip });
        if (r.status === 429) refused++;
      }
      expect(refused).toBeGreaterThan(0);
      // ...but not locked: once the interval has passed, the clinic's next sign-in goes through.
      THROTTLE.slowEveryMs = 0;
      const later = await call(loginRoute.action, form("/login", { email: o.email, password: o.password }), {}, { ip });
      expect(later.status).toBe(302);
    } finally {
      THROTTLE.slowEveryMs = saved;
    }
  });
});

describe("8. retention: raw bodies of processed events expire, rejections become hourly counts", () => {
  it("the hourly maintenance job empties old processed bodies only and folds rejections per hour and reason", async () => {
    const { maintenanceWorker } = await import("../jobs/maintenance");
    const { getWebhookHealth } = await import("../app/models/settings.server");
    const marker = "MARKER-retention-body";
    const body = `{"object":"whatsapp_business_account","entry":[],"x":"${marker}"}`;
    const ids: Record<string, number> = {};
    for (const [name, status, daysAgo] of [["oldProcessed", "processed", 40], ["newProcessed", "processed", 2], ["oldFailed", "failed", 40], ["oldUnrouted", "unrouted", 40], ["oldReceived", "received", 40]] as const) {
      ids[name] = await addWebhookEvent({ orgId: name === "oldUnrouted" ? null : org.orgId, status, body });
      await rawSql()`UPDATE webhook_events SET received_at = now() - make_interval(days => ${daysAgo}),
        processed_at = CASE WHEN ${status} = 'processed' THEN now() - make_interval(days => ${daysAgo}) END WHERE id = ${ids[name]!}`;
    }
    await rawSql()`INSERT INTO webhook_rejections (at, reason, size) SELECT now() - interval '2 hours' + (g * interval '1 second'), 'bad_signature', 10 FROM generate_series(1, 200) g`;
    await rawSql()`INSERT INTO webhook_rejections (at, reason, size) VALUES (now(), 'missing_signature', 3)`;
    const before = await getWebhookHealth(org.orgId);

    await maintenanceWorker.handler([] as any);

    const rows = await rawSql()<{ id: string; len: number }[]>`SELECT id, octet_length(body) AS len FROM webhook_events WHERE id = ANY(${Object.values(ids)}::bigint[])`;
    const len = (name: string) => rows.find((r) => Number(r.id) === ids[name])!.len;
    expect(len("oldProcessed")).toBe(0);
    for (const kept of ["newProcessed", "oldFailed", "oldUnrouted", "oldReceived"]) expect(len(kept), kept).toBeGreaterThan(0);
    const [{ n }] = (await rawSql()`SELECT count(*)::int AS n FROM webhook_rejections WHERE reason = 'bad_signature'`) as any;
    expect(n).toBeLessThanOrEqual(2); // the 200 fall in one or two clock hours
    const after = await getWebhookHealth(org.orgId);
    expect(after.signatureFailures24h).toBe(before.signatureFailures24h);
    expect(after.signatureFailures24h).toBeGreaterThanOrEqual(200);
  });
});

describe("8. retention: media bytes follow the clinic's setting", () => {
  it("an admin sets days on the WhatsApp settings page; the hourly job drops older downloaded bytes of that clinic only, the message stays", async () => {
    const { maintenanceWorker } = await import("../jobs/maintenance");
    const keeper = await makeOrg({ name: "Clínica Guarda" });
    const media = async (orgId: string, daysAgo: number) => {
      const patient = await makePatient(orgId, { name: "Paciente Nota" });
      const [message] = await addPatientMessages(orgId, patient.patientId, [{ direction: "INBOUND", type: "audio", content: "transcripción", at: new Date() }]);
      const messageId = message!.id;
      const [row] = await rawSql()<{ id: string }[]>`INSERT INTO media (org_id, message_id, meta_media_id, mime_type, bytes, size, state, downloaded_at)
        VALUES (${orgId}, ${messageId}, ${"mid-" + crypto.randomUUID()}, 'audio/ogg', ${Buffer.from("OggS")}, 4, 'done', now() - make_interval(days => ${daysAgo})) RETURNING id`;
      return { mediaId: row!.id, messageId };
    };
    // A clinician cannot change it; an admin can (org's first clinician is an admin).
    const clinician = await createClinician({ orgId: org.orgId, email: `c-${crypto.randomUUID()}@x.test`, password: "correct horse battery", role: "clinician" });
    const asClinician = (await createSession(clinician.clinicianId, org.orgId)).split(";")[0]!;
    const post = (cookie: string, days: string) => call(settingsPage.action, form("/settings/whatsapp", { intent: "media-retention", days }, { Cookie: cookie }));
    expect((await post(asClinician, "30").catch((r: Response) => r)).status).toBe(403);
    expect((await post(org.cookie, "30")).status).toBe(200);
    const old = await media(org.orgId, 40);
    const recent = await media(org.orgId, 5);
    const elsewhere = await media(keeper.orgId, 400);

    await maintenanceWorker.handler([] as any);

    const state = async (id: string) => (await rawSql()<{ state: string; bytes: Buffer | null; error: string | null }[]>`SELECT state, bytes, error FROM media WHERE id = ${id}`)[0]!;
    expect(await state(old.mediaId)).toMatchObject({ state: "expired", bytes: null });
    expect((await state(old.mediaId)).error).toContain("30 days");
    expect((await state(recent.mediaId)).bytes).not.toBeNull();
    expect((await state(elsewhere.mediaId)).bytes).not.toBeNull();
    const [msg] = await rawSql()`SELECT content FROM message_log WHERE id = ${old.messageId}`;
    expect(msg!.content).toBe("transcripción");
    const [audit] = await rawSql()`SELECT action FROM audit_log WHERE org_id = ${org.orgId} AND action = 'settings.media_retention'`;
    expect(audit).toBeTruthy();
  });
});

// ------------------------------------------------------------------------------------------
// The real process: Express's proxy handling, body limits, headers, start-up refusals, logs.
describe("the server process", () => {
  const ROOT = new URL("..", import.meta.url).pathname;
  const PROD = {
    NODE_ENV: "production",
    SESSION_SECRET: "security-test-session-secret-0123456789",
    META_APP_SECRET: "security-test-app-secret",
    META_WA_VERIFY_TOKEN: "security-test-verify",
  };
  let child: import("node:child_process").ChildProcess | null = null;
  let out = "";
  let base = "";
  let o: Awaited<ReturnType<typeof makeOrg>>;

  beforeAll(async () => {
    const { spawn } = await import("node:child_process");
    const port = String(12000 + Math.floor(Math.random() * 18000));
    base = `http://127.0.0.1:${port}`;
    o = await makeOrg({ name: "Clínica Proceso" });
    const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...PROD, META_SANDBOX: "1", DATABASE_URL: database.url, PORT: port, LOG_LEVEL: "info", KURA_DATA_DIR: `/tmp/kura-sec-${port}` } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = server;
    server.stdout!.on("data", (d) => (out += d));
    server.stderr!.on("data", (d) => (out += d));
    await until("the server's /readyz", async () => {
      if (child!.exitCode !== null) throw new Error(`server exited: ${out.slice(-2000)}`);
      return fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    }, 120_000).catch((e) => {
      throw new Error(`${(e as Error).message}; server output: ${out.slice(-2000)}`);
    });
  }, 150_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.on("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  });

  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: "POST", body: body as BodyInit, redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, ...headers } });

  it("2. a rotating X-Forwarded-For does not make a new address (TRUST_PROXY_HOPS=0)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 36; i++) {
      const body = new URLSearchParams({ email: `rot${i}@x.test`, password: "wrong" }).toString();
      statuses.push((await post("/login", body, { "X-Forwarded-For": `198.51.100.${i}, 10.0.0.1` })).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  }, 60_000);

  it("3. a 12 MB form to /login is refused 413 before it is read; the API takes 1 MB at most", async () => {
    // Node's client: the 413 arrives (and the connection closes) before the 12 MB are written.
    const http = await import("node:http");
    const big = Buffer.alloc(12 * 1024 * 1024, "a");
    const status = await new Promise<number>((resolve, reject) => {
      // Headers only: the answer must come before a single byte of the body is sent.
      const req = http.request(`${base}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": big.length, Origin: base } });
      req.on("response", (r) => {
        resolve(r.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "EPIPE" || (e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
      req.flushHeaders();
    });
    expect(status).toBe(413);
    const form64 = await post("/login", Buffer.alloc(70 * 1024, "a"));
    expect(form64.status).toBe(413);
    const api = await post("/api/v1/connect/send", Buffer.alloc(1024 * 1024 + 10, "a"), { "Content-Type": "application/json", Authorization: "Bearer x" });
    expect(api.status).toBe(413);
  });

  it("10. every HTML response has a nonce CSP, HSTS in production and a Permissions-Policy; the inline scripts carry the nonce", async () => {
    const res = await fetch(`${base}/login`);
    const html = await res.text();
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get("Permissions-Policy")).toMatch(/camera=\(\)/);
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const m of inline) expect(m[1]).toContain(`nonce="${nonce}"`);
    // A second response has another nonce.
    const again = (await fetch(`${base}/login`)).headers.get("Content-Security-Policy");
    expect(again).not.toBe(csp);
  });

  it("4. with META_SANDBOX=1 in production every page says nothing is sent", async () => {
    const html = await (await fetch(`${base}/login`)).text();
    expect(html).toMatch(/Sandbox — nothing is sent|Sandbox — no se envía nada/);
  });

  it("5. a marker in failing requests is nowhere in the log", async () => {
    const MARK = `MARKER${crypto.randomBytes(6).toString("hex")}`;
    const linesBefore = (out.match(/"msg":"request"/g) ?? []).length;
    // A session signed with the server's secret (o.cookie is signed with this process's;
    // signing in through the page would meet the address throttle row 2's test left behind).
    const { config } = await import("../app/config.server");
    const own = config().sessionSecret;
    config().sessionSecret = PROD.SESSION_SECRET;
    const cookie = await createSession(o.clinicianId, o.orgId).then((c) => c.split(";")[0]!).finally(() => (config().sessionSecret = own));
    const patient = await makePatient(o.orgId, { name: "Paciente Marcador" });
    // Live mode and an open 24-hour window, so the NUL message reaches the database and fails there.
    await rawSql()`UPDATE whatsapp_accounts SET mode = 'live' WHERE org_id = ${o.orgId}`;
    await addPatientMessages(o.orgId, patient.patientId, [{ direction: "INBOUND", content: "hola", at: new Date() }]);
    const tries: Array<Promise<Response>> = [
      // NUL in a message: the database refuses the text
      fetch(`${base}/api/v1/connect/send`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, Origin: base }, body: JSON.stringify({ patient_id: patient.patientId, message: `${MARK}\u0000` }) }),
      fetch(`${base}/api/v1/connect/send`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, Origin: base, "Idempotency-Key": `${MARK}-${"k".repeat(300)}` }, body: JSON.stringify({ patient_id: patient.patientId, message: `hola ${MARK}` }) }),
      fetch(`${base}/patients/${patient.patientId}/chat`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: base }, body: `intent=send&message=${MARK}%00&text=${MARK}%00` }),
      fetch(`${base}/api/v1/connect/send`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, Origin: base }, body: `{"message":"${MARK}` }),
      fetch(`${base}/patients/${MARK}/monitoring?q=${MARK}`, { headers: { Cookie: cookie } }),
      fetch(`${base}/patients/${MARK}/chat`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: base }, body: `intent=send&text=${MARK}%00` }),
      fetch(`${base}/api/v1/patients/${MARK}/monitoring/messages?days=${MARK}`, { headers: { Cookie: cookie } }),
      fetch(`${base}/leads?_data=routes%2F_app.leads`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: base }, body: `intent=convert&leadId=${MARK}&name=${MARK}%00` }),
      fetch(`${base}/settings/whatsapp`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: base }, body: `intent=replay&eventId=${MARK}` }),
      fetch(`${base}/login?redirectTo=${MARK}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base }, body: `email=${MARK}%00@x.test&password=${MARK}` }),
      fetch(`${base}/api/v1/webhooks/meta`, { method: "POST", headers: { "Content-Type": "application/json", "X-Hub-Signature-256": "sha256=00" }, body: `{"x":"${MARK}"}` }),
      fetch(`${base}/${MARK}`, { headers: { Cookie: cookie } }),
    ];
    const statuses = (await Promise.all(tries)).map((r) => r.status);
    expect(statuses.some((s) => s >= 500)).toBe(true); // at least one real failure path
    // The child's stdout has drained when all twelve request lines are in.
    await until("the request log lines", () => (out.match(/"msg":"request"/g) ?? []).length >= linesBefore + tries.length);
    expect(out).not.toContain(MARK);
  });
});

describe("4. production refuses to run on fakes", () => {
  const ROOT = new URL("..", import.meta.url).pathname;
  const run = async (env: Record<string, string>) => {
    const { spawnSync } = await import("node:child_process");
    return spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "security-test-session-secret-0123456789", META_APP_SECRET: "s", META_WA_VERIFY_TOKEN: "v", META_WA_TOKEN: "", META_SANDBOX: "", DATABASE_URL: database.url, ...env },
      encoding: "utf8",
      timeout: 30_000,
    });
  };
  it("without META_WA_TOKEN (and no META_SANDBOX=1): one clear line, exit 1", async () => {
    const r = await run({});
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/META_WA_TOKEN is required when NODE_ENV=production \(or set META_SANDBOX=1/);
  });
  it("without DATABASE_URL: one clear line, exit 1", async () => {
    const r = await run({ DATABASE_URL: "", META_WA_TOKEN: "token" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/DATABASE_URL is required when NODE_ENV=production/);
  });
});
