// Before any text goes to a model: people's names, phone numbers and e-mail addresses become
// role tokens. One pass over the words (a Set lookup each) and anchored per-token patterns:
// linear in the text's length whatever it contains (a 64 KB run of letters is one token).

export interface ModelNames {
  /** The patient's name(s) and WhatsApp profile name. */
  patient: Array<string | null | undefined>;
  /** The clinic's people. */
  clinicians: Array<string | null | undefined>;
}

export const TOKENS = {
  es: { patient: "[paciente]", clinician: "[clínico]", email: "[email]", phone: "[número]" },
  en: { patient: "[patient]", clinician: "[clinician]", email: "[email]", phone: "[number]" },
} as const;

// Titles are not names ("Dra. Berenguer" → "Dra. [clínico]").
const NOT_NAMES = new Set(["dr", "dra", "doctor", "doctora", "sr", "sra", "srta", "don", "doña", "de", "del", "la", "las", "los", "el", "y", "e", "mr", "mrs", "ms", "miss", "the", "and", "van", "von", "da", "do", "dos", "di"]);

/** Lower case without accents: "ROSALÍA" and "rosalia" are the same name. */
export const fold = (s: string) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();

const WORD = /[\p{L}\p{M}'’]+/gu;

function nameWords(names: Array<string | null | undefined>) {
  const out = new Set<string>();
  for (const n of names) {
    for (const w of (n ?? "").match(WORD) ?? []) {
      const f = fold(w).replace(/['’]/g, "");
      if (f.length >= 2 && !NOT_NAMES.has(f)) out.add(f);
    }
  }
  return out;
}

// Anchored, no nested ambiguous quantifiers: each runs once per token, in the token's length.
const EMAIL = /^[\w.+%-]*[\w+%-]@[\w-]+(?:\.[\w-]+)+$/u;
const EDGE = /^[("'¿¡<[]+|[)"'.,;:!?>\]]+$/g;

function maskToken(token: string, t: (typeof TOKENS)[keyof typeof TOKENS]) {
  if (token.length > 400 || !token.includes("@")) return token; // an address is at most 254
  const core = token.replace(EDGE, "");
  if (core.length <= 320 && EMAIL.test(core)) return token.replace(core, t.email);
  return token;
}

/**
 * Digit runs that look like a phone number (7+ digits, spaces, dots, dashes, brackets and a
 * leading + allowed between them): a hand-written scan, so a long run costs one pass.
 */
function maskPhones(text: string, token: string) {
  const isDigit = (k: number) => k >= 48 && k <= 57;
  // space . - ( ) and no-break space
  const isSep = (k: number) => k === 32 || k === 46 || k === 45 || k === 40 || k === 41 || k === 160;
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const k = text.charCodeAt(i);
    if (!isDigit(k) && !(k === 43 && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      continue;
    }
    let j = k === 43 ? i + 1 : i;
    let digits = 0;
    let end = j;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isDigit(d)) {
        digits++;
        end = ++j;
      } else if (isSep(d)) j++;
      else break;
    }
    if (digits >= 8) {
      parts.push(text.slice(copied, i), token);
      copied = end;
    }
    i = Math.max(end, i + 1);
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join("");
}

export function pseudonymise(text: string, names: ModelNames = { patient: [], clinicians: [] }, language: "es" | "en" = "es"): string {
  const t = TOKENS[language];
  const patient = nameWords(names.patient);
  const staff = nameWords(names.clinicians);
  // E-mails first (they can contain names), then names, then phone numbers.
  const noEmail = text.includes("@") ? text.replace(/\S+/g, (tok) => maskToken(tok, t)) : text;
  const noNames =
    patient.size || staff.size
      ? noEmail.replace(WORD, (w) => {
          if (w.length > 64) return w; // no name is that long; folding it would be wasted work
          const f = fold(w).replace(/['’]/g, "");
          return patient.has(f) ? t.patient : staff.has(f) ? t.clinician : w;
        })
      : noEmail;
  return maskPhones(noNames, t.phone);
}
