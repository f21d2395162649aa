// Held-out sanity cases: behaviour a clinician would notice. Not used to tune the lexicon
// beyond the phrases quoted in the product brief.
import { describe, expect, it } from "vitest";
import { detectLanguage, maxLevel, RISK_ORDER, screenMessage, type RiskFlag, type RiskLevel } from "./risk-lexicon";

const level = (t: string) => screenMessage(t).level;

describe("HIGH: suicidal ideation, self-harm, overdose, harm to others", () => {
  const cases: Array<[string, RiskFlag]> = [
    ["ya no quiero vivir", "suicidal_ideation"],
    ["quisiera dormirme y no despertar", "suicidal_ideation"],
    ["todos estarían mejor sin mí", "suicidal_ideation"],
    ["i want to end it all", "suicidal_ideation"],
    ["no le veo sentido a seguir", "suicidal_ideation"],
    ["me despedí de mi familia", "suicidal_ideation"],
    ["tengo las pastillas guardadas", "suicidal_ideation"],
    ["no quiero seguir viviendo", "suicidal_ideation"],
    ["no quiero despertar mañana", "suicidal_ideation"],
    ["me corté otra vez", "self_harm"],
    ["cutting again", "self_harm"],
    ["me tomé toda la caja de pastillas", "overdose"],
    ["lo voy a matar, te lo juro, ya sé dónde vive", "harm_to_others"],
  ];
  it.each(cases)("%s → HIGH with %s", (text, flag) => {
    const s = screenMessage(text);
    expect(s.level).toBe("HIGH");
    expect(s.flags).toContain(flag);
  });

  it("handles WhatsApp spelling: no accents, abbreviations, stretched letters, caps, emoji", () => {
    expect(level("q ya no kiero vivir")).toBe("HIGH");
    expect(level("NO QUIERO VIVIR MAS 😭")).toBe("HIGH");
    expect(level("nooo kiero seguir viviendooo")).toBe("HIGH");
    expect(level("todos estarian mejor sin mi")).toBe("HIGH");
    expect(level("i wanna kms")).toBe("HIGH");
  });

  it("reports the phrase as the patient wrote it", () => {
    const s = screenMessage("Hola... q ya no kiero vivir, perdón");
    const m = s.matches.find((x) => x.flag === "suicidal_ideation")!;
    expect(m.phrase).toMatch(/no kiero vivir/);
    expect(s.language).toBe("es");
  });
});

describe("negation and idioms are not HIGH", () => {
  it.each([
    "no pienso hacerme daño",
    "nunca me haría daño",
    "I would never hurt myself",
    "no quiero morir",
    "no tengo pensamientos de hacerme daño",
  ])("%s → not HIGH", (text) => {
    expect(RISK_ORDER[level(text)]).toBeLessThan(RISK_ORDER.HIGH);
  });

  it.each([
    "me muero de risa",
    "me muero de ganas de verte",
    "me mata el calor",
    "este tráfico me mata",
    "I'm dying to see you",
    "killing it",
    "me quiero morir de la vergüenza, me equivoqué de día jaja",
    "se me murió el celular",
    "me corté el pelo",
    "the exam killed me",
    "¿cuántas pastillas de sertralina me tomo ahora?",
  ])("%s → NONE", (text) => {
    expect(level(text)).toBe("NONE");
  });

  it("negation does not leak across a clause into real ideation", () => {
    expect(level("no aguanto mas me voy a tirar a las vias")).toBe("HIGH");
    expect(level("no sé, quiero morirme")).toBe("HIGH");
  });
});

describe("MEDIUM and LOW", () => {
  it.each([
    ["dejé de tomar la medicación", "medication_refusal"],
    ["ya no me tomo las pastillas", "medication_refusal"],
    ["no puedo respirar, tengo un ataque de pánico", "acute_crisis"],
    ["estoy en plena crisis", "acute_crisis"],
    ["nada tiene sentido", "hopelessness"],
    ["no puedo más", "hopelessness"],
    ["nooo puedooo maaas", "hopelessness"],
    ["volví a beber", "substance_use"],
    ["i stopped taking my meds", "medication_refusal"],
  ] as Array<[string, RiskFlag]>)("%s → MEDIUM (%s)", (text, flag) => {
    const s = screenMessage(text);
    expect(s.level).toBe("MEDIUM");
    expect(s.flags).toContain(flag);
  });

  it("panic 'siento que me muero' is a crisis, not ideation", () => {
    const s = screenMessage("tengo un ataque de pánico, siento que me muero");
    expect(s.level).toBe("MEDIUM");
    expect(s.flags).not.toContain("suicidal_ideation");
  });

  it("a doctor-instructed stop of a non-psychiatric drug is not refusal", () => {
    expect(level("dejé de tomar el ibuprofeno porque ya no me duele")).toBe("NONE");
    expect(level("no quiero dejar la medicación, me ayuda")).toBe("NONE");
  });

  it.each(["estoy muy triste", "no dormí nada", "ansiosa todo el día", "feeling really down today"])("%s → LOW", (text) => {
    expect(level(text)).toBe("LOW");
  });

  it.each(["Hola, ¿a qué hora es mi cita?", "me siento mejor", "hoy fue un buen día", "ok 👍", "thanks, see you thursday"])(
    "%s → NONE",
    (text) => expect(level(text)).toBe("NONE"),
  );
});

describe("helpers", () => {
  it("orders levels", () => {
    expect(maxLevel("LOW", "HIGH")).toBe("HIGH");
    expect(maxLevel("MEDIUM", "NONE")).toBe("MEDIUM");
    expect((["NONE", "LOW", "MEDIUM", "HIGH"] as RiskLevel[]).map((l) => RISK_ORDER[l])).toEqual([0, 1, 2, 3]);
  });
  it("detects language, Spanish when unsure", () => {
    expect(detectLanguage("I can't sleep and I feel awful")).toBe("en");
    expect(detectLanguage("no puedo dormir")).toBe("es");
    expect(detectLanguage("ok")).toBe("es");
    expect(detectLanguage("👍")).toBe("es");
  });
  it("handles empty text", () => {
    expect(screenMessage("")).toEqual({ level: "NONE", flags: [], matches: [], language: "es" });
  });
});
