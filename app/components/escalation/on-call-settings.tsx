import { Form } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useLocale, useStrings } from "../use-strings";
import { formatDateTime } from "../../lib/format";

interface Slot {
  id: string;
  clinicianName: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
}
interface Props {
  rota: Slot[];
  overrides: Array<{ id: string; clinicianName: string; startsAt: string | Date; endsAt: string | Date }>;
  clinicians: Array<{ id: string; name: string; role: string }>;
  now: { name: string; via: string; until: string | Date | null } | null;
  minutes: number | null;
  defaultMinutes: number;
  timezone: string;
  isAdmin: boolean;
  lastResult?: SubmissionResult<string[]> | null;
  ok: boolean | null;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const weekdayName = (i: number, locale: string) => new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + i)));
const field = "mt-0.5 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const button = "rounded-md bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800";

export function OnCallSettings(p: Props) {
  const t = useStrings();
  const locale = useLocale();
  const [addForm, add] = useForm({ id: "rota-add", lastResult: p.lastResult, shouldValidate: "onSubmit" });
  const [overrideForm, override] = useForm({ id: "on-call-override", lastResult: p.lastResult });
  const [intervalForm, interval] = useForm({ id: "escalate-after", lastResult: p.lastResult, defaultValue: { minutes: String(p.minutes ?? p.defaultMinutes) } });
  const errorOf = (f: { errors?: string[] }) => (f.errors?.length ? <span className="text-xs text-red-700">{t.onCallInvalid}</span> : null);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t.onCallTitle}</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-600">{t.onCallLead.replace("{tz}", p.timezone)}</p>
        <p className="mt-3 text-sm font-semibold" data-testid="on-call-page-now">
          {p.now ? t.onCallNow.replace("{name}", p.now.name) : t.onCallNobody}
          {p.now?.until ? <span className="font-normal text-slate-600"> · {t.onCallUntil} {formatDateTime(p.now.until, locale, p.timezone)}</span> : null}
        </p>
        {!p.isAdmin ? <p className="mt-2 text-sm text-slate-600">{t.onCallAdminsOnly}</p> : null}
        {p.ok ? <p role="status" className="mt-2 text-sm text-emerald-800">{t.onCallSaved}</p> : null}
      </div>

      <section aria-labelledby="rota-title" className="space-y-3">
        <h2 id="rota-title" className="text-lg font-semibold">{t.onCallRota}</h2>
        {p.rota.length === 0 ? <p className="text-sm text-slate-600">{t.onCallNoRota}</p> : null}
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {p.rota.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <span className="w-28 font-medium capitalize">{weekdayName(s.weekday, locale)}</span>
              <span className="tabular-nums">{hhmm(s.startMinute)}–{hhmm(s.endMinute)}</span>
              <span className="min-w-0 flex-1 break-words">{s.clinicianName}</span>
              {p.isAdmin ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="slotId" value={s.id} />
                  <button type="submit" className="text-sm text-red-700 hover:underline">{t.onCallRemove}</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {p.isAdmin ? (
          <Form method="post" {...getFormProps(addForm)} className="grid grid-cols-2 gap-2 sm:grid-cols-5 sm:items-end">
            <input type="hidden" name="intent" value="add" />
            <label className="col-span-2 text-sm sm:col-span-1">
              {t.onCallClinician}
              <select {...getSelectProps(add.clinicianId)} className={field}>
                {p.clinicians.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </label>
            <label className="col-span-2 text-sm sm:col-span-1">
              {t.onCallDay}
              <select {...getSelectProps(add.weekday)} className={field}>
                {[0, 1, 2, 3, 4, 5, 6].map((d) => <option key={d} value={d}>{weekdayName(d, locale)}</option>)}
              </select>
            </label>
            <label className="text-sm">
              {t.onCallFrom}
              <input {...getInputProps(add.from, { type: "time" })} defaultValue="20:00" className={field} />
            </label>
            <label className="text-sm">
              {t.onCallTo}
              <input {...getInputProps(add.to, { type: "text" })} defaultValue="24:00" pattern="([01]\d|2[0-4]):[0-5]\d" placeholder="24:00" className={field} />
              {errorOf(add.to)}
            </label>
            <button type="submit" className={`${button} col-span-2 sm:col-span-1`}>{t.onCallAddSlot}</button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="overrides-title" className="space-y-3">
        <h2 id="overrides-title" className="text-lg font-semibold">{t.onCallOverrides}</h2>
        {p.overrides.length === 0 ? <p className="text-sm text-slate-600">{t.onCallNoOverrides}</p> : null}
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {p.overrides.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <span className="min-w-0 flex-1 break-words font-medium">{o.clinicianName}</span>
              <span className="tabular-nums text-slate-700">{formatDateTime(o.startsAt, locale, p.timezone)} → {formatDateTime(o.endsAt, locale, p.timezone)}</span>
              {p.isAdmin ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="end" />
                  <input type="hidden" name="overrideId" value={o.id} />
                  <button type="submit" className="text-sm text-red-700 hover:underline">{t.onCallEnd}</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {p.isAdmin ? (
          <Form method="post" {...getFormProps(overrideForm)} className="grid grid-cols-1 gap-2 sm:grid-cols-3 sm:items-end">
            <input type="hidden" name="intent" value="override" />
            <label className="text-sm">
              {t.onCallClinician}
              <select {...getSelectProps(override.clinicianId)} className={field}>
                {p.clinicians.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </label>
            <label className="text-sm">
              {t.onCallUntil}
              <input {...getInputProps(override.until, { type: "datetime-local" })} required className={field} />
              {errorOf(override.until)}
            </label>
            <button type="submit" className={button}>{t.onCallTake}</button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="interval-title" className="space-y-2">
        <h2 id="interval-title" className="sr-only">{t.onCallEscalateAfter}</h2>
        <Form method="post" {...getFormProps(intervalForm)} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="interval" />
          <label className="text-sm">
            {t.onCallEscalateAfter}
            <input {...getInputProps(interval.minutes, { type: "number" })} min={1} max={1440} disabled={!p.isAdmin} className={`${field} w-28`} />
          </label>
          {p.isAdmin ? <button type="submit" className={button}>{t.onCallSave}</button> : null}
        </Form>
      </section>
    </div>
  );
}
