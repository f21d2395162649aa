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

// Paths are logged as the route's shape: a segment is kept when it is a word of a route the
// app has, an id (uuid) or a number; anything else a client put in the URL becomes ":x", so a
// made-up path cannot carry text into the logs.
const routeWords = new Set<string>(["build", "favicon.svg"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Called once with the Remix build's route paths (server.ts). */
export function knowRoutePaths(paths: Iterable<string | undefined>) {
  for (const p of paths) for (const seg of (p ?? "").split("/")) if (seg && !seg.startsWith(":") && seg !== "*") routeWords.add(seg);
}

export function loggablePath(path: string): string {
  return path
    .split("/")
    .map((seg) => (seg === "" || routeWords.has(seg) || UUID.test(seg) || /^\d{1,12}$/.test(seg) ? seg : ":x"))
    .join("/");
}
