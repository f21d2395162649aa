import { useStrings } from "../use-strings";

function left(minutes: number) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** The 24-hour window (its text contains "window") and the dev-mode badge. */
export function ChatHeader({ window, devMode }: { window: { open: boolean; minutesLeft: number | null; everWrote: boolean }; devMode: boolean }) {
  const t = useStrings();
  const text = window.open ? t.windowOpen.replace("{time}", left(window.minutesLeft ?? 0)) : window.everWrote ? t.windowClosed : t.windowNever;
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
      <h2 id="chat-heading" className="text-base font-semibold text-slate-900">{t.chatMessages}</h2>
      <p
        role="status"
        data-testid="window-indicator"
        className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
          window.open ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-amber-50 text-amber-900 ring-amber-300"
        }`}
      >
        <span aria-hidden="true" className={`h-2 w-2 rounded-full ${window.open ? "bg-emerald-500" : "bg-amber-500"}`} />
        {text}
      </p>
      {devMode ? (
        <span className="ml-auto rounded-full bg-violet-100 px-3 py-1 text-xs font-semibold text-violet-800 ring-1 ring-inset ring-violet-300">{t.devBadge}</span>
      ) : null}
    </div>
  );
}
