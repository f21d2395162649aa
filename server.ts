// The one process: database → migrations → job queue and workers → HTTP through Remix.
// SIGTERM (Cloud Run allows 10 s): stop accepting, finish in-flight requests, stop the queue,
// close the pool, stop the embedded Postgres.
import "./app/lib/quiet-dotenv";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, parseConfig, setConfig, type Config } from "./app/config.server";
import { knowRoutePaths, loggablePath, logger } from "./app/logger.server";
import { openDatabase } from "./db/bootstrap";
import { ensureDefaultOrganization, seedDemo } from "./app/sandbox/seed.server";
import { seedDemoConversations } from "./app/sandbox/demo-week.server";
import { startBoss, stopBoss } from "./app/queue.server";
import { ingestProcessor, stopIngestProcessor } from "./app/ingest/process.server";
import { warmCpuPool } from "./app/lib/cpu-pool.server";
import { workers } from "./jobs/index";
import { startSandbox } from "./app/sandbox/index.server";
import { applyTrustProxy, bodyLimits, securityHeaders } from "./app/http-security.server";

function loadConfig(): Config {
  try {
    const cfg = parseConfig();
    if (!cfg.sessionSecret) cfg.sessionSecret = localSessionSecret(cfg.dataDir);
    setConfig(cfg);
    return cfg;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

// Outside production a secret is generated once and kept, so sessions survive restarts.
function localSessionSecret(dataDir: string) {
  const file = path.join(dataDir, "session-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function printDemoLogin(port: number, login: { email: string; password: string; orgId?: string }) {
  const lines = [
    "Kura Connect demo login (shown once; stored only as a hash):",
    `  URL:      http://localhost:${port}/login`,
    `  Email:    ${login.email}`,
    `  Password: ${login.password}`,
    // The id every CLI command asks for (--org); `npm run -s kura -- org:list` shows it later.
    ...(login.orgId ? [`  Org id:   ${login.orgId}`] : []),
  ];
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
}

type Action = NonNullable<ServerBuild["routes"][string]["module"]["action"]>;

/** Only what the webhook action reads from a Request: method, headers.get, body.getReader(). */
function requestShim(req: http.IncomingMessage) {
  const chunks = req.iterator({ destroyOnReturn: false });
  return {
    method: req.method,
    url: `http://${req.headers.host ?? "localhost"}${req.url}`,
    headers: {
      get(name: string) {
        const v = req.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
      },
    },
    body: {
      getReader: () => ({
        read: async () => {
          const r = await chunks.next();
          return r.done ? { done: true as const, value: undefined } : { done: false as const, value: r.value as Buffer };
        },
        cancel: async () => void (await chunks.return?.()),
      }),
    },
  };
}

async function fastWebhook(action: Action, req: http.IncomingMessage, res: http.ServerResponse) {
  const t0 = process.hrtime.bigint();
  const requestId = (String(req.headers["x-cloud-trace-context"] ?? "").split("/")[0] || crypto.randomUUID()).slice(0, 64);
  let status = 500;
  try {
    const response = (await action({ request: requestShim(req) as unknown as Request, params: {}, context: { requestId } })) as Response;
    status = response.status;
    const body = await response.text();
    res.writeHead(status, {
      "Content-Type": response.headers.get("Content-Type") ?? "text/plain; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "X-Request-Id": requestId,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      // A body left unread (413) cannot be skipped on a kept-alive connection.
      ...(req.readableEnded ? {} : { Connection: "close" }),
    });
    res.end(body);
  } catch (err) {
    logger().error({ err: { message: (err as Error)?.message } }, "webhook handler failed");
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end("Internal error");
  }
  logger().info({ requestId, method: "POST", path: "/api/v1/webhooks/meta", status, ms: Math.round(Number(process.hrtime.bigint() - t0) / 1e5) / 10 }, "request");
}

// A signal during start-up is held until the server is up, then handled like any other: the
// default action would kill the process and orphan the embedded Postgres mid-migration.
let onSignal: ((signal: string) => void) | null = null;
let pendingSignal: string | null = null;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => (onSignal ? onSignal(signal) : (pendingSignal ??= signal)));
}

async function main() {
  const cfg = loadConfig();
  const log = logger();
  const started = Date.now();
  const database = await openDatabase(cfg, { log: (line) => log.debug({ postgres: line }, "postgres"), ownSignals: true });
  const sandbox = cfg.meta.sandbox && !cfg.meta.graphUrlExplicit ? await startSandbox(cfg) : null;

  const def = await ensureDefaultOrganization(cfg);
  const demo = !cfg.production && def ? await seedDemo(def.orgId) : null;

  await startBoss(database.url, workers);
  // Stage two of the webhook: events stored by an earlier run (or another instance) are processed now.
  ingestProcessor();
  // Risk screening runs in worker threads; they start now, not with the first message.
  warmCpuPool();
  // After the queue: the demo week goes through ingest, which enqueues jobs.
  if (demo && def) await seedDemoConversations(def.orgId, demo.patientIds);

  const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
  knowRoutePaths(Object.values(build.routes).map((r) => r.path));
  const app = express();
  app.disable("x-powered-by");
  applyTrustProxy(app, cfg);
  app.use((req, res, next) => {
    const requestId = (req.get("X-Cloud-Trace-Context")?.split("/")[0] ?? crypto.randomUUID()).slice(0, 64);
    const t0 = process.hrtime.bigint();
    res.setHeader("X-Request-Id", requestId);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // same-origin: cross-site requests get no referrer; our own form posts keep a real Origin
    // (with no-referrer Chromium sends "Origin: null" and the CSRF check would refuse them).
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // Path only: query strings and bodies can carry health data.
      log.info({ requestId, method: req.method, path: loggablePath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    (req as any).requestId = requestId;
    next();
  });
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use((req, res, next) => {
    // CSRF, first line: a browser's cross-site POST carries a foreign Origin. Routes using a
    // session also require a matching Origin (assertSameOrigin); Meta's webhook sends none.
    const origin = req.get("Origin");
    if (origin && req.method !== "GET" && req.method !== "HEAD") {
      let host: string | null = null;
      try {
        host = new URL(origin).host;
      } catch {}
      if (host !== (req.get("X-Forwarded-Host") ?? req.get("Host"))) {
        res.status(403).type("text/plain").send("Cross-origin request refused");
        return;
      }
    }
    next();
  });
  app.use((_req, res, next) => {
    // Health data: nothing a page or API returns may be cached by a browser or proxy.
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  app.use(bodyLimits());
  app.use(securityHeaders(cfg));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: cfg.production ? "production" : "development",
      getLoadContext: (req, res) => ({ ip: req.ip ?? "unknown", requestId: (req as any).requestId, cspNonce: res.locals.cspNonce as string }),
    }),
  );

  // Fast path for Meta's webhook POST (up to ~1,000 deliveries/s): the SAME action from the
  // built route module, without Express's stack and Remix's request pipeline (routing, a full
  // undici Request, body streams) — together about a quarter of the CPU per delivery.
  // Requests with an Origin header take the normal path (CSRF check).
  const webhookAction = build.routes["routes/api.v1.webhooks.meta"]?.module.action;
  const server = http.createServer((req, res) => {
    if (webhookAction && req.method === "POST" && req.url?.split("?")[0] === "/api/v1/webhooks/meta" && !req.headers.origin) {
      void fastWebhook(webhookAction, req, res);
    } else app(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(cfg.port, resolve));
  log.info({ port: cfg.port, embedded: database.embedded, sandbox: Boolean(sandbox), ms: Date.now() - started }, "listening");
  if (demo) printDemoLogin(cfg.port, { ...demo, orgId: def?.orgId });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 9_500);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    // An event claimed but unfinished here stays stored; it is taken over after the claim timeout.
    await stopIngestProcessor().catch(() => {});
    await stopBoss().catch((err) => log.error({ err: { message: err.message } }, "job queue stop failed"));
    await sandbox?.close();
    await database.close();
    log.info("stopped");
    process.exit(0);
  };
  onSignal = (signal) => void shutdown(signal);
  if (pendingSignal) onSignal(pendingSignal);
}

main().catch((err) => {
  logger().fatal({ err: { message: err?.message, stack: err?.stack } }, "start-up failed");
  process.exit(1);
});
