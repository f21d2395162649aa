import { Link, useSearchParams } from "@remix-run/react";
import { useStrings } from "../use-strings";

/** "My patients" / "All patients": a GET filter (?mine=1) that keeps the search. */
export function MyPatientsFilter({ mine }: { mine: boolean }) {
  const t = useStrings();
  const [params] = useSearchParams();
  const to = (m: boolean) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    if (m) next.set("mine", "1");
    else next.delete("mine");
    const qs = next.toString();
    return qs ? `?${qs}` : "?";
  };
  const pill = (active: boolean) => `rounded-full px-3 py-1 text-sm font-medium ${active ? "bg-teal-700 text-white" : "bg-white text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"}`;
  return (
    <nav aria-label={t.myPatients} className="mb-3 flex gap-2">
      <Link to={to(false)} className={pill(!mine)} aria-current={!mine ? "page" : undefined}>{t.allPatients}</Link>
      <Link to={to(true)} className={pill(mine)} aria-current={mine ? "page" : undefined}>{t.myPatients}</Link>
    </nav>
  );
}
