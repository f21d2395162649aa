// Screening one message together with the same sender's recent messages (issue 11 item 3):
// a plan spread over two messages ("ya tengo las pastillas" … "esta noche") is HIGH although
// neither message is alone. Pure. Context can only RAISE the level of the new message:
// "era broma, estoy bien" after a MEDIUM is screened as what it says (NONE) and the earlier
// message keeps its own level and alert; nothing here ever lowers a stored result.
import { maxLevel, RISK_ORDER, type RiskLevel } from "./risk-level";
import { screenMessage } from "./risk-lexicon";
import type { RiskScreen } from "./risk-types";

export const CONTEXT_WINDOW_HOURS = 24;
/** the newest previous messages taken into account, and their total length */
export const CONTEXT_MAX_MESSAGES = 6;
export const CONTEXT_MAX_CHARS = 2000;

export interface PreviousMessage {
  text: string;
  /** the level already stored for that message (saves screening it again) */
  level?: RiskLevel | null;
}

export interface ContextScreen extends RiskScreen {
  /** set when the level comes from the message together with its predecessors */
  fromContext: boolean;
}

/**
 * `previous`: the sender's earlier inbound texts of the last 24 h, oldest first.
 * The result is the message's own screen, raised to what the conversation shows when the
 * conversation shows more than any of its messages alone.
 */
export function screenWithContext(message: string, previous: ReadonlyArray<string | PreviousMessage>): ContextScreen {
  const own = screenMessage(message);
  const prev: PreviousMessage[] = [];
  let chars = 0;
  for (let i = previous.length - 1; i >= 0 && prev.length < CONTEXT_MAX_MESSAGES; i--) {
    const p = previous[i]!;
    const item = typeof p === "string" ? { text: p } : p;
    if (!item.text || !item.text.trim()) continue;
    if (chars + item.text.length > CONTEXT_MAX_CHARS) break;
    chars += item.text.length;
    prev.unshift(item);
  }
  if (!prev.length || !message || !message.trim()) return { ...own, fromContext: false };

  let parts: RiskLevel = own.level;
  for (const p of prev) parts = maxLevel(parts, p.level ?? screenMessage(p.text).level);
  const joined = screenMessage([...prev.map((p) => p.text), message].join("\n"));
  if (RISK_ORDER[joined.level] <= RISK_ORDER[parts] || RISK_ORDER[joined.level] < RISK_ORDER.MEDIUM) {
    return { ...own, fromContext: false };
  }
  const top = joined.matches.filter((m) => m.level === joined.level);
  const flags = [...new Set([...own.flags, ...top.map((m) => m.flag)])];
  return {
    level: joined.level,
    flags,
    matches: [...top.map((m) => ({ ...m, families: [...(m.families ?? []), "CONTEXT_24H"] })), ...own.matches],
    language: own.language,
    fromContext: true,
  };
}
