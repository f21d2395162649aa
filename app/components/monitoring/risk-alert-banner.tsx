import { useFetcher } from "@remix-run/react";
import { useLocale, useStrings } from "../use-strings";
import { formatDateTime } from "../../lib/format";
import { count, flagLabel } from "./labels";
import { toRiskLevel } from "../../analysis/risk-level";

export interface BannerAlert {
  id: string;
  level: string;
  flags: string[];
  source: string;
  reason: string | null;
  createdAt: string | Date;
  messageContent: string | null;
  messageType: string | null;
  messageAt: string | Date | null;
}

export interface Acknowledgement {
  at: string | Date;
  by: string | null;
}

/**
 * Risk first: a pulsing red alert while any alert is unacknowledged. After acknowledging it
 * stays in place, calm, saying who looked and when (it never silently disappears).
 */
export function RiskAlertBanner({ alerts, acknowledged, timezone }: { alerts: BannerAlert[]; acknowledged: Acknowledgement | null; timezone: string }) {
  const t = useStrings();
  const locale = useLocale();
  const fetcher = useFetcher();
  const acking = fetcher.state !== "idle";
  const open = alerts.length > 0 && !acking;

  if (!open && !acknowledged) return null;

  if (!open) {
    return (
      <div role="alert" className="flex items-center gap-3 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
        <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full bg-emerald-600" />
        <span>
          {acknowledged
            ? t.alertsAcknowledgedBy.replace("{who}", acknowledged.by ?? t.aClinician).replace("{when}", formatDateTime(acknowledged.at, locale, timezone))
            : t.alertsAcknowledged}
        </span>
      </div>
    );
  }

  const top = alerts[0]!.level;
  const high = top === "HIGH";
  return (
    <div
      role="alert"
      aria-labelledby="risk-banner-title"
      className={`risk-pulse rounded-xl border-2 px-5 py-4 ${high ? "border-red-600 bg-red-50 text-red-950" : "border-amber-500 bg-amber-50 text-amber-950"}`}
    >
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <h2 id="risk-banner-title" className="text-lg font-bold">
            {t.riskAlertTitle.replace("{level}", t[`risk${normalize(top)}`])}
          </h2>
          <p className="text-sm">{count(t, "openAlertsCount", alerts.length)}</p>
        </div>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="acknowledge" />
          <button
            type="submit"
            className="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white shadow-sm hover:bg-red-800 focus:outline-none focus-visible:ring-4 focus-visible:ring-red-300"
          >
            {t.acknowledge}
          </button>
        </fetcher.Form>
      </div>
      <ul className="mt-3 space-y-2">
        {alerts.map((a) => (
          <li key={a.id} className="rounded-lg bg-white/80 px-3 py-2 text-sm ring-1 ring-inset ring-red-200">
            <div className="flex flex-wrap items-center gap-2">
              <span className={`rounded px-1.5 py-0.5 text-xs font-bold uppercase ${a.level === "HIGH" ? "bg-red-700 text-white" : a.level === "MEDIUM" ? "bg-amber-500 text-black" : "bg-sky-700 text-white"}`}>
                {t[`risk${normalize(a.level)}`]}
              </span>
              {a.flags.map((f) => (
                <span key={f} className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">{flagLabel(f, t)}</span>
              ))}
              <span className="ml-auto text-xs text-slate-600">{formatDateTime(a.messageAt ?? a.createdAt, locale, timezone)}</span>
            </div>
            {a.messageContent ? (
              <blockquote className="mt-1 border-l-4 border-red-300 pl-2 text-slate-800">“{a.messageContent}”</blockquote>
            ) : a.source === "trend" ? (
              <p className="mt-1 text-slate-800">
                {t.trendAlertReason}
                {a.reason ? <span className="text-slate-600"> · {a.reason}</span> : null}
              </p>
            ) : a.reason ? (
              <p className="mt-1 text-slate-800">{a.reason}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

const normalize = (level: string) => toRiskLevel(level);
