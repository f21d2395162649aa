/**
 * Loopback double of the OpenAI API (Whisper transcription + chat completions with
 * Structured Outputs), speaking the real wire format including errors. node:http only.
 *
 *   const ai = await startOpenAIDouble();
 *   const client = new OpenAI({ baseURL: ai.url, apiKey: "test", maxRetries: 0 });
 *
 * - POST /v1/audio/transcriptions (multipart): {"text": …} (json), text/srt/vtt as text,
 *   verbose_json with segments.
 * - POST /v1/chat/completions: a chat.completion whose content conforms to the
 *   response_format json_schema (walked deterministically; crisis wording in the user
 *   messages yields the most severe risk enum value, a risk flag and a negative sentiment).
 * - GET /v1/models.
 * Failure modes: mode "429" | "500" (both endpoints), "malformed" | "refusal" |
 * "content_filter" (chat only), for `failTimes` calls (default: every call) then ok.
 *
 * CLI: node --import tsx doubles/openai.ts --port 4020 [--api-key K]
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { readBody } from "../app/lib/read-body";

export type OpenAIMode = "ok" | "429" | "500" | "malformed" | "refusal" | "content_filter";

export interface OpenAIDouble {
  /** Base URL including /v1: pass as `baseURL` to the openai SDK (or OPENAI_BASE_URL). */
  url: string;
  port: number;
  close(): Promise<void>;
  mode: OpenAIMode;
  /** Calls that still fail while mode != "ok" (decremented per failed call; default Infinity). */
  failTimes: number;
  /** "truncated" (default): cut JSON, finish_reason "length"; "wrong_shape": valid JSON not matching the schema, finish_reason "stop". */
  malformedKind: "truncated" | "wrong_shape";
  calls: Array<{ path: string; model?: string; body?: any }>;
  /** Text every transcription returns (unless `transcribe` is set). */
  transcriptText: string;
  /** Optional per-file transcription. */
  transcribe?: (file: { name: string; type: string; bytes: Buffer }) => string;
  latencyMs: number;
  reset(): void;
}

export const DEFAULT_TRANSCRIPT = "Hola, hoy me siento un poco mejor que ayer, aunque todavía me cuesta dormir por las noches.";

const AUDIO_EXTS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];

// ---------------------------------------------------------------------------------------
// Error bodies (OpenAI's wire format)

export function openAIError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

function requestId(): string {
  return "req_" + randomBytes(16).toString("hex");
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra?: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "x-request-id": requestId(),
    "openai-version": "2020-10-01",
    "openai-processing-ms": "12",
    ...extra,
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text), "x-request-id": requestId() });
  res.end(text);
}

function send429(res: ServerResponse, model: string | undefined): void {
  sendJson(
    res,
    429,
    openAIError(
      `Rate limit reached for ${model ?? "gpt-4o-mini"} in organization org-kuraconnectdouble on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      "requests",
      "rate_limit_exceeded",
    ),
    {
      "retry-after": "1",
      "retry-after-ms": "1000",
      "x-ratelimit-limit-requests": "3",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "20s",
    },
  );
}

function send500(res: ServerResponse): void {
  sendJson(
    res,
    500,
    openAIError(
      `The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists. (Please include the request ID ${requestId()} in your message.)`,
      "server_error",
    ),
  );
}

// ---------------------------------------------------------------------------------------
// Content analysis (deterministic)

const CRISIS = [
  "no quiero vivir",
  "quiero morir",
  "me quiero morir",
  "quitarme la vida",
  "matarme",
  "suicid",
  "kill myself",
  "end my life",
  "want to die",
  "no vale la pena vivir",
  "hacerme daño",
  "autolesi",
  "self-harm",
  "self harm",
  "cortarme",
];
const NEGATIVE = ["triste", "sad", "ansiedad", "ansios", "anxious", "anxiety", "deprimid", "depress", "sola", "solo ", "lonely", "llor", "cry", "desesper", "hopeless", "miedo", "afraid", "no puedo dormir", "me cuesta dormir", "can't sleep", "angry", "enojad", "agotad", "exhausted", "mal ", "peor", "worse"];
const POSITIVE = ["feliz", "happy", "mejor", "better", "bien", "contento", "contenta", "tranquil", "calm", "great", "gracias", "thank", "alegr"];

interface Analysis {
  text: string;
  crisis: boolean;
  negative: boolean;
  positive: boolean;
  /** -1..1 */
  sentiment: number;
  userMessages: number;
}

function userText(messages: any[]): { text: string; count: number } {
  const parts: string[] = [];
  let count = 0;
  for (const m of messages ?? []) {
    if (m?.role !== "user") continue;
    count++;
    if (typeof m.content === "string") parts.push(m.content);
    else if (Array.isArray(m.content)) for (const p of m.content) if (p?.type === "text" && typeof p.text === "string") parts.push(p.text);
  }
  return { text: parts.join("\n"), count };
}

export function analyze(messages: any[]): Analysis {
  const { text, count } = userText(messages);
  const t = ` ${text.toLowerCase()} `;
  const crisis = CRISIS.some((w) => t.includes(w));
  const negHits = NEGATIVE.filter((w) => t.includes(w)).length;
  const posHits = POSITIVE.filter((w) => t.includes(w)).length;
  const negative = crisis || negHits > posHits;
  const positive = !negative && posHits > 0;
  const sentiment = crisis ? -0.9 : negative ? -0.5 : positive ? 0.6 : 0.1;
  return { text, crisis, negative, positive, sentiment, userMessages: count };
}

// ---------------------------------------------------------------------------------------
// JSON-schema walker

const RISK_KEY = /risk|level|severity|urgency|priority|riesgo|nivel|gravedad/i;
const SEVERITY: Array<[RegExp, number]> = [
  [/^(none|no|ninguno|ninguna|nulo|sin_riesgo|sin riesgo)$/i, 0],
  [/^(low|bajo|baja|minimal|mild|leve)$/i, 1],
  [/^(medium|moderate|medio|media|moderado|moderada)$/i, 2],
  [/^(high|alto|alta|elevated|elevado|serious)$/i, 3],
  [/^(critical|severe|urgent|imminent|critico|crítico|severo|urgente|extreme|emergency)$/i, 4],
];
const NEG_ENUM = /sad|anx|distress|crisis|despair|hopeless|negative|depress|triste|ansi|angustia|desesper|negativ|fear|angry|low/i;
const POS_ENUM = /happy|calm|positive|content|hopeful|stable|tranquil|feliz|positiv|estable|good|well/i;

function severityOf(v: unknown): number {
  const s = String(v);
  for (const [re, n] of SEVERITY) if (re.test(s)) return n;
  return -1;
}

function pickEnum(values: unknown[], key: string, a: Analysis): unknown {
  if (values.length === 0) return null;
  const ranked = values.map((v) => ({ v, r: severityOf(v) })).filter((x) => x.r >= 0);
  if (RISK_KEY.test(key) && ranked.length > 0) {
    if (a.crisis) return ranked.reduce((m, x) => (x.r > m.r ? x : m)).v;
    const want = a.negative ? 1 : 0;
    const exact = ranked.find((x) => x.r === want);
    return exact ? exact.v : ranked.reduce((m, x) => (x.r < m.r ? x : m)).v;
  }
  if (a.crisis || a.negative) {
    const n = values.find((v) => NEG_ENUM.test(String(v)));
    if (n !== undefined) return n;
  } else if (a.positive) {
    const p = values.find((v) => POS_ENUM.test(String(v)));
    if (p !== undefined) return p;
  }
  return values[0];
}

function resolveRef(root: any, schema: any): any {
  let s = schema;
  for (let i = 0; i < 32 && s && typeof s.$ref === "string"; i++) {
    const path = s.$ref.replace(/^#\/?/, "").split("/").filter(Boolean);
    let cur = root;
    for (const p of path) cur = cur?.[p.replace(/~1/g, "/").replace(/~0/g, "~")];
    s = cur;
  }
  return s ?? {};
}

function clampNumber(schema: any, v: number, integer: boolean): number {
  let lo = typeof schema.minimum === "number" ? schema.minimum : -Infinity;
  let hi = typeof schema.maximum === "number" ? schema.maximum : Infinity;
  const step = integer ? 1 : 1e-6;
  if (typeof schema.exclusiveMinimum === "number") lo = Math.max(lo, schema.exclusiveMinimum + step);
  if (typeof schema.exclusiveMaximum === "number") hi = Math.min(hi, schema.exclusiveMaximum - step);
  let x = Math.min(hi, Math.max(lo, v));
  if (integer) {
    x = Math.round(x);
    if (x < lo) x = Math.ceil(lo);
    if (x > hi) x = Math.floor(hi);
  }
  return Number(x.toFixed(6));
}

function crisisFlags(a: Analysis): string[] {
  if (!a.crisis) return [];
  const t = a.text.toLowerCase();
  const flags = ["suicidal_ideation"];
  if (/autolesi|self[- ]harm|cortarme|hacerme daño/.test(t)) flags.push("self_harm");
  return flags;
}

function genString(schema: any, key: string, a: Analysis): string {
  const k = key.toLowerCase();
  let s: string;
  if (schema.format === "date-time") s = new Date(0).toISOString();
  else if (schema.format === "date") s = "1970-01-01";
  else if (/flag/.test(k)) s = a.crisis ? "suicidal_ideation" : "none";
  else if (/summary|resumen/.test(k)) {
    const excerpt = a.text.replace(/\s+/g, " ").trim().slice(0, 160);
    s = a.crisis
      ? `El paciente expresó ideación suicida: "${excerpt}". Requiere contacto inmediato.`
      : excerpt
        ? `El paciente compartió: "${excerpt}".`
        : "Sin mensajes del paciente en el periodo.";
  } else if (/suggest|recommend|sugerencia|recomend|action|accion/.test(k)) {
    s = a.crisis ? "Contactar al paciente hoy y aplicar el protocolo de riesgo suicida." : a.negative ? "Explorar el malestar en la próxima sesión." : "Mantener el seguimiento habitual.";
  } else if (/emotion|state|mood|estado|animo|ánimo/.test(k)) {
    s = a.crisis ? "desesperanza" : a.negative ? "tristeza" : a.positive ? "tranquilidad" : "estable";
  } else if (/lang|idioma/.test(k)) s = "es";
  else if (/reason|rationale|explanation|justific|motivo|evidence/.test(k)) {
    s = a.crisis ? "Menciona explícitamente no querer vivir." : a.negative ? "Expresa malestar emocional." : "Sin indicadores de riesgo.";
  } else s = a.crisis ? "riesgo" : "n/a";
  if (typeof schema.maxLength === "number" && s.length > schema.maxLength) s = s.slice(0, schema.maxLength);
  if (typeof schema.minLength === "number" && s.length < schema.minLength) s = s.padEnd(schema.minLength, ".");
  return s;
}

function genNumber(schema: any, key: string, a: Analysis, integer: boolean): number {
  const k = key.toLowerCase();
  const lo = typeof schema.minimum === "number" ? schema.minimum : typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : undefined;
  const hi = typeof schema.maximum === "number" ? schema.maximum : typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum : undefined;
  let v: number;
  if (/sentiment|valence|polarity|score|mood|wellbeing|well_being|sentimiento|puntuaci|animo|ánimo|bienestar/.test(k) && !/confidence|confianza/.test(k)) {
    if (lo !== undefined && hi !== undefined && !(lo === -1 && hi === 1)) v = lo + ((a.sentiment + 1) / 2) * (hi - lo);
    else v = a.sentiment;
    if (/risk|riesgo/.test(k) && lo !== undefined && hi !== undefined) v = a.crisis ? hi : a.negative ? lo + (hi - lo) * 0.3 : lo;
  } else if (/confidence|confianza|probab/.test(k)) v = a.crisis ? 0.9 : 0.7;
  else if (/count|number|total|cantidad|num_/.test(k)) v = a.userMessages;
  else if (/risk|riesgo|severity|urgency/.test(k)) v = a.crisis ? (hi ?? 10) : (lo ?? 0);
  else v = lo !== undefined && hi !== undefined ? (lo + hi) / 2 : (lo ?? 0);
  return clampNumber(schema, v, integer);
}

function chooseType(schema: any): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x: string) => x !== "null") ?? "null";
  if (t) return t;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  if (schema.enum) return undefined;
  return undefined;
}

export function generateFromSchema(root: any, schemaIn: any, key: string, a: Analysis, depth = 0): unknown {
  const schema = resolveRef(root, schemaIn);
  if (depth > 24) return null;
  if ("const" in schema) return schema.const;
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length) {
    const resolved = variants.map((v: any) => resolveRef(root, v));
    const nonNull = resolved.find((v: any) => v.type !== "null") ?? resolved[0];
    return generateFromSchema(root, nonNull, key, a, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length) {
    const merged = Object.assign({}, ...schema.allOf.map((s: any) => resolveRef(root, s)));
    merged.properties = Object.assign({}, ...schema.allOf.map((s: any) => resolveRef(root, s).properties ?? {}));
    return generateFromSchema(root, merged, key, a, depth + 1);
  }
  if (Array.isArray(schema.enum)) return pickEnum(schema.enum, key, a);
  const type = chooseType(schema);
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries<any>(schema.properties ?? {})) out[k] = generateFromSchema(root, sub, k, a, depth + 1);
      return out;
    }
    case "array": {
      const items = resolveRef(root, schema.items ?? {});
      const min = schema.minItems ?? 0;
      const max = schema.maxItems ?? Infinity;
      let arr: unknown[] = [];
      const itemKey = key;
      if (/flag/i.test(key)) {
        if (Array.isArray(items.enum)) {
          const cats = crisisFlags(a);
          const wanted = items.enum.filter(
            (v: unknown) =>
              (cats.includes("suicidal_ideation") && /suic|ideation|ideaci/i.test(String(v))) ||
              (cats.includes("self_harm") && /self|harm|autolesi/i.test(String(v))),
          );
          arr = wanted.length ? wanted : a.crisis ? [items.enum[0]] : [];
        } else if (chooseType(items) === "string") arr = crisisFlags(a);
        else if (a.crisis) arr = [generateFromSchema(root, items, itemKey, a, depth + 1)];
      } else if (min > 0) {
        arr = [];
      }
      while (arr.length < min) arr.push(generateFromSchema(root, items, itemKey, a, depth + 1));
      if (arr.length > max) arr = arr.slice(0, max);
      return arr;
    }
    case "string":
      return genString(schema, key, a);
    case "number":
      return genNumber(schema, key, a, false);
    case "integer":
      return genNumber(schema, key, a, true);
    case "boolean":
      return /crisis|risk|urgent|alert|escalat|self_harm|suicid|requires|needs|riesgo|urgen|alerta/i.test(key) ? a.crisis : false;
    case "null":
      return null;
    default:
      return null;
  }
}

/** Checks OpenAI's strict-mode rules; returns the API's error message or null. */
export function strictSchemaError(name: string, root: any): string | null {
  const walk = (s: any, ctx: string[]): string | null => {
    s = resolveRef(root, s);
    if (!s || typeof s !== "object") return null;
    const t = chooseType(s);
    const where = `In context=(${ctx.map((c) => `'${c}'`).join(", ")})`;
    if (t === "object" || s.properties) {
      if (s.additionalProperties !== false) return `Invalid schema for response_format '${name}': ${where}, 'additionalProperties' is required to be supplied and to be false.`;
      const keys = Object.keys(s.properties ?? {});
      const req: string[] = Array.isArray(s.required) ? s.required : [];
      const missing = keys.find((k) => !req.includes(k));
      if (missing !== undefined)
        return `Invalid schema for response_format '${name}': ${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
      for (const k of keys) {
        const e = walk(s.properties[k], [...ctx, "properties", k]);
        if (e) return e;
      }
    }
    if (s.items) {
      const e = walk(s.items, [...ctx, "items"]);
      if (e) return e;
    }
    for (const key of ["anyOf", "allOf"]) {
      if (Array.isArray(s[key])) for (let i = 0; i < s[key].length; i++) {
        const e = walk(s[key][i], [...ctx, key, String(i)]);
        if (e) return e;
      }
    }
    for (const defs of ["$defs", "definitions"]) {
      if (s[defs] && typeof s[defs] === "object") for (const [k, d] of Object.entries(s[defs])) {
        const e = walk(d, [...ctx, defs, k]);
        if (e) return e;
      }
    }
    return null;
  };
  return walk(root, []);
}

// ---------------------------------------------------------------------------------------
// Handlers


const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startOpenAIDouble(opts: { port?: number; latencyMs?: number; apiKey?: string } = {}): Promise<OpenAIDouble> {
  const double: OpenAIDouble = {
    url: "",
    port: 0,
    close: async () => {},
    mode: "ok",
    failTimes: Infinity,
    malformedKind: "truncated",
    calls: [],
    transcriptText: DEFAULT_TRANSCRIPT,
    latencyMs: opts.latencyMs ?? 0,
    reset() {
      double.mode = "ok";
      double.failTimes = Infinity;
      double.malformedKind = "truncated";
      double.calls.length = 0;
      double.transcriptText = DEFAULT_TRANSCRIPT;
      double.transcribe = undefined;
    },
  };

  /** The failure mode to apply to this call (consumes one of failTimes), or "ok". */
  function failure(applicable: OpenAIMode[]): OpenAIMode {
    if (double.mode === "ok" || !applicable.includes(double.mode) || !(double.failTimes > 0)) return "ok";
    double.failTimes -= 1;
    return double.mode;
  }

  function checkAuth(req: IncomingMessage, res: ServerResponse): boolean {
    if (!opts.apiKey) return true;
    const h = req.headers.authorization;
    if (!h) {
      sendJson(
        res,
        401,
        openAIError(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
          "invalid_request_error",
        ),
      );
      return false;
    }
    const key = h.replace(/^Bearer\s+/i, "");
    if (key !== opts.apiKey) {
      const masked = key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : `${key.slice(0, 2)}**${key.slice(-2)}`;
      sendJson(res, 401, openAIError(`Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`, "invalid_request_error", "invalid_api_key"));
      return false;
    }
    return true;
  }

  async function transcriptions(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const ct = String(req.headers["content-type"] ?? "");
    let form: FormData;
    try {
      form = await new Request("http://x/", { method: "POST", headers: { "content-type": ct }, body: new Uint8Array(raw) }).formData();
    } catch {
      double.calls.push({ path: "/audio/transcriptions" });
      return sendJson(res, 400, openAIError("Could not parse multipart form", "invalid_request_error"));
    }
    const model = form.get("model");
    const file = form.get("file");
    const language = form.get("language");
    const responseFormat = String(form.get("response_format") ?? "json");
    const fileInfo = file && typeof file !== "string" ? { name: (file as File).name, type: (file as File).type, bytes: Buffer.from(await (file as File).arrayBuffer()) } : null;
    double.calls.push({
      path: "/audio/transcriptions",
      model: typeof model === "string" ? model : undefined,
      body: { model, language, response_format: responseFormat, prompt: form.get("prompt"), filename: fileInfo?.name, size: fileInfo?.bytes.length },
    });
    const f = failure(["429", "500"]);
    if (f === "429") return send429(res, typeof model === "string" ? model : "whisper-1");
    if (f === "500") return send500(res);
    if (typeof model !== "string" || !model) return sendJson(res, 400, openAIError("you must provide a model parameter", "invalid_request_error", null, "model"));
    if (!fileInfo) return sendJson(res, 400, openAIError("1 validation error for Request\nbody -> file\n  field required (type=value_error.missing)", "invalid_request_error"));
    const ext = fileInfo.name.split(".").pop()?.toLowerCase() ?? "";
    if (!AUDIO_EXTS.includes(ext)) {
      return sendJson(res, 400, openAIError(`Invalid file format. Supported formats: ${JSON.stringify(AUDIO_EXTS).replace(/"/g, "'").replace(/,/g, ", ")}`, "invalid_request_error"));
    }
    if (fileInfo.bytes.length === 0) return sendJson(res, 400, openAIError("Audio file is too short. Minimum audio length is 0.1 seconds.", "invalid_request_error", "audio_too_short", "file"));
    const text = double.transcribe ? double.transcribe(fileInfo) : double.transcriptText;
    const duration = Math.max(1, Math.round((text.split(/\s+/).length / 2.5) * 10) / 10);
    switch (responseFormat) {
      case "text":
        return sendText(res, 200, text + "\n");
      case "srt":
        return sendText(res, 200, `1\n00:00:00,000 --> 00:00:${String(Math.min(59, Math.ceil(duration))).padStart(2, "0")},000\n${text}\n\n`);
      case "vtt":
        return sendText(res, 200, `WEBVTT\n\n00:00:00.000 --> 00:00:${String(Math.min(59, Math.ceil(duration))).padStart(2, "0")}.000\n${text}\n\n`);
      case "verbose_json":
        return sendJson(res, 200, {
          task: "transcribe",
          language: typeof language === "string" && language === "en" ? "english" : "spanish",
          duration,
          text,
          segments: [{ id: 0, seek: 0, start: 0, end: duration, text: " " + text, tokens: [50364], temperature: 0, avg_logprob: -0.25, compression_ratio: 1.2, no_speech_prob: 0.01 }],
        });
      case "json":
        return sendJson(res, 200, model === "whisper-1" ? { text } : { text, usage: { type: "duration", seconds: Math.ceil(duration) } });
      default:
        return sendJson(res, 400, openAIError(`Invalid response_format '${responseFormat}'. Must be one of: json, text, srt, verbose_json, vtt.`, "invalid_request_error", null, "response_format"));
    }
  }

  async function chatCompletions(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    let body: any;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      double.calls.push({ path: "/chat/completions" });
      return sendJson(
        res,
        400,
        openAIError(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
          "invalid_request_error",
        ),
      );
    }
    double.calls.push({ path: "/chat/completions", model: body?.model, body });
    const f = failure(["429", "500", "malformed", "refusal", "content_filter"]);
    if (f === "429") return send429(res, body?.model);
    if (f === "500") return send500(res);
    if (!body?.model) return sendJson(res, 400, openAIError("you must provide a model parameter", "invalid_request_error", null, null));
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return sendJson(res, 400, openAIError("[] is too short - 'messages'", "invalid_request_error", null, "messages"));
    }
    if (body.stream) return sendJson(res, 400, openAIError("stream is not supported by the Kura Connect OpenAI double", "invalid_request_error", null, "stream"));

    const a = analyze(body.messages);
    const rf = body.response_format;
    let content: string;
    let wrongShape = '{"unexpected":true}';
    if (rf?.type === "json_schema") {
      const js = rf.json_schema;
      if (!js?.name || !js?.schema) return sendJson(res, 400, openAIError("Missing required parameter: 'response_format.json_schema.name'.", "invalid_request_error", "missing_required_parameter", "response_format.json_schema.name"));
      if (js.strict) {
        const err = strictSchemaError(js.name, js.schema);
        if (err) return sendJson(res, 400, openAIError(err, "invalid_request_error", null, "response_format"));
      }
      content = JSON.stringify(generateFromSchema(js.schema, js.schema, js.name, a));
    } else if (rf?.type === "json_object") {
      content = JSON.stringify({ summary: genString({}, "summary", a), risk_level: a.crisis ? "HIGH" : a.negative ? "LOW" : "NONE", sentiment: a.sentiment });
      wrongShape = "[]";
    } else {
      content = a.crisis
        ? "Detecto señales de riesgo en lo que compartes. Por favor contacta a tu terapeuta o a una línea de crisis ahora mismo."
        : "Gracias por compartirlo. Lo revisaremos en tu próxima sesión.";
    }

    let message: Record<string, unknown> = { role: "assistant", content, refusal: null, annotations: [] };
    let finish = "stop";
    if (f === "malformed") {
      if (double.malformedKind === "wrong_shape") message.content = wrongShape;
      else {
        message.content = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
        finish = "length";
      }
    } else if (f === "refusal") {
      message = { role: "assistant", content: null, refusal: "I'm sorry, I can't assist with that request.", annotations: [] };
    } else if (f === "content_filter") {
      message = { role: "assistant", content: null, refusal: null, annotations: [] };
      finish = "content_filter";
    }
    const prompt = tokens(JSON.stringify(body.messages));
    const completion = tokens(String(message.content ?? message.refusal ?? ""));
    const id = "chatcmpl-" + createHash("sha256").update(raw).update(String(double.calls.length)).digest("base64url").replace(/[-_]/g, "").slice(0, 29);
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
      usage: {
        prompt_tokens: prompt,
        completion_tokens: completion,
        total_tokens: prompt + completion,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      service_tier: "default",
      system_fingerprint: "fp_kura0double",
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://x").pathname.replace(/\/+$/, "");
    if (double.latencyMs > 0) await sleep(double.latencyMs);
    if (!checkAuth(req, res)) return;
    if (req.method === "POST" && path === "/v1/audio/transcriptions") return transcriptions(req, res);
    if (req.method === "POST" && path === "/v1/chat/completions") return chatCompletions(req, res);
    if (req.method === "GET" && path === "/v1/models") {
      double.calls.push({ path: "/models" });
      const data = ["gpt-4o-mini", "gpt-4o", "whisper-1", "gpt-4o-mini-transcribe"].map((id) => ({ id, object: "model", created: 1715367049, owned_by: "system" }));
      return sendJson(res, 200, { object: "list", data });
    }
    await readBody(req).catch(() => undefined);
    return sendJson(res, 404, openAIError(`Invalid URL (${req.method} ${path})`, "invalid_request_error"));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, openAIError(String(err?.message ?? err), "server_error"));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  double.port = (server.address() as AddressInfo).port;
  double.url = `http://127.0.0.1:${double.port}/v1`;
  double.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return double;
}

// ---------------------------------------------------------------------------------------
// CLI

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const val = (n: string) => {
    const i = args.indexOf(n);
    return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(n + "="))?.slice(n.length + 1);
  };
  const double = await startOpenAIDouble({ port: Number(val("--port") ?? 4020), apiKey: val("--api-key") });
  process.stdout.write(double.url + "\n");
  const stop = () => void double.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
