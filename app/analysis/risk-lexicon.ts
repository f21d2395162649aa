/**
 * Real-time risk screening of one patient message (Spanish and English, WhatsApp style).
 *
 * Pipeline: normalise (lowercase, strip accents, collapse stretched letters, expand chat
 * abbreviations) while keeping a map back to the original characters → find idiom spans
 * ("me muero de risa", "this heat is killing me") → run the pattern tables → drop matches
 * inside an idiom or governed by a nearby negator ("no pienso hacerme daño") → report.
 *
 * Design decisions a clinician should know about:
 * - Recall on HIGH matters more than precision: an unnecessary call costs minutes, a missed
 *   one can cost a life. Ambiguous self-injury wording ("me corté otra vez") is HIGH.
 * - Ideation that is *expressed through* negation ("ya no quiero vivir", "no quiero
 *   despertar mañana", "I don't want to be alive") carries the negator inside the pattern,
 *   so the negation check only looks *before* the match and never cancels it.
 * - "No puedo más", "nada tiene sentido", "no veo salida" are hopelessness → MEDIUM: they are
 *   common venting phrases; they become HIGH only together with ideation wording in the same
 *   message (e.g. "no veo salida, solo quiero que se acabe todo").
 * - "Siento que me muero" during panic is acute_crisis (MEDIUM), not ideation.
 * - Threats to others said with laughter ("lo mato jajaja") are downgraded to LOW; ideation
 *   with laughter is NOT downgraded (patients often mask with "jaja").
 */

import { classify, CLASSIFIER_THRESHOLD } from "./risk-classifier";
import { maxLevel, RISK_ORDER, type RiskLevel } from "./risk-level";
import type { RiskFlag, RiskMatch, RiskScreen } from "./risk-types";
import { detectLanguage, normalise } from "./risk-text";
import { CLAUSE_BREAK, LIGHT, NEGATORS } from "./risk-rules/words";
import { GENERAL_ROWS, ROWS } from "./risk-rules/patterns";
import { CONDITION, FIRST_PERSON_RISK, FIRST_PERSON_STATE, GRIEF, IDIOM_PRONE, IDIOM_SOURCES, JOKING, LAUGHTER, MEDIA, MINIMISER, NOT_JOKING, PASSIVE_IDEATION, THIRD_PARTY, THIRD_PERSON_RISK, TRIVIAL_CAUSE } from "./risk-rules/context";
import { INDIRECT_ROWS } from "./risk-rules/indirect";
import { BENIGN, CUE_FAMILIES, FAMILIES, IMPLIES, PAIRS, SINGLES, type ConceptFamily } from "./risk-rules/concepts";
import { FIRST_PERSON, ORDINARY_DEPARTURE, PROSE_END, PROSE_START, SECOND_CUE, SELF_RISK } from "./risk-rules/self-reference";

export { detectLanguage, normalise, type Normalised } from "./risk-text";
export { maxLevel, RISK_ORDER, type RiskLevel } from "./risk-level";
export type { RiskFlag, RiskMatch, RiskScreen } from "./risk-types";
export type { ConceptFamily } from "./risk-rules/concepts";


interface Pattern {
  flag: RiskFlag;
  level: RiskLevel;
  re: RegExp;
  /** false when the negator is part of the meaning ("ya no quiero vivir") */
  negatable: boolean;
  /** ambiguous exit wording ("ya me quiero ir"): HIGH only next to other MEDIUM+ risk in the same message */
  escalator?: boolean;
  /** a match is discarded when the clause text before it ends with this (e.g. "la doctora dijo que") */
  notAfter?: RegExp;
  /** the pattern is skipped when the whole (normalised) message matches this */
  unless?: RegExp;
  /** concrete self-directed risk (risk-rules/indirect.ts): laughter does not lower it */
  concrete?: boolean;
  /** an indirect cue (farewell, absence, time + "lo hago"), keyed by its row: HIGH only with a self-directed risk concept or a second, different cue */
  cue?: number;
}

function rx(src: string): RegExp {
  return new RegExp(src.replace(/ /g, "[\\s,]+"), "g");
}
const CONCRETE = new Set(INDIRECT_ROWS);
const PATTERNS: Pattern[] = [...ROWS, ...INDIRECT_ROWS, ...GENERAL_ROWS].map((row, index) => {
  const [flag, level, src, opts] = row;
  return {
  flag,
  level,
  re: rx(src),
  negatable: opts?.negatable ?? true,
  notAfter: opts?.notAfter,
  escalator: opts?.escalator,
  unless: opts?.unless,
  concrete: CONCRETE.has(row),
  cue: opts?.cue ? index : undefined,
  };
});

const IDIOMS: RegExp[] = IDIOM_SOURCES.map(rx);


/**
 * Per normalised text, computed once: clause-break positions and idiom coverage, so that each
 * match is checked in time independent of the message length (the checks used to rescan the
 * whole text before every match, quadratic on long messages).
 */
interface Scan {
  text: string;
  /** end offsets of CLAUSE_BREAK matches (negation scope), ascending */
  breaks: number[];
  /** offsets just after a sentence break [.!?;\n], ascending */
  sentences: number[];
  /** covered[i + 1] - covered[j] = idiom-covered characters in [j, i] */
  covered: Int32Array;
}
const scans = new WeakMap<object, Scan>();
function scanOf(norm: { text: string }): Scan {
  let sc = scans.get(norm);
  if (sc) return sc;
  const text = norm.text;
  const breaks: number[] = [];
  for (const m of text.matchAll(CLAUSE_BREAK)) breaks.push(m.index! + m[0].length);
  const sentences: number[] = [];
  for (const m of text.matchAll(/[.!?;\n]/g)) sentences.push(m.index! + 1);
  const mark = new Uint8Array(text.length);
  for (const re of IDIOMS) for (const m of text.matchAll(re)) mark.fill(1, m.index!, m.index! + m[0].length);
  const covered = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) covered[i + 1] = covered[i]! + mark[i]!;
  sc = { text, breaks, sentences, covered };
  scans.set(norm, sc);
  return sc;
}
/** the last value in ascending `xs` that is ≤ limit, or -1 */
function lastAtMost(xs: number[], limit: number): number {
  let lo = 0, hi = xs.length - 1, best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= limit) (best = xs[mid]!), (lo = mid + 1);
    else hi = mid - 1;
  }
  return best;
}
function inIdiom(sc: Scan, s: number, e: number): boolean {
  return sc.covered[e]! - sc.covered[s]! > 0;
}

function negated(sc: Scan, start: number): boolean {
  // the clause before the match: from the last clause break ending at or before `start`
  // (bounded: a negator governs through at most 6 light words, ~120 characters)
  const brk = lastAtMost(sc.breaks, start);
  const from = Math.max(brk, start - 160, 0);
  const toks = sc.text.slice(from, start).split(/[^a-z0-9]+/).filter(Boolean);
  if (from > brk && from > 0) toks.shift(); // the window cut a word: do not read its tail as a word
  for (let k = toks.length - 1, seen = 0; k >= 0 && seen < 6; k--, seen++) {
    if (NEGATORS.has(toks[k]!)) return true;
    if (!LIGHT.has(toks[k]!)) return false;
  }
  return false;
}

function clauseBefore(sc: Scan, start: number): string {
  const last = lastAtMost(sc.sentences, start);
  return sc.text.slice(Math.max(last + 1, start - 200, 0), start);
}
/**
 * Long messages are screened in bounded, overlapping windows and the strongest result is kept,
 * so screening time is linear in the length of the message whatever the rule tables contain
 * (a 64 KB message used to take over a second). No message in the evaluation corpus comes near
 * the window size; the overlap keeps a phrase that straddles a cut whole.
 */
export const SCREEN_WINDOW = 4096;
export const SCREEN_OVERLAP = 512;
const MAX_MATCHES = 40;

/** `classifier: false` screens with the rules and concept families only (train:risk uses it to choose the threshold). */
export function screenMessage(text: string, opts: { classifier?: boolean } = {}): RiskScreen {
  if (!text || text.length <= SCREEN_WINDOW) return screenWindow(text, opts);
  const result: RiskScreen = { level: "NONE", flags: [], matches: [], language: detectLanguage(text) };
  const seen = new Set<string>();
  for (let from = 0; from < text.length; from += SCREEN_WINDOW - SCREEN_OVERLAP) {
    let start = from;
    // start at a word boundary so the window does not begin inside a word
    if (start > 0) {
      const ws = text.slice(start, start + 64).search(/\s/);
      if (ws >= 0) start += ws + 1;
    }
    const part = screenWindow(text.slice(start, Math.min(text.length, from + SCREEN_WINDOW)), opts);
    result.level = maxLevel(result.level, part.level);
    for (const f of part.flags) if (!result.flags.includes(f)) result.flags.push(f);
    for (const m of part.matches) {
      const key = `${m.flag}|${m.level}|${m.phrase}`;
      if (seen.has(key) || result.matches.length >= MAX_MATCHES) continue;
      seen.add(key);
      result.matches.push(m);
    }
    if (from + SCREEN_WINDOW >= text.length) break;
  }
  result.matches.sort((a, b) => RISK_ORDER[b.level] - RISK_ORDER[a.level]);
  return result;
}

function screenWindow(text: string, opts: { classifier?: boolean }): RiskScreen {
  const language = detectLanguage(text ?? "");
  const result: RiskScreen = { level: "NONE", flags: [], matches: [], language };
  if (!text || !text.trim()) return result;

  // Mixed-language messages are common; a second normalisation in the other language lets
  // the Spanish-specific letter collapsing and abbreviations not hide English wording.
  const variants = [normalise(text, language), normalise(text, language === "es" ? "en" : "es")];
  const seen = new Set<string>();
  const laughing = LAUGHTER.test(variants[0].text) && !NOT_JOKING.test(variants[0].text);
  const escalators: string[] = [];
  const concrete = new Set<RiskMatch>();
  const cues = new Map<RiskMatch, number>();

  for (const norm of variants) {
    const sc = scanOf(norm);
    for (const p of PATTERNS) {
      // exec loop rather than matchAll: when a match is discarded (idiom, negated) the search
      // restarts one character later, so "no quiero estar mas, quiero desaparecer" is not hidden
      // by the negated first "quiero" swallowing the second.
      if (p.unless && variants.some((v) => p.unless!.test(v.text))) continue;
      p.re.lastIndex = 0;
      for (let m = p.re.exec(norm.text); m; m = p.re.exec(norm.text)) {
        const s = m.index;
        const e = s + m[0].length;
        if (
          e === s ||
          inIdiom(sc, s, e) ||
          (p.negatable && negated(sc, s)) ||
          (p.notAfter && p.notAfter.test(clauseBefore(sc, s)))
        ) {
          p.re.lastIndex = s + 1;
          continue;
        }
        let level = p.level;
        if (p.escalator) escalators.push(m[0]);
        if (p.flag === "harm_to_others" && laughing) level = "LOW";
        // "jaja me quiero matar, mandé el audio al grupo equivocado": the Spanish embarrassment
        // idiom. Only the bare phrase is softened, and only to MEDIUM, so it stays visible.
        if (p.flag === "suicidal_ideation" && laughing && IDIOM_PRONE.test(m[0])) level = "MEDIUM";
        const phrase = text.slice(norm.starts[s], norm.ends[e - 1]).trim().slice(0, 120);
        const key = `${p.flag}|${norm.starts[s]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.matches.push({ flag: p.flag, level, phrase });
        if (p.concrete) concrete.add(result.matches[result.matches.length - 1]!);
        if (p.cue !== undefined) cues.set(result.matches[result.matches.length - 1]!, p.cue);
      }
    }
  }

  if (escalators.length && result.matches.some((m) => RISK_ORDER[m.level] >= RISK_ORDER.MEDIUM)) {
    for (const m of result.matches) if (m.flag === "suicidal_ideation" && m.level === "LOW") m.level = "HIGH";
  }
  // Mood-only messages framed as coping ("estoy triste pero bien", "sad but I'm ok") or about
  // media ("a documentary about suicide, really sad but well made"): hopelessness drops to LOW;
  // ordinary grief stated as coping, or a reaction to a film/book, drops to NONE.
  const plain = variants[0].text;
  if (result.matches.length && result.matches.every((m) => m.flag === "declining_mood" || m.flag === "hopelessness")) {
    if (MINIMISER.test(plain)) {
      for (const m of result.matches) if (m.level === "MEDIUM") m.level = "LOW";
      if (GRIEF.test(plain) && result.matches.every((m) => m.level === "LOW")) result.matches = [];
    }
    if (MEDIA.test(plain) && !FIRST_PERSON_STATE.test(plain) && result.matches.every((m) => m.level === "LOW")) result.matches = [];
  }
  // Layer 2: concept-family co-occurrence. Added after the mood-only softening above and only
  // ever as an extra match, so the final level is max(rules, concepts).
  const concept = scoreConcepts(text, laughing);
  if (concept) result.matches.push(concept);
  // Figurative and other people's risk (issue 11): a joke ("me quiero morir jajaja se me cayó
  // el helado"), a trivial cause ("I want to die, this homework") or someone else as the subject
  // ("my friend overdosed", "mi prima publicó que se quería morir") lowers the rule matches to
  // LOW, unless the message also carries a plan (a concept-family match) or, for third-party
  // wording, first-person risk wording. Measured on the blind train/dev splits.
  const plain0 = variants[0].text;
  const joking = (JOKING.test(plain0) || JOKING.test(text) || TRIVIAL_CAUSE.test(plain0)) && !NOT_JOKING.test(plain0);
  const otherPerson = THIRD_PARTY.test(plain0) && THIRD_PERSON_RISK.test(plain0) && !FIRST_PERSON_RISK.test(plain0);
  const conceptRisk = concept && RISK_ORDER[concept.level] >= RISK_ORDER.MEDIUM;
  if (otherPerson && !conceptRisk) {
    for (const m of result.matches) if (RISK_ORDER[m.level] >= RISK_ORDER.MEDIUM) m.level = "LOW";
  } else if (joking && !conceptRisk) {
    // Round 2: laughter alone no longer hides first-person wording. Concrete self-directed risk
    // (a plan, means, an attempt, self-harm, a farewell: risk-rules/indirect.ts) keeps its level;
    // bare first-person wording with laughter and nothing else ("jaja me quiero matar") is
    // MEDIUM; with a trivial cause or a condition ("si pierde el Madrid me mato jaja", "I want to
    // die, this homework") it is hyperbole and stays LOW.
    const bare = !TRIVIAL_CAUSE.test(plain0) && !CONDITION.test(plain0) && restWords(plain0, result.matches) <= 2;
    for (const m of result.matches) {
      if (RISK_ORDER[m.level] < RISK_ORDER.MEDIUM || concrete.has(m)) continue;
      m.level = bare && (m.flag === "suicidal_ideation" || m.flag === "self_harm") ? "MEDIUM" : "LOW";
    }
  }
  // Passive wish-to-die wording is MEDIUM unless something in the message makes it HIGH
  // (decision 006): a HIGH that is not passive ideation (intent, plan, means, farewell, attempt,
  // self-harm) keeps the message HIGH.
  const highs = result.matches.filter((m) => m.level === "HIGH");
  if (highs.length && highs.every((m) => m.flag === "suicidal_ideation" && !concrete.has(m) && (m.families ? m.families.every((f) => f.startsWith("DEATH_WISH")) : PASSIVE_IDEATION.test(normalise(m.phrase, language).text)))) {
    for (const m of highs) m.level = "MEDIUM";
  }
  // Round 3: who the wording is about (risk-rules/self-reference.ts). Prose with no first-person
  // word at all (news, how-tos, reviews, legal text: "Overdose deaths fell…", "Cut the chicken…")
  // raises no alert. A lone indirect cue — a farewell, an absence, a time next to "lo hago" —
  // without a self-directed risk concept (means, method, death or absence of the self) is
  // ambiguous: MEDIUM at most, LOW when the message names an ordinary departure (job, trip, leave).
  const selfRef = variants.some((v) => FIRST_PERSON.test(v.text));
  const prose = !selfRef && isProse(text, plain0);
  const selfRisk = variants.some((v) => SELF_RISK.test(v.text));
  const isCue = (m: RiskMatch) => cues.has(m) || !!(m.families?.length && m.families.every((f) => CUE_FAMILIES.has(f as ConceptFamily)));
  // two DIFFERENT indirect cues (a time and "lo tengo todo pensado", a goodbye and an apology
  // for everything) are a plan or a farewell, not an ambiguous word
  const cueKinds = new Set<string>();
  for (const m of result.matches) {
    if (RISK_ORDER[m.level] < RISK_ORDER.MEDIUM || !isCue(m)) continue;
    if (cues.has(m)) cueKinds.add(`row${cues.get(m)}`);
    // a concept pair of two different cue families found on different words counts twice
    else for (const part of m.phrase.split(" + ")) cueKinds.add(`concept:${normalise(part.slice(part.indexOf(": ") + 2), language).text.trim()}`);
  }
  if (variants.some((v) => SECOND_CUE.test(v.text))) cueKinds.add("second");
  const ambiguous = !selfRisk && cueKinds.size < 2;
  const ordinaryDeparture = ORDINARY_DEPARTURE.test(plain0);
  for (const m of result.matches) {
    if (RISK_ORDER[m.level] < RISK_ORDER.MEDIUM) continue;
    if (prose) m.level = "LOW";
    else if (ambiguous && isCue(m)) m.level = ordinaryDeparture || !selfRef ? "LOW" : "MEDIUM";
  }
  // Layer 3: the vocabulary classifier (risk-classifier.ts), for indirect wording no rule names.
  // It adds a MEDIUM at most, and only where the rules found nothing at MEDIUM or above: counted
  // words cannot tell "I want to die" from "to die for", and alone it raised HIGH on ordinary
  // sentences ("There must be a better mexican place in Rockland."). A benign context the rules
  // recognise (routine doses, leisure, denial, media, errands…) explains the vocabulary away.
  if (
    opts.classifier !== false &&
    !prose &&
    !result.matches.some((m) => RISK_ORDER[m.level] >= RISK_ORDER.MEDIUM) &&
    classify(text) > CLASSIFIER_THRESHOLD &&
    !conceptFamilies(text).some((h) => BENIGN.has(h.family))
  ) {
    result.matches.push({ flag: "risk_language", level: "MEDIUM", phrase: text.trim().slice(0, 120), families: ["CLASSIFIER"] });
  }
  result.matches.sort((a, b) => RISK_ORDER[b.level] - RISK_ORDER[a.level]);
  for (const m of result.matches) {
    result.level = maxLevel(result.level, m.level);
    if (!result.flags.includes(m.flag)) result.flags.push(m.flag);
  }
  return result;
}
/** written prose (capital start, sentence end, no laughter, ≥ 4 words) — see risk-rules/self-reference.ts */
function isProse(text: string, plain: string): boolean {
  return PROSE_START.test(text) && PROSE_END.test(text) && !LAUGHTER.test(plain) && plain.split(" ").length >= 4;
}
/** prose with no first-person word at all: no layer alerts on it (train:risk uses it as the classifier's veto) */
export function thirdPersonProse(text: string): boolean {
  const language = detectLanguage(text ?? "");
  const variants = [normalise(text ?? "", language), normalise(text ?? "", language === "es" ? "en" : "es")];
  return !variants.some((v) => FIRST_PERSON.test(v.text)) && isProse(text ?? "", variants[0].text);
}
/** content words of the message outside the risk phrases and laughter */
function restWords(plain: string, matches: RiskMatch[]): number {
  let rest = " " + plain + " ";
  for (const m of matches) {
    const p = normalise(m.phrase, "es").text.trim();
    if (p) rest = rest.split(p).join(" ");
  }
  return rest.split(/[^a-z0-9]+/).filter((w) => w && !LAUGHTER.test(w) && !JOKING.test(w) && w.length > 1 && !["me", "yo", "i", "im", "y", "and", "ya", "que", "q", "de", "lo", "el", "la", "so", "just", "really", "en", "serio"].includes(w)).length;
}
const FAMILY_RES = FAMILIES.map((f) => ({ ...f, re: rx(f.src) }));

interface ConceptHit {
  family: ConceptFamily;
  phrase: string;
}

/** Tags the message with concept families (negated / idiom-covered mentions are dropped). */
export function conceptFamilies(text: string): ConceptHit[] {
  const language = detectLanguage(text ?? "");
  const hits = new Map<ConceptFamily, string>();
  for (const norm of [normalise(text, language), normalise(text, language === "es" ? "en" : "es")]) {
    const sc = scanOf(norm);
    for (const f of FAMILY_RES) {
      if (hits.has(f.family)) continue;
      f.re.lastIndex = 0;
      for (let m = f.re.exec(norm.text); m; m = f.re.exec(norm.text)) {
        const s = m.index;
        const e = s + m[0].length;
        if (e === s || inIdiom(sc, s, e) || (f.negatable && negated(sc, s))) {
          f.re.lastIndex = s + 1;
          continue;
        }
        hits.set(f.family, text.slice(norm.starts[s], norm.ends[e - 1]).trim().slice(0, 60));
        break;
      }
    }
  }
  for (const [from, to] of IMPLIES) {
    if (hits.has(from) && !hits.has(to)) hits.set(to, hits.get(from)!);
  }
  return [...hits].map(([family, phrase]) => ({ family, phrase }));
}

/** Concept-family score of one message: the strongest match it supports, or null. */
function scoreConcepts(text: string, laughing: boolean): RiskMatch | null {
  const hits = conceptFamilies(text);
  const has = new Set(hits.map((h) => h.family));
  const phraseOf = (f: ConceptFamily) => hits.find((h) => h.family === f)?.phrase ?? "";
  const present = (x: ConceptFamily | ConceptFamily[]) => (Array.isArray(x) ? x : [x]).filter((f) => has.has(f));
  let best: { flag: RiskFlag; level: RiskLevel; families: ConceptFamily[] } | null = null;
  // HIGH singles first, then pairs (HIGH), then MEDIUM singles: the strongest supported level wins.
  for (const s of SINGLES) {
    if (s.level !== "HIGH" || !has.has(s.family) || s.cancelledBy.some((f) => has.has(f))) continue;
    best = { flag: s.flag, level: "HIGH", families: [s.family] };
    break;
  }
  if (!best || best.level !== "HIGH") {
    for (const p of PAIRS) {
      const pl = p.level ?? "HIGH";
      if (best && RISK_ORDER[best.level] >= RISK_ORDER[pl]) continue;
      if (p.cancelledBy?.some((f) => has.has(f))) continue;
      const as = present(p.a);
      if (!as.length) continue;
      const bs =
        p.b === "*"
          ? [...has].filter((f) => !BENIGN.has(f) && !as.includes(f) && IMPLIES.get(f) !== as[0] && IMPLIES.get(as[0]!) !== f)
          : present(p.b).filter((f) => !as.includes(f));
      if (!bs.length) continue;
      best = { flag: p.flag, level: pl, families: [as[0], bs[0]] };
    }
  }
  if (!best || RISK_ORDER[best.level] < RISK_ORDER.MEDIUM) {
    for (const s of SINGLES) {
      if (s.level !== "MEDIUM" || !has.has(s.family) || s.cancelledBy.some((f) => has.has(f))) continue;
      best = { flag: s.flag, level: "MEDIUM", families: [s.family] };
      break;
    }
  }
  if (!best) return null;
  let level: RiskLevel = best.level;
  // Coping/denial stated in the same message and media context lower ONE level at most (never
  // below MEDIUM); threats to others said laughing follow the rule layer (LOW).
  if (level === "HIGH" && (has.has("DENIAL") || (has.has("MEDIA") && !has.has("MEDIA_SELF")))) level = "MEDIUM";
  if (best.flag === "harm_to_others" && laughing) level = "LOW";
  return {
    flag: best.flag,
    level,
    phrase: best.families.map((f) => `${f}: ${phraseOf(f)}`).join(" + "),
    families: best.families,
  };
}
