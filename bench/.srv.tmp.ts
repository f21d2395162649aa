import { spawn } from "node:child_process";
import fs from "node:fs"; import os from "node:os"; import path from "node:path";
import { startEmbedded, withDatabase } from "../db/embedded";
import { inboundMessages, metaJson, signBody, textMessage } from "../doubles/webhook-payloads";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kura-srv-"));
process.env.KURA_PG_FAST = "1";
const pg = await startEmbedded(tmp);
const url = withDatabase(pg.url, "srv");
const port = 3999;
const app = spawn(process.execPath, ["--import", "tsx", "server.ts"], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), KURA_DATA_DIR: tmp + "/app", META_APP_SECRET: "s", META_WA_VERIFY_TOKEN: "v", META_WA_PHONE_ID: "123456789", SESSION_SECRET: "b".repeat(40), META_GRAPH_URL: "http://127.0.0.1:9/v24.0", LOG_LEVEL: process.env.LL ?? "error" } });
for (;;) { if (await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false)) break; await new Promise((r) => setTimeout(r, 200)); }
const t: number[] = [];
for (let i = 0; i < 100; i++) {
  const from = `34600${100000 + (i % 50)}`;
  const raw = metaJson(inboundMessages({ phoneNumberId: "123456789", sender: { waId: from, name: "P" }, messages: [textMessage(from, "hola")] }));
  const t0 = performance.now();
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/webhooks/meta`, { method: "POST", body: raw, headers: { "X-Hub-Signature-256": signBody(raw, "s") } });
  await r.text();
  t.push(performance.now() - t0);
}
t.sort((a, b) => a - b);
console.log("p50", t[50], "p99", t[98]);
app.kill("SIGTERM"); await new Promise((r) => app.on("exit", r)); await pg.stop(); process.exit(0);
