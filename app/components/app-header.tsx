import { useEffect, useState } from "react";
import { Form, NavLink, useLocation } from "@remix-run/react";
import { useLocale, useStrings } from "./use-strings";

const link = ({ isActive }: { isActive: boolean }) =>
  `flex min-h-11 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium lg:min-h-0 lg:py-2 ${isActive ? "bg-teal-800 text-white" : "text-teal-50 hover:bg-teal-600"}`;

export function AppHeader({ orgName, email }: { orgName: string; email: string }) {
  const t = useStrings();
  const location = useLocation();
  // Below lg the links, language and sign-out fold behind one Menu button (a phone at 390 px).
  const [menuOpen, setMenuOpen] = useState(false);
  // Every tap in the menu lands on another page (or the same page in another language): close it.
  useEffect(() => setMenuOpen(false), [location.key]);
  return (
    <header className="bg-teal-700 text-white shadow">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 px-4 py-1 lg:flex-nowrap lg:py-2">
        <span className="whitespace-nowrap text-lg font-semibold tracking-tight">Kura Connect</span>
        <span className="hidden min-w-0 max-w-[14rem] truncate text-sm text-teal-100 xl:block" title={orgName}>· {orgName}</span>
        <button
          type="button"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen((o) => !o)}
          className="ml-auto inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-md px-3 text-sm font-semibold ring-1 ring-inset ring-teal-500 hover:bg-teal-800 lg:hidden"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            {menuOpen ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
          </svg>
          {t.menu}
        </button>
        <div
          id="main-menu"
          className={`${menuOpen ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-teal-600 py-3 lg:ml-4 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center lg:border-0 lg:py-0`}
        >
          <p className="text-sm text-teal-100 lg:hidden">{orgName}</p>
          <nav aria-label="Main" className="flex flex-col gap-1 lg:flex-row">
            <NavLink to="/patients" className={link}>{t.patients}</NavLink>
            <NavLink to="/leads" className={link}>{t.leads}</NavLink>
            <NavLink to="/settings/whatsapp" className={link}>{t.settings}</NavLink>
          </nav>
          <div className="flex flex-wrap items-center gap-3 text-sm lg:ml-auto lg:flex-nowrap">
            <LanguageSwitch />
            <span className="min-w-0 break-all text-teal-100 lg:hidden xl:block xl:max-w-[12rem] xl:truncate" title={email}>{email}</span>
            <Form method="post" action="/logout">
              <button type="submit" className="min-h-11 whitespace-nowrap rounded-md bg-teal-900/40 px-3 font-medium hover:bg-teal-900/70 lg:min-h-0 lg:py-1.5">
                {t.signOut}
              </button>
            </Form>
          </div>
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
      {/* The same page with its query (a search, a page number), in the other language. */}
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {(["es", "en"] as const).map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={locale === l}
          className={`min-h-11 px-3 text-sm font-semibold lg:min-h-0 lg:px-2 lg:py-1 lg:text-xs ${locale === l ? "bg-white text-teal-900" : "text-teal-50 hover:bg-teal-600"}`}
        >
          {l === "es" ? t.languageSpanish : t.languageEnglish}
        </button>
      ))}
    </Form>
  );
}
