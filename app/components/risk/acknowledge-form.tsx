import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useStrings } from "../use-strings";

const VERDICTS = ["real", "false_alarm", "unsure"] as const;
const TONE: Record<(typeof VERDICTS)[number], string> = {
  real: "bg-red-700 text-white hover:bg-red-800 focus-visible:ring-red-300",
  false_alarm: "bg-white text-slate-900 ring-1 ring-inset ring-slate-400 hover:bg-slate-100 focus-visible:ring-slate-300",
  unsure: "bg-white text-slate-900 ring-1 ring-inset ring-slate-400 hover:bg-slate-100 focus-visible:ring-slate-300",
};

/**
 * Acknowledge one alert: the verdict is the submit button (one click), the note of what was
 * done is optional. Posted with a fetcher; the server validates (conform + zod).
 */
export function AcknowledgeForm({ alertId, extra }: { alertId: string; extra?: Record<string, string> }) {
  const t = useStrings();
  const fetcher = useFetcher<{ result?: unknown; error?: string }>();
  const [form, fields] = useForm({ id: `ack-${alertId}`, lastResult: fetcher.state === "idle" ? (fetcher.data?.result as never) : null });
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="mt-2 flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="acknowledge" />
      <input type="hidden" name="alertId" value={alertId} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="min-w-[12rem] flex-1">
        <label htmlFor={fields.note.id} className="block text-xs font-medium text-slate-700">{t.ackNoteLabel}</label>
        <input {...getInputProps(fields.note, { type: "text" })} maxLength={500} placeholder={t.ackNotePlaceholder} className="mt-0.5 min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-base sm:min-h-0 sm:text-sm" />
      </div>
      <fieldset className="flex flex-wrap items-center gap-1.5" disabled={busy}>
        <legend className="sr-only">{t.verdictPrompt}</legend>
        <span aria-hidden="true" className="mr-1 text-xs font-semibold text-slate-700">{t.verdictPrompt}:</span>
        {VERDICTS.map((v) => (
          <button key={v} type="submit" name="verdict" value={v} className={`min-h-11 rounded-md px-3 py-1.5 text-sm font-semibold shadow-sm focus:outline-none sm:min-h-0 focus-visible:ring-4 disabled:opacity-50 ${TONE[v]}`}>
            {t[`verdict_${v}`]}
          </button>
        ))}
      </fieldset>
      {fetcher.state === "idle" && fetcher.data?.error ? <p role="alert" className="w-full text-sm text-red-800">{t.ackFailed}</p> : null}
    </fetcher.Form>
  );
}
