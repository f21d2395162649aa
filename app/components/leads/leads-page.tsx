import { Form, Link, useNavigation } from "@remix-run/react";
import { formatDateTime } from "../../lib/format";
import { useLocale, useStrings } from "../use-strings";
import { AlertCard, type AlertCardData } from "../risk/alert-card";
import { RiskBadge } from "../risk-badge";

interface LeadMessage {
  id: string;
  direction: string;
  type: string;
  content: string | null;
  timestamp: string;
}

interface Lead {
  id: string;
  name: string | null;
  phone: string | null;
  profileName: string | null;
  createdAt: string | Date;
  lastMessageAt: string | Date | null;
  messages: LeadMessage[];
}

export function LeadsPage(props: {
  leads: Lead[];
  alerts: Array<{ leadId: string; level: string; alerts: AlertCardData[] }>;
  converted: Array<{ id: string; patientId: string; patientName: string }>;
  timezone: string;
  error: "name_required" | "duplicate" | null;
  errorLeadId: string | null;
}) {
  const t = useStrings();
  const locale = useLocale();
  const navigation = useNavigation();
  return (
    <section aria-labelledby="leads-heading">
      <h1 id="leads-heading" className="text-2xl font-semibold">{t.leads}</h1>
      <p className="mt-1 text-sm text-slate-600">{t.leadsLead}</p>
      {props.leads.length === 0 ? (
        <p className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">{t.noLeads}</p>
      ) : (
        <ul className="mt-6 space-y-4">
          {props.leads.map((lead) => {
            const title = lead.name ?? lead.profileName ?? lead.phone ?? t.unknownSender;
            const inputId = `name-${lead.id}`;
            const busy = navigation.state !== "idle" && navigation.formData?.get("leadId") === lead.id;
            const risk = props.alerts.find((a) => a.leadId === lead.id);
            return (
              <li key={lead.id}>
                <article id={`lead-card-${lead.id}`} aria-labelledby={`lead-${lead.id}`} className={`scroll-mt-20 rounded-xl border bg-white p-4 shadow-sm ${risk ? (risk.level === "HIGH" ? "border-2 border-red-500" : "border-2 border-amber-500") : "border-slate-200"}`}>
                  <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                    <h2 id={`lead-${lead.id}`} className="text-lg font-semibold">{title}</h2>
                    {risk ? <RiskBadge level={risk.level} /> : null}
                    {lead.phone && lead.phone !== title ? <span className="font-mono text-sm text-slate-600">{lead.phone}</span> : null}
                    <span className="ml-auto text-sm text-slate-600">
                      {t.lastMessage}: {lead.lastMessageAt ? formatDateTime(lead.lastMessageAt, locale, props.timezone) : t.never}
                    </span>
                  </header>
                  {risk ? (
                    <section aria-label={t.leadAlertTitle} className="mt-3 space-y-2 rounded-lg bg-red-50/60 p-2">
                      {risk.alerts.map((a) => (
                        <AlertCard key={a.id} alert={a} timezone={props.timezone} extra={{ leadId: lead.id }} />
                      ))}
                    </section>
                  ) : null}
                  {lead.messages.length ? (
                    <ol aria-label={t.leadMessages} className="mt-3 space-y-1.5">
                      {lead.messages.map((m) => (
                        <li key={m.id} className={`flex ${m.direction === "INBOUND" ? "justify-start" : "justify-end"}`}>
                          <p className={`max-w-[80%] rounded-2xl px-3 py-1.5 text-sm ${m.direction === "INBOUND" ? "bg-slate-100" : "bg-teal-50 ring-1 ring-inset ring-teal-200"}`}>
                            <span className="mr-2 text-xs text-slate-600">{formatDateTime(m.timestamp, locale, props.timezone)}</span>
                            {m.content ?? `[${m.type}]`}
                          </p>
                        </li>
                      ))}
                    </ol>
                  ) : null}
                  <Form method="post" className="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3">
                    <input type="hidden" name="intent" value="convert" />
                    <input type="hidden" name="leadId" value={lead.id} />
                    <div>
                      <label htmlFor={inputId} className="block text-sm font-medium">{t.patientName}</label>
                      <input id={inputId} name="name" required maxLength={200} defaultValue={lead.name ?? lead.profileName ?? ""} className="mt-1 w-full max-w-64 rounded-md border border-slate-300 px-3 py-1.5" />
                    </div>
                    <button type="submit" disabled={busy} className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 disabled:opacity-60">
                      {t.convertToPatient}
                    </button>
                    {props.error && (props.errorLeadId === lead.id || props.errorLeadId === null) ? (
                      <p role="alert" className="text-sm text-red-800">{props.error === "duplicate" ? t.duplicatePatient : t.nameRequired}</p>
                    ) : null}
                  </Form>
                </article>
              </li>
            );
          })}
        </ul>
      )}
      {props.converted.length ? (
        <section aria-labelledby="converted-heading" className="mt-8">
          <h2 id="converted-heading" className="text-lg font-semibold">{t.convertedLeads}</h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {props.converted.map((c) => (
              <li key={c.id}>
                <Link to={`/patients/${c.patientId}/monitoring`} className="inline-block rounded-full bg-white px-3 py-1 text-sm font-medium text-teal-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
                  {c.patientName}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
