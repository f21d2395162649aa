// Media: the job downloads bytes through Graph (lookup → URL → bytes), checks the sha256,
// refreshes an expired URL, records failures visibly; the media route serves them to the org.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql } from "../db/client";
import { startMetaGraphDouble, type MetaGraphDouble } from "../app/sandbox/graph-api";
import { audioMessage, imageMessage, inboundMessages } from "../app/sandbox/webhook-payloads";
import { downloadMedia } from "../app/ingest/media.server";
import * as mediaRoute from "../app/routes/media.$mediaId";
import { makeOrg } from "./factories";
import { call, BASE } from "./http";
import { deliver, ingestDatabase, processed } from "./ingest-support";

let database: Awaited<ReturnType<typeof ingestDatabase>>;
let graph: MetaGraphDouble;
beforeAll(async () => {
  graph = await startMetaGraphDouble({ token: "graph-token" });
  database = await ingestDatabase({ META_WA_TOKEN: "graph-token", META_GRAPH_URL: graph.url });
});
afterAll(async () => {
  await database.drop();
  await graph.close();
});

async function voiceNote(orgPhoneNumberId: string, bytes: Buffer, opts: { sha?: string } = {}) {
  const mediaId = String(crypto.randomInt(1e9, 9e9));
  graph.setMedia(mediaId, bytes, "audio/ogg; codecs=opus");
  const sha = opts.sha ?? crypto.createHash("sha256").update(bytes).digest("base64");
  await deliver(inboundMessages({ phoneNumberId: orgPhoneNumberId, sender: { waId: "34600900900" }, messages: [audioMessage("34600900900", mediaId, { sha256: sha })] }));
  await processed();
  const [row] = await rawSql()`SELECT md.id, md.message_id FROM media md JOIN message_log m ON m.id = md.message_id WHERE md.meta_media_id = ${mediaId}`;
  return row as { id: string; message_id: string };
}

describe("media download", () => {
  it("downloads, verifies the webhook's base64 sha256, stores bytes + mime, then queues transcription", async () => {
    const org = await makeOrg();
    const bytes = crypto.randomBytes(5000);
    const media = await voiceNote(org.phoneNumberId, bytes);
    expect(await downloadMedia(media.id)).toBe("done");
    const [row] = await rawSql()`SELECT bytes, mime_type, state, size, error FROM media WHERE id = ${media.id}`;
    expect(row).toMatchObject({ mime_type: "audio/ogg; codecs=opus", state: "done", size: 5000, error: null });
    expect(Buffer.compare(row!.bytes, bytes)).toBe(0);
    expect(graph.requests.some((r) => r.authorization === "Bearer graph-token" && r.path.startsWith("/media-download/"))).toBe(true);
    expect(await rawSql()`SELECT 1 FROM pgboss.job WHERE name = 'transcription' AND data->>'messageId' = ${media.message_id}`).toHaveLength(1);
    expect(await downloadMedia(media.id)).toBe("already");
  });

  it("asks Graph for a fresh URL when the download URL has expired (404)", async () => {
    const org = await makeOrg();
    const media = await voiceNote(org.phoneNumberId, crypto.randomBytes(100));
    const realFetch = globalThis.fetch;
    let expired = false;
    globalThis.fetch = (async (input: any, init?: any) => {
      if (!expired && String(input).includes("/media-download/")) {
        expired = true;
        graph.expireMediaUrls();
      }
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      expect(await downloadMedia(media.id)).toBe("done");
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(expired).toBe(true);
  });

  it("a sha256 mismatch fails visibly (state failed + error) and throws so the job retries", async () => {
    const org = await makeOrg();
    const media = await voiceNote(org.phoneNumberId, crypto.randomBytes(100), { sha: crypto.randomBytes(32).toString("base64") });
    await expect(downloadMedia(media.id)).rejects.toThrow(/sha256/);
    const [row] = await rawSql()`SELECT state, error, attempts, bytes FROM media WHERE id = ${media.id}`;
    expect(row).toMatchObject({ state: "failed", error: expect.stringMatching(/sha256/), attempts: 1, bytes: null });
  });

  it("serves the bytes to a clinician of the organization only, audited", async () => {
    const org = await makeOrg();
    const other = await makeOrg();
    const bytes = crypto.randomBytes(64);
    const mediaId = String(crypto.randomInt(1e9, 9e9));
    graph.setMedia(mediaId, bytes, "image/jpeg");
    await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34600900901" }, messages: [imageMessage("34600900901", mediaId, { sha256: crypto.createHash("sha256").update(bytes).digest("base64") })] }));
    await processed();
    const [m] = await rawSql()`SELECT media_url FROM message_log WHERE org_id = ${org.orgId}`;
    const id = m!.media_url.split("/").pop();
    const get = (cookie?: string) => new Request(`${BASE}${m!.media_url}`, { headers: cookie ? { Cookie: cookie } : {} });
    expect((await call(mediaRoute.loader, get(org.cookie), { mediaId: id })).status).toBe(404); // not downloaded yet
    await downloadMedia(id);
    const res = await call(mediaRoute.loader, get(org.cookie), { mediaId: id });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/jpeg");
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), bytes)).toBe(0);
    expect((await call(mediaRoute.loader, get(other.cookie), { mediaId: id })).status).toBe(404);
    expect((await call(mediaRoute.loader, get(), { mediaId: id })).status).toBe(302);
    expect(await rawSql()`SELECT 1 FROM audit_log WHERE action = 'media.read' AND subject = ${id} AND org_id = ${org.orgId}`).toHaveLength(2);
  });
});
