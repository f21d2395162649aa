import { useStrings } from "../use-strings";

/** Delivery state of an outbound bubble; each mark has an accessible name. */
export function Tick({ status, reason }: { status: string; reason: string | null }) {
  const t = useStrings();
  if (status === "failed") {
    return (
      <span role="img" aria-label={`${t.tickFailed}: ${reason ?? ""}`} className="font-bold text-red-600">
        !
      </span>
    );
  }
  if (status === "queued") {
    return (
      <span role="img" aria-label={t.tickQueued} className="text-slate-400">
        <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" aria-hidden="true"><circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" /><path d="M8 4.5V8l2.2 1.6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" /></svg>
      </span>
    );
  }
  const double = status === "delivered" || status === "read";
  const label = status === "read" ? t.tickRead : status === "delivered" ? t.tickDelivered : t.tickSent;
  return (
    <span role="img" aria-label={label} data-status={status} className={status === "read" ? "text-sky-500" : "text-slate-400"}>
      <svg viewBox="0 0 20 12" className="h-3 w-5" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        <path d={double ? "M1 6.5l3.2 3.2L11 2.8" : "M4 6.5l3.2 3.2L14 2.8"} />
        {double ? <path d="M8.2 9.7L15 2.8" /> : null}
      </svg>
    </span>
  );
}
