// One postgres-js pool per process. It lives on globalThis because server.ts (run by tsx) and
// the Remix server build (bundled separately) each load their own copy of this module.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

interface Handle {
  url: string;
  sql: postgres.Sql;
  db: Db;
}

declare global {
  // eslint-disable-next-line no-var
  var __kuraDb: Handle | undefined;
}

export function connect(url: string, opts: { max?: number } = {}): Handle {
  const sql = postgres(url, {
    max: opts.max ?? 20,
    onnotice: () => {},
    // Cloud SQL and the CI server may drop idle connections; reconnect lazily.
    idle_timeout: 30,
    connect_timeout: 10,
  });
  const handle = { url, sql, db: drizzle(sql, { schema }) };
  globalThis.__kuraDb = handle;
  return handle;
}

function handle(): Handle {
  const h = globalThis.__kuraDb;
  if (!h) throw new Error("database not connected: call connect() first");
  return h;
}

export const db = (): Db => handle().db;
export const rawSql = (): postgres.Sql => handle().sql;
export const databaseUrl = (): string => handle().url;

export async function disconnect() {
  const h = globalThis.__kuraDb;
  globalThis.__kuraDb = undefined;
  await h?.sql.end({ timeout: 5 });
}
