import type { Locale } from "../i18n";

// Dates show in the organization's timezone, the clinic's wall clock.
export function formatDateTime(value: string | Date, locale: Locale, timeZone: string) {
  return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(value));
}

export function formatTime(value: string | Date, locale: Locale, timeZone: string) {
  return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(new Date(value));
}

export function formatDay(value: string | Date, locale: Locale, timeZone: string) {
  return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { timeZone, weekday: "long", day: "numeric", month: "long" }).format(
    new Date(value),
  );
}

const intlLocale = (locale: Locale) => (locale === "es" ? "es-ES" : "en-GB");

/** A number in the clinician's locale (Spanish: decimal comma). */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}) {
  return new Intl.NumberFormat(intlLocale(locale), options).format(value);
}

/** A sentiment score −1..1: two decimals, a true minus, "+" unless `plus: false` ("+0,42", "−0,34"). */
export function formatScore(value: number, locale: Locale, { plus = true }: { plus?: boolean } = {}) {
  return formatNumber(value, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: plus ? "exceptZero" : "auto" }).replace("-", "−");
}

/** "2026-11-12" (a local calendar day) → "12 Nov" / "12 nov". */
export function formatShortDay(day: string, locale: Locale) {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`)).replace(".", "");
}

/**
 * A trend alert's reason as stored by the nightly analysis, "0.42 (2026-11-12) → 0.31 (2026-11-13)
 * → -0.34 (2026-11-14)", in the clinician's words: "0,42 (12 nov) → 0,31 (13 nov) → −0,34 (14 nov)".
 * Older reasons without days keep their scores, localised.
 */
export function formatTrendReason(reason: string, locale: Locale) {
  return reason
    .split("→")
    .map((part) => {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:\((\d{4}-\d{2}-\d{2})\))?\s*$/.exec(part);
      if (!m) return part.trim();
      const score = formatScore(Number(m[1]), locale, { plus: false });
      return m[2] ? `${score} (${formatShortDay(m[2], locale)})` : score;
    })
    .join(" → ");
}
