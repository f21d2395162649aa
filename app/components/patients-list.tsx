import { Form, Link } from "@remix-run/react";
import { RiskState, type RiskStateView } from "./risk/risk-state";
import { NewContactRows, type NewContact } from "./risk/new-contact-rows";
import { useLocale, useStrings } from "./use-strings";
import { formatDateTime } from "../lib/format";
import { count } from "./monitoring/labels";
import { SearchMatch, type MatchView } from "./search-match";

interface Row {
  id: string;
  name: string;
  state: RiskStateView;
  lastMessageAt: string | Date | null;
}

const ACCENT: Record<string, string> = {
  HIGH: "border-l-red-600 bg-red-50/60",
  MEDIUM: "border-l-amber-500 bg-amber-50/50",
  LOW: "border-l-sky-500",
  NONE: "border-l-transparent",
};

export function PatientsList({ patients, matches = {}, newContacts, total, page, pageSize, search, timezone }: { patients: Row[]; matches?: Record<string, MatchView>; newContacts: NewContact[]; total: number; page: number; pageSize: number; search: string; timezone: string }) {
  const t = useStrings();
  const locale = useLocale();
  return (
    <section aria-labelledby="patients-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="patients-heading" className="text-2xl font-semibold">{t.patients}</h1>
          <p className="text-sm text-slate-600">{t.patientsLead}</p>
        </div>
        <Form method="get" role="search" className="flex w-full gap-2 sm:w-auto">
          <label htmlFor="q" className="sr-only">{t.searchPatients}</label>
          <input id="q" name="q" type="search" defaultValue={search} placeholder={t.searchPatients} className="min-h-11 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 sm:min-h-0 sm:w-64 sm:flex-none" />
          <button className="min-h-11 rounded-md bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800 sm:min-h-0">{t.search}</button>
        </Form>
      </div>
      <NewContactRows contacts={newContacts} timezone={timezone} />
      {patients.length === 0 ? (
        <p className="mt-8 rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">{search ? t.noPatientsMatch.replace("{q}", search) : t.noPatients}</p>
      ) : (
        <>
          <p className="mt-4 text-xs text-slate-600">
            {count(t, "patientCount", total)}
            {total > pageSize ? ` · ${t.showingRange.replace("{from}", String((page - 1) * pageSize + 1)).replace("{to}", String((page - 1) * pageSize + patients.length))}` : null}
          </p>
          <ul className="mt-2 divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
            {patients.map((p) => (
              <li key={p.id}>
                <Link
                  to={`/patients/${p.id}/monitoring`}
                  prefetch="intent"
                  className={`flex flex-wrap items-center gap-x-4 gap-y-1 border-l-4 px-4 py-3 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-teal-600 ${ACCENT[p.state.level] ?? ACCENT.NONE}`}
                >
                  <span className="min-w-0 flex-1 truncate font-medium">{p.name}</span>
                  {p.state.openAlerts > 0 ? (
                    <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
                      {count(t, "unreadAlerts", p.state.openAlerts)}
                    </span>
                  ) : null}
                  <RiskState state={p.state} timezone={timezone} />
                  <span className="w-full text-sm text-slate-600 sm:w-52 sm:text-right">
                    {t.lastMessage}: {p.lastMessageAt ? formatDateTime(p.lastMessageAt, locale, timezone) : t.never}
                  </span>
                </Link>
                {matches[p.id] ? <SearchMatch patientId={p.id} match={matches[p.id]!} timezone={timezone} /> : null}
              </li>
            ))}
          </ul>
          {total > pageSize ? (
            <nav aria-label={t.pagination} className="mt-4 flex justify-between text-sm font-medium">
              {page > 1 ? <Link to={pageLink(search, page - 1)} className="text-teal-800 underline">{t.previousPage}</Link> : <span />}
              {page * pageSize < total ? <Link to={pageLink(search, page + 1)} className="text-teal-800 underline">{t.nextPage}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}

function pageLink(search: string, page: number) {
  const params = new URLSearchParams();
  if (search) params.set("q", search);
  params.set("page", String(page));
  return `/patients?${params}`;
}
