import { Form } from "@remix-run/react";
import { formatDateTime } from "../../lib/format";
import { useLocale, useStrings } from "../use-strings";

interface Account {
  id: string;
  phoneNumberId: string;
  displayPhone: string | null;
  mode: string;
  testRecipients: string[];
  tokenError: string | null;
  tokenErrorAt: string | Date | null;
}

interface EventRow {
  id: number;
  receivedAt: string | Date;
  status: string;
  error: string | null;
  attempts: number;
  phoneNumberIds: string[] | null;
  messageCount: number | null;
  statusCount: number | null;
}

const card = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";

export function WhatsappSettings(props: {
  accounts: Account[];
  health: { lastReceivedAt: string | Date | null; signatureFailures24h: number; lastSignatureFailureAt: string | Date | null; otherRejections24h: number };
  failed: EventRow[];
  unrouted: { count: number; phoneNumberIds: string[]; lastAt: string | Date | null } | null;
  isAdmin: boolean;
  timezone: string;
  replayed: { id: number; status: string } | null;
  mediaRetentionDays: number | null;
  mediaSaved: boolean;
}) {
  const t = useStrings();
  const locale = useLocale();
  const when = (v: string | Date | null) => (v ? formatDateTime(v, locale, props.timezone) : t.never);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t.settings}</h1>
      {props.replayed ? (
        <p
          role="status"
          className={`rounded-lg px-4 py-2 text-sm ring-1 ring-inset ${props.replayed.status === "failed" ? "bg-red-50 text-red-900 ring-red-200" : "bg-emerald-50 text-emerald-900 ring-emerald-200"}`}
        >
          {(props.replayed.status === "failed" ? t.replayFailed : t.replayDone).replace("{id}", String(props.replayed.id)).replace("{status}", props.replayed.status)}
        </p>
      ) : null}

      {props.accounts.map((a) => (
        <section key={a.id} aria-labelledby={`account-${a.id}`} className={card}>
          <div className="flex flex-wrap items-center gap-3">
            <h2 id={`account-${a.id}`} className="text-lg font-semibold">{a.displayPhone ?? a.phoneNumberId}</h2>
            <span className={`rounded-full px-2.5 py-0.5 text-xs font-bold uppercase ring-1 ring-inset ${a.mode === "live" ? "bg-emerald-100 text-emerald-900 ring-emerald-300" : "bg-amber-100 text-amber-900 ring-amber-300"}`}>
              {t.mode}: {a.mode === "live" ? t.modeLive : t.modeDev}
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-600">{a.mode === "live" ? t.modeLiveHelp : t.modeDevHelp}</p>
          <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="font-medium text-slate-600">{t.phoneNumberId}</dt>
            <dd className="font-mono">{a.phoneNumberId}</dd>
            <dt className="font-medium text-slate-600">{t.testRecipients}</dt>
            <dd>
              {!props.isAdmin ? (
                t.adminOnly
              ) : a.testRecipients.length ? (
                <ul className="flex flex-wrap gap-1.5">
                  {a.testRecipients.map((r) => (
                    <li key={r} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs">{r}</li>
                  ))}
                </ul>
              ) : (
                t.noTestRecipients
              )}
            </dd>
            <dt className="font-medium text-slate-600">{t.tokenState}</dt>
            <dd>
              {a.tokenError ? (
                <span className="font-medium text-red-800">
                  {t.tokenError}: {a.tokenError} ({when(a.tokenErrorAt)})
                </span>
              ) : (
                <span className="text-emerald-800">{t.tokenOk}</span>
              )}
            </dd>
          </dl>
        </section>
      ))}

      <section aria-labelledby="webhook-heading" className={card}>
        <h2 id="webhook-heading" className="text-lg font-semibold">{t.webhookStatus}</h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-3">
          <div className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.lastWebhook}</dt>
            <dd className="mt-1 text-lg font-semibold">{when(props.health.lastReceivedAt)}</dd>
          </div>
          <div className={`rounded-lg p-3 ${props.health.signatureFailures24h ? "bg-red-50 ring-1 ring-inset ring-red-200" : "bg-slate-50"}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.signatureFailures}</dt>
            <dd className="mt-1 text-lg font-semibold">{props.health.signatureFailures24h}</dd>
            {props.health.signatureFailures24h ? (
              <dd className="text-xs text-red-800">{t.signatureFailuresHelp.replace("{when}", when(props.health.lastSignatureFailureAt))}</dd>
            ) : null}
          </div>
          <div className={`rounded-lg p-3 ${props.failed.length ? "bg-amber-50 ring-1 ring-inset ring-amber-200" : "bg-slate-50"}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.failedEvents}</dt>
            <dd className="mt-1 text-lg font-semibold">{props.failed.length}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="media-heading" className={card}>
        <h2 id="media-heading" className="text-lg font-semibold">{t.mediaRetention}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {props.mediaRetentionDays ? t.mediaRetentionDays.replace("{days}", String(props.mediaRetentionDays)) : t.mediaRetentionForever}
        </p>
        {props.isAdmin ? (
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="media-retention" />
            <label className="text-sm">
              <span className="block font-medium">{t.mediaRetentionLabel}</span>
              <input name="days" type="number" min={1} max={3650} defaultValue={props.mediaRetentionDays ?? ""} className="mt-1 w-40 rounded-lg border border-slate-300 px-3 py-2" />
            </label>
            <button type="submit" className="min-h-11 rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800">{t.save}</button>
            {props.mediaSaved ? <span role="status" className="text-sm text-emerald-800">{t.saved}</span> : null}
          </Form>
        ) : null}
      </section>

      <EventTable id="failed-heading" title={t.failedEvents} empty={t.noFailedEvents} rows={props.failed} when={when} canReplay={props.isAdmin} />
      {props.unrouted ? (
        <section aria-labelledby="unrouted-heading" className={card}>
          <h2 id="unrouted-heading" className="text-lg font-semibold">{t.unroutedEvents}</h2>
          {props.unrouted.count === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t.noUnroutedEvents}</p>
          ) : (
            <>
              <p className="mt-2 text-sm">{t.unroutedCount.replace("{count}", String(props.unrouted.count)).replace("{when}", when(props.unrouted.lastAt))}</p>
              <ul className="mt-2 flex flex-wrap gap-1.5">
                {props.unrouted.phoneNumberIds.map((p) => (
                  <li key={p} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs">{p}</li>
                ))}
              </ul>
              <p className="mt-2 text-sm text-slate-600">
                {t.unroutedHelp} <code className="rounded bg-slate-100 px-1 text-xs">npm run kura -- org:create --name … --phone-number-id {props.unrouted.phoneNumberIds[0] ?? "…"}</code>
              </p>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

function EventTable(props: { id: string; title: string; empty: string; help?: string; rows: EventRow[]; when: (v: string | Date | null) => string; canReplay: boolean }) {
  const t = useStrings();
  return (
    <section aria-labelledby={props.id} className={card}>
      <h2 id={props.id} className="text-lg font-semibold">{props.title}</h2>
      {props.help ? <p className="mt-1 text-sm text-slate-600">{props.help}</p> : null}
      {props.rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{props.empty}</p>
      ) : (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3">{t.eventId}</th>
              <th scope="col" className="py-2 pr-3">{t.eventReceived}</th>
              <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t.phoneNumberId}</th>
              <th scope="col" className="py-2 pr-3">{t.eventError}</th>
              <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t.attempts}</th>
              <th scope="col" className="py-2"><span className="sr-only">{t.replay}</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {props.rows.map((e) => (
              <tr key={e.id}>
                <td className="py-2 pr-3 font-mono">#{e.id}</td>
                <td className="py-2 pr-3">{props.when(e.receivedAt)}</td>
                <td className="hidden py-2 pr-3 font-mono text-xs sm:table-cell">{e.phoneNumberIds?.join(", ") ?? "—"}</td>
                <td className="py-2 pr-3 text-slate-700 wrap-anywhere sm:max-w-xs sm:truncate" title={e.error ?? ""}>{e.error ?? "—"}</td>
                <td className="hidden py-2 pr-3 sm:table-cell">{e.attempts}</td>
                <td className="py-2 text-right">
                  {props.canReplay ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="replay" />
                    <input type="hidden" name="eventId" value={e.id} />
                    <button type="submit" aria-label={`${t.replay} #${e.id}`} className="min-h-11 rounded-md border border-teal-700 px-3 py-1 text-sm font-semibold text-teal-800 hover:bg-teal-50 sm:min-h-0">
                      {t.replay}
                    </button>
                  </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
