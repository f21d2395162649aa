import { describe, expect, it } from "vitest";
import { formatNumber, formatScore, formatShortDay, formatTrendReason } from "./format";

describe("numbers and days in the clinician's locale", () => {
  it("Spanish decimals use a comma, English a point; minus is a true minus", () => {
    expect(formatScore(0.4237, "es")).toBe("+0,42");
    expect(formatScore(-0.34, "es")).toBe("−0,34");
    expect(formatScore(-0.34, "en")).toBe("−0.34");
    expect(formatScore(0, "en")).toBe("0.00");
    expect(formatScore(0.31, "es", { plus: false })).toBe("0,31");
    expect(formatNumber(1234.5, "es", { maximumFractionDigits: 1 })).toMatch(/^1\.?234,5$/);
  });

  it("short days", () => {
    expect(formatShortDay("2026-11-12", "en")).toBe("12 Nov");
    expect(formatShortDay("2026-11-12", "es")).toBe("12 nov");
  });

  it("a trend alert's reason names each day", () => {
    const stored = "0.42 (2026-11-12) → 0.31 (2026-11-13) → -0.34 (2026-11-14)";
    expect(formatTrendReason(stored, "en")).toBe("0.42 (12 Nov) → 0.31 (13 Nov) → −0.34 (14 Nov)");
    expect(formatTrendReason(stored, "es")).toBe("0,42 (12 nov) → 0,31 (13 nov) → −0,34 (14 nov)");
    // Alerts written before the days were stored keep their scores, localised.
    expect(formatTrendReason("0.42 → 0.31 → -0.34", "es")).toBe("0,42 → 0,31 → −0,34");
  });
});
