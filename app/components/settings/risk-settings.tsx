import { useStrings } from "../use-strings";

interface Stats {
  days: number;
  byTier: { HIGH: number; MEDIUM: number; other: number };
  fromLeads: number;
  open: number;
  verdicts: { real: number; false_alarm: number; unsure: number };
  precision: number | null;
  precisionByTier: { HIGH: number | null; MEDIUM: number | null };
}

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);

function Stat({ label, value, tone = "text-slate-900" }: { label: string; value: string | number; tone?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-inset ring-slate-200">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}>{value}</dd>
    </div>
  );
}

/** The clinic's own numbers: alerts by tier, verdicts, precision (real / (real + false alarm)). */
export function RiskSettings({ stats }: { stats: Stats }) {
  const t = useStrings();
  const total = stats.byTier.HIGH + stats.byTier.MEDIUM + stats.byTier.other;
  return (
    <section aria-labelledby="risk-settings-heading" className="space-y-6">
      <div>
        <h1 id="risk-settings-heading" className="text-2xl font-semibold">{t.riskSettings}</h1>
        <p className="text-sm text-slate-600">{t.riskSettingsLead.replace("{days}", String(stats.days))}</p>
      </div>
      <section aria-labelledby="tier-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="tier-heading" className="text-lg font-semibold">{t.alertsByTier}</h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-3">
          <Stat label={t.riskHIGH} value={stats.byTier.HIGH} tone="text-red-800" />
          <Stat label={t.riskMEDIUM} value={stats.byTier.MEDIUM} tone="text-amber-800" />
          <Stat label={t.alertsOtherTier} value={stats.byTier.other} />
        </dl>
        <p className="mt-3 text-sm text-slate-600">
          {t.alertsTotal.replace("{n}", String(total))} · {stats.fromLeads} {t.alertsFromLeads} · {stats.open} {t.alertsNotAcknowledged}
        </p>
      </section>
      <section aria-labelledby="verdict-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="verdict-heading" className="text-lg font-semibold">{t.verdictsHeading}</h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-3">
          <Stat label={t.verdict_real} value={stats.verdicts.real} />
          <Stat label={t.verdict_false_alarm} value={stats.verdicts.false_alarm} />
          <Stat label={t.verdict_unsure} value={stats.verdicts.unsure} />
        </dl>
      </section>
      <section aria-labelledby="precision-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="precision-heading" className="text-lg font-semibold">{t.clinicPrecision}</h2>
        <p className="mt-2 text-3xl font-semibold tabular-nums" data-testid="clinic-precision">{pct(stats.precision)}</p>
        {stats.precision === null ? <p className="text-sm text-slate-600">{t.noVerdictsYet}</p> : null}
        <p className="mt-1 text-sm text-slate-700">
          {t.precisionByTier.replace("{level}", t.riskHIGH).replace("{value}", pct(stats.precisionByTier.HIGH))} ·{" "}
          {t.precisionByTier.replace("{level}", t.riskMEDIUM).replace("{value}", pct(stats.precisionByTier.MEDIUM))}
        </p>
        <p className="mt-2 text-xs text-slate-600">{t.clinicPrecisionHelp}</p>
      </section>
    </section>
  );
}
