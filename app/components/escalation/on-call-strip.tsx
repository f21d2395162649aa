// Under the header on every page: who is on call now (links to the rota), my notification
// profile, and for admins a banner when an alert notice reached nobody on any channel.
import { Link } from "@remix-run/react";
import { useStrings } from "../use-strings";

export interface OnCallInfo {
  name: string;
  via: "override" | "rota";
}

export function OnCallStrip({ onCall, failedNotices }: { onCall: OnCallInfo | null; failedNotices: number }) {
  const t = useStrings();
  return (
    <>
      <div className="border-b border-teal-800 bg-teal-800 text-teal-50">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1 text-xs">
          <Link to="/settings/on-call" className="min-w-0 truncate font-medium hover:underline" data-testid="on-call-now">
            <span aria-hidden="true" className={`mr-1.5 inline-block h-2 w-2 rounded-full ${onCall ? "bg-emerald-300" : "bg-amber-300"}`} />
            {onCall ? t.onCallNow.replace("{name}", onCall.name) : t.onCallNobody}
          </Link>
          <Link to="/profile" className="ml-auto whitespace-nowrap hover:underline">{t.profile}</Link>
        </div>
      </div>
      {failedNotices > 0 ? (
        <div role="alert" className="border-b border-red-300 bg-red-50 text-red-900">
          <p className="mx-auto max-w-6xl px-4 py-2 text-sm font-medium">{t.escAllFailedBanner.replace("{count}", String(failedNotices))}</p>
        </div>
      ) : null}
    </>
  );
}
