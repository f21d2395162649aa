import { describe, expect, it } from "vitest";
import { classify, fromWeights, toWeights, train } from "./risk-classifier";
import { screenMessage } from "./risk-lexicon";

describe("vocabulary classifier", () => {
  it("learns which words mark risk and round-trips through its JSON weights", () => {
    const model = train([
      { text: "ya no quiero seguir, me despido", positive: true },
      { text: "me despido de todos, ya no sigo", positive: true },
      { text: "hola, confirmo la cita del jueves", positive: false },
      { text: "gracias, nos vemos en la cita", positive: false },
    ]);
    expect(classify("me despido, ya no sigo", model)).toBeGreaterThan(classify("confirmo la cita", model));
    const again = fromWeights(JSON.parse(JSON.stringify(toWeights(model, { trained_on: [], messages: 4 }))));
    expect(classify("me despido", again)).toBeCloseTo(classify("me despido", model), 2);
  });

  it("property-name words are ordinary features", () => {
    for (const w of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) expect(Number.isFinite(classify(w))).toBe(true);
  });

  it("never raises HIGH on its own: it adds a MEDIUM at most (issue 11)", () => {
    for (const text of ["There must be a better mexican place in Rockland.", "lo único que quiero es terminar la escuela e irme a estudiar", "ah parce yo si amo la vida amo vivir no quiero morir"]) {
      const s = screenMessage(text);
      expect(s.matches.filter((m) => m.families?.includes("CLASSIFIER")).every((m) => m.level === "MEDIUM")).toBe(true);
      expect(s.level).not.toBe("HIGH");
    }
  });

  it("does not fire on logistics or on a benign context the rules recognise", () => {
    expect(screenMessage("hola doctora, puedo cambiar la cita al viernes?").level).toBe("NONE");
    expect(screenMessage("ya me tomé las pastillas con el desayuno como siempre").level).not.toBe("HIGH");
  });
});
