// What a notification may say (docs/decisions/008-escalation.md): the organization, the
// patient's initials, since when, who else was told and a link. Never the message, the full
// name or the phone. Pure, so the rule is tested without a mail server.
import { STRINGS, type Locale } from "../i18n";

/** "Ana María García" → "A. G." (first and last word); nothing guessable beyond that. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? "").trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (!words.length) return "?";
  const pick = words.length > 1 ? [words[0]!, words[words.length - 1]!] : [words[0]!];
  return pick.map((w) => `${[...w.replace(/^\P{L}+/u, "")][0]!.toUpperCase()}.`).join(" ");
}

export interface Notice {
  org: string;
  initials: string;
  /** HH:MM on the organization's clock */
  since: string;
  told: string[];
  link: string;
  escalated: boolean;
}

export function noticeText(locale: Locale, n: Notice) {
  const t = STRINGS[locale];
  const told = n.told.length ? n.told.join(", ") : t.escNoOneElse;
  const fill = (s: string) => s.replace("{org}", n.org).replace("{initials}", n.initials).replace("{since}", n.since).replace("{told}", told).replace("{link}", n.link);
  return {
    subject: fill(n.escalated ? t.escMailSubjectEscalated : t.escMailSubject),
    text: fill(t.escMailBody),
    // risk_alert_notice template parameters, in order
    parameters: [n.org, n.initials, n.since, told, n.link],
  };
}

export function digestText(locale: Locale, d: { org: string; items: Array<{ initials: string; since: string; link: string }> }) {
  const t = STRINGS[locale];
  return {
    subject: t.escDigestSubject.replace("{org}", d.org).replace("{count}", String(d.items.length)),
    text: [t.escDigestIntro.replace("{org}", d.org), "", ...d.items.map((i) => `- ${i.initials} · ${i.since} · ${i.link}`)].join("\n"),
  };
}
