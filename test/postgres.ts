// The one Postgres bootstrap for tests, end-to-end support and benchmarks: DATABASE_URL's
// server when set (CI's Postgres 15), else an embedded Postgres 17 in a folder of its own; and
// migrated databases on it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbedded, withDatabase } from "../db/embedded";
import { ensureDatabase, runMigrations } from "../db/migrate";

export interface PostgresServer {
  /** Server URL (database `postgres`). */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function postgresServer(opts: { dir?: string; keepDir?: boolean; log?: (line: string) => void; ownSignals?: boolean; ownExit?: boolean; useDatabaseUrl?: boolean } = {}): Promise<PostgresServer> {
  const external = opts.useDatabaseUrl === false ? undefined : process.env.DATABASE_URL;
  if (external) return { url: withDatabase(external, "postgres"), embedded: false, stop: async () => {} };
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "kura-pg-"));
  const pg = await startEmbedded(dir, opts.log, { ownSignals: opts.ownSignals, ownExit: opts.ownExit });
  return {
    url: pg.url,
    embedded: true,
    async stop() {
      await pg.stop();
      if (!opts.keepDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database named `name` on the server, created when missing and migrated; returns its URL. */
export async function migratedDatabase(serverUrl: string, name: string, opts: { migrate?: boolean } = {}): Promise<string> {
  const url = withDatabase(serverUrl, name);
  await ensureDatabase(url);
  if (opts.migrate !== false) await runMigrations(url);
  return url;
}
