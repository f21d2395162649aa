// The settings pages share one tab row: WhatsApp (the channel) and Risk screening (the clinic's
// alerts and verdicts). Each child route guards itself.
import { NavLink, Outlet } from "@remix-run/react";
import { useStrings } from "../components/use-strings";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";

const tab = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-semibold sm:px-4 ${isActive ? "border-teal-700 text-teal-800" : "border-transparent text-slate-600 hover:text-slate-900"}`;

export default function SettingsLayout() {
  const t = useStrings();
  return (
    <div>
      <nav aria-label={t.settings} className="mb-6 flex gap-2 border-b border-slate-200">
        <NavLink to="/settings/whatsapp" className={tab}>{t.settingsWhatsapp}</NavLink>
        <NavLink to="/settings/risk" className={tab}>{t.riskSettings}</NavLink>
        <NavLink to="/settings/on-call" className={tab}>{t.onCallTitle}</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
