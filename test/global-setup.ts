// One Postgres server for the whole run: the embedded one (Postgres 17), or DATABASE_URL's
// server (CI's Postgres 15). Each test file then makes its own database on it.
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { startEmbedded } from "../db/embedded";

export default async function setup(project: TestProject) {
  let stop = async () => {};
  let url = process.env.DATABASE_URL;
  if (!url) {
    process.env.KURA_PG_FAST = "1";
    // A cluster per run, so two runs at once (or a crashed one) never share a server.
    const dir = `.data/test/${process.pid}`;
    const pg = await startEmbedded(dir);
    url = pg.url;
    stop = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  project.provide("pgServerUrl", url);
  return async () => {
    await stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}
