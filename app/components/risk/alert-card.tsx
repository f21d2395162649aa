import { useLocale, useStrings } from "../use-strings";
import { formatDateTime, formatTrendReason } from "../../lib/format";
import { flagLabel } from "../monitoring/labels";
import { AcknowledgeForm } from "./acknowledge-form";
import { AlertNotifications, type NotificationItemView } from "../escalation/alert-notifications";

/** The serialised AlertView (app/models/risk-state.server.ts). */
export interface AlertCardData {
  id: string;
  level: string;
  flags: string[];
  source: string;
  reason: string | null;
  createdAt: string | Date;
  acknowledgedAt: string | Date | null;
  acknowledgedBy: string | null;
  note: string | null;
  verdict: string | null;
  messageContent: string | null;
  messageAt: string | Date | null;
  /** Who was told and when (issue 16), where the page loads it. */
  notifications?: NotificationItemView[];
}

const LEVEL_TAG: Record<string, string> = { HIGH: "bg-red-700 text-white", MEDIUM: "bg-amber-500 text-black", LOW: "bg-sky-700 text-white" };

/** One alert: the level, the words that raised it, its state; open ones carry the verdict form. */
export function AlertCard({ alert, timezone, extra }: { alert: AlertCardData; timezone: string; extra?: Record<string, string> }) {
  const t = useStrings();
  const locale = useLocale();
  const open = !alert.acknowledgedAt;
  const levelWord = t[`risk${(["HIGH", "MEDIUM", "LOW"].includes(alert.level) ? alert.level : "NONE") as "HIGH"}`];
  return (
    <article id={`alert-${alert.id}`} aria-label={`${levelWord} · ${formatDateTime(alert.messageAt ?? alert.createdAt, locale, timezone)}`} className={`scroll-mt-20 rounded-lg bg-white px-3 py-2 text-sm ring-1 ring-inset ${open ? "ring-red-300" : "ring-slate-200"}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-bold uppercase ${LEVEL_TAG[alert.level] ?? "bg-slate-600 text-white"}`}>{levelWord}</span>
        {alert.flags.map((f) => (
          <span key={f} className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">{flagLabel(f, t)}</span>
        ))}
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${open ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`}>
          {open
            ? t.alertOpen
            : `${t.riskStateAcknowledged.replace("{when}", formatDateTime(alert.acknowledgedAt!, locale, timezone)).replace("{who}", alert.acknowledgedBy ?? t.aClinician)}${alert.verdict ? ` · ${t.verdictGiven.replace("{verdict}", t[`verdict_${alert.verdict as "real"}`] ?? alert.verdict)}` : ""}`}
        </span>
        <span className="ml-auto text-xs text-slate-600">{formatDateTime(alert.messageAt ?? alert.createdAt, locale, timezone)}</span>
      </div>
      {alert.messageContent ? (
        <blockquote className="mt-1 border-l-4 border-red-300 pl-2 text-slate-800">“{alert.messageContent}”</blockquote>
      ) : alert.source === "trend" ? (
        <p className="mt-1 text-slate-800">{t.trendAlertReason}{alert.reason ? <span className="text-slate-600"> · {formatTrendReason(alert.reason, locale)}</span> : null}</p>
      ) : alert.reason ? (
        <p className="mt-1 text-slate-800">{alert.reason}</p>
      ) : null}
      {!open && alert.note ? <p className="mt-1 text-slate-700">{t.ackNoteLabel.replace(/ \(.*\)$/, "")}: {alert.note}</p> : null}
      <AlertNotifications items={alert.notifications} timezone={timezone} />
      {open ? <AcknowledgeForm alertId={alert.id} extra={extra} /> : null}
    </article>
  );
}
