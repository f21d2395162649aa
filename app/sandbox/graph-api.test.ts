import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import path from "node:path";
import { GRAPH_ERRORS, startMetaGraphDouble, type MetaGraphDouble } from "./graph-api";
import { signBody } from "./webhook-payloads";

const TOKEN = "EAAtest";
const SECRET = "app-secret-123";
const PHONE_ID = "106540352242922";

interface Received {
  raw: Buffer;
  signature: string | undefined;
  body: any;
}

async function startReceiver(status = 200): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    got.push({ raw, signature: req.headers["x-hub-signature-256"] as string | undefined, body: JSON.parse(raw.toString()) });
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/webhooks/meta`,
    got,
    close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())),
  };
}

let graph: MetaGraphDouble;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const auth = { Authorization: `Bearer ${TOKEN}` };
const post = (p: string, body: unknown, headers: Record<string, string> = auth) =>
  fetch(`${graph.url}${p}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
const text = (to: string, body = "Hola") => ({ messaging_product: "whatsapp", recipient_type: "individual", to, type: "text", text: { preview_url: false, body } });
const template = (name: string, code: string, params: string[]) => ({
  messaging_product: "whatsapp",
  to: "5215512345678",
  type: "template",
  template: { name, language: { code }, components: [{ type: "body", parameters: params.map((p) => ({ type: "text", text: p })) }] },
});

beforeAll(async () => {
  receiver = await startReceiver();
  graph = await startMetaGraphDouble({ token: TOKEN, webhookUrl: receiver.url, appSecret: SECRET, statusDelaysMs: [5, 15, 25] });
});
afterAll(async () => {
  await graph.close();
  await receiver.close();
});
afterEach(async () => {
  await graph.settled();
  graph.reset();
  receiver.got.length = 0;
});

describe("POST /{phone-number-id}/messages", () => {
  it("url carries the version like META_GRAPH_URL", () => {
    expect(graph.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v24\.0$/);
  });

  it("accepts a text send with Meta's response shape and records it", async () => {
    const r = await post(`/${PHONE_ID}/messages`, text("+52 1 55 1234 5678"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    const j: any = await r.json();
    expect(j).toEqual({ messaging_product: "whatsapp", contacts: [{ input: "+52 1 55 1234 5678", wa_id: "5215512345678" }], messages: [{ id: expect.stringMatching(/^wamid\.HBg/) }] });
    expect(graph.sent).toHaveLength(1);
    expect(graph.sent[0]).toMatchObject({ phoneNumberId: PHONE_ID, wamid: j.messages[0].id });
    expect(graph.sent[0].body.text.body).toBe("Hola");
  });

  it("posts signed sent → delivered → read webhooks over the exact bytes", async () => {
    const r = await post(`/${PHONE_ID}/messages`, text("34600000001", "¿Cómo estás? 🙂"));
    const wamid = ((await r.json()) as any).messages[0].id;
    await graph.settled();
    expect(receiver.got.map((g) => g.body.entry[0].changes[0].value.statuses[0].status)).toEqual(["sent", "delivered", "read"]);
    for (const g of receiver.got) {
      expect(g.signature).toBe(signBody(g.raw, SECRET));
      expect(/^[\x00-\x7f]*$/.test(g.raw.toString("latin1"))).toBe(true);
      const v = g.body.entry[0].changes[0].value;
      expect(v.metadata.phone_number_id).toBe(PHONE_ID);
      expect(v.statuses[0]).toMatchObject({ id: wamid, recipient_id: "34600000001" });
      expect(v.statuses[0].pricing.category).toBe("service");
    }
    expect(graph.webhookStats).toEqual({ attempted: 3, delivered: 3, failed: 0 });
  });

  it("requires the Bearer token: 401 OAuthException code 190", async () => {
    for (const headers of [{}, { Authorization: "Bearer wrong" }] as Array<Record<string, string>>) {
      const r = await post(`/${PHONE_ID}/messages`, text("1"), headers);
      expect(r.status).toBe(401);
      const j: any = await r.json();
      expect(j.error).toMatchObject({ type: "OAuthException", code: 190 });
      expect(j.error.fbtrace_id).toMatch(/^A/);
    }
    expect(graph.sent).toHaveLength(0);
  });

  it("missing fields → 400 code 100", async () => {
    for (const [body, msg] of [
      [{ to: "1", type: "text", text: { body: "x" } }, /messaging_product/],
      [{ messaging_product: "whatsapp", type: "text", text: { body: "x" } }, /parameter to is required/],
      [{ messaging_product: "whatsapp", to: "1", type: "text" }, /text\['body'\]/],
      [{ messaging_product: "whatsapp", to: "1", type: "image" }, /image/],
    ] as const) {
      const r = await post(`/${PHONE_ID}/messages`, body);
      expect(r.status).toBe(400);
      const j: any = await r.json();
      expect(j.error).toMatchObject({ code: 100, type: "OAuthException" });
      expect(j.error.message).toMatch(msg);
    }
  });

  it("text over 4096 chars → 400 code 100", async () => {
    const r = await post(`/${PHONE_ID}/messages`, text("1", "x".repeat(4097)));
    expect(r.status).toBe(400);
    expect(((await r.json()) as any).error.error_data.details).toMatch(/4096/);
  });

  it("mark as read answers {success:true} and is not a send", async () => {
    const r = await post(`/${PHONE_ID}/messages`, { messaging_product: "whatsapp", status: "read", message_id: "wamid.abc" });
    expect(await r.json()).toEqual({ success: true });
    expect(graph.sent).toHaveLength(0);
  });
});

describe("templates on send", () => {
  it("approved template with the right param count → accepted", async () => {
    const r = await post(`/${PHONE_ID}/messages`, template("appointment_reminder", "es", ["Ana", "lunes 10:00"]));
    expect(r.status).toBe(200);
    const j: any = await r.json();
    expect(j.messages[0]).toMatchObject({ id: expect.stringMatching(/^wamid\./), message_status: "accepted" });
    await graph.settled();
    expect(receiver.got[0].body.entry[0].changes[0].value.statuses[0].pricing.category).toBe("utility");
  });

  it("hello_world takes no parameters", async () => {
    const r = await post(`/${PHONE_ID}/messages`, { messaging_product: "whatsapp", to: "1", type: "template", template: { name: "hello_world", language: { code: "en_US" } } });
    expect(r.status).toBe(200);
  });

  it("parameter count mismatch → 400 code 132000", async () => {
    const r = await post(`/${PHONE_ID}/messages`, template("appointment_reminder", "es", ["Ana"]));
    expect(r.status).toBe(400);
    const j: any = await r.json();
    expect(j.error).toMatchObject({ code: 132000, type: "OAuthException", message: "(#132000) Number of parameters does not match the expected number of params" });
    expect(j.error.error_data).toEqual({ messaging_product: "whatsapp", details: "body: number of localizable_params (1) does not match the expected number of params (2)" });
  });

  it("unknown name, wrong language or not approved → 404 code 132001", async () => {
    for (const [n, l, p] of [["nope", "es", []], ["checkin_followup", "en", ["Ana"]], ["wellness_tips", "es", ["Ana"]], ["promo_descuento", "es", ["Ana"]]] as const) {
      const r = await post(`/${PHONE_ID}/messages`, template(n, l, [...p]));
      expect(r.status, n).toBe(404);
      const j: any = await r.json();
      expect(j.error).toMatchObject({ code: 132001, message: "(#132001) Template name does not exist in the translation" });
      expect(j.error.error_data.details).toContain(n);
    }
  });
});

describe("failNext", () => {
  const table: Array<[number, number, RegExp]> = [
    [131047, 400, /Re-engagement message/],
    [131030, 400, /not in allowed list/],
    [130429, 429, /Rate limit hit/],
    [131056, 400, /pair rate limit hit/],
    [131026, 400, /undeliverable/i],
    [190, 401, /access token/i],
    [131053, 400, /Media upload error/],
    [131000, 500, /Something went wrong/],
  ];

  it.each(table)("%i answers HTTP %i with Meta's error body", async (code, status, msg) => {
    graph.failNext(code);
    const r = await post(`/${PHONE_ID}/messages`, text("1"));
    expect(r.status).toBe(status);
    const j: any = await r.json();
    expect(Object.keys(j)).toEqual(["error"]);
    expect(j.error).toMatchObject({ code, type: "OAuthException" });
    expect(j.error.message).toMatch(msg);
    expect(j.error.fbtrace_id).toMatch(/^A[\w-]{10,}$/);
    if (code === 190) expect(j.error.error_subcode).toBe(463);
    else {
      expect(j.error.message).toBe(`(#${code}) ${GRAPH_ERRORS[code].title}`);
      expect(j.error.error_data.messaging_product).toBe("whatsapp");
      expect(j.error.error_data.details.length).toBeGreaterThan(5);
    }
    expect(graph.sent).toHaveLength(0);
    // the next send works again
    expect((await post(`/${PHONE_ID}/messages`, text("1"))).status).toBe(200);
  });

  it("times and status override", async () => {
    graph.failNext(130429, { times: 2, status: 400 });
    expect((await post(`/${PHONE_ID}/messages`, text("1"))).status).toBe(400);
    expect((await post(`/${PHONE_ID}/messages`, text("1"))).status).toBe(400);
    expect((await post(`/${PHONE_ID}/messages`, text("1"))).status).toBe(200);
  });

  it("async: accepted, then a signed `failed` status webhook with errors[]", async () => {
    graph.failNext(131026, { async: true });
    const r = await post(`/${PHONE_ID}/messages`, text("5215500000000"));
    expect(r.status).toBe(200);
    const wamid = ((await r.json()) as any).messages[0].id;
    await graph.settled();
    expect(receiver.got).toHaveLength(1);
    const g = receiver.got[0];
    expect(g.signature).toBe(signBody(g.raw, SECRET));
    const s = g.body.entry[0].changes[0].value.statuses[0];
    expect(s).toMatchObject({ id: wamid, status: "failed", recipient_id: "5215500000000" });
    expect(s.errors[0]).toMatchObject({ code: 131026, title: "Message undeliverable" });
    expect(s.errors[0].error_data.details).toBeTruthy();
  });

  it("allowedRecipients turns other recipients into 131030", async () => {
    const g2 = await startMetaGraphDouble({ allowedRecipients: ["+34 600 000 001"] });
    try {
      const ok = await fetch(`${g2.url}/1/messages`, { method: "POST", body: JSON.stringify(text("34600000001")) });
      expect(ok.status).toBe(200);
      const no = await fetch(`${g2.url}/1/messages`, { method: "POST", body: JSON.stringify(text("34600000002")) });
      expect(no.status).toBe(400);
      expect(((await no.json()) as any).error.code).toBe(131030);
    } finally {
      await g2.close();
    }
  });
});

describe("GET /{waba-id}/message_templates", () => {
  const get = (q: string) => fetch(`${graph.url}/102290129340398/message_templates${q}`, { headers: auth });

  it("filters by status and pages with cursors", async () => {
    const r1 = await get("?status=APPROVED&limit=2");
    expect(r1.status).toBe(200);
    const p1: any = await r1.json();
    expect(p1.data).toHaveLength(2);
    expect(p1.paging.cursors.before).toBeTruthy();
    expect(p1.paging.cursors.after).toBeTruthy();
    expect(p1.paging.next).toContain("after=");
    const p2: any = await (await fetch(p1.paging.next, { headers: auth })).json();
    expect(p2.data).toHaveLength(2);
    expect(p2.paging.previous).toContain("before=");
    const p3: any = await (await fetch(p2.paging.next, { headers: auth })).json();
    expect(p3.data).toHaveLength(2);
    expect(p3.paging.next).toBeUndefined();
    const all = [...p1.data, ...p2.data, ...p3.data];
    expect(all.every((t: any) => t.status === "APPROVED")).toBe(true);
    expect(all.map((t: any) => `${t.name}/${t.language}`).sort()).toEqual([
      "appointment_reminder/en", "appointment_reminder/es", "checkin_followup/es", "hello_world/en_US", "risk_alert_notice/en", "risk_alert_notice/es",
    ]);
    const back: any = await (await fetch(p2.paging.previous, { headers: auth })).json();
    expect(back.data.map((t: any) => t.id)).toEqual(p1.data.map((t: any) => t.id));
  });

  it("template objects have Meta's fields; without a filter PENDING/REJECTED come too", async () => {
    const j: any = await (await get("?limit=100")).json();
    const ar = j.data.find((t: any) => t.name === "appointment_reminder" && t.language === "es");
    expect(Object.keys(ar)).toEqual(["name", "parameter_format", "components", "language", "status", "category", "id"]);
    expect(ar.components[0]).toMatchObject({ type: "BODY", text: expect.stringContaining("{{2}}") });
    expect(j.data.map((t: any) => t.status)).toEqual(expect.arrayContaining(["APPROVED", "PENDING", "REJECTED"]));
    expect(j.paging.next).toBeUndefined();
  });

  it("requires the token", async () => {
    const r = await fetch(`${graph.url}/1/message_templates`);
    expect(r.status).toBe(401);
  });
});

describe("media", () => {
  const bytes = Buffer.from("OggS fake opus voice note bytes");

  it("lookup → download with Bearer → expiry → fresh URL", async () => {
    graph.setMedia("1234567890987654321", bytes, "audio/ogg; codecs=opus");
    const r = await fetch(`${graph.url}/1234567890987654321`, { headers: auth });
    expect(r.status).toBe(200);
    const j: any = await r.json();
    expect(j).toEqual({
      url: expect.stringMatching(new RegExp(`^${graph.origin}/media-download/`)),
      mime_type: "audio/ogg; codecs=opus",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      file_size: bytes.length,
      id: "1234567890987654321",
      messaging_product: "whatsapp",
    });

    const noAuth = await fetch(j.url);
    expect(noAuth.status).toBe(401);
    const dl = await fetch(j.url, { headers: auth });
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe("audio/ogg; codecs=opus");
    expect(Buffer.from(await dl.arrayBuffer())).toEqual(bytes);

    graph.expireMediaUrls();
    const expired = await fetch(j.url, { headers: auth });
    expect(expired.status).toBe(404);
    const again: any = await (await fetch(`${graph.url}/1234567890987654321`, { headers: auth })).json();
    expect(again.url).not.toBe(j.url);
    expect((await fetch(again.url, { headers: auth })).status).toBe(200);
  });

  it("unknown media id → 400 GraphMethodException code 100 subcode 33", async () => {
    const r = await fetch(`${graph.url}/999`, { headers: auth });
    expect(r.status).toBe(400);
    const j: any = await r.json();
    expect(j.error).toMatchObject({ type: "GraphMethodException", code: 100, error_subcode: 33 });
    expect(j.error.message).toContain("Unsupported get request. Object with ID '999' does not exist");
  });

  it("URLs expire by TTL too", async () => {
    const g2 = await startMetaGraphDouble({ mediaUrlTtlMs: 1 });
    try {
      g2.setMedia("42", bytes, "image/jpeg");
      const j: any = await (await fetch(`${g2.url}/42`)).json();
      await new Promise((r) => setTimeout(r, 10));
      expect((await fetch(j.url)).status).toBe(404);
    } finally {
      await g2.close();
    }
  });
});

describe("webhook delivery failures", () => {
  it("are swallowed and counted (app down or answering 500)", async () => {
    const down = await startReceiver(500);
    const g2 = await startMetaGraphDouble({ webhookUrl: down.url, appSecret: SECRET, statusDelaysMs: [1, 2, 3] });
    try {
      await fetch(`${g2.url}/1/messages`, { method: "POST", body: JSON.stringify(text("1")) });
      await g2.settled();
      expect(g2.webhookStats).toEqual({ attempted: 3, delivered: 0, failed: 3 });
      await down.close();
      g2.webhookUrl = "http://127.0.0.1:9/nowhere";
      await fetch(`${g2.url}/1/messages`, { method: "POST", body: JSON.stringify(text("1")) });
      await g2.settled();
      expect(g2.webhookStats.failed).toBe(6);
      expect(g2.webhookLog.at(-1)?.status).toBeNull();
    } finally {
      await g2.close();
    }
  });

  it("close() cancels pending status webhooks", async () => {
    const g2 = await startMetaGraphDouble({ webhookUrl: receiver.url, appSecret: SECRET, statusDelaysMs: [5000, 5000, 5000] });
    await fetch(`${g2.url}/1/messages`, { method: "POST", body: JSON.stringify(text("1")) });
    const t = Date.now();
    await g2.close();
    await g2.settled();
    expect(Date.now() - t).toBeLessThan(1000);
    expect(g2.webhookStats.attempted).toBe(0);
  });
});

describe("CLI", () => {
  it("node --import tsx app/sandbox/graph-api.ts --port N prints its URL", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(process.execPath, ["--import", "tsx", "app/sandbox/graph-api.ts", "--port", "0"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => {
          out += d;
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.stderr.on("data", (d) => (err += d));
        child.on("exit", (c) => reject(new Error(`exited ${c}: ${err}`)));
        setTimeout(() => reject(new Error("timeout: " + err)), 20_000);
      });
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v24\.0$/);
      const r = await fetch(`${line}/1/messages`, { method: "POST", body: JSON.stringify(text("1")) });
      expect(r.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
