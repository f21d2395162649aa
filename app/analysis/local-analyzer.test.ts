import { describe, expect, it } from "vitest";
import { analyzeDayLocal, sentimentOf, type TranscriptLine } from "./local-analyzer";

const at = (h: number, m = 0) => new Date(Date.UTC(2025, 2, 10, h, m));
const p = (text: string, h: number): TranscriptLine => ({ role: "patient", text, at: at(h) });
const c = (text: string, h: number): TranscriptLine => ({ role: "clinic", text, at: at(h) });

describe("sentimentOf", () => {
  it("clinical positives are positive, distress is negative", () => {
    expect(sentimentOf("me siento mejor")).toBeGreaterThan(0.2);
    expect(sentimentOf("hoy fue un buen día")).toBeGreaterThan(0.2);
    expect(sentimentOf("today was a good day", "en")).toBeGreaterThan(0.2);
    expect(sentimentOf("estoy muy triste")).toBeLessThan(-0.2);
    expect(sentimentOf("I feel so sad and alone", "en")).toBeLessThan(-0.2);
  });
  it("risk pushes sentiment down hard", () => {
    expect(sentimentOf("ya no quiero vivir")).toBeLessThanOrEqual(-0.6);
    expect(sentimentOf("hoy fue un buen día pero ya no quiero vivir")).toBeLessThanOrEqual(-0.6);
  });
  it("stays within -1..1 and is 0 for empty text", () => {
    for (const t of ["genial genial genial 😍😍", "horrible horrible odio todo", ""]) {
      const s = sentimentOf(t);
      expect(s).toBeGreaterThanOrEqual(-1);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(sentimentOf("")).toBe(0);
  });
});

describe("analyzeDayLocal", () => {
  it("one crisis message among positive ones → an alert level, and the summary quotes it", () => {
    const day = analyzeDayLocal([
      c("Hola, ¿cómo va la semana?", 9),
      p("Bien, gracias. Hoy salí a caminar con mi hermana y me sentí tranquila.", 10),
      p("Comí con mis amigas, estuvo lindo.", 13),
      p("Perdón por escribir tan tarde. Ya no quiero vivir, estoy cansada de todo.", 23),
    ]);
    expect(day.risk_level).toBe("MEDIUM"); // passive wish-to-die: MEDIUM since risk round 2 (decision 006)
    expect(day.risk_flags).toContain("suicidal_ideation");
    expect(day.summary).toContain("Ya no quiero vivir");
    expect(day.language).toBe("es");
    expect(day.suggestion).toMatch(/48 h/); // MEDIUM's suggestion (was HIGH's URGENTE and safety plan before risk round 2)
    expect(day.sentiment_score).toBeLessThan(0.3);
    expect(day.message_count).toBe(4);
  });

  it("a Spanish conversation gets a Spanish summary, state and suggestion", () => {
    const day = analyzeDayLocal([
      p("Estoy muy triste, no dormí nada anoche.", 8),
      p("Me siento sola desde que se fue mi pareja.", 9),
    ]);
    expect(day.language).toBe("es");
    expect(day.risk_level).toBe("LOW");
    expect(day.summary).toMatch(/^Mensajes del día: 2 \(de paciente: 2\)\./);
    expect(day.summary).toMatch(/triste|sola/);
    expect(day.suggestion).toMatch(/próxima sesión/);
    expect(day.emotional_state).toMatch(/tristeza|agotamiento/);
    expect(day.sentiment_score).toBeLessThan(0);
  });

  it("an English conversation gets an English summary and suggestion", () => {
    const day = analyzeDayLocal([
      p("Had a good day, went for a run and felt great.", 10),
      p("Thanks for yesterday's session!", 11),
    ]);
    expect(day.language).toBe("en");
    expect(day.risk_level).toBe("NONE");
    expect(day.sentiment_score).toBeGreaterThan(0.2);
    expect(day.summary).toMatch(/went for a run/);
    expect(day.suggestion).toMatch(/No risk signals/);
    expect(["upbeat", "calm", "upbeat and calm", "calm and upbeat"]).toContain(day.emotional_state);
  });

  it("medication refusal → MEDIUM with a concrete medication suggestion", () => {
    const day = analyzeDayLocal([p("Dejé de tomar la sertralina hace una semana, me cae mal", 12)]);
    expect(day.risk_level).toBe("MEDIUM");
    expect(day.risk_flags).toEqual(["medication_refusal"]);
    expect(day.suggestion).toMatch(/medicación/);
  });

  it("never leaks phone numbers or e-mails into the summary", () => {
    const day = analyzeDayLocal([
      p("Me corté otra vez. Llamen a mi hermana al +52 55 1234 5678 o escriban a ana.perez@gmail.com", 20),
    ]);
    expect(day.risk_level).toBe("HIGH");
    expect(day.summary).not.toMatch(/1234|5678|gmail|ana\.perez/);
    expect(day.summary).toMatch(/Me corté otra vez/);
  });

  it("strips self-introduced names", () => {
    const day = analyzeDayLocal([p("Hola, soy Lucía Fernández, estoy muy ansiosa por lo del trabajo", 9)]);
    expect(day.summary).not.toMatch(/Lucía|Fernández/);
  });

  it("only clinic lines → says so, no risk", () => {
    const day = analyzeDayLocal([c("Le recordamos su cita del jueves a las 10:00", 9), c("¿Confirma asistencia?", 12)]);
    expect(day.risk_level).toBe("NONE");
    expect(day.summary).toMatch(/^Mensajes del día: 2, todos de la clínica/);
    expect(day.message_count).toBe(2);
  });

  it("Spanish wording is gender-neutral: no 'el paciente', no -o/-a emotion words", () => {
    const days = [
      analyzeDayLocal([p("Hoy estoy animada y contenta, me siento mejor", 9)]),
      analyzeDayLocal([p("Estoy animado, todo bien", 9)]),
      analyzeDayLocal([p("Estoy muy ansiosa y cansada, no dormí", 9), p("Ya no quiero vivir", 23)]),
      analyzeDayLocal([p("Me siento agobiado y nervioso", 9)]),
      analyzeDayLocal([c("¿Cómo sigue?", 9)]),
    ];
    for (const day of days) {
      const words = `${day.summary} ${day.suggestion} ${day.emotional_state}`.replace(/«[^»]*»/g, ""); // quotes are the patient's own words
      expect(words).not.toMatch(/\b(?:el|la|al|del) paciente\b/i);
      expect(day.emotional_state).not.toMatch(/\b(?:animad|tranquil|ansios|angustiad|agotad|desesperanzad)[oa]\b/);
    }
    expect(days[0]!.emotional_state).toBe(days[1]!.emotional_state);
  });

  it("the summary counts the same messages as message_count (the day's header)", () => {
    const day = analyzeDayLocal([c("¿Qué tal el fin de semana?", 9), p("Regular, estuve triste", 10), p("Hoy algo mejor", 18)]);
    expect(day.message_count).toBe(3);
    expect(day.summary).toMatch(/^Mensajes del día: 3 \(de paciente: 2\)\./);
    const en = analyzeDayLocal([c("How was your weekend?", 9), p("I felt sad on Saturday", 10)]);
    expect(en.summary).toMatch(/^Messages this day: 2 \(from the patient: 1\)\./);
  });

  it("writes in the organization's language when given one", () => {
    const day = analyzeDayLocal([p("Estoy muy triste, no dormí nada anoche.", 8)], { language: "en" });
    expect(day.language).toBe("en");
    expect(day.summary).toMatch(/^Messages this day: 1/);
    expect(day.suggestion).toMatch(/next session/);
  });

  it("clinic lines never raise the patient's risk", () => {
    const day = analyzeDayLocal([
      c("¿Has tenido pensamientos de quitarte la vida o de hacerte daño?", 9),
      p("No, tranquila, estoy mejor esta semana", 10),
    ]);
    expect(day.risk_level).toBe("NONE");
    expect(day.sentiment_score).toBeGreaterThan(0);
  });

  it("is deterministic", () => {
    const lines = [p("No puedo más, nada tiene sentido", 9), p("Mañana voy a la cita", 10)];
    expect(analyzeDayLocal(lines)).toEqual(analyzeDayLocal(lines));
  });
});
