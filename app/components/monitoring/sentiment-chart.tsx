import { useState } from "react";
import { CategoryScale, Chart as ChartJS, LinearScale, LineElement, PointElement } from "chart.js";
import { Line } from "react-chartjs-2";
import { useLocale, useStrings } from "../use-strings";
import { levelKey } from "./labels";
import { formatScore } from "../../lib/format";

// Only the parts a line chart needs (no tooltip plugin: each day's value and risk are in the
// summaries below and in the canvas fallback): the monitoring page stays under 150 KB gzipped.
ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement);

export interface ChartPoint {
  day: string; // YYYY-MM-DD, the organization's local day
  sentimentScore: number;
  riskLevel: string;
}

const RISK_COLOR: Record<string, string> = { HIGH: "#b91c1c", MEDIUM: "#d97706", LOW: "#0369a1", NONE: "#0f766e" };

function dayLabel(day: string, locale: string) {
  // Noon UTC of the local day: the label never slips to the previous day.
  return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { weekday: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}

/** One point per daily analysis; days with MEDIUM/HIGH risk drawn as larger coloured triangles. */
export function SentimentChart({ points, today }: { points: ChartPoint[]; today: string }) {
  const t = useStrings();
  const locale = useLocale();
  const [range, setRange] = useState<7 | 30>(7);
  const from = new Date(`${today}T12:00:00Z`);
  from.setUTCDate(from.getUTCDate() - (range - 1));
  const fromDay = from.toISOString().slice(0, 10);
  const shown = points.filter((p) => p.day >= fromDay);
  const label = range === 7 ? t.sentimentLast7 : t.sentimentLast30;
  const risky = (p: ChartPoint) => p.riskLevel === "HIGH" || p.riskLevel === "MEDIUM";

  const data = {
    labels: shown.map((p) => dayLabel(p.day, locale)),
    datasets: [
      {
        label: t.sentiment,
        data: shown.map((p) => p.sentimentScore),
        borderColor: "#0f766e",
        borderWidth: 2,
        tension: 0.3,
        pointRadius: shown.map((p) => (risky(p) ? 8 : 4)),
        pointHoverRadius: shown.map((p) => (risky(p) ? 10 : 6)),
        pointStyle: shown.map((p) => (risky(p) ? "triangle" : "circle")),
        pointBackgroundColor: shown.map((p) => RISK_COLOR[levelKey(p.riskLevel)]),
        pointBorderColor: shown.map((p) => RISK_COLOR[levelKey(p.riskLevel)]),
      },
    ],
  };

  return (
    <section aria-labelledby="sentiment-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="sentiment-heading" className="text-lg font-semibold">{t.sentiment}</h2>
        <div role="group" aria-label={t.chartRange} className="inline-flex overflow-hidden rounded-lg border border-slate-300 text-sm">
          {([7, 30] as const).map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={range === n}
              onClick={() => setRange(n)}
              className={`px-3 py-1 font-medium ${range === n ? "bg-teal-700 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
            >
              {n === 7 ? t.days7 : t.days30}
            </button>
          ))}
        </div>
      </div>
      <div className="relative mt-3 h-56">
        <Line
          aria-label={label}
          role="img"
          data={data}
          fallbackContent={<p>{shown.map((p) => `${p.day}: ${formatScore(p.sentimentScore, locale)} (${t[`risk${levelKey(p.riskLevel)}`]})`).join("; ")}</p>}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            // Axis numbers in the clinician's locale ("0,5" in Spanish).
            locale: locale === "es" ? "es-ES" : "en-GB",
            animation: false,
            scales: {
              y: { min: -1, max: 1, ticks: { stepSize: 0.5 }, grid: { color: (c) => (c.tick?.value === 0 ? "#94a3b8" : "#e2e8f0") } },
              x: { grid: { display: false } },
            },
          }}
        />
      </div>
      <p className="mt-2 flex flex-wrap items-center gap-4 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1"><span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full bg-teal-700" />{t.chartLegendDay}</span>
        <span className="inline-flex items-center gap-1"><span aria-hidden="true" className="text-red-700">▲</span>{t.chartLegendRisk}</span>
        {shown.length === 0 ? <span>{t.noAnalysesYet}</span> : null}
      </p>
    </section>
  );
}
