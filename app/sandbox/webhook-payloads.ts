/**
 * Builders of Meta (WhatsApp Cloud API) webhook bodies, plus signing.
 *
 * Pure functions: no I/O. Shapes follow Meta's "messages" webhook reference
 * (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/*)
 * and the real bodies in test/fixtures/meta-webhooks/ (sources in its SOURCES.md).
 *
 * Meta sends JSON with every non-ASCII character escaped as \uXXXX and signs those exact
 * bytes (X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, raw body)). Use
 * metaJson() to serialise and signBody() over the resulting string/bytes.
 */
import { createHmac, randomBytes } from "node:crypto";

// ---------------------------------------------------------------------------------------
// Signing and serialisation

/** "sha256=" + hex HMAC-SHA256 of the raw bytes (a string is taken as UTF-8 bytes). */
export function signBody(raw: string | Buffer, appSecret: string): string {
  return "sha256=" + createHmac("sha256", appSecret).update(raw).digest("hex");
}

/**
 * JSON.stringify, then escape every non-ASCII UTF-16 code unit as a lowercase \uXXXX
 * escape (astral characters become two escapes, a surrogate pair), as Meta does. The
 * result is pure ASCII. With `escapeSlashes`, "/" is written "\/" as well (Graph API
 * error bodies do this; it is still valid JSON).
 */
export function metaJson(obj: unknown, opts?: { escapeSlashes?: boolean }): string {
  let s = JSON.stringify(obj).replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  if (opts?.escapeSlashes) s = s.replace(/\//g, "\\/");
  return s;
}

// ---------------------------------------------------------------------------------------
// Ids

/**
 * A realistic, unique WhatsApp message id. Real ids are "wamid." + base64 of a small
 * protobuf-like record: 0x1c 0x18 <len> <recipient digits> 0x15 0x02 0x00 0x12 0x18 0x20
 * <32 upper-case hex chars> 0x00 (e.g. wamid.HBgMOTcyNTQ0NDAxMjQzFQIAEhggM0RF...), so a
 * wamid for a 12-digit number starts "wamid.HBgM".
 */
export function newWamid(waId = "5215512345678"): string {
  const digits = (waId.replace(/\D/g, "") || "5215512345678").slice(0, 20);
  const hex = randomBytes(16).toString("hex").toUpperCase();
  const buf = Buffer.concat([
    Buffer.from([0x1c, 0x18, digits.length]),
    Buffer.from(digits, "ascii"),
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, 0x20]),
    Buffer.from(hex, "ascii"),
    Buffer.from([0x00]),
  ]);
  return "wamid." + buf.toString("base64");
}

/** Base64 SHA-256 as webhook media objects carry it (44 chars, e.g. "m04pFf2E...SDI="). */
export function fakeMediaSha256(): string {
  return randomBytes(32).toString("base64");
}

/** A numeric Graph media id (15-16 digits). */
export function newMediaId(): string {
  return String(1_000_000_000_000_000n + BigInt("0x" + randomBytes(6).toString("hex")) % 8_999_999_999_999_999n);
}

function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}

function ts(t?: number): string {
  return String(t ?? nowSec());
}

// ---------------------------------------------------------------------------------------
// Envelopes

export interface Sender {
  waId: string;
  name?: string;
  /** Business-scoped user id ("US.13491208655302741918"). */
  userId?: string;
  parentUserId?: string;
  /** WhatsApp username ("@maria"), for senders who adopted one. */
  username?: string;
}

export const DEFAULT_WABA_ID = "102290129340398";
export const DEFAULT_DISPLAY_PHONE = "15550783881";

function contactOf(sender: Sender): Record<string, unknown> {
  const profile: Record<string, unknown> = { name: sender.name ?? "Paciente" };
  if (sender.username) profile.username = sender.username;
  const c: Record<string, unknown> = { profile };
  if (sender.waId) c.wa_id = sender.waId;
  if (sender.userId) c.user_id = sender.userId;
  if (sender.parentUserId) c.parent_user_id = sender.parentUserId;
  return c;
}

/**
 * A full whatsapp_business_account body with one entry and one change carrying
 * `messages`. `contacts` describes the sender; as in Meta's reference, it is left out
 * when every message is a `system` message (those webhooks have no contacts array).
 */
export function inboundMessages(opts: {
  phoneNumberId: string;
  displayPhone?: string;
  wabaId?: string;
  sender: Sender;
  messages: Array<Record<string, unknown>>;
}): object {
  const value: Record<string, unknown> = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: opts.displayPhone ?? DEFAULT_DISPLAY_PHONE, phone_number_id: opts.phoneNumberId },
  };
  const allSystem = opts.messages.length > 0 && opts.messages.every((m) => m.type === "system");
  if (!allSystem) value.contacts = [contactOf(opts.sender)];
  value.messages = opts.messages;
  return {
    object: "whatsapp_business_account",
    entry: [{ id: opts.wabaId ?? DEFAULT_WABA_ID, changes: [{ value, field: "messages" }] }],
  };
}

type MsgOpts = { id?: string; timestamp?: number };

function base(from: string, type: string, o?: MsgOpts): Record<string, unknown> {
  return { from, id: o?.id ?? newWamid(from), timestamp: ts(o?.timestamp), type };
}

// ---------------------------------------------------------------------------------------
// Message builders (one per type in Meta's webhook reference)

export function textMessage(from: string, body: string, opts?: MsgOpts): Record<string, unknown> {
  const m = base(from, "text", opts);
  m.text = { body };
  return m;
}

export function audioMessage(
  from: string,
  mediaId: string,
  opts?: { voice?: boolean; sha256?: string; mimeType?: string } & MsgOpts,
): Record<string, unknown> {
  const voice = opts?.voice ?? true;
  const m = base(from, "audio", opts);
  m.audio = {
    mime_type: opts?.mimeType ?? (voice ? "audio/ogg; codecs=opus" : "audio/mpeg"),
    sha256: opts?.sha256 ?? fakeMediaSha256(),
    id: mediaId,
    voice,
  };
  return m;
}

export function imageMessage(
  from: string,
  mediaId: string,
  opts?: { caption?: string; sha256?: string; mimeType?: string } & MsgOpts,
): Record<string, unknown> {
  const m = base(from, "image", opts);
  const image: Record<string, unknown> = {};
  if (opts?.caption !== undefined) image.caption = opts.caption;
  Object.assign(image, { mime_type: opts?.mimeType ?? "image/jpeg", sha256: opts?.sha256 ?? fakeMediaSha256(), id: mediaId });
  m.image = image;
  return m;
}

export function videoMessage(
  from: string,
  mediaId: string,
  opts?: { caption?: string; sha256?: string; mimeType?: string } & MsgOpts,
): Record<string, unknown> {
  const m = base(from, "video", opts);
  const video: Record<string, unknown> = {};
  if (opts?.caption !== undefined) video.caption = opts.caption;
  Object.assign(video, { mime_type: opts?.mimeType ?? "video/mp4", sha256: opts?.sha256 ?? fakeMediaSha256(), id: mediaId });
  m.video = video;
  return m;
}

export function documentMessage(
  from: string,
  mediaId: string,
  opts?: { caption?: string; filename?: string; sha256?: string; mimeType?: string } & MsgOpts,
): Record<string, unknown> {
  const m = base(from, "document", opts);
  const document: Record<string, unknown> = {};
  if (opts?.caption !== undefined) document.caption = opts.caption;
  Object.assign(document, {
    filename: opts?.filename ?? "informe.pdf",
    mime_type: opts?.mimeType ?? "application/pdf",
    sha256: opts?.sha256 ?? fakeMediaSha256(),
    id: mediaId,
  });
  m.document = document;
  return m;
}

export function stickerMessage(from: string, mediaId: string, opts?: { animated?: boolean } & MsgOpts): Record<string, unknown> {
  const m = base(from, "sticker", opts);
  m.sticker = { mime_type: "image/webp", sha256: fakeMediaSha256(), id: mediaId, animated: opts?.animated ?? false };
  return m;
}

export function locationMessage(
  from: string,
  loc: { latitude: number; longitude: number; name?: string; address?: string; url?: string },
  opts?: MsgOpts,
): Record<string, unknown> {
  const m = base(from, "location", opts);
  const location: Record<string, unknown> = {};
  if (loc.address !== undefined) location.address = loc.address;
  location.latitude = loc.latitude;
  location.longitude = loc.longitude;
  if (loc.name !== undefined) location.name = loc.name;
  if (loc.url !== undefined) location.url = loc.url;
  m.location = location;
  return m;
}

export function contactsMessage(
  from: string,
  card: { formattedName: string; firstName?: string; lastName?: string; phone: string; waId?: string; email?: string },
  opts?: MsgOpts,
): Record<string, unknown> {
  const m = base(from, "contacts", opts);
  const c: Record<string, unknown> = {
    name: { formatted_name: card.formattedName, first_name: card.firstName ?? card.formattedName.split(" ")[0], ...(card.lastName ? { last_name: card.lastName } : {}) },
    phones: [{ phone: card.phone, ...(card.waId ? { wa_id: card.waId } : {}), type: "CELL" }],
  };
  if (card.email) c.emails = [{ email: card.email, type: "WORK" }];
  m.contacts = [c];
  return m;
}

/** Reply to an interactive reply-buttons message. `context` points at the business message. */
export function buttonReplyMessage(
  from: string,
  reply: { id: string; title: string },
  opts?: { contextId?: string; businessPhone?: string } & MsgOpts,
): Record<string, unknown> {
  const m: Record<string, unknown> = { context: { from: opts?.businessPhone ?? DEFAULT_DISPLAY_PHONE, id: opts?.contextId ?? newWamid(from) } };
  Object.assign(m, base(from, "interactive", opts));
  m.interactive = { type: "button_reply", button_reply: { id: reply.id, title: reply.title } };
  return m;
}

export function listReplyMessage(
  from: string,
  reply: { id: string; title: string; description?: string },
  opts?: { contextId?: string; businessPhone?: string } & MsgOpts,
): Record<string, unknown> {
  const m: Record<string, unknown> = { context: { from: opts?.businessPhone ?? DEFAULT_DISPLAY_PHONE, id: opts?.contextId ?? newWamid(from) } };
  Object.assign(m, base(from, "interactive", opts));
  const list_reply: Record<string, unknown> = { id: reply.id, title: reply.title };
  if (reply.description !== undefined) list_reply.description = reply.description;
  m.interactive = { type: "list_reply", list_reply };
  return m;
}

/** Tap on a template quick-reply button (type "button"). */
export function templateButtonMessage(
  from: string,
  button: { payload: string; text: string },
  opts?: { contextId?: string; businessPhone?: string } & MsgOpts,
): Record<string, unknown> {
  const m: Record<string, unknown> = { context: { from: opts?.businessPhone ?? DEFAULT_DISPLAY_PHONE, id: opts?.contextId ?? newWamid(from) } };
  Object.assign(m, base(from, "button", opts));
  m.button = { payload: button.payload, text: button.text };
  return m;
}

/**
 * A reaction to a business message. Removal: Meta's current reference sends the reaction
 * object WITHOUT `emoji`; older versions sent `emoji: ""`. `emoji: null` omits the field,
 * `emoji: ""` sends the empty string.
 */
export function reactionMessage(from: string, messageId: string, emoji: string | null, opts?: MsgOpts): Record<string, unknown> {
  const m = base(from, "reaction", opts);
  m.reaction = emoji === null ? { message_id: messageId } : { message_id: messageId, emoji };
  return m;
}

export function orderMessage(
  from: string,
  order: { catalogId: string; text?: string; items: Array<{ retailerId: string; quantity: number; price: number; currency: string }> },
  opts?: MsgOpts,
): Record<string, unknown> {
  const m = base(from, "order", opts);
  m.order = {
    catalog_id: order.catalogId,
    ...(order.text !== undefined ? { text: order.text } : {}),
    product_items: order.items.map((i) => ({ product_retailer_id: i.retailerId, quantity: i.quantity, item_price: i.price, currency: i.currency })),
  };
  return m;
}

/**
 * System message: the user changed their number. Current versions carry the NEW number in
 * `system.wa_id` (plus BSUID fields); `legacy: true` gives the pre-v12 shape with
 * `new_wa_id` and type "customer_changed_number".
 */
export function userChangedNumberMessage(
  oldWaId: string,
  newWaId: string,
  opts?: { name?: string; userId?: string; previousUserId?: string; legacy?: boolean } & MsgOpts,
): Record<string, unknown> {
  const m = base(oldWaId, "system", opts);
  const name = opts?.name ?? "Paciente";
  if (opts?.legacy) {
    m.system = { body: `${name} changed from ${oldWaId} to ${newWaId}`, new_wa_id: newWaId, type: "customer_changed_number" };
  } else {
    const system: Record<string, unknown> = {
      body: `User ${name} changed from ${oldWaId} to ${newWaId}`,
      wa_id: newWaId,
      type: "user_changed_number",
    };
    if (opts?.userId) system.user_id = opts.userId;
    if (opts?.previousUserId) system.previous_user_id = opts.previousUserId;
    m.system = system;
  }
  return m;
}

/** System message: the user's security identity (e.g. reinstall / new device) changed. */
export function identityChangedMessage(from: string, opts?: { identity?: string } & MsgOpts): Record<string, unknown> {
  const m = base(from, "system", opts);
  m.system = {
    body: "User identity changed",
    identity: opts?.identity ?? randomBytes(6).toString("base64"),
    type: "customer_identity_changed",
    customer: from,
  };
  return m;
}

/** A text that arrived through a click-to-WhatsApp ad: `referral` beside `text`. */
export function referralTextMessage(from: string, body: string, opts?: { sourceId?: string; ctwaClid?: string } & MsgOpts): Record<string, unknown> {
  const m: Record<string, unknown> = {
    referral: {
      source_url: "https://fb.me/3cr4Wqqkv",
      source_id: opts?.sourceId ?? "120212345678900123",
      source_type: "ad",
      body: "Agenda tu primera consulta con nuestro equipo",
      headline: "Terapia en línea",
      media_type: "image",
      image_url: "https://scontent.xx.fbcdn.net/v/t45.1600-4/ad_image.png",
      ctwa_clid: opts?.ctwaClid ?? "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-ZABKMR2Jc3",
    },
  };
  Object.assign(m, base(from, "text", opts));
  m.text = { body };
  return m;
}

/** Current "unsupported" message (code 131051) with `unsupported.type` naming what it was. */
export function unsupportedMessage(from: string, opts?: { unsupportedType?: string } & MsgOpts): Record<string, unknown> {
  const m = base(from, "unsupported", opts);
  m.errors = [
    {
      code: 131051,
      title: "Message type unknown",
      message: "Message type unknown",
      error_data: { details: "Message type is currently not supported." },
    },
  ];
  m.unsupported = { type: opts?.unsupportedType ?? "poll_creation" };
  return m;
}

/** Legacy `type: "unknown"` with errors[] (as in fixtures/meta-webhooks/unknown_legacy.json). */
export function unknownLegacyMessage(from: string, opts?: MsgOpts): Record<string, unknown> {
  const m: Record<string, unknown> = { from, id: opts?.id ?? newWamid(from), timestamp: ts(opts?.timestamp) };
  m.errors = [{ code: 131051, details: "Message type is not currently supported", title: "Unsupported message type" }];
  m.type = "unknown";
  return m;
}

/** First-time chat opened from a welcome-message entry point. */
export function requestWelcomeMessage(from: string, opts?: MsgOpts): Record<string, unknown> {
  return base(from, "request_welcome", opts);
}

/**
 * A text from a user who adopted a username: Meta omits the phone number (`from`,
 * contacts[].wa_id) and identifies them by BSUID (`from_user_id`, contacts[].user_id).
 * Build the envelope with inboundMessages({ sender: { waId: "", userId, username } }).
 */
export function bsuidTextMessage(userId: string, body: string, opts?: MsgOpts): Record<string, unknown> {
  return { from_user_id: userId, id: opts?.id ?? newWamid("0"), timestamp: ts(opts?.timestamp), type: "text", text: { body } };
}

/**
 * One sample of every message type in Meta's webhook reference, for ingest tests. Put a
 * sample in a full body with inboundMessages({ phoneNumberId, sender: { waId: from }, messages: [s.message] })
 * (for "bsuid_text" use sender { waId: "", userId: BSUID_SAMPLE, username: "@paciente" }).
 */
export const BSUID_SAMPLE = "US.13491208655302741918";

export function allMessageTypeSamples(from: string): Array<{ type: string; message: Record<string, unknown> }> {
  const biz = newWamid(from);
  return [
    { type: "text", message: textMessage(from, "Hola, hoy me siento un poco mejor. ¿Podemos hablar mañana? 🙂") },
    { type: "image", message: imageMessage(from, newMediaId(), { caption: "Mi registro de ánimo" }) },
    { type: "video", message: videoMessage(from, newMediaId(), { caption: "caption" }) },
    { type: "audio_voice", message: audioMessage(from, newMediaId(), { voice: true }) },
    { type: "audio_file", message: audioMessage(from, newMediaId(), { voice: false, mimeType: "audio/mpeg" }) },
    { type: "document", message: documentMessage(from, newMediaId(), { caption: "Resultados", filename: "analisis.pdf" }) },
    { type: "sticker", message: stickerMessage(from, newMediaId()) },
    { type: "location", message: locationMessage(from, { latitude: 19.4326, longitude: -99.1332, name: "Clínica Centro", address: "Av. Reforma 222, CDMX" }) },
    { type: "contacts", message: contactsMessage(from, { formattedName: "María López", lastName: "López", phone: "+52 1 55 1234 5678", waId: "5215512345678" }) },
    { type: "interactive_button_reply", message: buttonReplyMessage(from, { id: "confirm_yes", title: "Sí, confirmo" }, { contextId: biz }) },
    { type: "interactive_list_reply", message: listReplyMessage(from, { id: "slot_1", title: "Lunes 10:00", description: "Consulta presencial" }, { contextId: biz }) },
    { type: "button", message: templateButtonMessage(from, { payload: "CONFIRM_APPOINTMENT", text: "Confirmar" }, { contextId: biz }) },
    { type: "reaction", message: reactionMessage(from, biz, "❤️") },
    { type: "reaction_removed", message: reactionMessage(from, biz, null) },
    { type: "reaction_removed_empty", message: reactionMessage(from, biz, "") },
    { type: "order", message: orderMessage(from, { catalogId: "1234567890", text: "Pedido", items: [{ retailerId: "sku-1", quantity: 2, price: 150, currency: "MXN" }] }) },
    { type: "system_user_changed_number", message: userChangedNumberMessage(from, "5215599998888", { userId: "MX.4411223344556677", previousUserId: "MX.1122334455667788" }) },
    { type: "system_user_changed_number_legacy", message: userChangedNumberMessage(from, "5215599998888", { legacy: true }) },
    { type: "system_customer_identity_changed", message: identityChangedMessage(from) },
    { type: "referral_text", message: referralTextMessage(from, "Hola, vi su anuncio y quiero información") },
    { type: "unsupported", message: unsupportedMessage(from) },
    { type: "unknown_legacy", message: unknownLegacyMessage(from) },
    { type: "request_welcome", message: requestWelcomeMessage(from) },
    { type: "bsuid_text", message: bsuidTextMessage(BSUID_SAMPLE, "Hola, escribo desde mi usuario") },
  ];
}

// ---------------------------------------------------------------------------------------
// Statuses

export type StatusName = "sent" | "delivered" | "read" | "played" | "failed";

export interface StatusError {
  code: number;
  title: string;
  message?: string;
  details?: string;
}

/** The inner `statuses[]` element. */
export function statusObject(opts: {
  wamid: string;
  status: StatusName;
  recipient: string;
  timestamp?: number;
  error?: StatusError;
  conversationId?: string;
  category?: "service" | "utility" | "marketing" | "authentication";
}): Record<string, unknown> {
  const s: Record<string, unknown> = { id: opts.wamid, status: opts.status, timestamp: ts(opts.timestamp), recipient_id: opts.recipient };
  if (opts.status === "failed") {
    const e = opts.error ?? { code: 131026, title: "Message undeliverable" };
    s.errors = [
      {
        code: e.code,
        title: e.title,
        message: e.message ?? e.title,
        error_data: { details: e.details ?? e.message ?? e.title },
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      },
    ];
    return s;
  }
  const category = opts.category ?? "service";
  const conversation: Record<string, unknown> = { id: opts.conversationId ?? randomBytes(15).toString("hex"), origin: { type: category } };
  if (opts.status === "sent") conversation.expiration_timestamp = ts((opts.timestamp ?? nowSec()) + 24 * 3600);
  s.conversation = conversation;
  s.pricing = { billable: true, pricing_model: "CBP", category };
  return s;
}

/** A full body with value.statuses[...] (one status), like fixtures/meta-webhooks/status_*.json. */
export function statusUpdate(opts: {
  phoneNumberId: string;
  wamid: string;
  status: StatusName;
  recipient: string;
  timestamp?: number;
  error?: StatusError;
  displayPhone?: string;
  wabaId?: string;
  conversationId?: string;
  category?: "service" | "utility" | "marketing" | "authentication";
}): object {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: opts.wabaId ?? DEFAULT_WABA_ID,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: opts.displayPhone ?? DEFAULT_DISPLAY_PHONE, phone_number_id: opts.phoneNumberId },
              statuses: [statusObject(opts)],
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}

/**
 * Merge several bodies into one delivery (Meta batches up to 1,000 updates in one POST):
 * entries with the same WABA id are merged into one entry whose changes are concatenated
 * in order.
 */
export function batch(bodies: object[]): object {
  const entries: Array<{ id: string; changes: unknown[] }> = [];
  for (const b of bodies as Array<{ entry?: Array<{ id: string; changes: unknown[] }> }>) {
    for (const e of b.entry ?? []) {
      const existing = entries.find((x) => x.id === e.id);
      if (existing) existing.changes.push(...e.changes);
      else entries.push({ id: e.id, changes: [...e.changes] });
    }
  }
  return { object: "whatsapp_business_account", entry: entries };
}
