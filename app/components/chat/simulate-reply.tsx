import { useFetcher } from "@remix-run/react";
import { useStrings } from "../use-strings";

/** Sandbox only: play the patient, through the real signed webhook route. */
export function SimulateReply() {
  const t = useStrings();
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post" className="flex flex-wrap items-center gap-2 border-t border-dashed border-violet-300 bg-violet-50/60 px-4 py-2">
      <input type="hidden" name="intent" value="simulate" />
      <label htmlFor="simulate-text" className="text-xs font-semibold uppercase tracking-wide text-violet-800">{t.simulateText}</label>
      <input id="simulate-text" name="text" required defaultValue={t.simulateDefault} className="min-w-[14rem] flex-1 rounded-md border border-violet-200 bg-white px-2 py-1 text-sm" />
      <button type="submit" disabled={fetcher.state !== "idle"} className="rounded-md bg-violet-700 px-3 py-1 text-sm font-semibold text-white hover:bg-violet-800 disabled:opacity-50">
        {t.simulateReply}
      </button>
    </fetcher.Form>
  );
}
