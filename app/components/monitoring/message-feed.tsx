import type { Strings } from "../../i18n";
import { formatTime } from "../../lib/format";
import { useLocale, useStrings } from "../use-strings";
import { upperFirst } from "./labels";
import { voiceNoteState } from "../../lib/voice-note";

export interface FeedMessage {
  id: string;
  direction: string;
  type: string;
  content: string | null;
  mediaUrl: string | null;
  status: string;
  timestamp: string | Date;
  transcriptionState: string | null;
  transcriptionError: string | null;
  riskLevel: string | null;
}

const localDay = (ts: string | Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(ts));

function dayHeading(day: string, locale: string) {
  return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

const TYPE_KEY: Record<string, keyof Strings> = {
  text: "typeText",
  audio: "typeAudio",
  image: "typeImage",
  video: "typeVideo",
  document: "typeDocument",
  sticker: "typeSticker",
  location: "typeLocation",
  template: "typeTemplate",
};

export function MessageFeed({ messages, timezone }: { messages: FeedMessage[]; timezone: string }) {
  const t = useStrings();
  const locale = useLocale();
  const groups: Array<{ day: string; items: FeedMessage[] }> = [];
  for (const m of messages) {
    const day = localDay(m.timestamp, timezone);
    if (groups.at(-1)?.day !== day) groups.push({ day, items: [] });
    groups.at(-1)!.items.push(m);
  }
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading" className="text-lg font-semibold">{t.messagesHeading}</h2>
      {messages.length === 0 ? (
        <p className="mt-2 rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{t.noMessages}</p>
      ) : (
        <div className="mt-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          {groups.map((g) => (
            <div key={g.day}>
              <h3 className="sticky top-0 my-3 flex items-center gap-3 text-xs font-semibold uppercase tracking-wide text-slate-600">
                <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
                <span>{upperFirst(dayHeading(g.day, locale))}</span>
                <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
              </h3>
              <ol className="space-y-2">
                {g.items.map((m) => {
                  const inbound = m.direction === "INBOUND";
                  const typeKey = TYPE_KEY[m.type];
                  return (
                    <li key={m.id} className={`flex ${inbound ? "justify-start" : "justify-end"}`}>
                      <div
                        className={`max-w-[80%] rounded-2xl px-3 py-2 text-sm ${inbound ? "rounded-bl-sm bg-slate-100" : "rounded-br-sm bg-teal-50 ring-1 ring-inset ring-teal-200"} ${m.riskLevel === "HIGH" ? "ring-2 ring-red-500" : ""}`}
                      >
                        <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                          <span className="font-semibold text-slate-700">{inbound ? t.fromPatient : t.fromClinic}</span>
                          <time dateTime={new Date(m.timestamp).toISOString()}>{formatTime(m.timestamp, locale, timezone)}</time>
                          {m.type !== "text" ? <span className="rounded bg-white px-1.5 py-0.5 ring-1 ring-inset ring-slate-300">{typeKey ? t[typeKey] : m.type}</span> : null}
                          {m.riskLevel === "HIGH" || m.riskLevel === "MEDIUM" ? (
                            <span className="rounded bg-red-700 px-1.5 py-0.5 font-semibold text-white">{t[`risk${m.riskLevel}` as "riskHIGH"]}</span>
                          ) : null}
                        </p>
                        {m.type === "audio" ? (
                          <div className="mt-1">
                            {m.mediaUrl ? <audio controls preload="none" src={m.mediaUrl} aria-label={t.voiceNote} className="h-9 w-64 max-w-full" /> : null}
                            <p className="mt-1 text-xs italic text-slate-600">{voiceNoteState(m, t)}</p>
                            {m.content ? <p className="mt-1 whitespace-pre-wrap wrap-anywhere"><span className="sr-only">{t.transcription}: </span>{m.content}</p> : null}
                          </div>
                        ) : (
                          <>
                            {m.content ? <p className="mt-1 whitespace-pre-wrap wrap-anywhere">{m.content}</p> : null}
                            {m.mediaUrl && m.type !== "text" ? (
                              <a href={m.mediaUrl} className="mt-1 inline-block text-xs font-medium text-teal-800 underline">{t.openAttachment}</a>
                            ) : null}
                          </>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ol>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
