import { Form, NavLink, useLocation } from "@remix-run/react";
import { useLocale, useStrings } from "./use-strings";

const link = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-teal-800 text-white" : "text-teal-50 hover:bg-teal-600"}`;

export function AppHeader({ orgName, email }: { orgName: string; email: string }) {
  const t = useStrings();
  return (
    <header className="bg-teal-700 text-white shadow">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-2">
        <span className="whitespace-nowrap text-lg font-semibold tracking-tight">Kura Connect</span>
        <span className="hidden whitespace-nowrap text-sm text-teal-100 lg:inline">· {orgName}</span>
        <nav aria-label="Main" className="ml-4 flex gap-1">
          <NavLink to="/patients" className={link}>{t.patients}</NavLink>
          <NavLink to="/leads" className={link}>{t.leads}</NavLink>
          <NavLink to="/settings/whatsapp" className={link}>{t.settings}</NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <LanguageSwitch />
          <span className="hidden text-teal-100 xl:inline">{email}</span>
          <Form method="post" action="/logout">
            <button type="submit" className="whitespace-nowrap rounded-md bg-teal-900/40 px-3 py-1.5 font-medium hover:bg-teal-900/70">
              {t.signOut}
            </button>
          </Form>
        </div>
      </div>
    </header>
  );
}

/** The clinician's language, stored on their account; the page reloads in it. */
function LanguageSwitch() {
  const t = useStrings();
  const locale = useLocale();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="flex overflow-hidden rounded-md ring-1 ring-inset ring-teal-500" aria-label={t.language}>
      <input type="hidden" name="redirectTo" value={location.pathname} />
      {(["es", "en"] as const).map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={locale === l}
          className={`px-2 py-1 text-xs font-semibold ${locale === l ? "bg-white text-teal-900" : "text-teal-50 hover:bg-teal-600"}`}
        >
          {l === "es" ? t.languageSpanish : t.languageEnglish}
        </button>
      ))}
    </Form>
  );
}
