import { RiskBadge } from "../risk-badge";
import { formatScore } from "../../lib/format";
import { useLocale, useStrings } from "../use-strings";
import { analyzerLabel, count, flagLabel, upperFirst } from "./labels";

export interface Summary {
  day: string;
  sentimentScore: number;
  emotionalState: string;
  riskLevel: string;
  riskFlags: string[];
  summary: string;
  suggestion: string;
  messageCount: number;
  analyzer: string;
  model: string;
}

function dayTitle(day: string, locale: string) {
  return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

export function DailySummaries({ summaries }: { summaries: Summary[] }) {
  const t = useStrings();
  const locale = useLocale();
  return (
    <section aria-labelledby="summaries-heading">
      <h2 id="summaries-heading" className="text-lg font-semibold">{t.dailySummaries}</h2>
      {summaries.length === 0 ? (
        <p className="mt-2 rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{t.noSummaries}</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {summaries.map((s) => (
            <li key={s.day}>
              <article
                aria-labelledby={`summary-${s.day}`}
                className={`rounded-xl border bg-white p-4 shadow-sm ${s.riskLevel === "HIGH" ? "border-l-4 border-red-300 border-l-red-600" : s.riskLevel === "MEDIUM" ? "border-l-4 border-amber-300 border-l-amber-500" : "border-slate-200"}`}
              >
                <header className="flex flex-wrap items-center gap-2">
                  <h3 id={`summary-${s.day}`} className="font-semibold">{upperFirst(dayTitle(s.day, locale))}</h3>
                  <RiskBadge level={s.riskLevel} />
                  <span className="text-xs text-slate-600">
                    {count(t, "messagesCount", s.messageCount)} · {t.sentiment} {formatScore(s.sentimentScore, locale)}
                  </span>
                  <span className="ml-auto rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300" title={s.model}>
                    {analyzerLabel(s.analyzer, t)}
                  </span>
                </header>
                <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                  <dt className="font-medium text-slate-600">{t.emotionalState}</dt>
                  <dd>{s.emotionalState}</dd>
                  <dt className="font-medium text-slate-600">{t.summary}</dt>
                  <dd>{s.summary}</dd>
                  {s.riskFlags.length ? (
                    <>
                      <dt className="font-medium text-slate-600">{t.flags}</dt>
                      <dd className="flex flex-wrap gap-1">
                        {s.riskFlags.map((f) => (
                          <span key={f} className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-900 ring-1 ring-inset ring-red-200">{flagLabel(f, t)}</span>
                        ))}
                      </dd>
                    </>
                  ) : null}
                  <dt className="font-medium text-slate-600">{t.suggestion}</dt>
                  <dd className="rounded-md bg-teal-50 px-2 py-1 text-teal-950">{s.suggestion}</dd>
                </dl>
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
