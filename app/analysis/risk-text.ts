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

export interface Normalised {
  text: string;
  /** original [start, end) for each UTF-16 code unit of `text` */
  starts: number[];
  ends: number[];
}


/** per code point: "" (dropped apostrophe) or its lowercased, accent-stripped form with punctuation as " " */
const FOLD = new Map<string, string>();
function fold(cp: string): string {
  let f = FOLD.get(cp);
  if (f === undefined) {
    if (/['’`´]/.test(cp)) f = ""; // "don't" → "dont", "i'm" → "im"
    else {
      f = "";
      for (const ch of cp.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")) {
        f += /\s/.test(ch) || /["“”«»()\[\]{}¿¡*_~#@&+=/\\|<>^-]/.test(ch) ? " " : ch;
      }
    }
    if (FOLD.size < 4096) FOLD.set(cp, f);
  }
  return f;
}
const isLetter = (c: string) => c.length === 1 && c >= "a" && c <= "z";
const isWordCh = (c: string) => c.length === 1 && ((c >= "a" && c <= "z") || (c >= "0" && c <= "9"));

// Linear in the length of the text: one pass per step over parallel arrays (character,
// original start, original end); per-code-point folding is cached. (It used to build an
// object per character and fold each one with normalize(), ~1 s for a 64 KB message.)
export function normalise(text: string, lang: "es" | "en"): Normalised {
  // 1. per code point: lowercase, strip accents (ñ → n too), drop apostrophes, punctuation
  //    that is not a clause boundary becomes a space.
  let c: string[] = [];
  let S: number[] = [];
  let E: number[] = [];
  let i = 0;
  for (const cp of text) {
    const s = i;
    i += cp.length;
    for (const ch of fold(cp)) {
      c.push(ch);
      S.push(s);
      E.push(i);
    }
  }
  // 2. stretched letters: "nooo puedooo maaas" → "no puedo mas". Runs of 3+ collapse to one;
  //    in Spanish also aa/ii/uu anywhere and word-final oo ("noo", "puedoo"), which are never
  //    legitimate spellings, unlike ee/oo in English ("feel", "good").
  {
    const c2: string[] = [];
    const S2: number[] = [];
    const E2: number[] = [];
    for (let k = 0; k < c.length; ) {
      let j = k;
      while (j + 1 < c.length && c[j + 1] === c[k]) j++;
      const run = j - k + 1;
      const u = c[k]!;
      if ((isLetter(u) && run >= 3) || (lang === "es" && run === 2 && ("aiu".includes(u) || (u === "o" && !(j + 1 < c.length && isWordCh(c[j + 1]!)))))) {
        c2.push(u);
        S2.push(S[k]!);
        E2.push(E[j]!);
      } else {
        for (let m = k; m <= j; m++) {
          c2.push(c[m]!);
          S2.push(S[m]!);
          E2.push(E[m]!);
        }
      }
      k = j + 1;
    }
    [c, S, E] = [c2, S2, E2];
  }
  // 3. chat abbreviations, token by token
  const abbrev = lang === "es" ? ABBREV_ES : ABBREV_EN;
  const starts: number[] = [];
  const ends: number[] = [];
  const parts: string[] = [];
  let last = "";
  const emit = (ch: string, s: number, e: number) => {
    parts.push(ch);
    for (let m = 0; m < ch.length; m++) {
      starts.push(s);
      ends.push(e);
    }
    last = ch;
  };
  for (let k = 0; k < c.length; ) {
    if (!isWordCh(c[k]!) && c[k] !== "ñ") {
      // collapse whitespace runs
      if (!(c[k] === " " && last === " ")) emit(c[k]!, S[k]!, E[k]!);
      k++;
      continue;
    }
    let j = k;
    while (j < c.length && isWordCh(c[j]!)) j++;
    const tok = c.slice(k, j).join("");
    let rep = abbrev.get(tok);
    // "kiero", "aki", "ke": k before e/i is a chat spelling of "qu" in Spanish
    if (!rep && lang === "es" && /k[ei]/.test(tok) && !/^(?:ki(?:lo|wi|nder|t)|ke(?:tchup|vin|ta))/.test(tok)) {
      rep = tok.replace(/k(?=[ei])/g, "qu");
    }
    if (rep && rep !== tok) {
      for (const ch of rep) emit(ch, S[k]!, E[j - 1]!);
    } else {
      for (let m = k; m < j; m++) emit(c[m]!, S[m]!, E[m]!);
    }
    k = j;
  }
  return { text: parts.join(""), starts, ends };
}
