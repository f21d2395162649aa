import { useFetcher } from "@remix-run/react";
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { useStrings } from "../use-strings";

/** The patient's responsible clinician: a select and a button (posts to ./responsible). */
export function ResponsibleForm({ patientId, responsible, clinicians }: { patientId: string; responsible: { id: string; name: string } | null; clinicians: Array<{ id: string; name: string }> }) {
  const t = useStrings();
  const fetcher = useFetcher<{ result?: never }>();
  const [form, fields] = useForm({ id: `responsible-${patientId}`, lastResult: fetcher.state === "idle" ? fetcher.data?.result : null, defaultValue: { clinicianId: responsible?.id ?? "" } });
  return (
    <fetcher.Form method="post" action={`/patients/${patientId}/responsible`} {...getFormProps(form)} className="mt-2 flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="intent" value="responsible" />
      <label htmlFor={fields.clinicianId.id} className="text-slate-600">{t.responsibleLabel}</label>
      <select {...getSelectProps(fields.clinicianId)} key={responsible?.id ?? "none"} className="max-w-[14rem] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
        <option value="">{t.responsibleNone}</option>
        {clinicians.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
      <button type="submit" disabled={fetcher.state !== "idle"} className="rounded-md border border-teal-700 px-2.5 py-1 font-semibold text-teal-800 hover:bg-teal-50">
        {t.responsibleSave}
      </button>
    </fetcher.Form>
  );
}
