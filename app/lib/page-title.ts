// Tab titles that say where you are: "Patients · Kura", "M. G. — Monitoring · Kura". A patient's
// page shows initials only (a tab title is seen over a shoulder, in history and in screen shares).
import { STRINGS, type Locale, type Strings } from "../i18n";

type Match = { id: string; data?: unknown };

/** "María Guadalupe Fernández-Villanueva" → "M. G. F."; at most three initials. */
export function initials(name: string) {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((w) => `${w.charAt(0).toLocaleUpperCase()}.`)
    .join(" ");
}

function strings(matches: Match[]): Strings {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return STRINGS[locale === "en" ? "en" : "es"];
}

/** `meta` of a page: [{ title }] from a string key of app/i18n.ts. */
export function titleMeta(key: keyof Strings) {
  return ({ matches }: { matches: Match[] }) => {
    const t = strings(matches);
    return [{ title: t.pageTitle.replace("{page}", t[key]) }];
  };
}

/** `meta` of a patient's tab: the patient's initials from the patient layout's loader. */
export function patientTitleMeta(key: keyof Strings) {
  return ({ matches }: { matches: Match[] }) => {
    const t = strings(matches);
    const name = (matches.find((m) => m.id === "routes/_app.patients.$patientId")?.data as { patient?: { name?: string } } | undefined)?.patient?.name;
    return [{ title: name ? t.patientPageTitle.replace("{initials}", initials(name)).replace("{page}", t[key]) : t.pageTitle.replace("{page}", t[key]) }];
  };
}
