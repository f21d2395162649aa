// The OpenAI side of AletheIA: one client per process (the official SDK, so any
// OpenAI-compatible server works through OPENAI_BASE_URL), Structured Outputs with strict
// JSON schemas written by hand (the strict dialect: every key required, no extra keys), and
// zod to validate what comes back. Failures are classified so callers can decide: retry
// (transient, malformed) or fall back to the local analyzer (refusal, content filter).
import OpenAI from "openai";
import { z } from "zod";
import { config } from "../config.server";
import type { RiskFlag } from "./risk-types";
import { RISK_LEVELS } from "./risk-level";
import type { TranscriptLine } from "./local-analyzer";
import { pseudonymise, type ModelNames } from "./pseudonymise";

const LEVELS = RISK_LEVELS;
const FLAGS = [
  "suicidal_ideation",
  "self_harm",
  "harm_to_others",
  "overdose",
  "medication_refusal",
  "acute_crisis",
  "hopelessness",
  "substance_use",
  "declining_mood",
] as const satisfies readonly RiskFlag[];

export type ModelFailureKind = "transient" | "malformed" | "refusal" | "content_filter" | "error";

/** Why the model gave no usable answer. `kind` decides retry vs. fallback; never carries patient text. */
export class ModelFailure extends Error {
  constructor(
    readonly kind: ModelFailureKind,
    readonly reason: string,
  ) {
    super(`model ${kind}: ${reason}`);
  }
}

/** OpenAI is used only with a key and only for organizations that did not choose local-only. */
export function modelEnabled(analysisMode: string): boolean {
  return Boolean(config().openai.apiKey) && analysisMode === "auto";
}

declare global {
  // eslint-disable-next-line no-var
  var __kuraOpenAI: Map<string, OpenAI> | undefined;
}

/** Cached per settings: one HTTP keep-alive pool for the whole process. */
export function openaiClient(opts: { maxRetries?: number; timeoutMs?: number } = {}): OpenAI {
  const { apiKey, baseUrl } = config().openai;
  if (!apiKey) throw new ModelFailure("error", "no_api_key");
  const key = `${apiKey}|${baseUrl ?? ""}|${opts.maxRetries ?? 0}|${opts.timeoutMs ?? 60_000}`;
  globalThis.__kuraOpenAI ??= new Map();
  let client = globalThis.__kuraOpenAI.get(key);
  if (!client) {
    client = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: opts.maxRetries ?? 0, timeout: opts.timeoutMs ?? 60_000 });
    globalThis.__kuraOpenAI.set(key, client);
  }
  return client;
}

/** An SDK error → retry or not. 429, 5xx, timeouts and broken connections are worth retrying. */
export function classifyApiError(err: unknown): ModelFailure {
  if (err instanceof ModelFailure) return err;
  if (err instanceof OpenAI.APIConnectionError) return new ModelFailure("transient", "connection_error");
  if (err instanceof OpenAI.APIError) {
    const status = err.status ?? 0;
    if (status === 429) return new ModelFailure("transient", "rate_limited_429");
    if (status >= 500) return new ModelFailure("transient", `server_error_${status}`);
    return new ModelFailure("error", `api_error_${status}${err.code ? `_${err.code}` : ""}`);
  }
  return new ModelFailure("error", (err as Error)?.name ?? "unknown_error");
}

// Minimum necessary: the model sees roles and words, never names. The patient's and the
// clinicians' names, phone numbers and e-mail addresses become role tokens (linear-time scan).
export function redactForModel(text: string, names?: ModelNames, language: "es" | "en" = "es"): string {
  return pseudonymise(text, names, language);
}

export function transcriptForModel(lines: TranscriptLine[], language: "es" | "en", timeZone: string, names?: ModelNames): string {
  const [patient, clinic] = language === "es" ? ["Paciente", "Clínica"] : ["Patient", "Clinic"];
  const hm = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return lines.map((l) => `[${hm.format(l.at)}] ${l.role === "patient" ? patient : clinic}: ${redactForModel(l.text, names, language)}`).join("\n");
}

async function structured<T>(
  schemaName: string,
  jsonSchema: object,
  validator: z.ZodType<T>,
  messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[],
  opts: { maxRetries?: number; timeoutMs?: number },
): Promise<{ value: T; tokens: number; model: string }> {
  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await openaiClient(opts).chat.completions.create({
      model: config().openai.model,
      temperature: 0,
      messages,
      response_format: { type: "json_schema", json_schema: { name: schemaName, strict: true, schema: jsonSchema as Record<string, unknown> } },
    });
  } catch (err) {
    throw classifyApiError(err);
  }
  const choice = completion.choices[0];
  if (!choice) throw new ModelFailure("malformed", "no_choices");
  if (choice.message.refusal) throw new ModelFailure("refusal", "model_refused");
  if (choice.finish_reason === "content_filter") throw new ModelFailure("content_filter", "content_filter");
  if (choice.finish_reason === "length") throw new ModelFailure("malformed", "truncated_output");
  let json: unknown;
  try {
    json = JSON.parse(choice.message.content ?? "");
  } catch {
    throw new ModelFailure("malformed", "invalid_json");
  }
  const parsed = validator.safeParse(json);
  if (!parsed.success) throw new ModelFailure("malformed", "schema_mismatch");
  return { value: parsed.data, tokens: completion.usage?.total_tokens ?? 0, model: completion.model || config().openai.model };
}

// ---------------------------------------------------------------------------------------
// Nightly review of one patient-day

const dailySchema = z.object({
  sentiment_score: z.number().min(-1).max(1),
  emotional_state: z.string().min(1).max(200),
  risk_level: z.enum(LEVELS),
  risk_flags: z.array(z.enum(FLAGS)),
  summary: z.string().min(1).max(2000),
  suggestion: z.string().min(1).max(1000),
  language: z.enum(["es", "en"]),
});
export type ModelDailyAnalysis = z.infer<typeof dailySchema>;

const DAILY_JSON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["sentiment_score", "emotional_state", "risk_level", "risk_flags", "summary", "suggestion", "language"],
  properties: {
    sentiment_score: { type: "number", minimum: -1, maximum: 1, description: "Overall sentiment of the patient's messages, -1 very negative .. 1 very positive" },
    emotional_state: { type: "string", description: "One or two words for the patient's predominant emotional state, in the conversation's language" },
    risk_level: { type: "string", enum: [...LEVELS], description: "Clinical risk seen in the patient's messages today" },
    risk_flags: { type: "array", items: { type: "string", enum: [...FLAGS] } },
    summary: { type: "string", description: "Two to four sentences summarising the day, in the conversation's language" },
    suggestion: { type: "string", description: "One concrete suggestion for the clinician, in the conversation's language" },
    language: { type: "string", enum: ["es", "en"] },
  },
};

const DAILY_SYSTEM: Record<"es" | "en", string> = {
  es:
    "Eres AletheIA, asistente clínico de una clínica de salud mental. Recibes la conversación de WhatsApp de un día entre un paciente y su clínica, " +
    "con líneas etiquetadas 'Paciente' y 'Clínica'. Evalúa solo lo que escribe el paciente. Nunca minimices señales de riesgo (ideación suicida, " +
    "autolesión, daño a otros, sobredosis, abandono de medicación, crisis aguda): ante la duda, sube el nivel. Responde en español.",
  en:
    "You are AletheIA, a clinical assistant for a mental-health clinic. You receive one day of a WhatsApp conversation between a patient and their " +
    "clinic, lines labelled 'Patient' and 'Clinic'. Assess only what the patient writes. Never minimise risk signals (suicidal ideation, self-harm, " +
    "harm to others, overdose, medication refusal, acute crisis): when in doubt, raise the level. Answer in English.",
};

export async function analyzeDayWithModel(lines: TranscriptLine[], language: "es" | "en", timeZone: string, names?: ModelNames) {
  return structured("daily_conversation_analysis", DAILY_JSON_SCHEMA, dailySchema, [
    { role: "system", content: DAILY_SYSTEM[language] },
    { role: "user", content: transcriptForModel(lines, language, timeZone, names) },
  ], { maxRetries: 1, timeoutMs: 60_000 });
}

// ---------------------------------------------------------------------------------------
// Real-time second opinion on one message

const screenSchema = z.object({
  risk_level: z.enum(LEVELS),
  risk_flags: z.array(z.enum(FLAGS)),
  rationale: z.string().max(500),
});
export type ModelScreen = z.infer<typeof screenSchema>;

const SCREEN_JSON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["risk_level", "risk_flags", "rationale"],
  properties: {
    risk_level: { type: "string", enum: [...LEVELS] },
    risk_flags: { type: "array", items: { type: "string", enum: [...FLAGS] } },
    rationale: { type: "string", description: "One short sentence, no quotes of the message" },
  },
};

const SCREEN_SYSTEM =
  "You screen one WhatsApp message from a mental-health patient for risk (Spanish or English, informal, typos). " +
  "Classify risk_level NONE/LOW/MEDIUM/HIGH and list risk flags. Idioms ('me muero de risa') and negated statements " +
  "('no pienso hacerme daño') are not risk; indirect ideation ('ya no quiero despertar') is HIGH.";

export async function screenWithModel(text: string, names?: ModelNames) {
  // Short timeout: this runs while a clinician may be waiting on the alert (the lexicon alert is already stored).
  return structured("message_risk_screen", SCREEN_JSON_SCHEMA, screenSchema, [
    { role: "system", content: SCREEN_SYSTEM },
    { role: "user", content: redactForModel(text, names) },
  ], { maxRetries: 1, timeoutMs: 15_000 });
}
