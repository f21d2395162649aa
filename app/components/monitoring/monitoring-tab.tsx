import { DailySummaries, type Summary } from "./daily-summaries";
import { MessageFeed, type FeedMessage } from "./message-feed";
import { RiskAlertsPanel } from "../risk/risk-alerts-panel";
import type { AlertCardData } from "../risk/alert-card";
import type { RiskStateView } from "../risk/risk-state";
import { SentimentChart } from "./sentiment-chart";
import { ExportForm } from "./export-form";

export function MonitoringTab(props: {
  alerts: AlertCardData[];
  risk: RiskStateView;
  analyses: Summary[];
  messages: FeedMessage[];
  timezone: string;
  today: string;
  patientId?: string;
}) {
  const weekStart = new Date(`${props.today}T12:00:00Z`);
  weekStart.setUTCDate(weekStart.getUTCDate() - 6);
  const week = weekStart.toISOString().slice(0, 10);
  const recent = props.analyses.filter((a) => a.day >= week).reverse();
  return (
    <div className="space-y-6">
      <RiskAlertsPanel risk={props.risk} alerts={props.alerts} timezone={props.timezone} />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <SentimentChart points={props.analyses} today={props.today} />
          <DailySummaries summaries={recent} />
        </div>
        <div className="lg:col-span-2">
          <MessageFeed messages={props.messages} timezone={props.timezone} />
        </div>
      </div>
      {props.patientId ? <ExportForm patientId={props.patientId} today={props.today} /> : null}
    </div>
  );
}
