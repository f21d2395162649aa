import { useEffect, useState } from "react";
import { Form } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useStrings } from "../use-strings";

const CHANNELS = ["email", "whatsapp", "browser"] as const;
const field = "mt-0.5 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function ProfileForm(p: { phone: string; channels: string[]; email: string; lastResult?: SubmissionResult<string[]> | null; ok: boolean | null }) {
  const t = useStrings();
  const [form, fields] = useForm({
    id: "notify-profile",
    lastResult: p.lastResult,
    defaultValue: { phone: p.phone, first: p.channels[0] ?? "", second: p.channels[1] ?? "", third: p.channels[2] ?? "" },
  });
  const [permission, setPermission] = useState<string | null>(null);
  useEffect(() => setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission), []);
  const choice = (f: typeof fields.first, label: string) => (
    <label className="text-sm">
      {label}
      <select {...getSelectProps(f)} className={field}>
        <option value="">{t.profileNone}</option>
        {CHANNELS.map((c) => <option key={c} value={c}>{t[`channel_${c}`]}{c === "email" ? ` (${p.email})` : ""}</option>)}
      </select>
    </label>
  );
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t.profile}</h1>
      <p className="text-sm text-slate-600">{t.profileLead}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <label className="block text-sm">
          {t.profilePhone}
          <input {...getInputProps(fields.phone, { type: "tel" })} autoComplete="tel" placeholder="+34 600 000 000" className={field} />
          {fields.phone.errors?.length ? <span className="text-xs text-red-700">{t.onCallInvalid}</span> : null}
        </label>
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t.profileChannels}</legend>
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            {choice(fields.first, "1")}
            {choice(fields.second, "2")}
            {choice(fields.third, "3")}
          </div>
        </fieldset>
        <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800">{t.onCallSave}</button>
        {p.ok ? <p role="status" className="text-sm text-emerald-800">{t.onCallSaved}</p> : null}
      </Form>
      <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <p className="text-slate-700">{t.profileBrowserHint}</p>
        {permission === "default" ? (
          <button type="button" className="mt-2 rounded-md border border-teal-700 px-3 py-1.5 font-semibold text-teal-800" onClick={() => void Notification.requestPermission().then(setPermission)}>
            {t.profileAllowBrowser}
          </button>
        ) : null}
      </div>
    </div>
  );
}
