// One Postgres server for the whole run: the embedded one (Postgres 17), or DATABASE_URL's
// server (CI's Postgres 15). Each test file then makes its own database on it.
import type { TestProject } from "vitest/node";
import { startEmbedded } from "../db/embedded";

export default async function setup(project: TestProject) {
  let stop = async () => {};
  let url = process.env.DATABASE_URL;
  if (!url) {
    process.env.KURA_PG_FAST = "1";
    const pg = await startEmbedded(".data/test");
    url = pg.url;
    stop = pg.stop;
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
