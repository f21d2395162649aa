import { startEmbedded, withDatabase } from "../db/embedded";
import { connect, rawSql } from "../db/client";
import { parseConfig, setConfig } from "../app/config.server";
import { INGEST_SQL } from "../app/ingest/process.server";
process.env.KURA_PG_FAST = "1";
const pg = await startEmbedded("/tmp/kprof/data2");
const url = withDatabase(pg.url, "prof");
setConfig(parseConfig({ DATABASE_URL: url })); connect(url);
const [org] = await rawSql()`SELECT org_id FROM whatsapp_accounts LIMIT 1`;
const [ev] = await rawSql()`SELECT id FROM webhook_events LIMIT 1`;
const mk = () => [JSON.stringify([{ k: 0, org_id: org!.org_id, phone: "+34600100001", wa_id: "34600100001", user_id: null, name: "P" }]),
  JSON.stringify([{ k: 0, provider_id: "wamid.x" + Math.random(), type: "text", content: "hola", ts: new Date().toISOString(), raw: { a: 1 }, context_id: null, media_row: null, media_id: null, mime: null, sha: null, error_code: null, error_title: null, error_details: null }]),
  "[]", ev!.id, "processed", null, org!.org_id, null, 1, 0, "kura_events"];
for (let i = 0; i < 8; i++) {
  const r = await rawSql().unsafe("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) " + INGEST_SQL, mk() as any[]);
  console.log(r.filter((x: any) => /Planning|Execution|Trigger/.test(x["QUERY PLAN"])).map((x: any) => x["QUERY PLAN"]).join(" | "));
}
for (const mode of ["auto", "force_generic_plan", "force_custom_plan"]) {
  const c = await rawSql().reserve();
  await c.unsafe(`SET plan_cache_mode = ${mode}`);
  for (const prep of [true, false]) {
    const t = performance.now();
    for (let i = 0; i < 200; i++) await c.unsafe(INGEST_SQL, mk() as any[], { prepare: prep });
    console.log(mode, "prepare", prep, (performance.now() - t) / 200);
  }
  c.release();
}
const t0 = performance.now();
for (let i = 0; i < 200; i++) await rawSql().unsafe(INGEST_SQL, mk() as any[], { prepare: true });
console.log("prepared exec avg ms", (performance.now() - t0) / 200);
const t1 = performance.now();
for (let i = 0; i < 200; i++) await rawSql()`INSERT INTO webhook_events (body) VALUES (${Buffer.from("x")})`;
console.log("simple insert avg ms", (performance.now() - t1) / 200);
await pg.stop(); process.exit(0);
