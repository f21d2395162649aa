import { Link } from "@remix-run/react";
import { RiskBadge } from "../risk-badge";
import { useLocale, useStrings } from "../use-strings";
import { formatDateTime } from "../../lib/format";
import type { Strings } from "../../i18n";
import type { Locale } from "../../i18n";

/** The serialised RiskState (app/models/risk-state.server.ts) as a page receives it. */
export interface RiskStateView {
  level: string;
  source: "alert" | "analysis" | "none";
  alert: {
    id: string;
    level: string;
    createdAt: string | Date;
    acknowledgedAt: string | Date | null;
    acknowledgedBy: string | null;
    note: string | null;
    verdict: string | null;
  } | null;
  analysisDay: string | null;
  openAlerts: number;
  oldestOpenAt: string | Date | null;
}

/** "open, waiting since …" / "acknowledged 10:02 by Dr X: called the patient" / "daily analysis of …". */
export function riskStateText(state: RiskStateView, t: Strings, locale: Locale, timezone: string) {
  const when = (d: string | Date) => formatDateTime(d, locale, timezone);
  if (state.source === "alert" && state.alert) {
    const a = state.alert;
    if (!a.acknowledgedAt) return t.riskStateOpen.replace("{when}", when(state.oldestOpenAt ?? a.createdAt));
    const text = t.riskStateAcknowledged.replace("{when}", when(a.acknowledgedAt)).replace("{who}", a.acknowledgedBy ?? t.aClinician);
    return a.note ? `${text}: ${a.note}` : text;
  }
  if (state.source === "analysis" && state.analysisDay) return t.riskStateAnalysis.replace("{day}", state.analysisDay);
  return null;
}

/** Badge + state on one line; with `alertHref`, a link to the deciding alert. */
export function RiskState({ state, timezone, alertHref }: { state: RiskStateView; timezone: string; alertHref?: string }) {
  const t = useStrings();
  const locale = useLocale();
  const text = riskStateText(state, t, locale, timezone);
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1 text-sm" data-testid="risk-state">
      <RiskBadge level={state.level} />
      {text ? <span className={state.alert && !state.alert.acknowledgedAt && state.source === "alert" ? "font-semibold text-red-800" : "text-slate-700"}>{text}</span> : null}
      {alertHref && state.alert && state.source === "alert" ? (
        <Link to={alertHref} className="font-semibold text-teal-800 underline">{t.seeAlert}</Link>
      ) : null}
    </span>
  );
}
