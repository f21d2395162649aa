// The one risk scale of the app (docs/decisions/006-risk-tiers.md). Every module that stores,
// compares or shows a risk level imports it from here.
//   HIGH   self-directed current risk: intent, plan, means, farewell, recent attempt/self-harm
//   MEDIUM passive ideation or hopelessness without intent, relapse, stopping medication
//   LOW    low mood, conflict, loneliness: recorded, never alerted
//   NONE   nothing clinically relevant
export const RISK_LEVELS = ["NONE", "LOW", "MEDIUM", "HIGH"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_ORDER: Record<RiskLevel, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/** Levels at or above this raise a clinician alert. */
export const ALERT_MIN_LEVEL: RiskLevel = "MEDIUM";

export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_ORDER[a] >= RISK_ORDER[b] ? a : b;
}

export function atLeast(level: RiskLevel, min: RiskLevel): boolean {
  return RISK_ORDER[level] >= RISK_ORDER[min];
}

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === "string" && (RISK_LEVELS as readonly string[]).includes(value);
}

/** A stored value (text column, JSON) as a level; anything unknown or missing reads as NONE. */
export function toRiskLevel(value: unknown): RiskLevel {
  return isRiskLevel(value) ? value : "NONE";
}
