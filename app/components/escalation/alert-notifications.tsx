import { useLocale, useStrings } from "../use-strings";
import { formatTime } from "../../lib/format";

export interface NotificationItemView {
  step: number;
  kind: string;
  role: string | null;
  status: string;
  channel: string | null;
  attempts: unknown;
  at: string | Date;
  who: string | null;
}

/** An alert's notification history: "03:02 on-call clinician Dr. Vidal · E-mail: sent", steps, the acknowledgement. */
export function AlertNotifications({ items, timezone }: { items?: NotificationItemView[]; timezone: string }) {
  const t = useStrings();
  const locale = useLocale();
  if (!items?.length) return null;
  const channel = (c: string) => (t[`channel_${c}` as "channel_email"] ?? c);
  const line = (n: NotificationItemView) => {
    const who = n.who ?? t.aClinician;
    if (n.kind === "step") return n.step === 0 ? t.escHistStep0 : t.escHistStep.replace("{n}", String(n.step));
    if (n.kind === "acknowledged") return t.escHistAck.replace("{who}", who);
    if (n.kind === "digest") return `${t.escHistDigest.replace("{who}", who)} · ${t[`status_${n.status === "sent" ? "sent" : "failed"}`].replace("{channel}", channel("email"))}`;
    const role = n.role ? t[`role_${n.role}` as "role_admin"] ?? n.role : "";
    if (n.status === "pending" || n.status === "sending") return `${role} ${t.escHistPending.replace("{who}", who)}`;
    const attempts = Array.isArray(n.attempts) ? (n.attempts as Array<{ channel: string; status: string; error?: string }>) : [];
    const parts = attempts.map((a) => t[`status_${a.status as "sent"}`]?.replace("{channel}", channel(a.channel)) ?? a.status);
    return `${role} ${who}: ${parts.join(" · ")}${n.status === "failed" ? ` — ${t.escNoChannel}` : ""}`;
  };
  return (
    <details className="mt-2 rounded-md bg-slate-50 px-2 py-1 text-xs text-slate-700" open={items.some((i) => i.status === "failed")}>
      <summary className="cursor-pointer font-semibold">{t.escHistoryTitle} ({items.filter((i) => i.kind === "delivery" || i.kind === "digest").length})</summary>
      <ol className="mt-1 space-y-0.5">
        {items.map((n, i) => (
          <li key={i} className={`break-words ${n.status === "failed" ? "text-red-800" : ""}`}>
            <time className="mr-1.5 tabular-nums text-slate-500">{formatTime(n.at, locale, timezone)}</time>
            {line(n)}
          </li>
        ))}
      </ol>
    </details>
  );
}
