import { useEffect, useRef } from "react";
import { useFetcher, useLocation } from "@remix-run/react";
import { formatDay, formatTime } from "../../lib/format";
import { useLocale, useStrings } from "../use-strings";
import { Tick } from "./ticks";
import { voiceNoteState } from "../../lib/voice-note";
import { ActionError, type ActionResult } from "./action-error";

export interface ChatMessage {
  id: string;
  outbound: boolean;
  type: string;
  content: string | null;
  status: string;
  reason: string | null;
  at: string;
  templateName: string | null;
  riskLevel?: string | null;
  mediaUrl?: string | null;
  transcriptionState?: string | null;
  transcriptionError?: string | null;
}

export function ChatFeed({ messages, timezone }: { messages: ChatMessage[]; timezone: string }) {
  const t = useStrings();
  const locale = useLocale();
  const box = useRef<HTMLDivElement>(null);
  // A search result links to `#m-<message id>`: that message, marked, a third down the thread.
  const { hash } = useLocation();
  const focused = hash.startsWith("#m-") ? hash.slice(3) : null;
  // Newest at the bottom, like WhatsApp; only the thread scrolls, not the page.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const target = focused ? document.getElementById(`m-${focused}`) : null;
    if (target && el.contains(target)) el.scrollTop += target.getBoundingClientRect().top - el.getBoundingClientRect().top - el.clientHeight / 3;
    else el.scrollTop = el.scrollHeight;
  }, [messages.length, focused]);
  let lastDay = "";
  // Focusable: the thread scrolls on its own, and a keyboard must be able to scroll it.
  return (
    <div ref={box} tabIndex={0} className="max-h-[60vh] min-h-[16rem] overflow-y-auto bg-[#efeae2] px-3 py-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-teal-600 sm:px-4">
      {messages.length === 0 ? <p className="py-12 text-center text-sm text-slate-500">{t.chatEmpty}</p> : null}
      <ol aria-label={t.chatMessages} className="flex flex-col gap-2">
        {messages.map((m) => {
          const day = formatDay(m.at, locale, timezone);
          const separator = day !== lastDay;
          lastDay = day;
          return (
            <li key={m.id} id={`m-${m.id}`} data-focused={m.id === focused ? "true" : undefined} className="flex scroll-mt-24 flex-col rounded-lg data-[focused=true]:bg-yellow-100/80 data-[focused=true]:ring-2 data-[focused=true]:ring-yellow-500">
              {separator ? (
                <span className="my-2 self-center rounded-md bg-white/80 px-3 py-0.5 text-xs font-medium text-slate-600 shadow-sm">{day}</span>
              ) : null}
              <Bubble m={m} time={formatTime(m.at, locale, timezone)} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Bubble({ m, time }: { m: ChatMessage; time: string }) {
  const t = useStrings();
  const failed = m.outbound && m.status === "failed";
  // HIGH (and MEDIUM) inbound messages are marked where the clinician reads them.
  const risky = !m.outbound && (m.riskLevel === "HIGH" || m.riskLevel === "MEDIUM");
  const tone = !m.outbound ? `self-start bg-white ${m.riskLevel === "HIGH" ? "ring-2 ring-red-600" : risky ? "ring-2 ring-amber-500" : ""}` : failed ? "self-end bg-red-50 ring-1 ring-red-300" : "self-end bg-[#d9fdd3]";
  return (
    <div data-direction={m.outbound ? "out" : "in"} className={`max-w-[85%] rounded-lg sm:max-w-[75%] px-3 py-1.5 text-[15px] text-slate-900 shadow-sm ${tone}`}>
      {risky ? (
        <p className={`mb-0.5 inline-block rounded px-1.5 py-0.5 text-xs font-bold ${m.riskLevel === "HIGH" ? "bg-red-700 text-white" : "bg-amber-500 text-black"}`}>
          {m.riskLevel === "HIGH" ? t.highRiskMessage : t.mediumRiskMessage}
        </p>
      ) : null}
      {m.templateName ? <p className="text-xs font-semibold text-emerald-800">{t.template}: {m.templateName}</p> : null}
      {m.type === "audio" ? (
        <>
          {m.mediaUrl ? <audio controls preload="none" src={m.mediaUrl} aria-label={t.voiceNote} className="h-9 w-64 max-w-full" /> : null}
          <p className="text-xs italic text-slate-600">{voiceNoteState({ content: m.content, mediaUrl: m.mediaUrl ?? null, transcriptionState: m.transcriptionState ?? null, transcriptionError: m.transcriptionError }, t)}</p>
          {m.content ? <p className="whitespace-pre-wrap wrap-anywhere"><span className="sr-only">{t.transcription}: </span>{m.content}</p> : null}
        </>
      ) : (
        <p className="whitespace-pre-wrap wrap-anywhere">{m.content ?? <em className="text-slate-500">[{m.type}]</em>}</p>
      )}
      <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-slate-600">
        <time dateTime={m.at}>{time}</time>
        {m.outbound ? <Tick status={m.status} reason={m.reason} /> : null}
      </p>
      {m.outbound && m.reason ? <p className={`mt-1 text-xs ${failed ? "text-red-700" : "text-amber-800"}`}>{m.reason}</p> : null}
      {failed ? <RetryButton id={m.id} /> : null}
    </div>
  );
}

function RetryButton({ id }: { id: string }) {
  const t = useStrings();
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form method="post" className="mt-1 text-right">
      <input type="hidden" name="intent" value="retry" />
      <input type="hidden" name="messageId" value={id} />
      <button type="submit" disabled={fetcher.state !== "idle"} className="rounded-md bg-white px-2.5 py-1 text-xs font-semibold text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-100 disabled:opacity-50">
        {t.retry}
      </button>
      {fetcher.state === "idle" ? <ActionError result={fetcher.data} /> : null}
    </fetcher.Form>
  );
}
