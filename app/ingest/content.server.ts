// What a clinician reads for each message type in Meta's webhook reference. Unknown types are
// still stored (raw JSON kept) with whatever text they carry, so a new Meta type is never lost.

export const MEDIA_TYPES = ["audio", "image", "video", "document", "sticker"] as const;

export interface Extracted {
  type: string;
  content: string | null;
  contextProviderId: string | null;
  media: { id: string; mimeType: string | null; sha256: string | null; voice: boolean } | null;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetails: string | null;
  /** system user_changed_number: the sender's new number (wa_id) and business-scoped id. */
  numberChange: { newWaId: string; newUserId: string | null } | null;
}

export function firstError(errors: unknown): { code: number | null; title: string | null; details: string | null } | null {
  const e = Array.isArray(errors) ? errors[0] : undefined;
  if (!e || typeof e !== "object") return null;
  const r = e as Record<string, any>;
  const code = Number.isSafeInteger(Number(r.code)) && Math.abs(Number(r.code)) < 2 ** 31 ? Number(r.code) : null;
  const details = typeof r.error_data?.details === "string" ? r.error_data.details : typeof r.details === "string" ? r.details : null;
  const title = typeof r.title === "string" ? r.title : typeof r.message === "string" ? r.message : null;
  return { code, title: clean(title), details: clean(details) };
}

/** Postgres text refuses NUL and lone surrogates. */
export function clean<T extends string | null | undefined>(s: T): T {
  if (typeof s !== "string") return s;
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u0000/g, "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD") as T;
}

type Rec = Record<string, any>;
const s = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const o = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const join = (parts: Array<string | null>, sep = ", ") => parts.filter(Boolean).join(sep) || null;

function contentOf(type: string, m: Rec): string | null {
  const body = o(m[type]);
  switch (type) {
    case "text":
      return s(body.body);
    case "image":
    case "video":
    case "document":
      return s(body.caption) ?? (type === "document" ? s(body.filename) : null);
    case "audio":
    case "sticker":
      return null; // audio: the transcription fills it in later
    case "location":
      return join([s(body.name), s(body.address)]) ?? (body.latitude != null ? `${body.latitude}, ${body.longitude}` : null);
    case "contacts": {
      const cards = Array.isArray(m.contacts) ? m.contacts : [];
      return join(cards.map((c: unknown) => s(o(o(c).name).formatted_name) ?? join([s(o(o(c).name).first_name), s(o(o(c).name).last_name)], " ")));
    }
    case "interactive": {
      const i = o(m.interactive);
      const reply = o(i.button_reply ?? i.list_reply);
      if (s(reply.title)) return s(reply.title);
      const nfm = o(i.nfm_reply);
      return s(nfm.body) ?? s(nfm.response_json);
    }
    case "button":
      return s(body.text) ?? s(body.payload);
    case "reaction":
      return s(body.emoji); // no emoji (or ""): the reaction was removed
    case "order": {
      const items = Array.isArray(body.product_items) ? body.product_items.length : 0;
      return s(body.text) ?? `${items} item(s)`;
    }
    case "system":
      return s(body.body);
    default:
      // Types Meta adds later: keep any readable text they carry.
      return s(body.body) ?? s(body.text) ?? s(body.caption);
  }
}

export function extractMessage(m: Rec): Extracted {
  const type = (s(m.type) ?? "unknown").slice(0, 64);
  const body = o(m[type]);
  const media = (MEDIA_TYPES as readonly string[]).includes(type) && s(body.id)
    ? { id: s(body.id)!.slice(0, 128), mimeType: s(body.mime_type), sha256: s(body.sha256), voice: body.voice === true }
    : null;
  const err = firstError(m.errors);
  const system = type === "system" ? o(m.system) : {};
  const newWaId = s(system.wa_id) ?? s(system.new_wa_id);
  const isNumberChange = ["user_changed_number", "customer_changed_number"].includes(String(system.type)) && newWaId;
  return {
    type,
    content: contentOf(type, m),
    contextProviderId: type === "reaction" ? s(body.message_id) : s(o(m.context).id),
    media,
    errorCode: err?.code ?? null,
    errorTitle: err?.title ?? null,
    errorDetails: err?.details ?? null,
    numberChange: isNumberChange ? { newWaId: newWaId!, newUserId: s(system.user_id) } : null,
  };
}
