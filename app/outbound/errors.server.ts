// Meta's error codes in words a clinician understands (the API keeps the code beside them).
import { STRINGS, type Locale } from "../i18n";

const KNOWN = new Set([130429, 131056, 131047, 131030, 131026, 190, 131053, 132000, 132001]);

export function graphErrorWords(code: number | null | undefined, locale: Locale = "en"): string {
  const t = STRINGS[locale] as Record<string, string>;
  if (code === null || code === undefined) return t.graphNetwork!;
  if (KNOWN.has(code)) return t[`graph${code}`]!;
  return t.graphOther!.replace("{code}", String(code));
}

/** The HTTP status our API answers for a Meta error (the body carries Meta's code). */
export function httpStatusForGraphError(code: number | null): number {
  switch (code) {
    case 131047:
      return 409;
    case 131030:
    case 131026:
    case 131053:
    case 132000:
    case 132001:
    case 100:
      return 422;
    default:
      return 502;
  }
}
