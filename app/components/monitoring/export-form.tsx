import { useStrings } from "../use-strings";

/** Dates and format for /patients/:id/export; a plain GET that downloads the file. */
export function ExportForm({ patientId, today }: { patientId: string; today: string }) {
  const t = useStrings();
  const start = new Date(`${today}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 29);
  const from = start.toISOString().slice(0, 10);
  const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <section aria-labelledby="export-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="export-heading" className="text-base font-semibold text-slate-900">{t.exportHeading}</h2>
      <p className="mt-1 text-sm text-slate-600">{t.exportHelp}</p>
      {/* A document download, not a Remix navigation. */}
      <form method="get" action={`/patients/${patientId}/export`} className="mt-3 flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm font-medium text-slate-700">
          {t.exportFrom}
          <input type="date" name="from" required defaultValue={from} max={today} className={field} />
        </label>
        <label className="flex flex-col text-sm font-medium text-slate-700">
          {t.exportTo}
          <input type="date" name="to" required defaultValue={today} max={today} className={field} />
        </label>
        <label className="flex flex-col text-sm font-medium text-slate-700">
          {t.exportFormat}
          <select name="format" defaultValue="pdf" className={field}>
            <option value="pdf">PDF</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800">{t.exportSubmit}</button>
      </form>
    </section>
  );
}
