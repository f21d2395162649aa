import { useStrings } from "../use-strings";
import { AlertCard, type AlertCardData } from "./alert-card";
import { RiskState, type RiskStateView } from "./risk-state";

/**
 * The patient's risk first: her current risk with its state, then each alert (open, and those
 * of the last 72 h). It pulses while any alert is open; once all are acknowledged it stays,
 * calm, at the same level (acknowledging is "I have seen it", never "she is safe").
 */
export function RiskAlertsPanel({ risk, alerts, timezone }: { risk: RiskStateView; alerts: AlertCardData[]; timezone: string }) {
  const t = useStrings();
  if (risk.level === "NONE" && alerts.length === 0) return null;
  const open = alerts.filter((a) => !a.acknowledgedAt);
  const high = risk.level === "HIGH";
  const tone = open.length
    ? `risk-pulse border-2 ${high ? "border-red-600 bg-red-50 text-red-950" : "border-amber-500 bg-amber-50 text-amber-950"}`
    : `border ${high ? "border-red-300 bg-red-50/50" : risk.level === "MEDIUM" ? "border-amber-300 bg-amber-50/50" : "border-slate-200 bg-white"}`;
  return (
    <section role={open.length ? "alert" : "region"} aria-labelledby="risk-panel-title" className={`rounded-xl px-5 py-4 ${tone}`}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id="risk-panel-title" className="text-lg font-bold">
          {open.length ? t.riskAlertsOpenTitle.replace("{level}", t[`risk${(["HIGH", "MEDIUM", "LOW"].includes(risk.level) ? risk.level : "NONE") as "HIGH"}`]) : t.currentRisk}
        </h2>
        <RiskState state={risk} timezone={timezone} />
      </div>
      <p className="mt-1 text-xs text-slate-700">{t.riskAlertsHelp}</p>
      {alerts.length ? (
        <div className="mt-3 space-y-2">
          {alerts.map((a) => (
            <AlertCard key={a.id} alert={a} timezone={timezone} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
