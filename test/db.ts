// Each test file gets a database of its own, migrated, with the app's pool pointed at it.
import crypto from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { connect, disconnect } from "../db/client";
import { withDatabase } from "../db/embedded";
import { migratedDatabase } from "./postgres";
import { parseConfig, setConfig } from "../app/config.server";

export async function freshDatabase(env: Record<string, string> = {}) {
  const server = inject("pgServerUrl");
  const name = `kura_t_${crypto.randomBytes(5).toString("hex")}`;
  const url = await migratedDatabase(server, name);
  setConfig(parseConfig({ NODE_ENV: "test", SESSION_SECRET: "test-session-secret-test-session-secret", DATABASE_URL: url, ...env }));
  connect(url, { max: 10 });
  return {
    url,
    async drop() {
      await disconnect();
      const a = postgres(withDatabase(server, "postgres"), { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
