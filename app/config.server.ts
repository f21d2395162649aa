// Configuration is validated once, at start: a bad variable stops the process with one line
// naming it, instead of failing later inside a request.
import { z } from "zod";

const SANDBOX = {
  appSecret: "kura-sandbox-app-secret",
  verifyToken: "kura-sandbox-verify-token",
  phoneNumberId: "100000000000001",
};

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional.pipe(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional()),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  KURA_DATA_DIR: z.string().default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  META_APP_SECRET: optional,
  META_WA_VERIFY_TOKEN: optional,
  META_WA_TOKEN: optional,
  META_WA_PHONE_ID: optional,
  META_GRAPH_URL: optional.pipe(z.string().url().optional()),
  META_WABA_ID: optional,
  META_MODE: z.enum(["dev", "live"]).default("dev"),
  META_TEST_RECIPIENTS: z.string().default(""),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional.pipe(z.string().url().optional()),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  OPENAI_TRANSCRIBE_MODEL: z.string().default("whisper-1"),
  SESSION_SECRET: optional.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
  RAW_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  META_SANDBOX: z.enum(["0", "1", ""]).default(""),
  // A webhook event claimed by a processor that has not finished it after this long is taken over.
  INGEST_CLAIM_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  SMTP_URL: optional.pipe(z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@host:587").optional()),
  MAIL_FROM: optional.pipe(z.string().email("must be an e-mail address").optional()),
  ESCALATE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  PUBLIC_URL: optional.pipe(z.string().url().optional()),
});

export type Config = ReturnType<typeof buildConfig>;

function buildConfig(env: z.infer<typeof schema>) {
  const production = env.NODE_ENV === "production";
  return {
    production,
    nodeEnv: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    port: env.PORT,
    dataDir: env.KURA_DATA_DIR,
    logLevel: env.LOG_LEVEL,
    meta: {
      appSecret: env.META_APP_SECRET ?? SANDBOX.appSecret,
      verifyToken: env.META_WA_VERIFY_TOKEN ?? SANDBOX.verifyToken,
      token: env.META_WA_TOKEN,
      // No token: the app talks to its own loopback Graph double (the sandbox).
      sandbox: !env.META_WA_TOKEN,
      phoneNumberId: env.META_WA_PHONE_ID ?? (production ? undefined : SANDBOX.phoneNumberId),
      graphUrl: env.META_GRAPH_URL ?? "https://graph.facebook.com/v24.0",
      graphUrlExplicit: Boolean(env.META_GRAPH_URL),
      wabaId: env.META_WABA_ID,
      mode: env.META_MODE,
      testRecipients: env.META_TEST_RECIPIENTS.split(",").map((s) => s.trim()).filter(Boolean),
    },
    openai: {
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL,
      model: env.OPENAI_MODEL,
      transcribeModel: env.OPENAI_TRANSCRIBE_MODEL,
    },
    sessionSecret: env.SESSION_SECRET,
    analysisConcurrency: env.ANALYSIS_CONCURRENCY,
    retention: { rawEventDays: env.RAW_EVENT_RETENTION_DAYS },
    /** Proxies in front of the app whose X-Forwarded-For entries are trusted (Cloud Run: 1). */
    trustProxyHops: env.TRUST_PROXY_HOPS,
    ingest: { claimTimeoutSeconds: env.INGEST_CLAIM_TIMEOUT_SECONDS },
    escalation: {
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM ?? "kura@localhost",
      afterMinutes: env.ESCALATE_AFTER_MINUTES,
      // Links in notifications; without it, http://localhost:PORT (the local sandbox).
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    },
  };
}

export class ConfigError extends Error {}

export function parseConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production") {
    for (const name of ["SESSION_SECRET", "META_APP_SECRET", "META_WA_VERIFY_TOKEN"] as const) {
      if (!env[name]) throw new ConfigError(`Invalid configuration: ${name} is required when NODE_ENV=production`);
    }
    // Without a token the loopback Graph double answers "sent, delivered, read" for messages that
    // never left: only on purpose (META_SANDBOX=1, and then every page says so).
    if (!env.META_WA_TOKEN && env.META_SANDBOX !== "1") {
      throw new ConfigError("Invalid configuration: META_WA_TOKEN is required when NODE_ENV=production (or set META_SANDBOX=1 to run the sandbox on purpose: nothing is sent)");
    }
    // An embedded Postgres inside a container loses its data with the container.
    if (!env.DATABASE_URL) throw new ConfigError("Invalid configuration: DATABASE_URL is required when NODE_ENV=production");
  }
  return buildConfig(env);
}

declare global {
  // eslint-disable-next-line no-var
  var __kuraConfig: Config | undefined;
}

/** The process's configuration; parsed on first use. server.ts parses it first and exits on error. */
export function config(): Config {
  globalThis.__kuraConfig ??= parseConfig();
  return globalThis.__kuraConfig;
}

export function setConfig(next: Config) {
  globalThis.__kuraConfig = next;
}
