import { useEffect, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { useStrings } from "../use-strings";
import { ActionError, type ActionResult } from "./action-error";

export interface TemplateOption {
  name: string;
  language: string;
  body: string;
  parameterCount: number;
}

const button = "rounded-lg bg-teal-700 px-5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-teal-800 disabled:opacity-50";

/** Free text inside the 24-hour window; outside it, an approved template with its parameters. */
export function Composer({ windowOpen, templates }: { windowOpen: boolean; templates: TemplateOption[] }) {
  const t = useStrings();
  const fetcher = useFetcher<ActionResult>();
  const form = useRef<HTMLFormElement>(null);
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) form.current?.reset();
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form ref={form} method="post" className="flex flex-col gap-2 border-t border-slate-200 bg-slate-50 px-4 py-3">
      {windowOpen ? (
        <>
          <input type="hidden" name="intent" value="send" />
          <div className="flex items-end gap-2">
            <label htmlFor="chat-message" className="sr-only">{t.message}</label>
            <textarea
              id="chat-message"
              name="message"
              rows={2}
              required
              maxLength={4096}
              placeholder={t.message}
              className="min-h-[2.75rem] flex-1 resize-y rounded-lg border border-slate-300 bg-white px-3 py-2 text-[15px] focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600/30"
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
              }}
            />
            <button type="submit" disabled={busy} className={button}>{busy ? t.sending : t.send}</button>
          </div>
        </>
      ) : (
        <TemplatePicker templates={templates} busy={busy} />
      )}
      {!busy ? <ActionError result={fetcher.data} /> : null}
    </fetcher.Form>
  );
}

function TemplatePicker({ templates, busy }: { templates: TemplateOption[]; busy: boolean }) {
  const t = useStrings();
  const [key, setKey] = useState("");
  const [params, setParams] = useState<string[]>([]);
  const chosen = templates.find((x) => `${x.name}|${x.language}` === key);
  const preview = chosen?.body.replace(/\{\{\s*(\d+)\s*\}\}/g, (m, n) => params[Number(n) - 1] || m);
  if (!templates.length) return <p className="text-sm text-slate-600">{t.noTemplates}</p>;
  return (
    <div className="flex flex-col gap-2">
      <input type="hidden" name="intent" value="template" />
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          {t.template}
          <select
            name="template"
            required
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setParams([]);
            }}
            className="min-w-[16rem] rounded-lg border border-slate-300 bg-white px-3 py-2 text-[15px]"
          >
            <option value="">{t.chooseTemplate}</option>
            {templates.map((x) => (
              <option key={`${x.name}|${x.language}`} value={`${x.name}|${x.language}`}>
                {x.name} ({x.language})
              </option>
            ))}
          </select>
        </label>
        {Array.from({ length: chosen?.parameterCount ?? 0 }, (_, i) => (
          <label key={`${key}-${i}`} className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {t.templateParameter.replace("{n}", String(i + 1))}
            <input
              name="p"
              required
              maxLength={1024}
              onChange={(e) => setParams((p) => Object.assign([...p], { [i]: e.target.value }))}
              className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-[15px]"
            />
          </label>
        ))}
        <button type="submit" disabled={busy || !chosen} className={button}>{busy ? t.sending : t.send}</button>
      </div>
      {preview ? (
        <p className="rounded-lg bg-white px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
          <span className="font-semibold">{t.templatePreview}: </span>
          {preview}
        </p>
      ) : null}
    </div>
  );
}
