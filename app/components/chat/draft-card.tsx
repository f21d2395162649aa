import { useFetcher } from "@remix-run/react";
import { useStrings } from "../use-strings";
import { ActionError, type ActionResult } from "./action-error";

/** A message held for a clinician (auto_mode at HIGH risk): clearly not a sent bubble. */
export function DraftCard({ draft }: { draft: { id: string; content: string } }) {
  const t = useStrings();
  const fetcher = useFetcher<ActionResult>();
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" aria-label={t.draft} className="mx-4 my-3 rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 p-3">
      <input type="hidden" name="draftId" value={draft.id} />
      <p className="text-sm font-semibold text-amber-900">{t.draft}</p>
      <p className="mt-0.5 text-xs text-amber-900/80">{t.draftReason}</p>
      <label htmlFor={`draft-${draft.id}`} className="sr-only">{t.draftText}</label>
      <textarea id={`draft-${draft.id}`} name="message" defaultValue={draft.content} rows={2} className="mt-2 w-full rounded-md border border-amber-300 bg-white px-3 py-2 text-[15px]" />
      <div className="mt-2 flex gap-2">
        <button type="submit" name="intent" value="draft-send" disabled={busy} className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800 disabled:opacity-50">
          {t.sendDraft}
        </button>
        <button type="submit" name="intent" value="draft-discard" disabled={busy} formNoValidate className="rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-100">
          {t.discardDraft}
        </button>
      </div>
      {!busy ? <ActionError result={fetcher.data} /> : null}
    </fetcher.Form>
  );
}
