// Held-out sanity cases: behaviour a clinician would notice. Not used to tune the lexicon
// beyond the phrases quoted in the product brief.
import { describe, expect, it } from "vitest";
import { detectLanguage, maxLevel, RISK_ORDER, screenMessage, type RiskFlag, type RiskLevel } from "./risk-lexicon";

const level = (t: string) => screenMessage(t).level;

describe("round 2 tiers (issue 11, decision 006)", () => {
  // passive wish-to-die: MEDIUM (these were asserted HIGH before round 2)
  it.each(["ya no quiero vivir", "quisiera dormirme y no despertar", "todos estarían mejor sin mí", "no le veo sentido a seguir", "no quiero seguir viviendo", "no quiero despertar mañana", "I don't want to be alive anymore"])(
    "%s → MEDIUM",
    (text) => expect(screenMessage(text).level).toBe("MEDIUM"),
  );
  it.each(["ya no quiero vivir, esta noche me despido", "no quiero seguir viviendo, ya tengo las pastillas contadas para esta noche", "I don't want to be alive anymore, I've set Friday as the day"])(
    "passive wording with a plan, means or farewell: %s → HIGH",
    (text) => expect(screenMessage(text).level).toBe("HIGH"),
  );
  it("first-person explicit wording with laughter and nothing else is at least MEDIUM", () => {
    expect(RISK_ORDER[level("jaja me quiero matar")]).toBeGreaterThanOrEqual(RISK_ORDER.MEDIUM);
    expect(RISK_ORDER[level("jajaja me quiero morir")]).toBeGreaterThanOrEqual(RISK_ORDER.MEDIUM);
  });
  it("figurative / trivial-cause uses stay below MEDIUM", () => {
    for (const t of ["me quiero matar con este tráfico", "I want to die, this homework", "si pierde el Madrid hoy me corto las venas 😂", "me muero de risa"]) {
      expect(RISK_ORDER[level(t)]).toBeLessThan(RISK_ORDER.MEDIUM);
    }
  });
  it("concrete self-directed risk keeps HIGH through laughter", () => {
    expect(level("jajaja ni para eso sirvo, me tomé todo lo que tenía y solo vomité")).toBe("HIGH");
  });
});

describe("explicit intent with a method or a time is always HIGH (issue 11 goal; lead's spot check after round 3)", () => {
  it.each([
    "esta noche me voy a tomar todas las pastillas",
    "me voy a tomar todas las pastillas",
    "voy a tomarme todas mis pastillas hoy",
    "quiero tragarme el frasco entero de pastillas",
    "I'm going to hang myself tonight",
    "im gonna hang myself",
    "tomorrow I end it",
    "tonight i end it",
    "i'm going to take all my pills tonight",
    "gonna swallow all the pills",
    "I'm going to overdose tonight",
    "me voy a ahorcar esta noche",
    "mañana me mato",
  ])("%s", (text) => {
    expect(screenMessage(text).level).toBe("HIGH");
  });
});

describe("HIGH: suicidal ideation, self-harm, overdose, harm to others", () => {
  const cases: Array<[string, RiskFlag]> = [
    ["i want to end it all", "suicidal_ideation"],
    ["me despedí de mi familia", "suicidal_ideation"],
    ["tengo las pastillas guardadas", "suicidal_ideation"],
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

  // Round 2 (decision 006): passive wish-to-die wording is MEDIUM unless intent/plan/means/farewell
  // is present; these four used to be asserted HIGH.
  it("handles WhatsApp spelling: no accents, abbreviations, stretched letters, caps, emoji", () => {
    expect(level("q ya no kiero vivir")).toBe("MEDIUM");
    expect(level("NO QUIERO VIVIR MAS 😭")).toBe("MEDIUM");
    expect(level("nooo kiero seguir viviendooo")).toBe("MEDIUM");
    expect(level("todos estarian mejor sin mi")).toBe("MEDIUM");
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

// Generalisation by clinical category (v3). Phrasings invented for these tests; none appear in
// bench/data/*.jsonl. Each category is a co-occurrence rule, so these paraphrases must fire.
describe("generalised categories", () => {
  it.each([
    // stockpiling / lethal-means research
    "he estado acumulando clonazepam por si acaso",
    "voy guardando las pastillitas que me sobran, ya tengo un monton",
    "been stockpiling my xanax for a while",
    "cuantos comprimidos de lorazepam serian letales?",
    "googled the lethal dose of my lithium",
    "i counted my pills, i think i have enough now",
    // passive death wish, driving, heights / tracks
    "ojala no despierte mañana",
    "if i got hit by a bus honestly i wouldnt mind",
    "si me da un infarto la vdd no me importaria",
    "cuando manejo pienso en soltar el volante en la curva",
    "i keep thinking about swerving into oncoming traffic",
    "en el anden del metro siento ganas de tirarme",
    "me imagino tirandome del balcon todo el tiempo",
    "i think about jumping whenever i'm on a high floor",
    // disappear / burden
    "no quiero estar mas en este mundo",
    "i just want to vanish and never come back",
    "they deserve a life without me honestly",
    "sin mi mis hijos estarian mucho mejor",
    // farewells and final arrangements
    "si no respondo mañana gracias x todo, los quiero",
    "in case u dont hear from me again, thanks for everything",
    "gave my cat to my friend forever, feel at peace now",
    "ya tengo todo decidido, solo queria que alguien lo supiera",
    "son para mis hijos, las cartas, estan en la mesita",
    // self-harm acts
    "me rasguñe los brazos con una navaja",
    "golpee la pared hasta que me sangraron los nudillos",
    "apague un cigarro en mi brazo",
    "uso mangas largas para que no vean los cortes",
  ])("%s → HIGH", (text) => {
    expect(level(text)).toBe("HIGH");
  });

  it.each([
    "recai anoche, me tome 6 cervezas",
    "me tome una botella entera de tequila solo",
    "6 months sober and i broke it last night",
    "went back to drinking this weekend",
    "no pienso tomarme mas esas pastillas",
    "tire las pastillas al inodoro",
    "me salte la pastilla toda la semana a proposito",
    "no le veo ninguna salida a esto",
    "theres no way my life gets any better",
  ])("%s → MEDIUM", (text) => {
    expect(level(text)).toBe("MEDIUM");
  });

  it.each([
    "peleé con mi papa otra vez, estoy furiosa",
    "mis viejos no paran de gritarme",
    "nadie me escribe, me siento re sola",
    "todos mis amigos se casan y yo sola",
    "me despierto a las 3 y ya no me vuelvo a dormir",
    "i miss my grandma so much",
    "no he salido de mi cuarto en dias",
  ])("%s → LOW", (text) => {
    expect(level(text)).toBe("LOW");
  });

  it.each([
    "guardé las pastillas en el botiquín",
    "saving money for my meds this month",
    "dormí y no desperté hasta las 11",
    "jumped on the train just in time lol",
    "le pedí a mi vecina que cuide al perro el finde",
    "gracias por todo doctora, nos vemos el martes",
    "tengo todo planeado para el viernes, fiesta sorpresa!",
    "si no contesto es que estoy en el trabajo",
    "me muero de lo lindo que está tu perro",
    "se murio mi abuela, estoy triste pero en paz, tuvo una vida larga",
    "vi una peli sobre el suicidio, muy triste pero buenisima",
    "llevo 6 meses sobrio y me siento genial",
    "me pegué con la puerta del armario, tengo un moretón",
    "tengo mucha carga de trabajo esta semana",
    "estoy viendo que tan alto es el edificio nuevo para el proyecto",
  ])("%s → NONE", (text) => {
    expect(level(text)).toBe("NONE");
  });

  // The rules see nothing here; the vocabulary classifier adds a MEDIUM on both (known false
  // alarms it trades for recall on the dev split; it can never make them HIGH).
  it.each(["me tomé una botella de agua entera", "tiré las pastillas vencidas a la basura"])("%s → NONE by the rules, below HIGH overall", (text) => {
    expect(screenMessage(text, { classifier: false }).level).toBe("NONE");
    expect(level(text)).not.toBe("HIGH");
  });

  it("a negated first cue does not hide a later one in the same message", () => {
    expect(level("no quiero salir, quiero desaparecer")).toBe("MEDIUM"); // passive wish: MEDIUM since round 2
  });
});

// Layer 2 (concept-family scoring). Phrasings invented for these tests; the four benign
// look-alikes at the end are the ones named in the product brief.
describe("concept-family scoring", () => {
  const concept = (t: string) => screenMessage(t).matches.find((m) => m.families && !m.families.includes("CLASSIFIER"));

  const pairs: Array<[string, string, string]> = [
    ["just swallowed maybe 25 of the anxiety tablets", "INGESTION", "MEANS:pills"],
    ["me tomé unas 30 pastis de mi hermana", "INGESTION", "MEANS:pills"],
    ["parked under the viaduct and just sat there for hours", "PROXIMITY", "MEANS:place"],
    ["estoy sentada en la baranda del puente ahora", "PROXIMITY", "MEANS:place"],
    ["busqué qué altura hace falta para no sobrevivir desde un edificio", "SEARCHING", "MEANS:place"],
    ["searched what overdose of insulin is lethal", "SEARCHING", "MEANS:pills"],
    ["dejé mis contraseñas anotadas para mi hijo, esto ya es para siempre", "FINALITY", "ARRANGEMENTS"],
    ["left my insurance papers on the desk for my son, please dont tell anyone", "ARRANGEMENTS", "SECRECY"],
    ["i have it all planned out, just dont tell my mom", "PLAN", "SECRECY"],
    ["ya lo decidí. me siento en paz por fin", "FINALITY", "PLAN"],
    ["gracias por todo, de verdad, esta es la última vez que me escriben", "FINALITY", "FAREWELL"],
    ["ya tengo la cuerda y quisiera desaparecer", "ACQUIRED", "DEATH_WISH"],
    ["got a noose hidden in the garage", "ACQUIRED", "MEANS:rope"],
    ["si el vecino vuelve a gritarle a mi hija saco la escopeta, sé a qué hora sale", "HARM_OTHERS", "MEANS:weapon"],
  ];
  it.each(pairs)("%s → HIGH via %s + %s", (text, a, b) => {
    const s = screenMessage(text);
    expect(s.level).toBe("HIGH");
    const c = concept(text)!;
    expect(c.level).toBe("HIGH");
    expect(c.families).toEqual(expect.arrayContaining([a, b]));
  });

  // Round 2 (decision 006): a passive death wish alone is MEDIUM (was HIGH); still an alert.
  it("a death wish that is unambiguous alone is an alert (MEDIUM) without a second family", () => {
    expect(level("rezo cada noche para no despertar")).toBe("MEDIUM");
    expect(concept("rezo cada noche para no despertar")!.families).toEqual(["DEATH_WISH:strong"]);
    expect(level("honestly my parents would have an easier life if i was gone")).toBe("MEDIUM");
  });
  it.each(["siento que soy una carga para mis papas", "i hope i won't wake up tomorrow", "le pido a dios no despertar mañana"])(
    "passive wish / burden alone → MEDIUM since round 2 (was HIGH): %s",
    (text) => expect(level(text)).toBe("MEDIUM"),
  );
  it("(kept from the HIGH block above)", () => {
  });

  it("one family alone is not escalated", () => {
    for (const t of ["the last time you changed my dose i slept badly", "actualicé mis contraseñas del banco", "mañana tengo todo organizado para la mudanza", "i keep a knife in the kitchen drawer"]) {
      expect(concept(t)).toBeUndefined();
    }
  });

  it.each([
    "took all my pills this morning like you said",
    "me corté el pelo",
    "fui al puente de la calle 8 a comprar",
    "the train was late, standing on the platform for ages",
    "me tomé las pastillas con el desayuno como siempre",
    "set an alarm so i take all 3 of my pills on time",
    "googled how many steps a day is healthy",
    "estoy lista para la cita",
    "bought rope for the boat",
    "i know where he lives, we are neighbours",
    "took 10 mg of lexapro before bed",
  ])("benign look-alike stays NONE/LOW: %s", (text) => {
    expect(RISK_ORDER[level(text)]).toBeLessThanOrEqual(RISK_ORDER.LOW);
  });

  it("media context lowers one level at most; a first-person death wish stays ≥ MEDIUM", () => {
    expect(concept("a news story about a man who swallowed 40 pills")!.level).toBe("MEDIUM");
    expect(level("this song about wanting to disappear feels like it was written for me")).toBe("MEDIUM");
  });

  it("coping/denial lowers the concept score to MEDIUM, never to NONE", () => {
    expect(concept("no quiero morirme ni nada, pero ya tengo todo pensado y no le digan a mi mamá")!.level).toBe("MEDIUM");
  });

  it("never lowers what the rules find", () => {
    const s = screenMessage("ya no quiero vivir, en la novela el personaje también lo decía");
    expect(s.level).toBe("MEDIUM"); // passive wording: MEDIUM since round 2 (was HIGH)
  });

  it("threats with laughter follow the rule layer (LOW)", () => {
    const t = "jajaja si me vuelve a ganar al fifa saco la pistola, sé dónde vive";
    expect(concept(t)!.level).toBe("LOW");
    expect(RISK_ORDER[level(t)]).toBeLessThan(RISK_ORDER.HIGH);
  });
});

// v4 category widening. Every phrasing below is invented for the test (not copied from any
// data file); each block is one clinical category plus benign look-alikes for it.
describe("v4 categories", () => {
  it.each([
    // burden apology + finality
    "sorry for being such a burden all these years, you wont have to deal with me anymore",
    "disculpen por ser una carga, no los vuelvo a molestar",
    // two kinds of final arrangement, no death word
    "le dejé a mi amiga el pin del banco y le pedí que se quede con mis gatos",
    "i left my passwords with my brother and asked who will keep my dog",
    "updated my life insurance so my wife gets it no matter what",
    // belongings handed over + going away
    "le regalé mi bici y mis libros a mi primo, me voy a ir para siempre",
    // lingering at a height / "this time"
    "walked to the overpass again tonight, idk about next time",
    "estoy en el andén pensando qué fácil sería dar un paso",
    // media the patient applies to themself + readiness
    "this poem is literally about me. i'm ready",
    // prayer / hope not to wake (future negation)
    // researching amounts / heights
    "researched how much of my quetiapine it would take",
    "asked chatgpt from what floor a fall is fatal",
    // calm after a decision
    "me siento en paz desde que lo decidí",
    "ever since i made the decision i feel so calm",
    // conditional leaving + "don't cry for me"
    "si me voy, no me lloren",
    // harm to others: target's routine + weapon
    "sé a qué hora sale del gimnasio y tengo el cuchillo listo",
  ])("%s → HIGH", (text) => {
    expect(level(text)).toBe("HIGH");
  });

  it.each(["nothing will ever get better for me", "lo mío no tiene remedio", "no siento ningún futuro", "mi vida va a seguir siempre así"])(
    "%s → MEDIUM (hopelessness)",
    (text) => {
      expect(level(text)).toBe("MEDIUM");
    },
  );

  it.each([
    "heart's been so heavy lately",
    "i feel like im failing at all of it",
    "ando con mucha pena estos dias",
    "wanted to cry all day at work",
    "my stress's been bad, knot in my stomach all week",
    "extraño horrores a mi abuelo",
    "me cuesta mucho levantarme, ando con la tristeza",
  ])("%s → LOW", (text) => {
    expect(level(text)).toBe("LOW");
  });

  it.each([
    "im not having any thoughts of harming myself, just checking in",
    "ya me tomé todas las pastillas de hoy con el desayuno",
    "gracias por todo lo que hiciste, nos vemos el jueves",
    "sorry for being a pain, can i get a refill of my pills?",
    "prices are through the roof lol",
    "estoy cansado del trabajo pero bien",
    "se me hizo tarde, el tráfico está horrible",
    "the traffic was a nightmare today",
    "went to the bridge again to take sunset photos",
    "gave my old guitar to my nephew, he loves it",
    "el cuchillo está afilado, listo para el asado",
    "sé a qué hora sale del trabajo, le voy a dar una sorpresa",
  ])("%s → NONE", (text) => {
    expect(level(text)).toBe("NONE");
  });

  // Was a known false positive of the vocabulary classifier until round 3 (retrained with
  // benign look-alikes and ordinary text as negatives).
  it("how easy it would be to take the train instead → NONE (formerly a known false positive)", () => {
    expect(level("how easy it would be to take the train instead")).toBe("NONE");
  });

  it("medication refusal with a decision stays MEDIUM (not a suicide plan)", () => {
    expect(level("no pienso tomar más la sertralina, ya lo decidí")).toBe("MEDIUM");
    expect(level("i've made up my mind, i'm not taking my lithium anymore")).toBe("MEDIUM");
  });
});

describe("single-signal tier (one strong concept family → at least MEDIUM)", () => {
  // invented phrasings, one per single-signal family; expected minimum level and flag
  const atLeast: Array<[string, RiskLevel, RiskFlag]> = [
    ["díganle a mi mamá que la quiero mucho", "MEDIUM", "suicidal_ideation"], // FAREWELL:love
    ["tell my kids I love them, sorry for everything", "HIGH", "suicidal_ideation"], // FAREWELL + FAREWELL:love
    ["no voy a ir a la cita del martes ni a ninguna otra", "MEDIUM", "suicidal_ideation"], // LAST_SESSION
    ["please cancel all my upcoming appointments", "MEDIUM", "suicidal_ideation"],
    ["esta va a ser mi última sesión, gracias por intentarlo", "HIGH", "suicidal_ideation"], // LAST_SESSION + FAREWELL
    ["dejé todo listo para que nadie tenga que ocuparse de nada después", "MEDIUM", "suicidal_ideation"], // ARRANGEMENTS:after
    ["paid the rent and wrote down my passwords so you guys won't have to deal with it later", "HIGH", "suicidal_ideation"],
    ["i gave my cat to my cousin for good", "MEDIUM", "suicidal_ideation"], // GIVEAWAY:final
    ["desde que lo decidí estoy más tranquilo", "MEDIUM", "suicidal_ideation"], // DECISION:since
    ["there's a strange calm since i made up my mind", "HIGH", "suicidal_ideation"], // DECISION + FINALITY:calm
    ["i feel oddly peaceful today", "MEDIUM", "suicidal_ideation"], // FINALITY:calm
    ["pasé como dos horas en la azotea", "MEDIUM", "suicidal_ideation"], // DWELL
    ["sat by the tracks for hours watching the trains", "HIGH", "suicidal_ideation"], // DWELL + STARING
    ["compré una soga", "MEDIUM", "suicidal_ideation"], // ACQUIRED
    ["estoy esperándolo afuera de su trabajo", "MEDIUM", "harm_to_others"], // HARM_OTHERS (lying in wait)
    ["brought a knife, waiting outside her apartment", "HIGH", "harm_to_others"], // + weapon
    ["me tomé los clonazepam adrede", "HIGH", "overdose"], // INGESTION:intent
    ["mezclé las pastillas con tequila", "MEDIUM", "overdose"], // INGESTION:alcohol
    ["just want to sleep forever", "MEDIUM", "suicidal_ideation"], // SLEEP_FOREVER
    ["tomé mis pastillas y ojalá duerma para siempre", "HIGH", "suicidal_ideation"], // SLEEP_FOREVER + pills
    // SELF_HARM methods (HIGH alone)
    ["me rasguñé los brazos hasta sangrar", "HIGH", "self_harm"],
    ["i scratched my arms till they were raw", "HIGH", "self_harm"],
    ["me quemé la mano con la plancha a propósito", "HIGH", "self_harm"],
    ["me di cabezazos hasta que me dolió", "HIGH", "self_harm"],
    ["can't stop pulling my eyelashes out, there are bald spots", "HIGH", "self_harm"],
    ["me volví a arrancar el pelo", "HIGH", "self_harm"],
    ["dejé de comer a propósito, no merezco comida", "HIGH", "self_harm"],
    ["i don't deserve to eat", "HIGH", "self_harm"],
  ];
  it.each(atLeast)("%s → ≥ %s with %s", (text, min, flag) => {
    const s = screenMessage(text);
    expect(RISK_ORDER[s.level]).toBeGreaterThanOrEqual(RISK_ORDER[min]);
    expect(s.flags).toContain(flag);
  });

  // benign look-alikes: a benign family (routine, leisure, break, errand, skin, idiom) explains them
  const benign = [
    "le dejé el perro a mi vecina el finde",
    "my last session before the holidays, see u in january",
    "this is my last session before I move to madrid, thanks for everything",
    "in our last session we talked about my mom",
    "sorted my bank stuff for the mortgage",
    "estuve en el puente sacando fotos del atardecer",
    "estuve una hora en el puente esperando el bus",
    "me tomé las pastillas con la cena como dijo",
    "tomé una cerveza y después la pastilla, ¿es malo?",
    "i'm pulling my hair out over this homework",
    "estoy que me arranco los pelos con el trabajo",
    "me arranqué las cejas para la boda jaja",
    "scratched my mosquito bites until they bled lol",
    "ya tomé la decisión de cambiarme de carrera",
    "i've made up my mind, we're getting a puppy",
    "i'm weirdly calm about the exam",
    "i could sleep forever after that shift",
    "waiting outside her house to pick her up for the party",
    "bought rope for the camping trip",
    "gracias por todo doctora, nos vemos el jueves",
  ];
  it.each(benign)("%s → below MEDIUM", (text) => {
    expect(RISK_ORDER[screenMessage(text).level]).toBeLessThan(RISK_ORDER.MEDIUM);
  });
});
