import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { listPatients } from "../models/patient.server";
import { audit } from "../models/audit.server";
import { RiskBadge } from "../components/risk-badge";
import { useLocale, useStrings } from "../components/use-strings";
import { formatDateTime } from "../lib/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const search = new URL(request.url).searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const patients = await listPatients(org.id, { search });
  await audit(actor, "patients.list", { detail: { count: patients.length } });
  return { patients, search: search ?? "", timezone: org.timezone };
}

export default function Patients() {
  const { patients, search, timezone } = useLoaderData<typeof loader>();
  const t = useStrings();
  const locale = useLocale();
  return (
    <section aria-labelledby="patients-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 id="patients-heading" className="text-2xl font-semibold">{t.patients}</h1>
        <Form method="get" role="search" className="flex gap-2">
          <label htmlFor="q" className="sr-only">{t.searchPatients}</label>
          <input id="q" name="q" defaultValue={search} placeholder={t.searchPatients} className="rounded-md border border-slate-300 px-3 py-1.5" />
          <button className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white">{t.search}</button>
        </Form>
      </div>
      {patients.length === 0 ? (
        <p className="mt-8 text-slate-600">{t.noPatients}</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {patients.map((p) => (
            <li key={p.id}>
              <Link to={`/patients/${p.id}/monitoring`} className="flex items-center gap-4 px-4 py-3 hover:bg-slate-50">
                <span className="min-w-0 flex-1 truncate font-medium">{p.name}</span>
                <RiskBadge level={p.risk} />
                {p.openAlerts > 0 ? (
                  <span className="text-xs font-semibold text-red-700">{t.openAlerts}: {p.openAlerts}</span>
                ) : null}
                <span className="w-44 text-right text-sm text-slate-600">
                  {t.lastMessage}: {p.lastMessageAt ? formatDateTime(p.lastMessageAt, locale, timezone) : t.never}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
