import type { Strings } from "../../i18n";
import { useStrings } from "../use-strings";

export interface ActionResult {
  ok: boolean;
  error?: string;
  code?: number | null;
  expected?: number;
}

const GRAPH_CODES = new Set([130429, 131056, 131047, 131030, 131026, 190, 131053, 132000, 132001]);

/** A send's refusal in the clinician's language (Meta's code kept in brackets). */
export function errorText(t: Strings, r: ActionResult): string | null {
  if (r.ok && !r.error) return null;
  const s = t as Record<string, string>;
  if (r.error === "meta_error" || r.error === "rate_limited") {
    const words = r.code && GRAPH_CODES.has(r.code) ? s[`graph${r.code}`]! : r.code ? t.graphOther.replace("{code}", String(r.code)) : t.graphNetwork;
    return r.code ? `${words} (${r.code})` : words;
  }
  const words = s[`err${r.error}`];
  if (words) return words.replace("{expected}", String(r.expected ?? ""));
  return t.errorBody;
}

export function ActionError({ result }: { result: ActionResult | undefined }) {
  const t = useStrings();
  const text = result ? errorText(t, result) : null;
  if (!text) return null;
  const warn = result?.error === "rate_limited";
  return (
    <p role="alert" className={`text-sm ${warn ? "text-amber-800" : "text-red-700"}`}>
      {text}
    </p>
  );
}
