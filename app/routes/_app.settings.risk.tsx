// Risk screening settings: the last 30 days of alerts by tier, the verdicts clinicians gave when
// acknowledging, and the clinic's own precision. Counts only: no message text, no patient.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { audit } from "../models/audit.server";
import { riskStats } from "../models/risk-state.server";
import { RiskSettings } from "../components/settings/risk-settings";
import { useLiveRevalidation } from "../components/live";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("riskSettings");

const DAYS = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const stats = await riskStats(org.id, DAYS);
  await audit(actor, "risk.stats.view", { detail: { days: DAYS } });
  return { stats };
}

export default function RiskSettingsRoute() {
  const { stats } = useLoaderData<typeof loader>();
  useLiveRevalidation((e) => e.kind === "alert", { debounceMs: 2000 });
  return <RiskSettings stats={stats} />;
}
