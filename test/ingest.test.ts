// The Meta webhook: signature, persist-then-ack, every fixture and every message type in Meta's
// reference stored readably, identities, statuses, media, replay.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql, db } from "../db/client";
import { config, setConfig } from "../app/config.server";
import { createOrganization } from "../app/models/organization.server";
import * as webhook from "../app/routes/api.v1.webhooks.meta";
import { verifySignature } from "../app/ingest/signature.server";
import { applyPendingStatuses } from "../app/ingest/statuses.server";
import { reprocessEvent } from "../app/ingest/process.server";
import { makeOrg, makePatient } from "./factories";
import { call, BASE } from "./http";
import { deliver, ingestDatabase, processed, signedRequest, VERIFY, withPhoneNumberId } from "./ingest-support";
import { until } from "./wait";
import {
  allMessageTypeSamples, batch, BSUID_SAMPLE, inboundMessages, newWamid, statusUpdate, textMessage, userChangedNumberMessage,
} from "../app/sandbox/webhook-payloads";

// Real Meta bodies kept in the repository (test/fixtures/meta-webhooks; SOURCES.md says where from), so
// the suite runs wherever the repository is cloned.
const FIXTURES = path.resolve(import.meta.dirname, "fixtures/meta-webhooks");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

let database: Awaited<ReturnType<typeof ingestDatabase>>;
beforeAll(async () => {
  database = await ingestDatabase();
});
afterAll(async () => database.drop());

const sql = () => rawSql();
const messagesOf = (orgId: string) => sql()`SELECT * FROM message_log WHERE org_id = ${orgId} ORDER BY timestamp, created_at`;
const lastEvent = async () => (await sql()`SELECT * FROM webhook_events ORDER BY id DESC LIMIT 1`)[0]!;
const uniq = () => crypto.randomBytes(4).toString("hex");

/** Fixture with its own phone_number_id and message ids, so fixtures sharing "wamid.xyzxyz" don't collide. */
function ownCopy(body: any, phoneNumberId: string) {
  const copy = withPhoneNumberId(body, phoneNumberId);
  const suffix = uniq();
  for (const e of copy.entry) for (const c of e.changes) for (const m of [...(c.value.messages ?? []), ...(c.value.statuses ?? [])]) m.id = `${m.id}.${suffix}`;
  return copy;
}

async function outbound(orgId: string, providerId: string, status = "accepted") {
  const [identity] = await sql()`INSERT INTO identity_vault (org_id, phone) VALUES (${orgId}, ${"+3460" + crypto.randomInt(1e6, 9e6)}) RETURNING id`;
  await sql()`INSERT INTO message_log (org_id, identity_id, direction, type, content, provider_id, status, timestamp)
    VALUES (${orgId}, ${identity!.id}, 'OUTBOUND', 'text', 'hola', ${providerId}, ${status}, now())`;
}

describe("verification and signatures", () => {
  it("answers the subscription challenge only with the right token", async () => {
    const ok = await call(webhook.loader, new Request(`${BASE}/api/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe("1158201444");
    const bad = await call(webhook.loader, new Request(`${BASE}/api/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`));
    expect(bad.status).toBe(403);
  });

  it("checks both published signature vectors over the raw bytes", () => {
    const real = fs.readFileSync(path.join(FIXTURES, "text_signed_real.json"));
    expect(real.length).toBe(511);
    expect(verifySignature(real, "sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441", "1222e786b144d0e85b9f365372d93676")).toBe(true);
    const escaped = fs.readFileSync(path.join(FIXTURES, "signature/whatsapp_api_js_body_escaped.txt"));
    const rawUtf8 = fs.readFileSync(path.join(FIXTURES, "signature/whatsapp_api_js_body_raw_utf8.txt"));
    const sig = "sha256=0363007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc96688";
    expect(verifySignature(escaped, sig, "YOUR_APP_SECRET")).toBe(true);
    expect(verifySignature(rawUtf8, sig, "YOUR_APP_SECRET")).toBe(false);
    expect(verifySignature(real, "sha256=" + "0".repeat(64), "1222e786b144d0e85b9f365372d93676")).toBe(false);
    expect(verifySignature(real, "sha1=abc", "1222e786b144d0e85b9f365372d93676")).toBe(false);
  });

  it("stores Meta's real byte-exact delivery through the route with its real app secret", async () => {
    const [account] = await sql()`SELECT 1 FROM whatsapp_accounts WHERE phone_number_id = '277321005464405'`;
    if (!account) await createOrganization({ name: "PyWa", phoneNumberId: "277321005464405" });
    const saved = config();
    setConfig({ ...saved, meta: { ...saved.meta, appSecret: "1222e786b144d0e85b9f365372d93676" } });
    try {
      const raw = fs.readFileSync(path.join(FIXTURES, "text_signed_real.json"));
      const res = await deliver(raw, { signature: "sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441" });
      await processed();
      expect(res.status).toBe(200);
      const event = await lastEvent();
      expect(Buffer.compare(event.body, raw)).toBe(0);
      expect(event.status).toBe("processed");
      const [m] = await sql()`SELECT m.content, m.type, v.phone, v.profile_name FROM message_log m JOIN identity_vault v ON v.id = m.identity_id
        WHERE provider_id = 'wamid.HBgMOTcyNTQ0NDAxMjQzFQIAEhggM0RFQTNCMEEwRTY3QzUwODYzMDc4NjQ4QzM4ODAxM0YA'`;
      expect(m).toMatchObject({ content: "Hey there! I am using PyWa.", type: "text", phone: "+972544401243", profile_name: "PyWa Tests" });
    } finally {
      setConfig(saved);
    }
  });

  it("401 for a missing or wrong signature: a rejection row, no event, no message", async () => {
    const org = await makeOrg();
    const body = inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34600111222" }, messages: [textMessage("34600111222", "x")] });
    const before = (await sql()`SELECT count(*)::int AS n FROM webhook_events`)[0]!.n;
    expect((await deliver(body, { signature: null })).status).toBe(401);
    expect((await deliver(body, { secret: "wrong" })).status).toBe(401);
    expect((await sql()`SELECT count(*)::int AS n FROM webhook_events`)[0]!.n).toBe(before);
    expect(await messagesOf(org.orgId)).toHaveLength(0);
    const reasons = (await sql()`SELECT reason FROM webhook_rejections ORDER BY id DESC LIMIT 2`).map((r) => r.reason);
    expect(reasons.sort()).toEqual(["bad_signature", "missing_signature"]);
  });

  it("413 over 4 MiB; 400 for signed non-JSON, stored as invalid first", async () => {
    const huge = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
    expect((await deliver(huge)).status).toBe(413);
    expect((await sql()`SELECT reason FROM webhook_rejections ORDER BY id DESC LIMIT 1`)[0]!.reason).toBe("too_large");
    expect((await deliver("{not json")).status).toBe(400);
    const event = await lastEvent();
    expect(event.status).toBe("invalid");
    expect(event.body.toString()).toBe("{not json");
  });
});

describe("routing", () => {
  it("stores an unknown phone_number_id as unrouted (200), and a replay after the account exists routes it", async () => {
    const pnid = String(900_000_000 + crypto.randomInt(90_000_000));
    const wamid = newWamid();
    const res = await deliver(inboundMessages({ phoneNumberId: pnid, sender: { waId: "34600123123" }, messages: [textMessage("34600123123", "hola", { id: wamid })] }));
    await processed();
    expect(res.status).toBe(200);
    const event = await lastEvent();
    expect(event.status).toBe("unrouted");
    expect(event.phone_number_ids).toEqual([pnid]);
    expect(await sql()`SELECT 1 FROM message_log WHERE provider_id = ${wamid}`).toHaveLength(0);
    await createOrganization({ name: "Late", phoneNumberId: pnid });
    expect((await reprocessEvent(Number(event.id)))!.status).toBe("processed");
    expect(await sql()`SELECT 1 FROM message_log WHERE provider_id = ${wamid}`).toHaveLength(1);
  });
});

describe("fixtures from test/fixtures/meta-webhooks", () => {
  for (const [file, expectRow] of [
    ["audio.json", { type: "audio", content: null }],
    ["voice.json", { type: "audio", content: null }],
    ["video.json", { type: "video", content: "caption" }],
  ] as const) {
    it(`${file}: one message with a media row to download`, async () => {
      const org = await makeOrg();
      expect((await deliver(ownCopy(fixture(file), org.phoneNumberId))).status).toBe(200);
      await processed();
      const [m] = await messagesOf(org.orgId);
      expect(m).toMatchObject({ ...expectRow, direction: "INBOUND", status: "received" });
      expect(m!.timestamp).toBeTruthy();
      const [media] = await sql()`SELECT id, meta_media_id, mime_type, state FROM media WHERE message_id = ${m!.id}`;
      expect(media).toMatchObject({ state: "pending", meta_media_id: fixture(file).entry[0].changes[0].value.messages[0][expectRow.type].id });
      expect(m!.media_url).toBe(`/media/${media!.id}`);
      const [identity] = await sql()`SELECT phone, user_id, profile_name FROM identity_vault WHERE id = ${m!.identity_id}`;
      expect(identity).toMatchObject({ phone: "+972987654321", user_id: "US.13491208655302741918", profile_name: "Test Name" });
      expect(m!.lead_id).toBeTruthy();
      const [job] = await sql()`SELECT data FROM pgboss.job WHERE name = 'media-download' AND data->>'mediaId' = ${media!.id}`;
      expect(job).toBeTruthy();
    });
  }

  it("status_delivered/read/played.json move an outbound message forward only, never back", async () => {
    const org = await makeOrg();
    const wamid = `wamid.${uniq()}`;
    await outbound(org.orgId, wamid);
    const withId = (file: string) => {
      const b = withPhoneNumberId(fixture(file), org.phoneNumberId);
      b.entry[0].changes[0].value.statuses[0].id = wamid;
      return b;
    };
    const statusOf = async () => (await sql()`SELECT status FROM message_log WHERE provider_id = ${wamid}`)[0]!.status;
    expect((await deliver(withId("status_delivered.json"))).status).toBe(200);
    await processed();
    expect(await statusOf()).toBe("delivered");
    await deliver(withId("status_read.json"));
    await processed();
    expect(await statusOf()).toBe("read");
    await deliver(withId("status_played.json"));
    await processed();
    expect(await statusOf()).toBe("played");
    await deliver(withId("status_delivered.json")); // late redelivery
    await processed();
    expect(await statusOf()).toBe("played");
    const kept = await sql()`SELECT status, applied FROM message_statuses WHERE provider_id = ${wamid} ORDER BY status`;
    expect(kept.map((r) => r.status)).toEqual(["delivered", "played", "read"]);
    expect(kept.every((r) => r.applied)).toBe(true);
  });

  it("batch_one_entry_two_changes.json: both changes are read; the shared placeholder id dedupes", async () => {
    const org = await makeOrg();
    expect((await deliver(withPhoneNumberId(fixture("batch_one_entry_two_changes.json"), org.phoneNumberId))).status).toBe(200);
    await processed();
    let rows = await messagesOf(org.orgId);
    expect(rows.map((r) => r.content)).toEqual(["MESSAGE_BODY"]);
    const org2 = await makeOrg();
    const own = withPhoneNumberId(fixture("batch_one_entry_two_changes.json"), org2.phoneNumberId);
    own.entry[0].changes.forEach((c: any, i: number) => (c.value.messages[0].id = `wamid.ID.${i}.${uniq()}`));
    await deliver(own);
    await processed();
    rows = await messagesOf(org2.orgId);
    expect(rows.map((r) => r.content)).toEqual(["MESSAGE_BODY", "MESSAGE_BODY2"]);
    expect(new Set(rows.map((r) => r.identity_id)).size).toBe(1);
  });

  it("unknown_legacy.json: stored as type unknown with its error", async () => {
    const org = await makeOrg();
    await deliver(ownCopy(fixture("unknown_legacy.json"), org.phoneNumberId));
    await processed();
    const [m] = await messagesOf(org.orgId);
    expect(m).toMatchObject({ type: "unknown", content: null, error_code: 131051, error_title: "Unsupported message type", error_details: "Message type is not currently supported" });
  });
});

describe("every message type in Meta's reference", () => {
  const from = "5215512340000";
  const expected: Record<string, (m: any) => void> = {
    text: (m) => expect(m.content).toBe("Hola, hoy me siento un poco mejor. ¿Podemos hablar mañana? 🙂"),
    image: (m) => expect([m.type, m.content, m.media_url]).toEqual(["image", "Mi registro de ánimo", expect.stringMatching(/^\/media\//)]),
    video: (m) => expect([m.type, m.content]).toEqual(["video", "caption"]),
    audio_voice: (m) => expect([m.type, m.content, m.media_url]).toEqual(["audio", null, expect.stringMatching(/^\/media\//)]),
    audio_file: (m) => expect([m.type, m.media_url]).toEqual(["audio", expect.stringMatching(/^\/media\//)]),
    document: (m) => expect([m.type, m.content]).toEqual(["document", "Resultados"]),
    sticker: (m) => expect([m.type, m.media_url]).toEqual(["sticker", expect.stringMatching(/^\/media\//)]),
    location: (m) => expect(m.content).toBe("Clínica Centro, Av. Reforma 222, CDMX"),
    contacts: (m) => expect(m.content).toBe("María López"),
    interactive_button_reply: (m) => expect([m.type, m.content, m.context_provider_id]).toEqual(["interactive", "Sí, confirmo", expect.stringMatching(/^wamid\./)]),
    interactive_list_reply: (m) => expect(m.content).toBe("Lunes 10:00"),
    button: (m) => expect([m.type, m.content]).toEqual(["button", "Confirmar"]),
    reaction: (m) => expect([m.type, m.content, m.context_provider_id]).toEqual(["reaction", "❤️", expect.stringMatching(/^wamid\./)]),
    reaction_removed: (m) => expect([m.type, m.content, m.context_provider_id]).toEqual(["reaction", null, expect.stringMatching(/^wamid\./)]),
    reaction_removed_empty: (m) => expect([m.type, m.content, m.context_provider_id]).toEqual(["reaction", null, expect.stringMatching(/^wamid\./)]),
    order: (m) => expect([m.type, m.content]).toEqual(["order", "Pedido"]),
    system_user_changed_number: (m) => expect([m.type, m.content]).toEqual(["system", expect.stringContaining("changed from")]),
    system_user_changed_number_legacy: (m) => expect([m.type, m.content]).toEqual(["system", expect.stringContaining("changed from")]),
    system_customer_identity_changed: (m) => expect([m.type, m.content]).toEqual(["system", "User identity changed"]),
    referral_text: (m) => expect([m.content, m.raw.referral.source_type]).toEqual(["Hola, vi su anuncio y quiero información", "ad"]),
    unsupported: (m) => expect([m.type, m.error_code, m.raw.unsupported.type]).toEqual(["unsupported", 131051, "poll_creation"]),
    unknown_legacy: (m) => expect([m.type, m.error_code]).toEqual(["unknown", 131051]),
    request_welcome: (m) => expect([m.type, m.content]).toEqual(["request_welcome", null]),
    bsuid_text: (m) => expect(m.content).toBe("Hola, escribo desde mi usuario"),
  };

  for (const { type } of allMessageTypeSamples(from)) {
    it(`${type} is stored readably`, async () => {
      const org = await makeOrg();
      const sample = allMessageTypeSamples(from).find((s) => s.type === type)!;
      const sender = type === "bsuid_text" ? { waId: "", userId: BSUID_SAMPLE, username: "@paciente" } : { waId: from, name: "Ana" };
      expect((await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender, messages: [sample.message] }))).status).toBe(200);
      await processed();
      const rows = await messagesOf(org.orgId);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.provider_id).toBe(sample.message.id);
      expect(rows[0]!.raw).toBeTruthy();
      expected[type]!(rows[0]);
      if (type === "bsuid_text") {
        const [v] = await sql()`SELECT phone, user_id FROM identity_vault WHERE id = ${rows[0]!.identity_id}`;
        expect(v).toEqual({ phone: null, user_id: BSUID_SAMPLE });
      }
    });
  }
  expect(Object.keys(expected)).toHaveLength(allMessageTypeSamples(from).length);
});

describe("identity resolution", () => {
  it("finds a patient typed the clinic's way when WhatsApp writes the Mexican 521 form; no lead", async () => {
    const org = await makeOrg();
    const { patientId, identityId } = await makePatient(org.orgId, { phone: "+52 55 1234 5678" });
    await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "5215512345678", name: "Javier" }, messages: [textMessage("5215512345678", "hola")] }));
    await processed();
    const [m] = await messagesOf(org.orgId);
    expect(m).toMatchObject({ patient_id: patientId, identity_id: identityId, lead_id: null });
    expect(await sql()`SELECT 1 FROM leads WHERE org_id = ${org.orgId}`).toHaveLength(0);
  });

  it("two first messages from a new number at the same instant: one identity, one lead", async () => {
    const org = await makeOrg();
    const wa = "34611" + crypto.randomInt(100000, 999999);
    const bodies = Array.from({ length: 8 }, (_, i) =>
      inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: wa, name: "Nuevo" }, messages: [textMessage(wa, `m${i}`)] }));
    const res = await Promise.all(bodies.map((b) => deliver(b)));
    await processed();
    expect(res.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await sql()`SELECT 1 FROM identity_vault WHERE org_id = ${org.orgId}`).toHaveLength(1);
    const leads = await sql()`SELECT id, name, source FROM leads WHERE org_id = ${org.orgId}`;
    expect(leads).toEqual([{ id: expect.any(String), name: "Nuevo", source: "whatsapp" }]);
    const rows = await messagesOf(org.orgId);
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.lead_id === leads[0]!.id)).toBe(true);
  });

  it("user_changed_number moves the identity (history kept) and the new number finds the same patient", async () => {
    const org = await makeOrg();
    const { patientId, identityId } = await makePatient(org.orgId, { phone: "+34 600 555 111" });
    await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34600555111" }, messages: [textMessage("34600555111", "antes")] }));
    await processed();
    await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34600555111" }, messages: [userChangedNumberMessage("34600555111", "34600555222", { userId: "ES.55" })] }));
    await processed();
    const [v] = await sql()`SELECT phone, previous_phones, user_id FROM identity_vault WHERE id = ${identityId}`;
    expect(v).toEqual({ phone: "+34600555222", previous_phones: ["+34600555111"], user_id: "ES.55" });
    await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34600555222" }, messages: [textMessage("34600555222", "después")] }));
    await processed();
    const rows = await messagesOf(org.orgId);
    expect(rows.map((r) => r.content)).toEqual(["antes", expect.stringContaining("changed"), "después"]);
    expect(rows.every((r) => r.patient_id === patientId && r.identity_id === identityId)).toBe(true);
  });

  it("a BSUID-only sender is one identity across messages", async () => {
    const org = await makeOrg();
    for (const body of ["uno", "dos"]) {
      await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "", userId: "US.777", username: "@x" },
        messages: [{ from_user_id: "US.777", id: newWamid(), timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body } }] }));
      await processed();
    }
    expect(await sql()`SELECT 1 FROM identity_vault WHERE org_id = ${org.orgId}`).toHaveLength(1);
    expect(await messagesOf(org.orgId)).toHaveLength(2);
  });
});

describe("deliveries", () => {
  it("reads every entry, change, message and status of a batch; redelivery adds nothing", async () => {
    const org = await makeOrg();
    const a = newWamid();
    await outbound(org.orgId, a);
    const parts = [
      inboundMessages({ phoneNumberId: org.phoneNumberId, wabaId: "1", sender: { waId: "34600000101" }, messages: [textMessage("34600000101", "a1"), textMessage("34600000101", "a2")] }),
      statusUpdate({ phoneNumberId: org.phoneNumberId, wabaId: "1", wamid: a, status: "sent", recipient: "34600000999" }),
      inboundMessages({ phoneNumberId: org.phoneNumberId, wabaId: "2", sender: { waId: "34600000102" }, messages: [textMessage("34600000102", "b1")] }),
      statusUpdate({ phoneNumberId: org.phoneNumberId, wabaId: "2", wamid: a, status: "delivered", recipient: "34600000999" }),
    ];
    const body = batch(parts) as any;
    expect(body.entry).toHaveLength(2);
    expect((await deliver(body)).status).toBe(200);
    await processed();
    expect((await deliver(body)).status).toBe(200);
    await processed();
    const rows = (await messagesOf(org.orgId)).filter((r) => r.direction === "INBOUND");
    expect(rows.map((r) => r.content).sort()).toEqual(["a1", "a2", "b1"]);
    expect((await sql()`SELECT status FROM message_log WHERE provider_id = ${a}`)[0]!.status).toBe("delivered");
    const event = await lastEvent();
    expect([event.message_count, event.status_count]).toEqual([3, 2]);
  });

  it("a status before its outbound row is kept, then applied by applyPendingStatuses; failed keeps its error", async () => {
    const org = await makeOrg();
    const w = newWamid();
    await deliver(statusUpdate({ phoneNumberId: org.phoneNumberId, wamid: w, status: "failed", recipient: "34600000999", error: { code: 131047, title: "Re-engagement message", details: "More than 24 hours" } }));
    await processed();
    expect(await sql()`SELECT applied FROM message_statuses WHERE provider_id = ${w}`).toEqual([{ applied: false }]);
    await outbound(org.orgId, w);
    const applied = await db().transaction((tx) => applyPendingStatuses(tx, org.orgId, w));
    expect(applied).toBe("failed");
    const [m] = await sql()`SELECT status, error_code, error_title, error_details FROM message_log WHERE provider_id = ${w}`;
    expect(m).toEqual({ status: "failed", error_code: 131047, error_title: "Re-engagement message", error_details: "More than 24 hours" });
    expect(await sql()`SELECT applied FROM message_statuses WHERE provider_id = ${w}`).toEqual([{ applied: true }]);
  });

  it("value.errors without messages is stored on the event", async () => {
    const org = await makeOrg();
    const errors = [{ code: 131045, title: "Incorrect certificate", message: "Incorrect certificate", error_data: { details: "Phone number not registered" } }];
    await deliver({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "1", phone_number_id: org.phoneNumberId }, errors } }] }] });
    await processed();
    const event = await lastEvent();
    expect(event.status).toBe("processed");
    expect(event.meta_errors).toEqual([{ phoneNumberId: org.phoneNumberId, errors }]);
  });

  it("enqueues risk screening for each inbound message with content, in the same transaction, and notifies live pages", async () => {
    const org = await makeOrg();
    const events: string[] = [];
    const listener = await sql().listen("kura_events", (p) => events.push(p));
    const wa = "34600000303";
    await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: wa }, messages: [textMessage(wa, "me siento mal"), allMessageTypeSamples(wa).find((s) => s.type === "sticker")!.message] }));
    await processed();
    const rows = await messagesOf(org.orgId);
    const text = rows.find((r) => r.type === "text")!;
    const jobs = await sql()`SELECT data, singleton_key FROM pgboss.job WHERE name = 'risk-screen' AND data->>'messageId' = ANY(${rows.map((r) => r.id)})`;
    expect(jobs).toEqual([{ data: { messageId: text.id }, singleton_key: text.id }]);
    await until("two notifications", () => events.filter((e) => e.includes(org.orgId)).length >= 2, 5000);
    await listener.unlisten();
    const mine = events.map((e) => JSON.parse(e)).filter((e) => e.org_id === org.orgId);
    expect(mine.map((e) => e.kind)).toEqual(["message", "message"]);
    expect(JSON.stringify(mine)).not.toContain("me siento");
  });

  it("a processing error leaves the event failed with its error and a retry job, still 200; replay succeeds", async () => {
    const org = await makeOrg();
    await sql().unsafe(`ALTER TABLE message_log ADD CONSTRAINT test_boom CHECK (content IS DISTINCT FROM 'boom')`);
    try {
      const res = await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34600000404" }, messages: [textMessage("34600000404", "boom")] }));
      await processed();
      expect(res.status).toBe(200);
    } finally {
      await sql().unsafe(`ALTER TABLE message_log DROP CONSTRAINT test_boom`);
    }
    const event = await lastEvent();
    expect(event.status).toBe("failed");
    expect(event.error).toMatch(/test_boom/);
    expect(await sql()`SELECT 1 FROM pgboss.job WHERE name = 'webhook-retry' AND (data->>'eventId')::bigint = ${event.id}`).toHaveLength(1);
    expect(await messagesOf(org.orgId)).toHaveLength(0);
    await reprocessEvent(Number(event.id));
    expect((await sql()`SELECT status FROM webhook_events WHERE id = ${event.id}`)[0]!.status).toBe("processed");
    expect((await messagesOf(org.orgId)).map((r) => r.content)).toEqual(["boom"]);
  });

  it("1,000 messages in one ~3 MB delivery: 200 and 1,000 rows", async () => {
    const org = await makeOrg();
    const messages = Array.from({ length: 1000 }, (_, i) => textMessage(`3460${String(1_000_000 + (i % 50))}`, `mensaje ${i} ` + "x".repeat(2700)));
    const body = inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34601000000" }, messages });
    const req = signedRequest(body);
    const size = Number((await req.clone().arrayBuffer()).byteLength);
    expect(size).toBeGreaterThan(2.8e6);
    expect(size).toBeLessThan(4 * 1024 * 1024);
    expect((await call(webhook.action, req)).status).toBe(200);
    await processed();
    expect((await sql()`SELECT count(*)::int AS n FROM message_log WHERE org_id = ${org.orgId}`)[0]!.n).toBe(1000);
  });
});

describe("webhook:replay", () => {
  it("re-processes failed events from the command line, idempotently", async () => {
    const org = await makeOrg();
    const wamid = newWamid();
    const body = Buffer.from(JSON.stringify(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "34600000505" }, messages: [textMessage("34600000505", "otra vez", { id: wamid })] })));
    const [event] = await sql()`INSERT INTO webhook_events (body, status, error) VALUES (${body}, 'failed', 'simulated') RETURNING id`;
    const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "cli/index.ts", "webhook:replay", ...args], {
      cwd: path.resolve(import.meta.dirname, ".."), encoding: "utf8", env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" } });
    const bad = run("--id", "x");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--id must be/);
    const ok = run("--failed");
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split("\n").pop()!).replayed).toBeGreaterThanOrEqual(1);
    expect(run("--id", String(event!.id)).status).toBe(0);
    expect(await sql()`SELECT 1 FROM message_log WHERE provider_id = ${wamid}`).toHaveLength(1);
    expect((await sql()`SELECT status FROM webhook_events WHERE id = ${event!.id}`)[0]!.status).toBe("processed");
  }, 60_000);
});
