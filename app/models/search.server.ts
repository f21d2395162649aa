// Patient search (issue 14 item 4): a name without accents or case ("lucia garcia"), a phone in
// any format ("+34 600 00 00 01", "600000001", "34600000001") and message text by Postgres
// full-text search in Spanish and English (migration 0008: kura_unaccent, kura_search_vector,
// kura_search_query and the GIN index on message_log). One filter, used by the list and its count.
import type postgres from "postgres";
import { rawSql } from "../../db/client";

export interface SearchTerms {
  text: string;
  /** name words, lower case; every one must appear in the name */
  words: string[];
  /** digits of a phone-looking query (6 or more), without a trunk 0 */
  digits: string | null;
  /** has letters or long enough words for a text search */
  fullText: boolean;
}

export function searchTerms(input: string): SearchTerms {
  const text = input.trim().slice(0, 100);
  const phoneLike = /^[+\d\s().\-/]+$/.test(text);
  const digits = text.replace(/\D/g, "").replace(/^0+/, "");
  return {
    text,
    words: text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8),
    digits: phoneLike && digits.length >= 6 ? digits : null,
    fullText: /\p{L}/u.test(text),
  };
}

const likeEscape = (s: string) => s.replace(/[%_\\]/g, "\\$&");

/** `AND (…)` on patients `p`: name, phone or a message matches. */
export function patientSearchFilter(q: postgres.Sql, orgId: string, terms: SearchTerms) {
  const name = terms.words.reduce(
    (acc, w) => q`${acc} AND public.kura_unaccent(lower(p.name)) LIKE public.kura_unaccent(${`%${likeEscape(w)}%`})`,
    q`true`,
  );
  const phone = terms.digits
    ? q`OR p.identity_id IN (SELECT iv.id FROM identity_vault iv WHERE iv.org_id = ${orgId}
          AND regexp_replace(iv.phone, '\\D', '', 'g') LIKE ${`%${terms.digits}%`})`
    : q``;
  const messages = terms.fullText
    ? q`OR p.id IN (SELECT m.patient_id FROM message_log m WHERE m.org_id = ${orgId} AND m.patient_id IS NOT NULL
          AND public.kura_search_vector(m.content) @@ public.kura_search_query(${terms.text}))`
    : q``;
  return q`AND ((${name}) ${phone} ${messages})`;
}

export async function countPatientMatches(orgId: string, search: string, responsibleId?: string) {
  const q = rawSql();
  const [row] = await q<{ n: number }[]>`
    SELECT count(*)::int AS n FROM patients p WHERE p.org_id = ${orgId} ${patientSearchFilter(q, orgId, searchTerms(search))}
      ${responsibleId ? q`AND p.responsible_clinician_id = ${responsibleId}` : q``}`;
  return row?.n ?? 0;
}

export interface MessageMatch {
  patientId: string;
  messageId: string;
  at: Date;
  outbound: boolean;
  /** the message around the first matching word, with that word between « and » */
  snippet: string;
}

/** For each listed patient, the newest message matching the search (to show and link to). */
export async function matchingMessages(orgId: string, patientIds: string[], search: string): Promise<Map<string, MessageMatch>> {
  const terms = searchTerms(search);
  if (!terms.fullText || patientIds.length === 0) return new Map();
  const q = rawSql();
  const rows = await q<{ patient_id: string; id: string; timestamp: Date; direction: string; content: string | null }[]>`
    SELECT DISTINCT ON (m.patient_id) m.patient_id, m.id, m.timestamp, m.direction, m.content
    FROM message_log m
    WHERE m.org_id = ${orgId} AND m.patient_id = ANY(${patientIds}::uuid[])
      AND public.kura_search_vector(m.content) @@ public.kura_search_query(${terms.text})
    ORDER BY m.patient_id, m.timestamp DESC`;
  return new Map(
    rows.map((r) => [
      r.patient_id,
      { patientId: r.patient_id, messageId: r.id, at: new Date(r.timestamp), outbound: r.direction === "OUTBOUND", snippet: snippet(r.content ?? "", terms.words) },
    ]),
  );
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * The text around the first word that matches the query (accent- and case-blind, and by
 * its first five letters, as the stemmer would), about `width` characters.
 */
export function snippet(content: string, words: string[], width = 140): string {
  const folded = [...content].map((ch) => fold(ch));
  const flat = folded.join("");
  // Map positions in the folded text back to the original characters.
  const starts: number[] = [];
  folded.forEach((f, i) => {
    for (let k = 0; k < f.length; k++) starts.push(i);
  });
  const chars = [...content];
  let hit = -1;
  let len = 0;
  for (const w of words.map(fold).filter((w) => w.length >= 2)) {
    const stem = w.slice(0, Math.max(3, Math.min(w.length, 5)));
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\p{L}\\p{N}]*`, "u").exec(flat);
    if (m && (hit < 0 || m.index < hit)) {
      hit = m.index;
      len = m[0].length;
    }
  }
  if (hit < 0) return chars.length > width ? `${chars.slice(0, width).join("").trimEnd()}…` : content;
  const from = starts[hit]!;
  const to = (starts[hit + len - 1] ?? chars.length - 1) + 1;
  const before = Math.max(0, from - Math.floor(width / 3));
  const after = Math.min(chars.length, to + width - (from - before));
  return `${before > 0 ? "…" : ""}${chars.slice(before, from).join("")}«${chars.slice(from, to).join("")}»${chars.slice(to, after).join("")}${after < chars.length ? "…" : ""}`;
}
