// npm run bench:media — media downloads against the Graph double answering each call in
// BENCH_GRAPH_LATENCY_MS (default 200 ms; a download is two calls: lookup + bytes). N voice
// notes (BENCH_MEDIA, default 1,500) are stored with their jobs at once, then the worker of
// jobs/media-download.ts downloads them; prints downloads/s. Goal (issue 13): ≥ 50/s.
import fs from "node:fs";
import os from "node:os";
import { randomBytes, randomUUID } from "node:crypto";
import postgres from "postgres";
import { migratedDatabase, postgresServer } from "../test/postgres";
import { connect, disconnect, rawSql } from "../db/client";
import { parseConfig, setConfig } from "../app/config.server";
import { createOrganization } from "../app/models/organization.server";
import { boss, startBoss, stopBoss, QUEUES } from "../app/queue.server";
import { mediaDownloadWorker } from "../jobs/media-download";
import { startMetaGraphDouble } from "../app/sandbox/graph-api";

const N = Number(process.env.BENCH_MEDIA ?? 1500);
const LATENCY = Number(process.env.BENCH_GRAPH_LATENCY_MS ?? 200);

async function main() {
  const tmp = fs.mkdtempSync(`${os.tmpdir()}/kura-bench-media-`);
  const pg = await postgresServer({ dir: tmp });
  const url = await migratedDatabase(pg.url, `kura_bench_media_${process.pid}`);
  const graph = await startMetaGraphDouble({ token: "t", latencyMs: LATENCY });
  setConfig(parseConfig({ ...process.env, LOG_LEVEL: "error", DATABASE_URL: url, META_WA_TOKEN: "t", META_GRAPH_URL: graph.url }));
  connect(url, { max: 20 });
  try {
    const { orgId } = await createOrganization({ name: "Media bench", phoneNumberId: "100000000000999" });
    const [identity] = await rawSql()`INSERT INTO identity_vault (org_id, phone) VALUES (${orgId}, '+34600999999') RETURNING id`;
    const bytes = randomBytes(16 * 1024);
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const mediaId = `bench-${i}-${randomUUID()}`;
      graph.setMedia(mediaId, bytes, "audio/ogg; codecs=opus");
      const [m] = await rawSql()`INSERT INTO message_log (org_id, identity_id, direction, type, provider_id, status, timestamp)
        VALUES (${orgId}, ${identity!.id}, 'INBOUND', 'audio', ${`wamid.media.${i}.${randomUUID()}`}, 'received', now()) RETURNING id`;
      const [md] = await rawSql()`INSERT INTO media (org_id, message_id, meta_media_id) VALUES (${orgId}, ${m!.id}, ${mediaId}) RETURNING id`;
      ids.push(md!.id);
    }
    await startBoss(url, [mediaDownloadWorker], { work: false });
    await boss().insert(QUEUES.mediaDownload, ids.map((id) => ({ data: { mediaId: id }, singletonKey: id })));
    const t0 = performance.now();
    await stopBoss();
    await startBoss(url, [mediaDownloadWorker]);
    let done = 0;
    while (done < N && performance.now() - t0 < 300_000) {
      await new Promise((r) => setTimeout(r, 200));
      done = (await rawSql()`SELECT count(*)::int AS n FROM media WHERE state = 'done'`)[0]!.n;
    }
    const s = (performance.now() - t0) / 1000;
    const rate = Math.round((done / s) * 10) / 10;
    process.stdout.write(`\nbench:media ${new Date().toISOString().slice(0, 10)} — ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load ${os.loadavg()[0]!.toFixed(1)}\n` +
      `  ${done}/${N} voice notes downloaded in ${s.toFixed(1)} s: ${rate}/s (Graph double ${LATENCY} ms per call; goal ≥ 50/s: ${rate >= 50 ? "met" : "NOT met"})\n\n`);
  } finally {
    await stopBoss().catch(() => {});
    await disconnect().catch(() => {});
    await graph.close();
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS kura_bench_media_${process.pid} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await pg.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`bench:media failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
