// Meta's webhook body → plain records. Lenient on purpose: Meta adds message types and fields
// without notice, and a delivery must never be dropped because one field changed shape. Every
// entry, change, message and status is read (not just the first of each).
import { createHash } from "node:crypto";
import { z } from "zod";
import { clean, extractMessage, firstError, type Extracted } from "./content.server";

export { clean, firstError };

const str = z.string().optional().catch(undefined);
const obj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape).optional().catch(undefined);

const contactSchema = z.looseObject({ wa_id: str, user_id: str, profile: obj({ name: str, username: str }) });
const valueSchema = z.looseObject({
  metadata: obj({ phone_number_id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined) }),
  contacts: z.array(z.unknown()).catch([]),
  messages: z.array(z.unknown()).catch([]),
  statuses: z.array(z.unknown()).catch([]),
  errors: z.array(z.unknown()).optional().catch(undefined),
});
const envelopeSchema = z.looseObject({
  entry: z.array(z.looseObject({ changes: z.array(z.looseObject({ field: str, value: z.unknown() })).catch([]) })).catch([]),
});
const messageSchema = z.looseObject({
  id: str,
  from: str,
  from_user_id: str,
  timestamp: z.union([z.string(), z.number()]).optional().catch(undefined),
  type: str,
});
const statusSchema = z.looseObject({
  id: str,
  status: str,
  timestamp: z.union([z.string(), z.number()]).optional().catch(undefined),
  recipient_id: str,
  errors: z.array(z.unknown()).optional().catch(undefined),
});

export interface InboundMessage extends Extracted {
  providerId: string;
  phoneNumberId: string;
  waId: string | null;
  userId: string | null;
  profileName: string | null;
  timestamp: Date;
  raw: Record<string, unknown>;
}

export interface StatusUpdate {
  phoneNumberId: string;
  providerId: string;
  status: string;
  timestamp: Date;
  recipient: string | null;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetails: string | null;
}

export interface ParsedDelivery {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  /** value.errors (account/app level problems Meta reports without messages). */
  metaErrors: Array<{ phoneNumberId: string | null; errors: unknown[] }>;
  phoneNumberIds: string[];
  /** Elements that could not be read at all (not an object, no sender): kept raw in the event only. */
  skipped: number;
}

const MIN_TS = Date.UTC(2009, 0, 1);
const MAX_TS = Date.UTC(2100, 0, 1);

/** Meta's epoch seconds; anything unreadable becomes "now" so the row still sorts sensibly. */
export function metaTime(v: unknown): Date {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,12}$/.test(v.trim()) ? Number(v) : NaN;
  const ms = n * 1000;
  return Number.isFinite(ms) && ms >= MIN_TS && ms <= MAX_TS ? new Date(ms) : new Date();
}

/**
 * Postgres text and jsonb refuse NUL and lone surrogates; a mutated payload carrying them must
 * still be stored, so they are replaced. Nesting beyond `depth` is cut (the event keeps the bytes).
 */
export function sanitize(v: unknown, depth = 40): unknown {
  if (typeof v === "string") return clean(v);
  if (v === null || typeof v !== "object") return v;
  if (depth <= 0) return "[nested too deep]";
  if (Array.isArray(v)) return v.map((x) => sanitize(x, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const key = clean(k)!;
    if (!UNSAFE_KEYS.has(key)) out[key] = sanitize(x, depth - 1);
  }
  return out;
}

// Assigning a parsed "__proto__" key swaps the target's prototype; "constructor" and
// "prototype" are the other two ways into a prototype chain. Meta sends none of them.
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Deletes those keys everywhere in a JSON.parse result, in place (one walk, no copy). */
export function dropUnsafeKeys(v: unknown, depth = 64): void {
  if (v === null || typeof v !== "object" || depth <= 0) return;
  if (Array.isArray(v)) {
    for (const x of v) dropUnsafeKeys(x, depth - 1);
    return;
  }
  for (const k of Object.keys(v)) {
    if (UNSAFE_KEYS.has(k)) delete (v as Record<string, unknown>)[k];
    else dropUnsafeKeys((v as Record<string, unknown>)[k], depth - 1);
  }
}

/** A message without an id still needs a stable dedupe key, so redeliveries stay single. */
function syntheticId(phoneNumberId: string, m: unknown): string {
  return "missing:" + createHash("sha256").update(phoneNumberId).update(JSON.stringify(m) ?? "").digest("hex").slice(0, 40);
}

export function parseDelivery(json: unknown): ParsedDelivery {
  const out: ParsedDelivery = { messages: [], statuses: [], metaErrors: [], phoneNumberIds: [], skipped: 0 };
  dropUnsafeKeys(json);
  const env = envelopeSchema.safeParse(json);
  if (!env.success) return out;
  const seen = new Set<string>();
  for (const entry of env.data.entry) {
    for (const change of entry.changes) {
      const value = valueSchema.safeParse(change.value);
      if (!value.success) {
        out.skipped++;
        continue;
      }
      const v = value.data;
      const pnid = v.metadata?.phone_number_id ?? "";
      if (pnid && !out.phoneNumberIds.includes(pnid)) out.phoneNumberIds.push(pnid);
      if (v.errors?.length) out.metaErrors.push({ phoneNumberId: pnid || null, errors: sanitize(v.errors) as unknown[] });

      const contacts = v.contacts.map((c) => contactSchema.safeParse(c)).flatMap((c) => (c.success ? [c.data] : []));
      const contactFor = (waId: string | null, userId: string | null) =>
        contacts.find((c) => (waId && c.wa_id === waId) || (userId && c.user_id === userId)) ?? (contacts.length === 1 ? contacts[0] : undefined);

      for (const rawMsg of v.messages) {
        const p = messageSchema.safeParse(rawMsg);
        if (!p.success) {
          out.skipped++;
          continue;
        }
        const m = p.data;
        const contact = contactFor(m.from ?? null, m.from_user_id ?? null);
        const waId = m.from ?? contact?.wa_id ?? null;
        const userId = m.from_user_id ?? contact?.user_id ?? null;
        if (!waId && !userId) {
          out.skipped++;
          continue;
        }
        const providerId = clean(m.id && m.id.length <= 512 ? m.id : syntheticId(pnid, rawMsg));
        // Meta redelivers inside one batch too; the first copy wins.
        if (seen.has(providerId)) continue;
        seen.add(providerId);
        const raw = sanitize(rawMsg) as Record<string, unknown>;
        out.messages.push({
          providerId,
          phoneNumberId: pnid,
          waId: clean(waId),
          userId: clean(userId),
          profileName: clean(contact?.profile?.name ?? null),
          timestamp: metaTime(m.timestamp),
          raw,
          ...extractMessage(raw),
        });
      }

      for (const rawStatus of v.statuses) {
        const p = statusSchema.safeParse(rawStatus);
        if (!p.success || !p.data.id || !p.data.status) {
          out.skipped++;
          continue;
        }
        const s = p.data;
        const err = firstError(s.errors);
        out.statuses.push({
          phoneNumberId: pnid,
          providerId: clean(s.id!),
          status: clean(s.status!).toLowerCase().slice(0, 32),
          timestamp: metaTime(s.timestamp),
          recipient: clean(s.recipient_id ?? null),
          errorCode: err?.code ?? null,
          errorTitle: err?.title ?? null,
          errorDetails: err?.details ?? null,
        });
      }
    }
  }
  return out;
}
