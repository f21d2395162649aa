import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import OpenAI, { toFile } from "openai";
import { z } from "zod";
import { DEFAULT_TRANSCRIPT, startOpenAIDouble, type OpenAIDouble } from "./openai";

let ai: OpenAIDouble;
let client: OpenAI;

beforeAll(async () => {
  ai = await startOpenAIDouble();
  client = new OpenAI({ baseURL: ai.url, apiKey: "test", maxRetries: 0 });
});
afterAll(() => ai.close());
afterEach(() => ai.reset());

// The nightly analysis schema (strict Structured Outputs: all keys required, no extras).
const analysisSchema = {
  type: "object",
  properties: {
    sentiment_score: { type: "number", minimum: -1, maximum: 1 },
    emotional_state: { type: "string" },
    risk_level: { type: "string", enum: ["NONE", "LOW", "MEDIUM", "HIGH"] },
    risk_flags: { type: "array", items: { type: "string" } },
    summary: { type: "string" },
    suggestion: { type: ["string", "null"] },
    message_count: { type: "integer", minimum: 0 },
    needs_clinician: { type: "boolean" },
    evidence: { anyOf: [{ type: "string" }, { type: "null" }] },
  },
  required: ["sentiment_score", "emotional_state", "risk_level", "risk_flags", "summary", "suggestion", "message_count", "needs_clinician", "evidence"],
  additionalProperties: false,
} as const;

const Analysis = z.object({
  sentiment_score: z.number().min(-1).max(1),
  emotional_state: z.string(),
  risk_level: z.enum(["NONE", "LOW", "MEDIUM", "HIGH"]),
  risk_flags: z.array(z.string()),
  summary: z.string(),
  suggestion: z.string().nullable(),
  message_count: z.number().int().min(0),
  needs_clinician: z.boolean(),
  evidence: z.string().nullable(),
});

function analyzeRequest(userText: string) {
  return client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Eres AletheIA. Marca riesgo si hay ideación suicida o autolesión." },
      { role: "user", content: userText },
    ],
    response_format: { type: "json_schema", json_schema: { name: "daily_analysis", strict: true, schema: analysisSchema as any } },
  });
}

describe("audio transcriptions (multipart) through the real SDK", () => {
  it("whisper-1 json → {text}", async () => {
    const r = await client.audio.transcriptions.create({ file: await toFile(Buffer.from("OggS\0\0fake-opus"), "voice.ogg"), model: "whisper-1" });
    expect(r.text).toBe(DEFAULT_TRANSCRIPT);
    const call = ai.calls.at(-1)!;
    expect(call).toMatchObject({ path: "/audio/transcriptions", model: "whisper-1" });
    expect(call.body).toMatchObject({ filename: "voice.ogg", size: 15 });
  });

  it("transcriptText is configurable; language and response_format text are honoured", async () => {
    ai.transcriptText = "No quiero vivir así.";
    const r = await client.audio.transcriptions.create({
      file: await toFile(Buffer.from("x"), "nota.ogg", { type: "audio/ogg" }),
      model: "whisper-1",
      language: "es",
      response_format: "text",
    });
    expect(String(r).trim()).toBe("No quiero vivir así.");
    expect(ai.calls.at(-1)!.body).toMatchObject({ language: "es", response_format: "text" });
  });

  it("per-file transcription hook", async () => {
    ai.transcribe = (f) => `bytes:${f.bytes.toString()}`;
    const r = await client.audio.transcriptions.create({ file: await toFile(Buffer.from("abc"), "a.mp3"), model: "whisper-1" });
    expect(r.text).toBe("bytes:abc");
  });

  it("verbose_json carries language, duration and segments", async () => {
    const r: any = await client.audio.transcriptions.create({ file: await toFile(Buffer.from("x"), "v.ogg"), model: "whisper-1", response_format: "verbose_json" });
    expect(r).toMatchObject({ task: "transcribe", language: "spanish", text: DEFAULT_TRANSCRIPT });
    expect(r.segments[0].text.trim()).toBe(DEFAULT_TRANSCRIPT);
  });

  it("unsupported file format → 400 BadRequestError", async () => {
    const e = await client.audio.transcriptions.create({ file: await toFile(Buffer.from("x"), "notes.txt"), model: "whisper-1" }).catch((x) => x);
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.message).toMatch(/Invalid file format/);
  });

  it("429 mode applies to transcriptions too", async () => {
    ai.mode = "429";
    ai.failTimes = 1;
    const e = await client.audio.transcriptions.create({ file: await toFile(Buffer.from("x"), "v.ogg"), model: "whisper-1" }).catch((x) => x);
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    const ok = await client.audio.transcriptions.create({ file: await toFile(Buffer.from("x"), "v.ogg"), model: "whisper-1" });
    expect(ok.text).toBe(DEFAULT_TRANSCRIPT);
  });
});

describe("chat completions with response_format json_schema", () => {
  it("answers a valid chat.completion whose content conforms to the schema", async () => {
    const r = await analyzeRequest("Hoy me siento mejor, gracias. Dormí bien.");
    expect(r).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini" });
    expect(r.id).toMatch(/^chatcmpl-/);
    expect(r.choices[0]).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant", refusal: null } });
    expect(r.usage!.total_tokens).toBe(r.usage!.prompt_tokens + r.usage!.completion_tokens);
    const parsed = Analysis.parse(JSON.parse(r.choices[0].message.content!));
    expect(parsed.risk_level).toBe("NONE");
    expect(parsed.risk_flags).toEqual([]);
    expect(parsed.sentiment_score).toBeGreaterThan(0);
    expect(parsed.needs_clinician).toBe(false);
    expect(parsed.message_count).toBe(1);
    expect(ai.calls.at(-1)).toMatchObject({ path: "/chat/completions", model: "gpt-4o-mini" });
  });

  it("crisis wording → most severe risk, a flag, negative sentiment (system prompt words ignored)", async () => {
    for (const t of ["Ya no quiero vivir, nada tiene sentido", "I want to kill myself", "pienso en el suicidio"]) {
      const p = Analysis.parse(JSON.parse((await analyzeRequest(t)).choices[0].message.content!));
      expect(p.risk_level, t).toBe("HIGH");
      expect(p.risk_flags, t).toContain("suicidal_ideation");
      expect(p.sentiment_score, t).toBeLessThan(0);
      expect(p.needs_clinician, t).toBe(true);
    }
  });

  it("negative but not crisis → LOW risk, negative sentiment", async () => {
    const p = Analysis.parse(JSON.parse((await analyzeRequest("Estoy muy triste y con ansiedad, no puedo dormir")).choices[0].message.content!));
    expect(p.risk_level).toBe("LOW");
    expect(p.sentiment_score).toBeLessThan(0);
    expect(p.risk_flags).toEqual([]);
  });

  it("is deterministic", async () => {
    const a = (await analyzeRequest("Estoy triste")).choices[0].message.content;
    const b = (await analyzeRequest("Estoy triste")).choices[0].message.content;
    expect(a).toBe(b);
  });

  it("walks $ref/$defs, nested objects, enums of flags, minItems and numeric ranges", async () => {
    const schema = {
      type: "object",
      $defs: { level: { type: "string", enum: ["none", "low", "moderate", "high", "critical"] } },
      properties: {
        risk: { $ref: "#/$defs/level" },
        flags: { type: "array", items: { type: "string", enum: ["NONE", "SUICIDAL_IDEATION", "SELF_HARM"] } },
        mood: { type: "integer", minimum: 1, maximum: 10 },
        topics: { type: "array", minItems: 2, items: { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false } },
        day: { type: "string", format: "date" },
      },
      required: ["risk", "flags", "mood", "topics", "day"],
      additionalProperties: false,
    };
    const r = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: [{ type: "text", text: "Me quiero morir" }] }],
      response_format: { type: "json_schema", json_schema: { name: "x", strict: true, schema } },
    });
    const c = JSON.parse(r.choices[0].message.content!);
    expect(c.risk).toBe("critical");
    expect(c.flags).toEqual(["SUICIDAL_IDEATION"]);
    expect(c.mood).toBeGreaterThanOrEqual(1);
    expect(c.mood).toBeLessThanOrEqual(3);
    expect(c.topics).toHaveLength(2);
    expect(c.topics[0]).toEqual({ name: expect.any(String) });
    expect(c.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("strict schema that violates Structured Outputs rules → 400 like the API", async () => {
    const e = await client.chat.completions
      .create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "hola" }],
        response_format: { type: "json_schema", json_schema: { name: "bad", strict: true, schema: { type: "object", properties: { a: { type: "string" } }, required: [] } } },
      })
      .catch((x) => x);
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.message).toMatch(/Invalid schema for response_format 'bad'/);
  });

  it("no response_format → plain assistant text", async () => {
    const r = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hola" }] });
    expect(typeof r.choices[0].message.content).toBe("string");
  });
});

describe("failure modes", () => {
  it("429 surfaces as OpenAI.RateLimitError with OpenAI's body and retry-after", async () => {
    ai.mode = "429";
    const e = await analyzeRequest("hola").catch((x) => x);
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    expect(e.status).toBe(429);
    expect(e.code).toBe("rate_limit_exceeded");
    expect(e.type).toBe("requests");
    expect(e.error.message).toMatch(/^Rate limit reached for gpt-4o-mini/);
    expect(e.headers.get("retry-after")).toBe("1");
    // failTimes defaults to "every call"
    expect(await analyzeRequest("hola").catch((x) => x)).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it("500 for failTimes calls, then ok", async () => {
    ai.mode = "500";
    ai.failTimes = 1;
    const e = await analyzeRequest("hola").catch((x) => x);
    expect(e).toBeInstanceOf(OpenAI.InternalServerError);
    expect(e.type).toBe("server_error");
    expect(e.error.message).toMatch(/^The server had an error while processing your request/);
    const ok = await analyzeRequest("hola");
    expect(ok.choices[0].finish_reason).toBe("stop");
  });

  it("the SDK's own retries recover from a transient 500", async () => {
    ai.mode = "500";
    ai.failTimes = 1;
    const retrying = new OpenAI({ baseURL: ai.url, apiKey: "test", maxRetries: 2 });
    const r = await retrying.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hola" }] });
    expect(r.choices[0].message.role).toBe("assistant");
    expect(ai.calls.filter((c) => c.path === "/chat/completions")).toHaveLength(2);
  });

  it("malformed: truncated JSON with finish_reason length; wrong_shape: valid JSON not matching", async () => {
    ai.mode = "malformed";
    const r = await analyzeRequest("hola");
    expect(r.choices[0].finish_reason).toBe("length");
    expect(() => JSON.parse(r.choices[0].message.content!)).toThrow();
    ai.malformedKind = "wrong_shape";
    const r2 = await analyzeRequest("hola");
    expect(r2.choices[0].finish_reason).toBe("stop");
    expect(Analysis.safeParse(JSON.parse(r2.choices[0].message.content!)).success).toBe(false);
  });

  it("refusal: message.refusal set, content null", async () => {
    ai.mode = "refusal";
    const r = await analyzeRequest("hola");
    expect(r.choices[0].message.content).toBeNull();
    expect(r.choices[0].message.refusal).toMatch(/can't assist/);
    expect(r.choices[0].finish_reason).toBe("stop");
  });

  it("content_filter: finish_reason content_filter, content null", async () => {
    ai.mode = "content_filter";
    const r = await analyzeRequest("hola");
    expect(r.choices[0].finish_reason).toBe("content_filter");
    expect(r.choices[0].message.content).toBeNull();
  });

  it("apiKey is checked: wrong key → AuthenticationError invalid_api_key", async () => {
    const locked = await startOpenAIDouble({ apiKey: "sk-right-key-123456" });
    try {
      const bad = new OpenAI({ baseURL: locked.url, apiKey: "sk-wrong-key-000000", maxRetries: 0 });
      const e = await bad.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }).catch((x) => x);
      expect(e).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(e.code).toBe("invalid_api_key");
      expect(e.message).not.toContain("sk-wrong-key-000000");
      const good = new OpenAI({ baseURL: locked.url, apiKey: "sk-right-key-123456", maxRetries: 0 });
      expect((await good.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] })).object).toBe("chat.completion");
    } finally {
      await locked.close();
    }
  });

  it("latencyMs delays answers", async () => {
    ai.latencyMs = 60;
    const t = Date.now();
    await client.models.list();
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
    ai.latencyMs = 0;
  });
});
