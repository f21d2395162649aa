import type { Strings } from "../../i18n";

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
  return (["HIGH", "MEDIUM", "LOW"].includes(level ?? "") ? level : "NONE") as "HIGH" | "MEDIUM" | "LOW" | "NONE";
}
