import { useStrings } from "./use-strings";
import { toRiskLevel } from "../analysis/risk-level";

const STYLES: Record<string, string> = {
  HIGH: "bg-red-100 text-red-800 ring-red-300",
  MEDIUM: "bg-amber-100 text-amber-900 ring-amber-300",
  LOW: "bg-sky-100 text-sky-800 ring-sky-300",
  NONE: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function RiskBadge({ level }: { level: string }) {
  const t = useStrings();
  const key = toRiskLevel(level);
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLES[key]}`}>
      {t.risk}: {t[`risk${key}`]}
    </span>
  );
}
