// Structured JSON logs. Health data never goes in: message text, names and full phone numbers
// are redacted by key; log lines carry ids, never numbers.
import pino from "pino";

const redactKeys = ["content", "text", "body", "message_text", "password", "phone", "name", "profile_name", "raw", "transcript", "authorization", "cookie"];

declare global {
  // eslint-disable-next-line no-var
  var __kuraLogger: pino.Logger | undefined;
}

export function logger(): pino.Logger {
  globalThis.__kuraLogger ??= pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: { service: "kura-connect" },
    redact: { paths: [...redactKeys, ...redactKeys.map((k) => `*.${k}`)], censor: "[redacted]" },
  });
  return globalThis.__kuraLogger;
}
