import type { Strings } from "../../i18n";
import { toRiskLevel } from "../../analysis/risk-level";

/** Risk flags come from the lexicon and the model as snake_case codes; show words. */
export function flagLabel(flag: string, t: Strings) {
  const key = `flag_${flag}` as keyof Strings;
  return (t as Record<string, string>)[key] ?? flag.replace(/_/g, " ");
}

export function analyzerLabel(analyzer: string, t: Strings) {
  if (analyzer === "local_fallback") return t.analyzerLocalFallback;
  if (analyzer === "local") return t.analyzerLocal;
  if (analyzer === "openai") return t.analyzerAI;
  return analyzer;
}

export function levelKey(level: string | null | undefined) {
  return toRiskLevel(level);
}

type Countable = "unreadAlerts" | "patientCount" | "openAlertsCount" | "messagesCount";

/** "1 message" / "3 messages": the `…One` key for exactly one, else the plural with {n}. */
export function count(t: Strings, key: Countable, n: number) {
  return n === 1 ? t[`${key}One`] : t[key].replace("{n}", String(n));
}

/** "martes, 24 de noviembre" → "Martes, 24 de noviembre" (CSS capitalize would do every word). */
export const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
