import { Link } from "@remix-run/react";
import { RiskBadge } from "../risk-badge";
import { useLocale, useStrings } from "../use-strings";
import { formatDateTime } from "../../lib/format";

export interface NewContact {
  leadId: string;
  title: string | null;
  phone: string | null;
  level: string;
  alerts: Array<{ id: string; level: string; createdAt: string | Date; acknowledgedAt: string | Date | null; acknowledgedBy: string | null; messageContent: string | null }>;
}

/** Leads with a risk alert, above the patients: who they are, what they wrote, Convert one click away. */
export function NewContactRows({ contacts, timezone }: { contacts: NewContact[]; timezone: string }) {
  const t = useStrings();
  const locale = useLocale();
  if (!contacts.length) return null;
  return (
    <ul aria-label={t.newContact} className="mt-4 space-y-2">
      {contacts.map((c) => {
        const top = c.alerts[0]!;
        const open = c.alerts.some((a) => !a.acknowledgedAt);
        return (
          <li key={c.leadId} className={`flex flex-wrap items-center gap-x-4 gap-y-1 rounded-xl border border-l-4 bg-white px-4 py-3 shadow-sm ${c.level === "HIGH" ? "border-red-300 border-l-red-600 bg-red-50/60" : "border-amber-300 border-l-amber-500 bg-amber-50/50"}`}>
            <span className="rounded bg-slate-800 px-1.5 py-0.5 text-xs font-bold uppercase text-white">{t.newContact}</span>
            <span className="font-medium">{c.title ?? t.unknownSender}</span>
            {c.phone && c.phone !== c.title ? <span className="font-mono text-sm text-slate-600">{c.phone}</span> : null}
            <RiskBadge level={c.level} />
            <span className={`text-sm ${open ? "font-semibold text-red-800" : "text-slate-700"}`}>
              {open ? t.riskStateOpen.replace("{when}", formatDateTime(top.createdAt, locale, timezone)) : t.riskStateAcknowledged.replace("{when}", formatDateTime(top.acknowledgedAt!, locale, timezone)).replace("{who}", top.acknowledgedBy ?? t.aClinician)}
            </span>
            {top.messageContent ? <q className="w-full truncate text-sm text-slate-800">{top.messageContent}</q> : null}
            <p className="w-full text-xs text-slate-600">{t.newContactHelp}</p>
            <Link to={`/leads#lead-card-${c.leadId}`} className="ml-auto rounded-md bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800">
              {t.convertToPatient}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
