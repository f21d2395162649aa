// Result types of the real-time risk screen.
import type { RiskLevel } from "./risk-level";

export type RiskFlag =
  | "suicidal_ideation"
  | "self_harm"
  | "harm_to_others"
  | "overdose"
  | "medication_refusal"
  | "acute_crisis"
  | "hopelessness"
  | "substance_use"
  | "declining_mood"
  /** indirect risk wording found by the vocabulary classifier, not by a named rule */
  | "risk_language";
export interface RiskMatch {
  flag: RiskFlag;
  level: RiskLevel;
  phrase: string;
  /** concept families that produced this match (concept-family layer only) */
  families?: string[];
}
export interface RiskScreen {
  level: RiskLevel;
  flags: RiskFlag[];
  matches: RiskMatch[];
  language: "es" | "en";
}
