import { startEmbedded, withDatabase } from "../db/embedded";
import { ensureDatabase, runMigrations } from "../db/migrate";
import { connect, rawSql } from "../db/client";
import { parseConfig, setConfig } from "../app/config.server";
import { startBoss } from "../jobs/boss";
import { createOrganization } from "../app/models/organization.server";
import { receiveDelivery } from "../app/ingest/process.server";
import { inboundMessages, metaJson, textMessage } from "../doubles/webhook-payloads";
process.env.KURA_PG_FAST = "1";
const pg = await startEmbedded("/tmp/kprof/data2");
const url = withDatabase(pg.url, "prof");
await ensureDatabase(url); await runMigrations(url);
setConfig(parseConfig({ DATABASE_URL: url, LOG_LEVEL: "warn" }));
connect(url);
await startBoss(url, [], { work: false });
const pnid = String(Date.now());
await createOrganization({ name: "x", phoneNumberId: pnid });
const t: number[] = [];
const T0 = performance.now(); let n = 0;
await Promise.all(Array.from({ length: 50 }, async () => { while (n < 3000) { const i = n++;
  const from = `34600${100000 + (i % 50)}`;
  const raw = Buffer.from(metaJson(inboundMessages({ phoneNumberId: pnid, sender: { waId: from, name: "P" }, messages: [textMessage(from, "hola")] })));
  const t0 = performance.now();
  const r = await receiveDelivery(raw);
  t.push(performance.now() - t0);
  if (r.httpStatus !== 200) console.log(r);
}}));
console.log("rps", 3000 / ((performance.now() - T0) / 1000));
t.sort((a, b) => a - b);
console.log("p50", t[1500], "p99", t[2970]);

const from = "34600100001";
const raw = Buffer.from(metaJson(inboundMessages({ phoneNumberId: pnid, sender: { waId: from, name: "P" }, messages: [textMessage(from, "hola")] })));
const cpu0 = process.cpuUsage(); const w0 = performance.now();
for (let i = 0; i < 500; i++) { const raw = Buffer.from(metaJson(inboundMessages({ phoneNumberId: pnid, sender: { waId: from, name: "P" }, messages: [textMessage(from, "hola")] }))); await receiveDelivery(raw); }
const cpu = process.cpuUsage(cpu0); console.log("node cpu per delivery ms", (cpu.user + cpu.system) / 1000 / 500, "wall", (performance.now() - w0) / 500);

process.exit(0);
