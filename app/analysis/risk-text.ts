// Language detection and normalisation of chat text, shared by the rules, the concept
// families, the classifier and the local analyzer. Pure; never throws on any string.
import { ABBREV_EN, ABBREV_ES, EN_WORDS, ES_WORDS } from "./risk-rules/words";

/** Spanish wins ties: the clinics are Spanish-speaking. */
export function detectLanguage(text: string): "es" | "en" {
  const lower = text.toLowerCase();
  let es = /[ñ¿¡áéíóú]/.test(lower) ? 2 : 0;
  let en = 0;
  const plain = lower.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’`]/g, "'");
  for (const w of plain.split(/[^a-z']+/)) {
    if (!w) continue;
    const bare = w.replace(/'/g, "");
    if (ES_WORDS.has(bare)) es++;
    if (EN_WORDS.has(w) || EN_WORDS.has(bare)) en++;
  }
  return en > es ? "en" : "es";
}

// ---------------------------------------------------------------------------------------
// Normalisation with an index map back to the original text
// ---------------------------------------------------------------------------------------

interface Unit {
  c: string;
  s: number; // start offset in the original string
  e: number; // end offset (exclusive)
}

export interface Normalised {
  text: string;
  /** original [start, end) for each UTF-16 code unit of `text` */
  starts: number[];
  ends: number[];
}

const LETTER = /[a-z]/;
const WORDCH = /[a-z0-9]/;

export function normalise(text: string, lang: "es" | "en"): Normalised {
  // 1. per code point: lowercase, strip accents (ñ → n too), drop apostrophes, punctuation
  //    that is not a clause boundary becomes a space.
  let units: Unit[] = [];
  let i = 0;
  for (const cp of text) {
    const s = i;
    i += cp.length;
    if (/['’`´]/.test(cp)) continue; // "don't" → "dont", "i'm" → "im"
    const base = cp.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
    for (const ch of base) {
      let c = ch;
      if (/\s/.test(c) || /["“”«»()\[\]{}¿¡*_~#@&+=/\\|<>^-]/.test(c)) c = " ";
      units.push({ c, s, e: i });
    }
  }
  // 2. stretched letters: "nooo puedooo maaas" → "no puedo mas". Runs of 3+ collapse to one;
  //    in Spanish also aa/ii/uu anywhere and word-final oo ("noo", "puedoo"), which are never
  //    legitimate spellings, unlike ee/oo in English ("feel", "good").
  const collapsed: Unit[] = [];
  for (let k = 0; k < units.length; ) {
    let j = k;
    while (j + 1 < units.length && units[j + 1].c === units[k].c) j++;
    const run = j - k + 1;
    const u = units[k];
    if (LETTER.test(u.c) && run >= 3) {
      collapsed.push({ c: u.c, s: u.s, e: units[j].e });
    } else if (
      lang === "es" && run === 2 && (
        "aiu".includes(u.c) ||
        (u.c === "o" && !(j + 1 < units.length && WORDCH.test(units[j + 1].c)))
      )
    ) {
      collapsed.push({ c: u.c, s: u.s, e: units[j].e });
    } else {
      for (let m = k; m <= j; m++) collapsed.push(units[m]);
    }
    k = j + 1;
  }
  units = collapsed;
  // 3. chat abbreviations, token by token
  const abbrev = lang === "es" ? ABBREV_ES : ABBREV_EN;
  const out: Unit[] = [];
  for (let k = 0; k < units.length; ) {
    if (!WORDCH.test(units[k].c) && units[k].c !== "ñ") {
      // collapse whitespace runs
      if (units[k].c === " " && out.length && out[out.length - 1].c === " ") {
        k++;
        continue;
      }
      out.push(units[k]);
      k++;
      continue;
    }
    let j = k;
    while (j < units.length && WORDCH.test(units[j].c)) j++;
    const tok = units.slice(k, j).map((u) => u.c).join("");
    let rep = abbrev.get(tok);
    // "kiero", "aki", "ke": k before e/i is a chat spelling of "qu" in Spanish
    if (!rep && lang === "es" && /k[ei]/.test(tok) && !/^(?:ki(?:lo|wi|nder|t)|ke(?:tchup|vin|ta))/.test(tok)) {
      rep = tok.replace(/k(?=[ei])/g, "qu");
    }
    if (rep && rep !== tok) {
      const s = units[k].s;
      const e = units[j - 1].e;
      for (const c of rep) out.push({ c, s, e });
    } else {
      for (let m = k; m < j; m++) out.push(units[m]);
    }
    k = j;
  }
  const starts: number[] = [];
  const ends: number[] = [];
  let norm = "";
  for (const u of out) {
    norm += u.c;
    for (let m = 0; m < u.c.length; m++) {
      starts.push(u.s);
      ends.push(u.e);
    }
  }
  return { text: norm, starts, ends };
}
