// `kura --help` and `kura <command> --help`, generated from each command's zod flags so a new
// flag is listed without anyone remembering to. Words come from the command (`summary`,
// `.describe()` on a flag) or, for the commands written before help existed, from WORDS below.
import type { Command } from "./commands/types";

interface Words {
  summary: string;
  flags?: Record<string, string>;
  notes?: string[];
}

const WORDS: Record<string, Words> = {
  "org:create": {
    summary: "Create an organization and its WhatsApp number",
    flags: {
      name: "the clinic's name",
      "phone-number-id": "Meta's phone_number_id of the clinic's WhatsApp number (digits)",
      "display-phone": "the number as patients see it, e.g. +34 910 000 000 (also the default country for local numbers)",
      timezone: "IANA timezone, e.g. Europe/Madrid",
      mode: "dev (only test recipients receive messages) or live",
      "test-recipients": "comma-separated phones allowed in dev mode",
    },
  },
  "clinician:create": {
    summary: "Create a clinician who can sign in",
    flags: { org: "organization id (see org:list)", email: "sign-in e-mail", password: "at least 8 characters", role: "clinician or admin", name: "shown on pages" },
  },
  "patient:create": {
    summary: "Create a patient (converts a lead with the same phone)",
    flags: { org: "organization id (see org:list)", name: "full name", phone: "any common format; local numbers are read in the country of the organization's number" },
  },
  "token:create": {
    summary: "Create an API token (Authorization: Bearer) for a clinician; shown once",
    flags: { clinician: "clinician id (see clinician:list)" },
  },
  "webhook:replay": {
    summary: "Process stored webhook events again (idempotent)",
    flags: { id: "one webhook event id", failed: "every failed, unrouted or stuck event" },
  },
  "simulate:inbound": {
    summary: "Sandbox: post a signed inbound WhatsApp message from a patient to the running app",
    flags: { patient: "patient id (see patient:list)", text: "the message text" },
    notes: ["KURA_URL: the running app to post to (default http://localhost:3000)"],
  },
  "analysis:run": {
    summary: "Run the nightly AletheIA review now",
    flags: { date: "YYYY-MM-DD (default: each organization's local yesterday)", org: "only this organization (see org:list)" },
  },
  "risk:train": {
    summary: "Train an organization's own risk model from its verdicts; prints precision/recall before and after",
    flags: { org: "organization id (see org:list)" },
  },
};

interface FlagInfo {
  name: string;
  required: boolean;
  defaultValue?: unknown;
  choices?: string[];
  description?: string;
}

function flagsOf(name: string, command: Command): FlagInfo[] {
  const shape = (command.flags as unknown as { shape?: Record<string, any> }).shape ?? {};
  return Object.entries(shape).map(([flag, schema]) => {
    let inner = schema;
    let defaultValue: unknown;
    // Unwrap optional/default/nullable wrappers to find the enum's choices (zod 4 `def`).
    for (let i = 0; i < 5 && inner?.def; i++) {
      if (inner.def.type === "default") defaultValue = typeof inner.def.defaultValue === "function" ? inner.def.defaultValue() : inner.def.defaultValue;
      if (!inner.def.innerType) break;
      inner = inner.def.innerType;
    }
    const choices = inner?.def?.type === "enum" ? Object.values(inner.def.entries as Record<string, string>) : undefined;
    return {
      name: flag,
      required: !schema.safeParse(undefined).success,
      defaultValue,
      choices,
      description: schema.description ?? inner?.description ?? WORDS[name]?.flags?.[flag],
    };
  });
}

export function summaryOf(name: string, command: Command) {
  return command.summary ?? WORDS[name]?.summary ?? "";
}

export function commandHelp(name: string, command: Command): string {
  const flags = flagsOf(name, command);
  const usage = flags.map((f) => {
    const value = command.switches?.includes(f.name) ? `--${f.name}` : `--${f.name} <${f.choices ? f.choices.join("|") : "value"}>`;
    return f.required ? value : `[${value}]`;
  });
  const width = Math.max(0, ...flags.map((f) => f.name.length + 2));
  const lines = [`Usage: npm run -s kura -- ${name}${usage.length ? ` ${usage.join(" ")}` : ""}`, ""];
  const summary = summaryOf(name, command);
  if (summary) lines.push(summary, "");
  if (flags.length) {
    lines.push("Flags:");
    for (const f of flags) {
      const extra = [f.required ? "required" : null, f.defaultValue !== undefined ? `default ${String(f.defaultValue)}` : null].filter(Boolean).join(", ");
      lines.push(`  --${f.name.padEnd(width)}  ${f.description ?? ""}${extra ? ` (${extra})` : ""}`.trimEnd());
    }
  } else lines.push("No flags.");
  for (const note of WORDS[name]?.notes ?? []) lines.push("", note);
  lines.push("", "Prints one JSON object on the last line of stdout; bad input exits 1 with one line on stderr.");
  return `${lines.join("\n")}\n`;
}

export function overallHelp(commands: Record<string, Command>): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    "Usage: npm run -s kura -- <command> [--flags]",
    "       npm run -s kura -- <command> --help",
    "",
    "Commands:",
    ...names.map((n) => `  ${n.padEnd(width)}  ${summaryOf(n, commands[n]!)}`.trimEnd()),
    "",
    "Uses DATABASE_URL (or the embedded Postgres in KURA_DATA_DIR, default .data), as the server does.",
    "",
  ].join("\n");
}
