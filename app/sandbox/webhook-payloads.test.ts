import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  allMessageTypeSamples,
  audioMessage,
  batch,
  BSUID_SAMPLE,
  inboundMessages,
  metaJson,
  newWamid,
  signBody,
  statusUpdate,
  textMessage,
} from "./webhook-payloads";

const FIX = path.resolve(import.meta.dirname, "../../test/fixtures/meta-webhooks");
const raw = (f: string) => readFileSync(path.join(FIX, f));

describe("signBody: SOURCES.md signature vectors", () => {
  it("vector 1: the real 511-byte delivery from Meta (pywa)", () => {
    const body = raw("text_signed_real.json");
    expect(body.length).toBe(511);
    expect(signBody(body, "1222e786b144d0e85b9f365372d93676")).toBe("sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441");
    // a string is hashed as its UTF-8 bytes: same result
    expect(signBody(body.toString("utf8"), "1222e786b144d0e85b9f365372d93676")).toBe("sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441");
  });

  it("vector 2: \\u-escaped body verifies, the raw UTF-8 variant does NOT", () => {
    const expected = "sha256=0363007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc96688";
    expect(signBody(raw("signature/whatsapp_api_js_body_escaped.txt"), "YOUR_APP_SECRET")).toBe(expected);
    expect(signBody(raw("signature/whatsapp_api_js_body_raw_utf8.txt"), "YOUR_APP_SECRET")).not.toBe(expected);
  });

  it("a one-byte change or another secret breaks the signature", () => {
    const body = raw("text_signed_real.json");
    const tampered = Buffer.from(body);
    tampered[tampered.length - 3] ^= 1;
    expect(signBody(tampered, "1222e786b144d0e85b9f365372d93676")).not.toBe(signBody(body, "1222e786b144d0e85b9f365372d93676"));
    expect(signBody(body, "other")).not.toBe(signBody(body, "1222e786b144d0e85b9f365372d93676"));
  });
});

describe("metaJson", () => {
  it("escapes every non-ASCII char as lowercase \\uXXXX, astral chars as surrogate pairs", () => {
    const s = metaJson({ body: "mangé みどり 🙂" });
    expect(s).toBe('{"body":"mang\\u00e9 \\u307f\\u3069\\u308a \\ud83d\\ude42"}');
    expect(/^[\x00-\x7f]*$/.test(s)).toBe(true);
    expect(JSON.parse(s)).toEqual({ body: "mangé みどり 🙂" });
  });

  it("reproduces Meta's bytes: the escaped text of vector 2 and the real pywa delivery", () => {
    const utf8 = raw("signature/whatsapp_api_js_body_raw_utf8.txt").toString("utf8");
    const escaped = raw("signature/whatsapp_api_js_body_escaped.txt").toString("utf8");
    expect(metaJson(utf8)).toBe(JSON.stringify(escaped).replace(/\\\\u/g, "\\u"));
    expect(signBody(metaJson(utf8).slice(1, -1), "YOUR_APP_SECRET")).toBe("sha256=0363007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc96688");
    const real = raw("text_signed_real.json").toString("utf8");
    expect(metaJson(JSON.parse(real))).toBe(real);
  });

  it("optionally escapes slashes (Graph error style), still valid JSON", () => {
    const s = metaJson({ u: "https://x/y" }, { escapeSlashes: true });
    expect(s).toBe('{"u":"https:\\/\\/x\\/y"}');
    expect(JSON.parse(s)).toEqual({ u: "https://x/y" });
  });
});

describe("ids", () => {
  it("newWamid looks like Meta's and is unique", () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newWamid("972544401243")));
    expect(ids.size).toBe(2000);
    const id = [...ids][0];
    expect(id).toMatch(/^wamid\.HBgMOTcyNTQ0NDAxMjQzFQIAEhgg[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(id.slice(6), "base64").toString("latin1")).toContain("972544401243");
    expect(newWamid()).toMatch(/^wamid\.HBg/);
  });
});

describe("builders", () => {
  it("inboundMessages has the fixture's envelope shape", () => {
    const fixture = JSON.parse(raw("voice.json").toString());
    const body: any = inboundMessages({
      phoneNumberId: "1122334455667",
      displayPhone: "972123456789",
      wabaId: "1234567890987654321",
      sender: { waId: "972987654321", name: "Test Name", userId: "US.13491208655302741918", parentUserId: "US.ENT.11815799212886844830" },
      messages: [audioMessage("972987654321", "1234567890987654321", { voice: true, id: "wamid.xyzxyz", timestamp: 1697043473 })],
    });
    expect(Object.keys(body)).toEqual(Object.keys(fixture));
    const v = body.entry[0].changes[0].value;
    const fv = fixture.entry[0].changes[0].value;
    expect(Object.keys(v)).toEqual(Object.keys(fv));
    expect(v.metadata).toEqual(fv.metadata);
    expect(v.contacts).toEqual(fv.contacts);
    expect(v.messages[0].audio.voice).toBe(true);
    expect(v.messages[0].audio.mime_type).toBe("audio/ogg; codecs=opus");
    expect(Object.keys(v.messages[0]).sort()).toEqual(Object.keys(fv.messages[0]).sort());
    expect(v.messages[0].audio.sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(body.entry[0].changes[0].field).toBe("messages");
  });

  it("textMessage: timestamp is a string of seconds", () => {
    const m: any = textMessage("5215512345678", "hola", { timestamp: 1730231903 });
    expect(m).toMatchObject({ from: "5215512345678", timestamp: "1730231903", type: "text", text: { body: "hola" } });
    expect(m.id).toMatch(/^wamid\./);
  });

  it("statusUpdate matches fixtures/status_delivered.json; failed carries errors[] with error_data.details", () => {
    const fixture = JSON.parse(raw("status_delivered.json").toString());
    const body: any = statusUpdate({ phoneNumberId: "1122334455667", wamid: "wamid.xyzxyz", status: "delivered", recipient: "972987654321", timestamp: 1698266945 });
    const s = body.entry[0].changes[0].value.statuses[0];
    const fs = fixture.entry[0].changes[0].value.statuses[0];
    expect(Object.keys(s)).toEqual(Object.keys(fs));
    expect(s).toMatchObject({ id: "wamid.xyzxyz", status: "delivered", timestamp: "1698266945", recipient_id: "972987654321" });
    expect(s.pricing).toEqual(fs.pricing);
    expect(Object.keys(s.conversation)).toEqual(Object.keys(fs.conversation));

    const failed: any = statusUpdate({
      phoneNumberId: "1",
      wamid: "wamid.f",
      status: "failed",
      recipient: "34600000001",
      error: { code: 131047, title: "Re-engagement message", details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
    });
    const fsx = failed.entry[0].changes[0].value.statuses[0];
    expect(fsx.status).toBe("failed");
    expect(fsx.errors[0]).toMatchObject({ code: 131047, title: "Re-engagement message", message: "Re-engagement message" });
    expect(fsx.errors[0].error_data.details).toMatch(/24 hours/);
    expect(fsx.pricing).toBeUndefined();
  });

  it("batch merges entries of the same WABA and concatenates changes", () => {
    const a = inboundMessages({ phoneNumberId: "P", sender: { waId: "1" }, messages: [textMessage("1", "a")] });
    const b = statusUpdate({ phoneNumberId: "P", wamid: "wamid.x", status: "read", recipient: "1" });
    const c = inboundMessages({ phoneNumberId: "Q", wabaId: "OTHER", sender: { waId: "2" }, messages: [textMessage("2", "c")] });
    const out: any = batch([a, b, c]);
    expect(out.object).toBe("whatsapp_business_account");
    expect(out.entry).toHaveLength(2);
    expect(out.entry[0].changes).toHaveLength(2);
    expect(out.entry[0].changes[1].value.statuses[0].status).toBe("read");
    expect(out.entry[1].id).toBe("OTHER");
  });

  it("the fixture batch shape (one entry, two changes) is what batch() produces", () => {
    const fixture = JSON.parse(raw("batch_one_entry_two_changes.json").toString());
    const out: any = batch([
      inboundMessages({ phoneNumberId: "PHONE_NUMBER_ID", wabaId: "WHATSAPP_BUSINESS_ACCOUNT_ID", sender: { waId: "PHONE_NUMBER" }, messages: [textMessage("PHONE_NUMBER", "MESSAGE_BODY")] }),
      inboundMessages({ phoneNumberId: "PHONE_NUMBER_ID", wabaId: "WHATSAPP_BUSINESS_ACCOUNT_ID", sender: { waId: "PHONE_NUMBER" }, messages: [textMessage("PHONE_NUMBER", "MESSAGE_BODY2")] }),
    ]);
    expect(out.entry.length).toBe(fixture.entry.length);
    expect(out.entry[0].changes.length).toBe(fixture.entry[0].changes.length);
  });
});

describe("allMessageTypeSamples", () => {
  const samples = allMessageTypeSamples("5215512345678");
  const byType = Object.fromEntries(samples.map((s) => [s.type, s.message as any]));

  it("covers every message type of Meta's webhook reference", () => {
    for (const t of [
      "text", "image", "video", "audio_voice", "document", "sticker", "location", "contacts",
      "interactive_button_reply", "interactive_list_reply", "button", "reaction", "reaction_removed", "order",
      "system_user_changed_number", "system_customer_identity_changed", "referral_text", "unsupported",
      "unknown_legacy", "request_welcome", "bsuid_text",
    ]) expect(byType[t], t).toBeDefined();
    for (const s of samples) {
      expect(s.message.id, s.type).toMatch(/^wamid\./);
      expect(s.message.timestamp, s.type).toMatch(/^\d{10}$/);
      expect(typeof s.message.type).toBe("string");
    }
    expect(new Set(samples.map((s) => s.message.id)).size).toBe(samples.length);
  });

  it("has the reference shapes", () => {
    expect(byType.interactive_button_reply.interactive).toEqual({ type: "button_reply", button_reply: { id: "confirm_yes", title: "Sí, confirmo" } });
    expect(byType.interactive_list_reply.interactive.type).toBe("list_reply");
    expect(byType.button.button).toEqual({ payload: "CONFIRM_APPOINTMENT", text: "Confirmar" });
    expect(byType.button.context.id).toMatch(/^wamid\./);
    expect(byType.reaction.reaction.emoji).toBe("❤️");
    expect("emoji" in byType.reaction_removed.reaction).toBe(false);
    expect(byType.reaction_removed_empty.reaction.emoji).toBe("");
    expect(byType.system_user_changed_number.system).toMatchObject({ type: "user_changed_number", wa_id: "5215599998888" });
    expect(byType.system_user_changed_number_legacy.system).toMatchObject({ new_wa_id: "5215599998888" });
    expect(byType.system_customer_identity_changed.system.type).toBe("customer_identity_changed");
    expect(byType.referral_text.referral).toMatchObject({ source_type: "ad" });
    expect(byType.referral_text.text.body).toBeTruthy();
    expect(byType.unsupported.errors[0]).toMatchObject({ code: 131051 });
    expect(byType.unsupported.errors[0].error_data.details).toBeTruthy();
    expect(byType.unknown_legacy).toMatchObject({ type: "unknown", errors: [{ code: 131051 }] });
    expect(byType.order.order.product_items[0]).toMatchObject({ product_retailer_id: "sku-1", quantity: 2 });
    expect(byType.bsuid_text.from).toBeUndefined();
    expect(byType.bsuid_text.from_user_id).toBe(BSUID_SAMPLE);
  });

  it("system messages go without a contacts array; BSUID senders without wa_id", () => {
    const sys: any = inboundMessages({ phoneNumberId: "P", sender: { waId: "1" }, messages: [byType.system_user_changed_number] });
    expect(sys.entry[0].changes[0].value.contacts).toBeUndefined();
    const b: any = inboundMessages({ phoneNumberId: "P", sender: { waId: "", userId: BSUID_SAMPLE, username: "@paciente" }, messages: [byType.bsuid_text] });
    const c = b.entry[0].changes[0].value.contacts[0];
    expect(c.wa_id).toBeUndefined();
    expect(c.user_id).toBe(BSUID_SAMPLE);
    expect(c.profile.username).toBe("@paciente");
  });

  it("a whole batch of samples serialises to pure ASCII and signs", () => {
    const body = batch(samples.map((s) => inboundMessages({ phoneNumberId: "P", sender: { waId: "5215512345678", name: "José Núñez" }, messages: [s.message] })));
    const text = metaJson(body);
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    expect(signBody(text, "s")).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});
