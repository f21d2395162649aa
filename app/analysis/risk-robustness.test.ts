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
    expect(screenMessage("el constructor se fue, ya no quiero vivir").level).toBe("HIGH");
  });
});
