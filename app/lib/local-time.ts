// Local wall-clock days and times in an IANA zone, as instants (the demo week and page fixtures).
/** A local wall-clock time `daysAgo` days before today in `timeZone`, as an instant. */
export function localTime(timeZone: string, daysAgo: number, hour: number, minute = 0, now = new Date()) {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const base = new Date(`${day}T12:00:00Z`);
  base.setUTCDate(base.getUTCDate() - daysAgo);
  const date = base.toISOString().slice(0, 10);
  // Offset of the zone at that moment, from what the zone's clock shows at noon UTC.
  const guess = new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

export const localDayString = (timeZone: string, daysAgo: number, now = new Date()) => {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d.toISOString().slice(0, 10);
};
