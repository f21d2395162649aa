import { describe, expect, it } from "vitest";
import { classify, train } from "./risk-classifier";
import { screenMessage } from "./risk-lexicon";

describe("vocabulary classifier", () => {
  it("learns which words mark a class and gives probabilities that sum to 1", () => {
    const model = train([
      { text: "ya no quiero seguir, me despido", cls: "HIGH" },
      { text: "me despido de todos, ya no sigo", cls: "HIGH" },
      { text: "hola, confirmo la cita del jueves", cls: "NONE" },
      { text: "gracias, nos vemos en la cita", cls: "NONE" },
      { text: "estoy triste hoy", cls: "MID" },
    ]);
    const p = classify("me despido, ya no sigo", model);
    expect(p.HIGH).toBeGreaterThan(p.NONE);
    expect(p.HIGH + p.MID + p.NONE).toBeCloseTo(1, 6);
    expect(classify("confirmo la cita", model).NONE).toBeGreaterThan(0.5);
  });

  it("raises indirect wording no rule names, and never lowers what the rules found", () => {
    const indirect = screenMessage("already wrote the goodbye letters and left everything in order for my family, i feel at peace now");
    expect(indirect.level).toBe("HIGH");
    const rules = screenMessage("ya no quiero vivir");
    expect(rules.level).toBe("HIGH");
    expect(rules.flags).toContain("suicidal_ideation");
  });

  it("does not fire on logistics or on a benign context the rules recognise", () => {
    expect(screenMessage("hola doctora, puedo cambiar la cita al viernes?").level).toBe("NONE");
    expect(screenMessage("ya me tomé las pastillas con el desayuno como siempre").level).not.toBe("HIGH");
  });
});
