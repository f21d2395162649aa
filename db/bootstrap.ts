// Database first: the embedded Postgres (no DATABASE_URL) or the configured server, the
// database created when missing, migrations applied, the pool connected.
import { connect } from "./client";
import { startEmbedded, withDatabase } from "./embedded";
import { ensureDatabase, runMigrations } from "./migrate";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** What opening needs from the app's configuration (db/ imports nothing above it). */
export interface DatabaseSettings {
  databaseUrl?: string | null;
  dataDir: string;
}

export async function openDatabase(cfg: DatabaseSettings, opts: { poolMax?: number; log?: (line: string) => void; ownSignals?: boolean } = {}): Promise<OpenDatabase> {
  let url = cfg.databaseUrl;
  let stopEmbedded = async () => {};
  if (!url) {
    const pg = await startEmbedded(cfg.dataDir, opts.log, { ownSignals: opts.ownSignals });
    url = withDatabase(pg.url, "kura");
    stopEmbedded = pg.stop;
  }
  await ensureDatabase(url);
  await runMigrations(url);
  const handle = connect(url, { max: opts.poolMax });
  return {
    url,
    embedded: !cfg.databaseUrl,
    close: async () => {
      await handle.sql.end({ timeout: 5 });
      await stopEmbedded();
    },
  };
}
