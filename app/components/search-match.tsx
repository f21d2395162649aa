import { Link } from "@remix-run/react";
import { formatDay, formatTime } from "../lib/format";
import { useLocale, useStrings } from "./use-strings";

export interface MatchView {
  messageId: string;
  at: string | Date;
  outbound: boolean;
  snippet: string;
}

/** The newest message of a patient that matched the search: its day, the words around the match, a link to it in the chat. */
export function SearchMatch({ patientId, match, timezone }: { patientId: string; match: MatchView; timezone: string }) {
  const t = useStrings();
  const locale = useLocale();
  // The snippet marks the matching word «like this» (search.server.ts `snippet`).
  const parts = match.snippet.split(/[«»]/);
  return (
    <Link
      to={`/patients/${patientId}/chat?at=${match.messageId}#m-${match.messageId}`}
      className="block border-t border-dashed border-slate-200 bg-slate-50 px-4 py-2 pl-5 text-sm text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-teal-600"
    >
      <span className="mr-2 text-xs font-semibold text-slate-600">
        {(match.outbound ? t.searchMatchSent : t.searchMatchReceived).replace("{day}", formatDay(match.at, locale, timezone)).replace("{time}", formatTime(match.at, locale, timezone))}
      </span>
      <q className="break-words">
        {parts.map((p, i) => (i % 2 === 1 ? <mark key={i} className="rounded bg-yellow-200 px-0.5 text-slate-900">{p}</mark> : <span key={i}>{p}</span>))}
      </q>
      <span className="ml-2 whitespace-nowrap text-xs font-semibold text-teal-800 underline">{t.openInChat}</span>
    </Link>
  );
}
