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
