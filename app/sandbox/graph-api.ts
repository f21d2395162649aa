/**
 * Loopback double of Meta's Graph API (WhatsApp Cloud API), speaking the real wire format
 * including errors. node:http only, so it starts in milliseconds.
 *
 *   const graph = await startMetaGraphDouble({ token: "t", webhookUrl, appSecret });
 *   // META_GRAPH_URL = graph.url  (e.g. http://127.0.0.1:PORT/v24.0)
 *
 * Endpoints (under any /vNN.N prefix):
 *   POST /{phone-number-id}/messages        send text / template / media / interactive …, or mark as read
 *   GET  /{media-id}                        media URL lookup ({url, mime_type, sha256 (hex), file_size, id})
 *   GET  /{waba-id}/message_templates       paged template list (status/name/language filters, limit/after/before)
 * and, outside the version prefix (like lookaside.fbsbx.com):
 *   GET  /media-download/{token}?mid=…&ext=…   the media bytes (Bearer required, URLs expire)
 *
 * After each accepted send it can POST signed status webhooks (sent → delivered → read, or
 * failed for asynchronous errors) to `webhookUrl`, signed like Meta (X-Hub-Signature-256
 * over the exact bytes, non-ASCII escaped).
 *
 * CLI: node --import tsx app/sandbox/graph-api.ts --port 4010 [--token T] [--webhook-url URL] [--app-secret S]
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { readBody } from "../lib/read-body";
import { metaJson, newWamid, signBody, statusUpdate, type StatusName } from "./webhook-payloads";

export const GRAPH_VERSION = "v24.0";

// ---------------------------------------------------------------------------------------
// Meta error catalogue (codes, titles, details, HTTP status)

export interface GraphErrorDef {
  status: number;
  title: string;
  details: string;
  type?: string;
  subcode?: number;
  /** Full `message` when it is not "(#code) title". */
  message?: string;
}

/**
 * HTTP statuses follow Meta's Cloud API error-code table (mirrored e.g. by YCloud's
 * "Handle WhatsApp errors"): 190 → 401, 130429 → 429, 131000 → 500, 132001 → 404, the
 * other messaging errors 400. Message text is "(#code) title" as the Graph API sends it.
 */
export const GRAPH_ERRORS: Record<number, GraphErrorDef> = {
  100: { status: 400, title: "Invalid parameter", details: "Invalid parameter" },
  131008: { status: 400, title: "Required parameter is missing", details: "The request is missing a required parameter." },
  131009: { status: 400, title: "Parameter value is not valid", details: "One or more parameter values are invalid." },
  190: {
    status: 401,
    title: "Access token has expired",
    subcode: 463,
    message: "Error validating access token: Session has expired on Tuesday, 01-Jul-25 10:00:00 PDT. The current time is Wednesday, 02-Jul-25 09:00:00 PDT.",
    details: "",
  },
  130429: { status: 429, title: "Rate limit hit", details: "Cloud API message throughput has been reached." },
  131000: { status: 500, title: "Something went wrong", details: "Message failed to send due to an unknown error." },
  131026: { status: 400, title: "Message undeliverable", details: "Message Undeliverable." },
  131030: {
    status: 400,
    title: "Recipient phone number not in allowed list",
    details: "Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.",
  },
  131047: {
    status: 400,
    title: "Re-engagement message",
    details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  },
  131048: {
    status: 400,
    title: "Spam rate limit hit",
    details: "Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam.",
  },
  131049: {
    status: 400,
    title: "This message was not delivered to maintain healthy ecosystem engagement.",
    details: "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.",
  },
  131053: { status: 400, title: "Media upload error", details: "Unable to upload the media used in the message." },
  131056: {
    status: 400,
    title: "(Business Account, Consumer Account) pair rate limit hit",
    details: "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
  },
  132000: {
    status: 400,
    title: "Number of parameters does not match the expected number of params",
    details: "body: number of localizable_params (0) does not match the expected number of params (0)",
  },
  132001: { status: 404, title: "Template name does not exist in the translation", details: "template name does not exist in the translation" },
};

export function fbtraceId(): string {
  return "A" + randomBytes(16).toString("base64url").slice(0, 22);
}

/** Meta's Graph error body for `code` (with optional overrides). */
export function graphErrorBody(code: number, over?: { details?: string; message?: string; subcode?: number; type?: string }): { status: number; body: any } {
  const def = GRAPH_ERRORS[code] ?? { status: 400, title: "Error", details: "" };
  const error: Record<string, unknown> = {
    message: over?.message ?? def.message ?? `(#${code}) ${def.title}`,
    type: over?.type ?? def.type ?? "OAuthException",
    code,
  };
  const sub = over?.subcode ?? def.subcode;
  if (sub !== undefined) error.error_subcode = sub;
  const details = over?.details ?? def.details;
  if (code !== 190 && details) error.error_data = { messaging_product: "whatsapp", details };
  error.fbtrace_id = fbtraceId();
  return { status: def.status, body: { error } };
}

// ---------------------------------------------------------------------------------------
// Types

export interface TemplateDef {
  id?: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format?: string;
  components: any[];
}

export interface SentMessage {
  phoneNumberId: string;
  body: any;
  wamid: string;
  at: Date;
}

export interface FailOpts {
  /** How many consecutive sends fail (default 1). */
  times?: number;
  /** Override the HTTP status. */
  status?: number;
  /** Accept the send (200 + wamid), then deliver a `failed` status webhook with this error. */
  async?: boolean;
  details?: string;
}

export interface MetaGraphDouble {
  /** Base URL with version, e.g. http://127.0.0.1:PORT/v24.0 (like META_GRAPH_URL). */
  url: string;
  /** http://127.0.0.1:PORT (no version). */
  origin: string;
  port: number;
  close(): Promise<void>;
  /** Every accepted /messages send (not mark-as-read). */
  sent: SentMessage[];
  failNext(code: number, opts?: FailOpts): void;
  setMedia(mediaId: string, bytes: Buffer, mime: string, opts?: { filename?: string }): void;
  /** Make every media download URL handed out so far expire (the download answers 404). */
  expireMediaUrls(): void;
  /** Mutable: the template catalogue the list endpoint and template sends use. */
  templates: TemplateDef[];
  /** Where status webhooks go (mutable: set it once the app is listening). */
  webhookUrl?: string;
  appSecret?: string;
  statusDelaysMs: [number, number, number];
  latencyMs: number;
  /** Status webhook deliveries: attempted, answered 2xx, failed (network error or non-2xx). */
  webhookStats: { attempted: number; delivered: number; failed: number };
  /** Every status webhook posted: exact bytes, signature, HTTP status (null on network error). */
  webhookLog: Array<{ body: string; signature: string; status: number | null }>;
  /** Resolves when no status webhook is scheduled or in flight. */
  settled(): Promise<void>;
  /** Every request seen: method, path (no query), auth header. */
  requests: Array<{ method: string; path: string; authorization?: string }>;
  reset(): void;
}

export interface MetaGraphDoubleOptions {
  port?: number;
  /** If set, require "Authorization: Bearer <token>" (else 401, code 190). */
  token?: string;
  webhookUrl?: string;
  appSecret?: string;
  statusDelaysMs?: [number, number, number];
  latencyMs?: number;
  /** Graph version in `url` (any /vNN.N prefix is accepted). */
  version?: string;
  /** If set, sends to other recipients fail with 131030 (the dev-mode allow list). */
  allowedRecipients?: string[];
  /** Lifetime of media download URLs (Meta: 5 minutes). */
  mediaUrlTtlMs?: number;
  displayPhone?: string;
  wabaId?: string;
}

// ---------------------------------------------------------------------------------------
// Built-in templates

function bodyComponent(text: string, examples: string[]): any {
  const c: any = { type: "BODY", text };
  if (examples.length) c.example = { body_text: [examples] };
  return c;
}

export function defaultTemplates(): TemplateDef[] {
  return [
    {
      id: "1407680676729941",
      name: "appointment_reminder",
      language: "es",
      status: "APPROVED",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
      components: [bodyComponent("Hola {{1}}, te recordamos tu cita del {{2}}. Si necesitas cambiarla, responde a este mensaje.", ["Ana", "lunes 3 de marzo a las 10:00"])],
    },
    {
      id: "1407680676729942",
      name: "appointment_reminder",
      language: "en",
      status: "APPROVED",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
      components: [bodyComponent("Hi {{1}}, this is a reminder of your appointment on {{2}}. Reply to this message if you need to change it.", ["Ana", "Monday, March 3 at 10:00"])],
    },
    {
      id: "1407680676729943",
      name: "checkin_followup",
      language: "es",
      status: "APPROVED",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
      components: [bodyComponent("Hola {{1}}, ¿cómo te has sentido desde nuestra última sesión? Puedes responder aquí cuando quieras.", ["Ana"])],
    },
    // Escalation notices to a clinician's own phone: no health data, only who, since when and a link.
    ...(["es", "en"] as const).map((language, i) => ({
      id: `140768067672995${i}`,
      name: "risk_alert_notice",
      language,
      status: "APPROVED",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
      components: [
        language === "es"
          ? bodyComponent("{{1}}: un paciente ({{2}}) tiene una alerta ALTA desde las {{3}}. Avisados: {{4}}. Ábrela en Kura: {{5}}", ["Clínica Sol", "A. G.", "03:02", "Dra. Ruiz", "https://kura.example/patients/1/monitoring"])
          : bodyComponent("{{1}}: a patient ({{2}}) has a HIGH alert since {{3}}. Also told: {{4}}. Open it in Kura: {{5}}", ["Sun Clinic", "A. G.", "03:02", "Dr Ruiz", "https://kura.example/patients/1/monitoring"]),
      ],
    })),
    {
      id: "1407680676729944",
      name: "hello_world",
      language: "en_US",
      status: "APPROVED",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
      components: [
        { type: "HEADER", format: "TEXT", text: "Hello World" },
        {
          type: "BODY",
          text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.",
        },
        { type: "FOOTER", text: "WhatsApp Business Platform sample message" },
      ],
    },
    {
      id: "1407680676729945",
      name: "wellness_tips",
      language: "es",
      status: "PENDING",
      category: "MARKETING",
      parameter_format: "POSITIONAL",
      components: [bodyComponent("Hola {{1}}, esta semana te compartimos tres ideas para dormir mejor.", ["Ana"])],
    },
    {
      id: "1407680676729946",
      name: "promo_descuento",
      language: "es",
      status: "REJECTED",
      category: "MARKETING",
      parameter_format: "POSITIONAL",
      components: [bodyComponent("¡{{1}}, 50% de descuento en tu próxima sesión!", ["Ana"])],
    },
  ];
}

/** Number of distinct {{n}} / {{name}} placeholders in a text. */
function placeholderCount(text: string | undefined): number {
  if (!text) return 0;
  return new Set([...text.matchAll(/\{\{\s*([\w]+)\s*\}\}/g)].map((m) => m[1])).size;
}

// ---------------------------------------------------------------------------------------
// HTTP helpers

const JSON_CT = "application/json; charset=UTF-8";

function sendJson(res: ServerResponse, status: number, body: unknown, version: string, extra?: Record<string, string>): void {
  const text = metaJson(body, { escapeSlashes: true });
  res.writeHead(status, {
    "Content-Type": JSON_CT,
    "Content-Length": Buffer.byteLength(text),
    "facebook-api-version": version,
    "x-fb-request-id": fbtraceId(),
    "x-fb-trace-id": randomBytes(8).toString("base64url").slice(0, 11),
    "Cache-Control": "no-store",
    ...extra,
  });
  res.end(text);
}

function sendGraphError(res: ServerResponse, code: number, version: string, over?: Parameters<typeof graphErrorBody>[1] & { status?: number }): void {
  const { status, body } = graphErrorBody(code, over);
  const extra: Record<string, string> = {};
  if (code === 190 || code === 100) extra["WWW-Authenticate"] = `OAuth "Facebook Platform" "${code === 190 ? "invalid_token" : "invalid_request"}" "${body.error.message.replace(/"/g, "'")}"`;
  sendJson(res, over?.status ?? status, body, version, extra);
}


const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------
// The double

export async function startMetaGraphDouble(opts: MetaGraphDoubleOptions = {}): Promise<MetaGraphDouble> {
  const version = opts.version ?? GRAPH_VERSION;
  const media = new Map<string, { bytes: Buffer; mime: string; sha256: string; filename?: string }>();
  const mediaUrls = new Map<string, { mediaId: string; expiresAt: number }>();
  const failures: Array<{ code: number; remaining: number; status?: number; async?: boolean; details?: string }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const mediaTtl = opts.mediaUrlTtlMs ?? 5 * 60_000;

  const checkSettled = () => {
    if (timers.size === 0 && inFlight === 0) {
      const w = waiters;
      waiters = [];
      w.forEach((f) => f());
    }
  };

  const double: MetaGraphDouble = {
    url: "",
    origin: "",
    port: 0,
    sent: [],
    templates: defaultTemplates(),
    webhookUrl: opts.webhookUrl,
    appSecret: opts.appSecret,
    statusDelaysMs: opts.statusDelaysMs ?? [300, 1500, 3000],
    latencyMs: opts.latencyMs ?? 0,
    webhookStats: { attempted: 0, delivered: 0, failed: 0 },
    webhookLog: [],
    requests: [],
    failNext(code, o) {
      failures.push({ code, remaining: Math.max(1, o?.times ?? 1), status: o?.status, async: o?.async, details: o?.details });
    },
    setMedia(mediaId, bytes, mime, o) {
      media.set(mediaId, { bytes, mime, sha256: createHash("sha256").update(bytes).digest("hex"), filename: o?.filename });
    },
    expireMediaUrls() {
      for (const v of mediaUrls.values()) v.expiresAt = 0;
    },
    settled() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        checkSettled();
      });
    },
    reset() {
      double.sent.length = 0;
      failures.length = 0;
      double.requests.length = 0;
      double.webhookLog.length = 0;
      double.webhookStats = { attempted: 0, delivered: 0, failed: 0 };
      double.templates = defaultTemplates();
    },
    close: async () => {},
  };

  function nextFailure() {
    const f = failures[0];
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) failures.shift();
    return f;
  }

  async function postWebhook(body: object): Promise<void> {
    const url = double.webhookUrl;
    const secret = double.appSecret;
    if (!url || !secret) return;
    const raw = metaJson(body);
    const signature = signBody(raw, secret);
    double.webhookStats.attempted++;
    inFlight++;
    let status: number | null = null;
    try {
      const r = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature, "User-Agent": "facebookexternalua" },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      status = r.status;
      await r.arrayBuffer().catch(() => undefined);
      if (r.ok) double.webhookStats.delivered++;
      else double.webhookStats.failed++;
    } catch {
      double.webhookStats.failed++;
    } finally {
      double.webhookLog.push({ body: raw, signature, status });
      inFlight--;
      checkSettled();
    }
  }

  function schedule(ms: number, fn: () => Promise<void>) {
    const t = setTimeout(() => {
      timers.delete(t);
      void fn().finally(checkSettled);
    }, ms);
    timers.add(t);
  }

  function scheduleStatuses(phoneNumberId: string, wamid: string, to: string, category: string, asyncError?: { code: number; details?: string }) {
    if (!double.webhookUrl || !double.appSecret) return;
    const conversationId = randomBytes(15).toString("hex");
    const mk = (status: StatusName, error?: { code: number; title: string; message?: string; details?: string }) =>
      statusUpdate({
        phoneNumberId,
        wamid,
        status,
        recipient: to,
        conversationId,
        category: category as any,
        error,
        displayPhone: opts.displayPhone,
        wabaId: opts.wabaId,
      });
    const [d0, d1, d2] = double.statusDelaysMs;
    if (asyncError) {
      const def = GRAPH_ERRORS[asyncError.code] ?? { title: "Error", details: "" };
      schedule(d0, () => postWebhook(mk("failed", { code: asyncError.code, title: def.title, message: def.title, details: asyncError.details ?? def.details })));
      return;
    }
    schedule(d0, () => postWebhook(mk("sent")));
    schedule(d1, () => postWebhook(mk("delivered")));
    schedule(d2, () => postWebhook(mk("read")));
  }

  // --- handlers ---------------------------------------------------------------------

  function authorized(req: IncomingMessage): boolean {
    if (!opts.token) return true;
    return req.headers.authorization === `Bearer ${opts.token}`;
  }

  function rejectAuth(res: ServerResponse, req: IncomingMessage) {
    const hasToken = Boolean(req.headers.authorization);
    sendGraphError(res, 190, version, {
      message: hasToken ? "Invalid OAuth access token - Cannot parse access token" : "An active access token must be used to query information about the current user.",
      subcode: undefined,
      status: 401,
    });
  }

  function validateSend(body: any): { code: number; details?: string; message?: string } | { template?: TemplateDef } {
    if (!body || typeof body !== "object") return { code: 100, message: "(#100) The parameter messaging_product is required." };
    if (body.messaging_product !== "whatsapp") {
      return body.messaging_product === undefined
        ? { code: 100, message: "(#100) The parameter messaging_product is required." }
        : { code: 100, message: "(#100) Invalid parameter", details: "Param messaging_product must be one of {WHATSAPP} - got \"" + body.messaging_product + "\"." };
    }
    if (body.status === "read") {
      if (!body.message_id) return { code: 100, message: "(#100) The parameter message_id is required." };
      return {};
    }
    if (!body.to || typeof body.to !== "string") return { code: 100, message: "(#100) The parameter to is required." };
    if (body.recipient_type !== undefined && !["individual", "group"].includes(body.recipient_type)) {
      return { code: 100, message: "(#100) Invalid parameter", details: "Param recipient_type must be one of {INDIVIDUAL, GROUP}." };
    }
    const type = body.type ?? "text";
    if (type === "text") {
      const t = body.text?.body;
      if (typeof t !== "string") return { code: 100, message: "(#100) The parameter text['body'] is required." };
      if (t.length === 0) return { code: 100, message: "(#100) Invalid parameter", details: "Param text['body'] must be at least 1 character long." };
      if (t.length > 4096) return { code: 100, message: "(#100) Invalid parameter", details: "Param text['body'] must be at most 4096 characters long." };
      return {};
    }
    if (type === "template") {
      const name = body.template?.name;
      const code = body.template?.language?.code;
      if (!name) return { code: 100, message: "(#100) The parameter template['name'] is required." };
      if (!code) return { code: 100, message: "(#100) The parameter template['language'] is required." };
      const tpl = double.templates.find((t) => t.name === name && t.language === code && t.status === "APPROVED");
      if (!tpl) return { code: 132001, details: `template name (${name}) does not exist in ${code}` };
      const expected = placeholderCount(tpl.components.find((c) => String(c.type).toUpperCase() === "BODY")?.text);
      const bodyComp = (body.template.components ?? []).find((c: any) => String(c?.type).toLowerCase() === "body");
      const given = Array.isArray(bodyComp?.parameters) ? bodyComp.parameters.length : 0;
      if (given !== expected) {
        return { code: 132000, details: `body: number of localizable_params (${given}) does not match the expected number of params (${expected})` };
      }
      for (const p of bodyComp?.parameters ?? []) {
        if (p?.type === "text" && (typeof p.text !== "string" || p.text.trim() === "")) {
          return { code: 131008, details: "Parameter text is required and cannot be empty." };
        }
      }
      return { template: tpl };
    }
    const known = ["image", "audio", "video", "document", "sticker", "location", "contacts", "interactive", "reaction"];
    if (!known.includes(type)) return { code: 100, message: "(#100) Invalid parameter", details: `Param type must be one of {${["text", "template", ...known].map((s) => s.toUpperCase()).join(", ")}}.` };
    if (!body[type] || typeof body[type] !== "object") return { code: 100, message: `(#100) The parameter ${type} is required.` };
    return {};
  }

  async function handleSend(req: IncomingMessage, res: ServerResponse, phoneNumberId: string) {
    const raw = await readBody(req);
    let body: any;
    try {
      body = JSON.parse(raw.toString("utf8") || "null");
    } catch {
      return sendGraphError(res, 100, version, { message: "(#100) Invalid parameter", details: "Request body is not valid JSON." });
    }
    const v = validateSend(body);
    if ("code" in v) return sendGraphError(res, v.code, version, { details: v.details, message: v.message });

    if (body.status === "read") return sendJson(res, 200, { success: true }, version);

    const f = nextFailure();
    if (f && !f.async) return sendGraphError(res, f.code, version, { status: f.status, details: f.details });

    const to: string = body.to;
    const waId = to.replace(/\D/g, "");
    if (opts.allowedRecipients && !opts.allowedRecipients.some((a) => a.replace(/\D/g, "") === waId)) {
      return sendGraphError(res, 131030, version);
    }
    const wamid = newWamid(waId);
    double.sent.push({ phoneNumberId, body, wamid, at: new Date() });
    const tpl = (v as { template?: TemplateDef }).template;
    const message: Record<string, unknown> = { id: wamid };
    if (tpl) message.message_status = "accepted";
    sendJson(res, 200, { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: waId }], messages: [message] }, version);
    scheduleStatuses(phoneNumberId, wamid, waId, tpl ? tpl.category.toLowerCase() : "service", f?.async ? { code: f.code, details: f.details } : undefined);
  }

  function handleMediaLookup(res: ServerResponse, mediaId: string) {
    const m = media.get(mediaId);
    if (!m) {
      return sendGraphError(res, 100, version, {
        type: "GraphMethodException",
        subcode: 33,
        message: `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        details: "",
      });
    }
    const token = randomBytes(24).toString("base64url");
    const expiresAt = Date.now() + mediaTtl;
    mediaUrls.set(token, { mediaId, expiresAt });
    const url = `${double.origin}/media-download/${token}?mid=${mediaId}&ext=${Math.floor(expiresAt / 1000)}&hash=${randomBytes(20).toString("base64url")}`;
    sendJson(res, 200, { url, mime_type: m.mime, sha256: m.sha256, file_size: m.bytes.length, id: mediaId, messaging_product: "whatsapp" }, version);
  }

  function handleDownload(req: IncomingMessage, res: ServerResponse, token: string) {
    if (!authorized(req)) return rejectAuth(res, req);
    const u = mediaUrls.get(token);
    const m = u && media.get(u.mediaId);
    if (!u || !m || u.expiresAt <= Date.now()) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      return res.end("URL signature expired");
    }
    const ext = m.mime.split(";")[0].split("/")[1] ?? "bin";
    res.writeHead(200, {
      "Content-Type": m.mime,
      "Content-Length": m.bytes.length,
      "Content-Disposition": `inline;filename=${m.filename ?? `${u.mediaId}.${ext}`}`,
      "Cache-Control": "private, no-cache, no-store, must-revalidate",
      "Accept-Ranges": "bytes",
    });
    res.end(m.bytes);
  }

  function handleTemplates(res: ServerResponse, wabaId: string, q: URLSearchParams) {
    let list = double.templates.map((t, i) => ({ ...t, id: t.id ?? String(1407680676800000 + i) }));
    const status = q.get("status");
    if (status) {
      const wanted = status.split(",").map((s) => s.trim().toUpperCase());
      list = list.filter((t) => wanted.includes(t.status.toUpperCase()));
    }
    const name = q.get("name");
    if (name) list = list.filter((t) => t.name.includes(name));
    const language = q.get("language");
    if (language) list = list.filter((t) => t.language === language);
    const category = q.get("category");
    if (category) list = list.filter((t) => t.category === category.toUpperCase());

    const limit = Math.max(1, Math.min(Number(q.get("limit") ?? 25) || 25, 1000));
    const decode = (c: string | null) => {
      const m = c ? Buffer.from(c, "base64").toString("utf8").match(/^cursor:(\d+)$/) : null;
      return m ? Number(m[1]) : NaN;
    };
    const encode = (i: number) => Buffer.from(`cursor:${i}`).toString("base64");
    const after = decode(q.get("after"));
    const before = decode(q.get("before"));
    let start = 0;
    let end = limit;
    if (Number.isFinite(after)) {
      start = after + 1;
      end = start + limit;
    } else if (Number.isFinite(before)) {
      end = before;
      start = Math.max(0, before - limit);
    }
    const page = list.slice(start, end);
    const body: any = {
      data: page.map((t) => ({
        name: t.name,
        parameter_format: t.parameter_format ?? "POSITIONAL",
        components: t.components,
        language: t.language,
        status: t.status,
        category: t.category,
        id: t.id,
      })),
    };
    if (page.length) {
      body.paging = { cursors: { before: encode(start), after: encode(start + page.length - 1) } };
      const mk = (k: "after" | "before", c: string) => {
        const nq = new URLSearchParams(q);
        nq.delete("after");
        nq.delete("before");
        nq.set(k, c);
        return `${double.url}/${wabaId}/message_templates?${nq.toString()}`;
      };
      if (start + page.length < list.length) body.paging.next = mk("after", body.paging.cursors.after);
      if (start > 0) body.paging.previous = mk("before", body.paging.cursors.before);
    }
    sendJson(res, 200, body, version);
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? "/", "http://x");
    double.requests.push({ method: req.method ?? "GET", path: u.pathname, authorization: req.headers.authorization });

    const dl = u.pathname.match(/^\/media-download\/([\w-]+)$/);
    if (dl && req.method === "GET") return handleDownload(req, res, dl[1]);

    const m = u.pathname.match(/^\/(v\d+\.\d+)\/(.+?)\/?$/);
    if (!m) {
      return sendGraphError(res, 100, version, { type: "GraphMethodException", subcode: 33, message: `Unsupported ${String(req.method).toLowerCase()} request.`, details: "" });
    }
    if (double.latencyMs > 0) await sleep(double.latencyMs);
    if (!authorized(req)) return rejectAuth(res, req);

    const parts = m[2].split("/");
    if (req.method === "POST" && parts.length === 2 && parts[1] === "messages") return handleSend(req, res, parts[0]);
    if (req.method === "GET" && parts.length === 2 && parts[1] === "message_templates") return handleTemplates(res, parts[0], u.searchParams);
    if (req.method === "GET" && parts.length === 1) return handleMediaLookup(res, parts[0]);
    if (req.method === "DELETE" && parts.length === 1 && media.has(parts[0])) {
      media.delete(parts[0]);
      return sendJson(res, 200, { success: true }, version);
    }
    return sendGraphError(res, 100, version, {
      type: "GraphMethodException",
      subcode: 33,
      message: `Unsupported ${String(req.method).toLowerCase()} request. Object with ID '${parts[0]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      details: "",
    });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent) sendGraphError(res, 131000, version, { details: String(err?.message ?? err) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  double.port = port;
  double.origin = `http://127.0.0.1:${port}`;
  double.url = `${double.origin}/${version}`;
  double.close = async () => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    checkSettled();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  return double;
}

// ---------------------------------------------------------------------------------------
// CLI

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(name + "="));
  return eq?.slice(name.length + 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const double = await startMetaGraphDouble({
    port: Number(argValue(args, "--port") ?? 4010),
    token: argValue(args, "--token"),
    webhookUrl: argValue(args, "--webhook-url"),
    appSecret: argValue(args, "--app-secret"),
  });
  process.stdout.write(double.url + "\n");
  const stop = () => void double.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
