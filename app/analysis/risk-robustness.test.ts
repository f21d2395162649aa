// No input makes the screen throw (issue 11 item 1): a word that is also an Object.prototype
// property name once threw `rep is not iterable` and failed a whole screening batch.
import { describe, expect, it } from "vitest";
import { screenMessage } from "./risk-lexicon";
import { analyzeDayLocal, sentimentOf } from "./local-analyzer";

const PROTO_WORDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "prototype"];

describe("property-name words", () => {
  for (const w of PROTO_WORDS) {
    it(`"${w}" alone and inside a sentence screens without throwing`, () => {
      for (const text of [w, w.toUpperCase(), `mi hermano es ${w} y hoy trabaja`, `my dad is a ${w}`, `${w} ${w} ya no quiero vivir`]) {
        expect(() => screenMessage(text)).not.toThrow();
      }
      expect(screenMessage(`mi hermano es ${w}`).level).toBe("NONE");
      expect(() => sentimentOf(`el ${w} llegó tarde`)).not.toThrow();
    });
  }
  it("risk wording next to a property-name word is still found", () => {
    expect(screenMessage("el constructor se fue, ya no quiero vivir").level).toBe("MEDIUM"); // passive wording: MEDIUM since round 2
  });
});

// ---------------------------------------------------------------------------------------
// Odd inputs and a fuzz pass. Timing belongs in a benchmark, not here: these only assert that
// nothing throws and that the result is a well-formed screen.
// ---------------------------------------------------------------------------------------
import { screenWithContext } from "./risk-context";
import { RISK_LEVELS } from "./risk-level";

function wellFormed(s: ReturnType<typeof screenMessage>) {
  expect(RISK_LEVELS).toContain(s.level);
  expect(["es", "en"]).toContain(s.language);
  expect(Array.isArray(s.flags) && Array.isArray(s.matches)).toBe(true);
}

describe("odd inputs", () => {
  const cases: Array<[string, string]> = [
    ["empty", ""],
    ["spaces", "   \n\t  "],
    ["64 KB of ordinary text", "hola doctora, confirmo la cita del jueves. ".repeat(1490).slice(0, 65_536)],
    ["64 KB of one letter", "a".repeat(65_536)],
    ["64 KB of laughter", "jaja".repeat(16_384)],
    ["64 KB with risk at the end", "x ".repeat(32_000) + "ya no quiero vivir"],
    ["emoji only", "😂😂😂🙏🏽❤️‍🔥👩‍👩‍👧‍👦🏳️‍🌈"],
    ["mixed script", "Привет 你好 مرحبا שלום こんにちは hola i want to die 死にたい"],
    ["control characters", "\u0000\u0001\u0007\b\u001b[31mhola\u007f\u0085\u200b\u200e\u2028\u2029\ufeff"],
    ["lone surrogates", "\ud800\udc00\ud800 hola \udfff"],
    ["regex metacharacters", "(.*)+[^]\\b\\1$^{1,}?|\\\\"],
    ["combining marks", "n\u0303o\u0301 q\u0301u\u0301i\u0301e\u0301r\u0301o\u0301 v\u0301i\u0301v\u0301i\u0301r\u0301" + "\u0301".repeat(500)],
  ];
  for (const [name, text] of cases) {
    it(`${name}: screen, context screen, sentiment and daily analysis do not throw`, () => {
      wellFormed(screenMessage(text));
      wellFormed(screenWithContext(text, [text.slice(0, 500), "ya tengo las pastillas"]));
      expect(Number.isFinite(sentimentOf(text))).toBe(true);
      const day = analyzeDayLocal([{ role: "patient", text, at: new Date(0) }]);
      expect(RISK_LEVELS).toContain(day.risk_level);
    });
  }
  it("risk at the end of 64 KB is still found", () => {
    expect(screenMessage("x ".repeat(32_000) + "ya no quiero vivir").level).not.toBe("NONE");
  });
});

/** deterministic PRNG (mulberry32): the fuzz run is the same every time */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB = [
  ...PROTO_WORDS, "no", "ya", "quiero", "morir", "vivir", "me", "voy", "a", "matar", "pastillas", "esta", "noche", "jaja", "lol",
  "kill", "myself", "die", "tonight", "pills", "q", "k", "xq", "kms", "sh", "u", "nunca", "not", "never", "la", "vida", "todo",
  "se", "acabe", "puente", "tirarme", "despido", "gracias", "cita", "doctora", "😂", "💀", "🙏", "¿", "¡", "ñ", "á", "...", ",", "!!!",
  "\n", "\t", "\u0000", "__defineGetter__", "then", "length", "prototype", "Symbol", "NaN", "undefined", "null", "{}", "[]", "$&", "$1",
];
const ALPHABET = "abcdefghijklmnopqrstuvwxyzñáéíóúü ,.!?¿¡'\"()[]{}\\/*+-_=|<>^$#@&%~`😂💀🙏\u0000\u0007\u200b\u00a0\ud800\udfff0123456789ÑÁÉÍÓÚ";

function generated(n: number): string[] {
  const r = rng(11);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    if (kind === 0) {
      // random words from a risk/abbreviation/property-name vocabulary
      out.push(Array.from({ length: 1 + Math.floor(r() * 25) }, () => VOCAB[Math.floor(r() * VOCAB.length)]).join(r() < 0.5 ? " " : ""));
    } else if (kind === 1) {
      // random characters, stretched letters included
      out.push(Array.from({ length: Math.floor(r() * 120) }, () => ALPHABET[Math.floor(r() * ALPHABET.length)]!.repeat(r() < 0.1 ? 5 : 1)).join(""));
    } else if (kind === 2) {
      // random UTF-16 code units (lone surrogates, controls, any plane)
      out.push(String.fromCharCode(...Array.from({ length: Math.floor(r() * 60) }, () => Math.floor(r() * 0x10000))));
    } else {
      // real phrases cut at random points and glued together
      const a = VOCAB.join(" ");
      const s = Math.floor(r() * a.length);
      out.push(a.slice(s, s + Math.floor(r() * 200)) + " ya tengo las pastillas esta noche".slice(0, Math.floor(r() * 34)));
    }
  }
  return out;
}

describe("fuzz: 10,000 generated and adversarial strings", () => {
  const inputs = generated(10_000);
  it("screenMessage never throws and always returns a well-formed screen", () => {
    for (const text of inputs) {
      let s;
      try {
        s = screenMessage(text);
      } catch (err) {
        throw new Error(`screenMessage threw on ${JSON.stringify(text)}: ${String(err)}`);
      }
      expect(RISK_LEVELS.includes(s.level)).toBe(true);
    }
  }, 180_000);
  it("screenWithContext and the local analyzer never throw", () => {
    for (let i = 0; i < inputs.length; i += 10) {
      const group = inputs.slice(i, i + 10);
      try {
        screenWithContext(group[9] ?? "", group.slice(0, 9));
        const day = analyzeDayLocal(group.map((text, k) => ({ role: k % 3 ? "patient" : "clinic", text, at: new Date(k * 60_000) })));
        expect(RISK_LEVELS.includes(day.risk_level)).toBe(true);
      } catch (err) {
        throw new Error(`threw on group ${i}: ${JSON.stringify(group)}: ${String(err)}`);
      }
    }
  }, 180_000);
});
