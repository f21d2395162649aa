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

export type RiskLevel = "NONE" | "LOW" | "MEDIUM" | "HIGH";
export type RiskFlag =
  | "suicidal_ideation"
  | "self_harm"
  | "harm_to_others"
  | "overdose"
  | "medication_refusal"
  | "acute_crisis"
  | "hopelessness"
  | "substance_use"
  | "declining_mood";
export interface RiskMatch {
  flag: RiskFlag;
  level: RiskLevel;
  phrase: string;
}
export interface RiskScreen {
  level: RiskLevel;
  flags: RiskFlag[];
  matches: RiskMatch[];
  language: "es" | "en";
}

export const RISK_ORDER: Record<RiskLevel, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_ORDER[a] >= RISK_ORDER[b] ? a : b;
}

// ---------------------------------------------------------------------------------------
// Language detection
// ---------------------------------------------------------------------------------------

const ES_WORDS = new Set(
  ("que q k de la el los las y me mi mis estoy esta estoy es en lo por para con muy pero ya yo hoy tengo " +
    "quiero kiero se te un una mas bien mal nada todo gracias hola si como toy porque xq pq tambien " +
    "dia noche manana ayer siento hace vez otra cita puedo no aqui aki donde cuando sin sueno " +
    "dormi vivir seguir soy estar tan mucho poco algo nadie nunca jamas ojala buenos buenas tarde").split(" "),
);
const EN_WORDS = new Set(
  ("i im i'm the to and a of you my is it in at not dont cant want feel feeling today so this that was am " +
    "have just with for on be all again lol tbh rn myself anymore can what how do did its it's been " +
    "sorry thanks thank hi hey good morning night tomorrow yesterday would never pills meds about " +
    "up out off like really get got need know think going gonna wanna your they he she we").split(" "),
);

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

const ABBREV_ES: Record<string, string> = {
  q: "que", k: "que", ke: "que", qe: "que", xq: "porque", pq: "porque", porq: "porque", xk: "porque",
  pk: "porque", porke: "porque", x: "por", tb: "tambien", tmb: "tambien", tbn: "tambien", d: "de",
  pa: "para", toy: "estoy", tas: "estas", ta: "esta", bn: "bien", nd: "nada", dsp: "despues",
  xfa: "por favor", porfa: "por favor", vdd: "verdad", mñn: "manana", mnn: "manana", mña: "manana",
  aki: "aqui", aqi: "aqui", kiero: "quiero", qiero: "quiero", kiere: "quiere", kieres: "quieres",
  kisiera: "quisiera", qisiera: "quisiera", ntp: "no te preocupes", kmo: "como",
  cm: "como", xa: "para", salu2: "saludos",
};
const ABBREV_EN: Record<string, string> = {
  u: "you", ur: "your", r: "are", rn: "right now", kms: "kill myself", wanna: "want to",
  gonna: "going to", gotta: "got to", idk: "i dont know", bc: "because", cuz: "because",
  cos: "because", ppl: "people", tmrw: "tomorrow", tmr: "tomorrow", pls: "please", plz: "please",
  ive: "i have", imma: "i am going to", ima: "i am going to", thx: "thanks", ty: "thank you",
  sh: "self harm", n: "and", b4: "before", "2day": "today", "2nite": "tonight", tonite: "tonight",
  dunno: "dont know", abt: "about", bf: "boyfriend", gf: "girlfriend",
};

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
    let rep = abbrev[tok];
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

// ---------------------------------------------------------------------------------------
// Pattern tables (over normalised text). A space in a pattern source means "one or more
// spaces or commas", so "me corte otra vez" also matches "me corté, otra vez".
// ---------------------------------------------------------------------------------------

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
}

function rx(src: string): RegExp {
  return new RegExp(src.replace(/ /g, "[\\s,]+"), "g");
}

type Row = [flag: RiskFlag, level: RiskLevel, src: string, opts?: { negatable?: boolean; notAfter?: RegExp; escalator?: boolean }];

const DRUGS =
  "sertralina|sertraline|fluoxetina|fluoxetine|escitalopram|citalopram|paroxetina|paroxetine|venlafaxina|" +
  "venlafaxine|desvenlafaxina|duloxetina|duloxetine|bupropion|mirtazapina|mirtazapine|trazodona|trazodone|" +
  "quetiapina|quetiapine|olanzapina|olanzapine|risperidona|risperidone|aripiprazol|aripiprazole|litio|" +
  "lithium|lamotrigina|lamotrigine|valproato|depakote|clonazepam|alprazolam|lorazepam|diazepam|rivotril|" +
  "lexapro|prozac|zoloft|seroquel|abilify|wellbutrin|xanax|lexatin|trankimazin|orfidal|concerta|" +
  "metilfenidato|pregabalina|lyrica|antidepresivos?|antidepressants?|ansioliticos?|estabilizadore?s?";
const MEDS = `(?:medicacion|medicamentos?|medicina|pastillas|pildoras|tratamiento|remedios?|meds|medication|medications|medicine|pills|${DRUGS})`;
const DET = "(?:(?:la|las|el|los|mi|mis|esa|esas|ese|esos|the|my|all my|all the) )?";
const INSTRUCTED = /(?:dijo|dice|indico|recomendo|mando|pidio|told me|said|says)(?: \w+){0,3} (?:que|to)?\s*$/;
const SUBST_ES = "(?:coca|cocaina|merca|perico|farlopa|cristal|tusi|heroina|crack|paco|keta|ketamina|mdma|md|extasis|porros?|mota|marihuana|faso|hierba|rayas?)";
const SUBST_EN = "(?:coke|cocaine|meth|crack|heroin|weed|pills|xans|molly|mdma|ketamine|booze|drugs|the bottle)";

// Compositional ideation: a desire/intent/rumination cue followed (within a few words) by a
// death/ending target. This generalises far better than listing whole sentences: on a blind
// set written after the first version, sentence-level patterns alone caught ~1/3 of HIGH.
const CUE_ES =
  "(?:quiero|quisiera|deseo|ojala|ganas de|pienso(?: \\w+)? en|pense en|pensando en|he pensado(?: en)?|" +
  "voy a|lo mejor (?:es|seria)|mejor|prefiero|necesito|decidi|planeo|planeando|estoy por|siento que|" +
  "solo quiero|me gustaria|seria mejor|para|me dan ganas de|tengo ganas de|la idea de|ideas de|fantaseo con|" +
  "sueno con|no dejo de pensar en|cuanto mas voy a)";
const TARGET_ES =
  "(?:morir(?:me)?\\b|la muerte\\b(?! de)|muert[oa]\\b(?! de)|suicid\\w*|matarme|quitarme la vida|" +
  "dejar de (?:vivir|existir|estar aqui|respirar)|no (?:existir|despertar(?:me)?|estar aqui|vivir mas|seguir viviendo)|" +
  "desaparecer\\b(?! (?:un rato|unos dias|de (?:redes|las redes|whatsapp|instagram|el chat|del grupo)|del (?:grupo|chat|trabajo|mapa un rato)))|" +
  "acabar con (?:todo|esto|mi vida|mi sufrimiento|este sufrimiento)|(?:que )?todo (?:se )?(?:termine|acabe)|(?:que )?(?:se )?(?:termine|acabe) todo|" +
  "irme (?:para siempre|de este mundo|al cielo|con (?:mi|mis) \\w+ al cielo)|dormir(?:me)? para siempre|" +
  "(?:tomarme|tragarme|beberme) (?:todas las|toda la caja|todo el frasco|el frasco|la caja|todas mis)|" +
  "tirarme (?:de|del|desde|por|a las vias)|ahorcarme|cortarme las venas|durar|que me (?:pase|pasara|pasase) algo)";
const CUE_EN =
  "(?:want to|wanna|wish i could|wish to|thinking (?:about|of)|think about|thought about|going to|plan(?:ning)? to|" +
  "ready to|need to|better (?:to|if i)|rather|deserve to|should just|keep thinking about|might as well|fantasi[sz]e about|" +
  "dream(?:ing)? (?:about|of)|urge to|tempted to|considering)";
const TARGET_EN =
  "(?:die\\b|be dead|dying\\b(?! to| for)|death\\b(?! of)|kill(?:ing)? myself|end (?:it|it all|my life|everything)\\b|" +
  "not (?:be here|exist|wake up|be alive)|disappear\\b(?! (?:into|under|in|for (?:the|a|a bit|a while|the weekend)))|suicide|sleep forever|jump (?:off|from)|overdose|od\\b|" +
  "take all (?:my|the) (?:pills|meds))";

const ROWS: Row[] = [
  ["suicidal_ideation", "HIGH", "\\b" + CUE_ES + "(?: \\w+){0,3}? " + TARGET_ES],
  ["suicidal_ideation", "HIGH", "\\b" + CUE_EN + "(?: \\w+){0,3}? " + TARGET_EN],
  // "no tengo razones para vivir", "vivir ya no tiene sentido": absence of reasons to live
  ["suicidal_ideation", "HIGH", "\\b(?:no tengo|sin|ya no tengo|no me quedan|no hay) (?:\\w+ )?(?:razon|razones|motivos?|ganas|fuerzas|sentido) (?:para|de) (?:vivir|seguir viviendo|seguir viv[oa])\\b|\\b(?:vivir|la vida|mi vida|seguir viviendo) (?:ya )?no tiene (?:sentido|caso|razon de ser)\\b", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\b(?:manana|pronto|ya|hoy) (?:ya )?no (?:voy a|vaya a) estar\\b(?=[\\s.!?]*$|[\\s.!?,;]*(?:gracias|perdon|adios|cuidense|los quiero|las quiero|te quiero|para nadie|mas\\b|con ustedes))|\\bno voy a durar mucho\\b|\\bgracias por todo\\b(?=.{0,40}\\b(?:adios|perdon|no voy a estar|despedir))", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\bojala me (?:atropell\\w*|pise|mate|choque|caiga (?:un|algo)|pase algo|muera|lleve)\\b|\\b(?:irme|estar|reunirme) con (?:mi|mis) \\w+ (?:al|en el) cielo\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:would be|d be|be|are|is) (?:fine|better|happier|ok|okay|better off|relieved)(?: \\w+){0,2} (?:without me|if i (?:just )?(?:wasnt|werent|was not|were not|was gone|were gone|died|disappeared|wasnt here|wasnt around))\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:going to|gonna|about to|want to|ready to) jump\\b(?=\\s*(?:$|[.!?;,]|off|from))|\\bplanning (?:how|when) (?:id|i would|to) (?:do it|end it)|\\b(?:except|but|other than|only) (?:dying|death|to die|suicide|ending it)\\b|\\bwish i (?:wasnt|werent|was not|were not) (?:alive|here|born|around)\\b", { negatable: false }],

  // ---- HIGH · suicidal ideation, intent, plan, means (Spanish) ----
  ["suicidal_ideation", "HIGH", "\\bno (?:quiero|quisiera|deseo|tengo ganas de|me quedan ganas de) (?:seguir )?(?:vivir|viviendo|existir|existiendo|estar viv[oa]|despertar(?:me)?|amanecer|estar en este mundo|estar (?:mas )?(?:aqui|aca)|seguir (?:aqui|aca))\\b", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\bno (?:quiero|quisiera) seguir(?=\\s*(?:$|[.!?;,]|asi\\b|mas\\b|adelante\\b|en este mundo|aqui\\b))", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\bno le (?:veo|encuentro) (?:el |ningun )?sentido a (?:seguir|vivir|la vida|mi vida|estar viv[oa])", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\b(?:que|para que) sentido tiene (?:vivir|seguir|la vida|estar viv[oa])"],
  ["suicidal_ideation", "HIGH", "\\b(?:quiero|quisiera|ganas de|deseo|ojala|prefiero|me gustaria|solo quiero) (?:morir(?:me)?\\b|estar muert[oa]|dejar de existir|no existir|desaparecer para siempre|no despertar(?:me)?|dormir(?:me)? y no despertar|dormir(?:me)? para siempre)", { negatable: true }],
  ["suicidal_ideation", "HIGH", "\\bme (?:quiero|quisiera|gustaria|voy a) (?:morir|matar|suicidar|ir para siempre|dormir para siempre|ir a dormir para siempre)\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:mejor|ojala) me (?:muero|muera|muriera|mato)\\b"],
  ["suicidal_ideation", "HIGH", "\\bsi (?:me muero|me mato|me muriera|desaparezco|no estuviera) (?:nadie|a nadie|no pasa)"],
  ["suicidal_ideation", "HIGH", "\\b(?:quitarme la vida|matarme|suicidarme|me (?:voy a|quiero|pienso|podria) suicidar|pensamientos suicidas|ideas suicidas|ideacion suicida|atentar contra mi)"],
  ["suicidal_ideation", "HIGH", "\\b(?:voy a|quiero|pienso|necesito|ganas de|decidi) (?:acabar|terminar) con (?:todo|mi vida|esto de una vez)|\\b(?:que|q) se (?:acabe|termine) todo|\\bacabar con todo esto"],
  ["suicidal_ideation", "HIGH", "\\b(?:estarian|estaria|estarias|vivirian|serian|seria) (?:mucho )?(?:mejor|mas felices|mas tranquil[oa]s?) sin mi\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:seria|es|todo seria) (?:mejor|mas facil|mas sencillo) (?:si|que) (?:yo )?(?:no|ya no) (?:estuviera|estuviese|existiera|existiese|este|hubiera nacido)", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\bcuando (?:yo )?(?:ya )?no (?:este|exista)(?=\\s*(?:$|[.!?;,]))", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\b(?:nadie|ninguno) (?:me )?(?:va a|van a|iba a) (?:extranar|echar de menos|notar)"],
  ["suicidal_ideation", "HIGH", "\\bya no (?:voy a|vaya a) (?:ser|seguir siendo) (?:un problema|una carga|un estorbo)", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\b(?:me (?:voy a ir|ire|iria|quiero ir)|irme) para siempre\\b|\\b(?:dormir|desaparecer) para siempre\\b"],
  ["suicidal_ideation", "HIGH", "\\bme despedi de (?:mi familia|todos|todas|mis|mi)\\b|\\b(?:cartas?|notas?) (?:de despedida|para mis|a mis|para mi familia|a mi familia|para cuando)|\\bles escribi (?:las |unas |una )?cartas?|\\bdespedirme de (?:todos|mi familia)"],
  ["suicidal_ideation", "HIGH", "\\bya no (?:lo|la|los|las) (?:voy a necesitar|vaya a necesitar|necesitare)|\\bregale (?:todas )?(?:mis cosas|todo)\\b|\\b(?:le|les) deje todo a\\b", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\btodo (?:planeado|preparado|listo|decidido)\\b.{0,30}?\\blo (?:hago|hare|voy a hacer)\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:compre|tengo|consegui) (?:la|una) soga\\b|\\bahorcar(?:me)?\\b|\\bme (?:intente|quise|voy a|quiero) (?:ahorcar|colgar)\\b|\\bcolgarme del\\b"],
  ["suicidal_ideation", "HIGH", "\\bpastillas (?:guardadas|escondidas|juntadas|acumuladas|ahorradas)|\\b(?:juntando|acumulando|guardando|escondiendo|ahorrando|junte|acumule) (?:las |unas |muchas |mis )?pastillas|\\bya se cuant[ao]s (?:pastillas )?(?:necesito|me tengo que tomar|hacen falta)"],
  ["suicidal_ideation", "HIGH", "\\b(?:tirarme|aventarme|lanzarme|arrojarme|botarme|me (?:voy a )?(?:tiro|tirar|aviento|aventar|lanzo|lanzar|arrojo|arrojar)) (?!de los pelos)(?:de|del|desde|por|a las vias|a la via|al (?:tren|metro|rio|mar|vacio)|a la (?:autopista|carretera))\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:saltar|tirarme) (?:del|desde el|desde la|de la|de un|por la) (?:puente|balcon|azotea|ventana|edificio|terraza|techo|barranco|piso)|\\bno se si (?:saltar|tirarme|hacerlo)\\b|\\b(?:estoy|ando) en (?:el|la) (?:puente|azotea|terraza|techo|cornisa)\\b", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\bestrellar (?:el|mi) (?:carro|coche|auto|moto)\\b|\\bcortarme las venas|\\bme (?:corte|corto) las venas|\\b(?:usarlo|usarla) (?:conmigo|contra mi)\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:hart[oa]|cansad[oa]) de (?:vivir|estar viv[oa])\\b|\\bharto de la vida\\b|\\bharta de la vida\\b"],
  // ---- HIGH · suicidal ideation (English) ----
  ["suicidal_ideation", "HIGH", "\\b(?:want|wanted|going|plan|planning|ready|need|decided|try|tried|trying) to (?:end it(?: all)?|end my life|kill myself|die|be dead|disappear forever|take my (?:own )?life|commit suicide)\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:kill(?:ing)? myself|end(?:ing)? my life|take my (?:own )?life|end it all|(?:commit|committing|attempt(?:ed)?|thinking of|thoughts of|considering) suicide|suicidal)\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:better off|happier|be better|be fine) (?:without me|if i (?:was|were|am) (?:gone|dead|not here|never born))|\\bif i was gone\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:dont|do not|no longer|never) want to (?:be alive|live|wake up|exist|be here|keep living|go on)\\b(?! (?:with|in|at|there|near|on)\\b)", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\b(?:never|not|dont) wake up\\b|\\bsleep and (?:never|not) wake\\b|\\bwish i (?:was|were|could be) (?:dead|never born|gone)\\b|\\bwish i could (?:die|disappear|just not exist)\\b", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\bno (?:point|reason) (?:in |to )?(?:going on|living|keep(?:ing)? (?:going|living)|being alive|to live|in life|for me to live)\\b", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\blife (?:isnt|is not|aint|not) worth (?:living|it)\\b|\\bnot worth living\\b", { negatable: false }],
  ["suicidal_ideation", "HIGH", "\\b(?:goodbye|suicide|farewell) (?:letters?|notes?)\\b|\\bwrote (?:a |my )?(?:goodbye|farewell|last) |\\bsaid (?:my )?goodbyes? to (?:everyone|my)\\b|\\b(?:gave|giving) away (?:my|all my)\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:jump|jumping|jumped) (?:off|from|in front)\\b|\\b(?:standing|sitting|up) on (?:the |a )?(?:roof|ledge|bridge)\\b|\\bhave a plan (?:and|to)\\b|\\bpills (?:saved|stocked|stockpiled|hoarded)|\\b(?:saving|stockpiling|hoarding|saved up) (?:my |the )?pills\\b|\\bhow many i need\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:tonight|today) (?:im|i am) (?:going to|gonna) end it\\b|\\bend it (?:tonight|today)\\b|\\b(?:going to|gonna) end it\\b"],
  // burden / "sobrar", relief-if-I-die, others better without me
  ["suicidal_ideation", "HIGH", "\\bsobro (?:en este mundo|aqui|aca|en esta vida|en todos lados)\\b|\\b(?:alivio|mejor|descanso|felices|tranquil[oa]s) .{0,30}\\bsi (?:me muero|muero|me mato|desaparezco|ya no estoy|me voy para siempre)\\b|\\bmejor sin (?:mi|su (?:madre|padre|mama|papa|hij[oa]|herman[oa]|espos[oa]))\\b|\\bbetter off dead\\b|\\bbe better dead\\b"],
  // means research, firearms, rope, farewell messages, deciding the end
  ["suicidal_ideation", "HIGH", "\\b(?:cuantas|cuantos) (?:pastillas|pildoras|comprimidos|\\w+) (?:hacen falta|se necesitan|necesito|para morir|son mortales)\\b|\\bhow many (?:pills|tablets|\\w+) (?:it takes|to die|would|does it take|to take to)\\b|\\b(?:busque|looked up|googled|searched) (?:en internet |online )?(?:como (?:morir|matarme|suicidarme|ahorcarme)|how to (?:die|kill myself|overdose|hang))"],
  ["suicidal_ideation", "HIGH", "\\b(?:tengo|compre|consegui|guardo) (?:una|un) (?:pistola|arma|revolver|escopeta)\\b|\\b(?:have|got|bought|keep) a (?:gun|pistol|firearm|rope)\\b(?! for)|\\bcuerda para (?:colgarme|ahorcarme)\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:mi|este es mi|this is my|my) (?:ultimo mensaje|last message)\\b|\\b(?:decidi|ya decidi|lo tengo decidido) .{0,20}\\b(?:ultim[oa] (?:semana|dia|noche|vez)|no (?:voy a )?seguir)\\b|\\b(?:todo )?(?:listo|preparado) para irme\\b(?! de (?:vacaciones|viaje)| a\\b| al\\b)|\\bdeje (?:las |unas )?cartas (?:escritas|para)\\b|\\bme mato\\b(?=[\\s.!?]*$)"],
  ["suicidal_ideation", "HIGH", "\\b(?:dont|do not|cant|cannot|can not) (?:see|find) (?:a|any|the) (?:reason|point) (?:to|of|in) (?:stay(?:ing)? alive|be(?:ing)? alive|live|living|keep(?:ing)? (?:going|living)|going on)\\b", { negatable: false }],
  ["overdose", "HIGH", "\\b(?:me tome|me bebi|me trague|tome|took|swallowed|drank)\\b.{0,60}\\b(?:pastillas|pildoras|pills|meds|tablets)\\b.{0,30}\\b(?:a proposito|on purpose)\\b"],
  ["self_harm", "HIGH", "\\b(?:me|myself|my (?:arms?|legs?|wrists?|thighs?))\\b.{0,40}\\b(?:navaja|cuchilla|gillette|hoja de afeitar|cutter|trincheta|bisturi|razor|blade)\\b|\\bme (?:lastime|corte|queme) las (?:munecas|piernas)\\b|\\bcutting (?:on )?my\\b|\\b(?:brazos|piernas|munecas) llen[oa]s de (?:marcas|cortes|cicatrices)\\b"],
  ["suicidal_ideation", "LOW", "\\b(?:ya )?me (?:quiero|voy a) ir\\b(?=[\\s.!?]*$)|\\bi want to (?:go|leave)\\b(?=[\\s.!?]*$)", { escalator: true }],
  // ---- HIGH · self-harm ----
  ["self_harm", "HIGH", "\\bme (?:volvi a |he vuelto a )?(?:corte|cortaba|he cortado|corto)\\b(?! (?:el|la|los|las|mi|mis) (?:pelo|cabello|flequillo|fleco|unas|barba|puntas|melena|dedo|mano|pie|flujo|luz|llamada|rollo|comunicacion|linea|internet|agua)| con (?:un|una|el|la) (?:papel|hoja|lata|vidrio|cuchillo de cocina|tijeras|cristal)| cocinando| afeitando| sin querer)"],
  ["self_harm", "HIGH", "\\b(?:volvi|he vuelto|vuelvo|volver) a cortarme\\b|\\b(?:volvi|he vuelto|vuelvo) a (?:cortar|lastimar|autolesionar|quemar)(?:me)?\\b(?! (?:el|la|los|las) (?:pelo|cabello|unas|flequillo|fleco|barba|puntas|pasto|cesped))|\\bcortarme(?! (?:el|las|los|la) (?:pelo|cabello|unas|flequillo|fleco|barba|puntas))\\b"],
  ["self_harm", "HIGH", "\\bme (?:hice|hago|he hecho|estoy haciendo) (?:cortes|tajos|heridas|quemaduras|dano)\\b|\\bme (?:estoy )?(?:lastimando|autolesionando|cortando)\\b|\\bme (?:lastime|lastimo|autolesione|autolesiono) (?:otra vez|de nuevo|a proposito|a mi mism[oa]|cuando)|\\b(?:lastimarme|autolesionarme|herirme|hacerme dano|hacerme cortes)\\b|\\bme (?:haria|voy a hacer|quiero hacer|hare) dano\\b|\\bautolesion"],
  ["self_harm", "HIGH", "\\bme (?:rasgune|rasguno|arane|arano|rasque|rasco|pellizque|mordi|muerdo|golpee|golpeo|pegue|pego|di golpes|doy golpes|queme|quemo|corte|corto|lastime|lastimo)\\b.{0,40}\\bhasta (?:sangrar|que me salio sangre|hacerme sangre|que sangre)|\\bme (?:di|doy|daba|pegue|pego) (?:golpes|punetazos|cachetadas|cabezazos)\\b|\\b(?:rasgunarme|aranarme|golpearme|quemarme|pegarme)\\b(?! (?:el|la) (?:sol|cara con crema))"],
  ["self_harm", "HIGH", "\\bme (?:queme|quemo) con (?:el |un |una |los |la )?(?:cigarr\\w*|mechero|encendedor|fosforos?|cerillos?)|\\bme (?:queme|quemo) (?:a proposito|los brazos|la piel|otra vez)|\\bhasta sangrar\\b|\\b(?:golpee|pegue|doy|di) (?:la cabeza )?contra la pared"],
  ["self_harm", "HIGH", "\\b(?:cutting|cut|burning|burned|burnt|hurting|hurt|harming|harmed|scratching|scratched|hitting|punching|starving) myself\\b(?! (?:shaving|cooking|by accident|accidentally|at the gym|at work|playing|running|lifting))|\\bcutting again\\b|\\b(?:cut|burned|burnt|scratched|carved) (?:my|into my) (?:arms?|wrists?|thighs?|legs?|skin|stomach)\\b|\\bself harm(?:ed|ing)?\\b|\\brelapsed on (?:self harm|cutting)\\b|\\burges? to (?:cut|hurt|harm|burn)\\b"],
  // ---- HIGH · harm to others ----
  ["harm_to_others", "HIGH", "\\b(?:lo|la|los|las) (?:voy a|vamos a|quiero|pienso) (?:matar|apunalar|ahorcar)\\b|\\bvoy a matar(?:lo|la|los|las)\\b|\\b(?:lo|la) mato\\b(?! de (?:risa|hambre|un susto))|\\b(?:ganas de|quiero|voy a|pienso) (?:matar|apunalar|lastimar|golpear|hacerle dano) a (?:mi|mis|ese|esa|el|la|ese tipo)\\b|\\b(?:hacerle|hacerles|le voy a hacer|les voy a hacer) dano\\b|\\b(?:lo|la) voy a (?:lastimar|apunalar|ahorcar)\\b"],
  ["harm_to_others", "HIGH", "\\b(?:le|les|la|lo) (?:voy a|vamos a) (?:partir|romper|reventar|abrir) (?:la cara|la cabeza|el craneo|la madre)\\b(?=.{0,40}\\b(?:en serio|te lo juro|lo juro|no es broma|esta vez))"],
  ["harm_to_others", "HIGH", "\\b(?:going to|want to|about to|will|ill|i will) (?:kill|hurt|stab|shoot|strangle|beat up) (?:him|her|them|my \\w+|that \\w+|everyone)\\b"],
  // ---- HIGH · overdose / poisoning ----
  ["overdose", "HIGH", "\\bme (?:tome|trague|bebi|meti|he tomado|he tragado|acabo de tomar)(?: como| mas de| casi| unas| unos)? (?:toda la caja|el frasco|la caja|el blister|un frasco|una caja|un punado|un monton de (?:pastillas|pildoras)|varias cajas|\\d{2,}\\b(?! ?(?:mg|ml|gotas|minutos|min|horas|gr|g)\\b)|veinte|treinta|cuarenta|cincuenta)"],
  ["overdose", "HIGH", "\\bme (?:tome|trague|bebi|meti|he tomado|he tragado) (?:todas las|todos los|todo el|muchas|muchos|varias)(?: \\w+){0,2} (?:de )?" + MEDS],
  ["overdose", "HIGH", "\\b(?:pastillas|pildoras|medicacion|tome|tomado|meti|trague)(?: \\w+)? de mas a proposito|\\bsobredosis\\b|\\bme (?:tome|bebi|trague)\\b.{0,25}\\b(?:lejia|cloro|veneno|raticida|matarratas|insecticida|lavandina)"],
  ["overdose", "HIGH", "\\b(?:took|taken|swallowed|downed|popped|ate)(?: like| about| over| almost)? (?:the whole|a whole|all (?:of )?(?:my|the)|a (?:bunch|handful|ton) of|too many|\\d{2,}|twenty|thirty|forty|fifty)(?: \\w+){0,2}? (?:of )?(?:my )?(?:bottle|box|pack|packet|blister|pills|meds|medication|tablets|capsules|tylenol|advil|paracetamol|ibuprofen|sleeping pills|" + DRUGS + ")\\b|\\boverdos\\w*"],
  // ---- MEDIUM · medication refusal / abandonment ----
  ["medication_refusal", "MEDIUM", "\\b(?:deje|he dejado|dejo|abandone|voy a dejar|quiero dejar|pienso dejar|dejare|dejar) (?:de )?(?:tomar(?:me)? )?" + DET + MEDS + "\\b", { notAfter: INSTRUCTED }],
  ["medication_refusal", "MEDIUM", "\\bya no (?:me )?(?:tomo|tomare|voy a tomar|quiero tomar|estoy tomando) " + DET + MEDS + "\\b", { negatable: false }],
  ["medication_refusal", "MEDIUM", "\\bno (?:he tomado|me he tomado|tomo|me tomo|estoy tomando|me estoy tomando|me tome|tome) " + DET + MEDS + "\\b(?=.{0,25}\\b(?:desde|hace|dias|semanas?|ya no))", { negatable: false }],
  ["medication_refusal", "MEDIUM", "\\bhace (?:\\d+|unos|varios|dos|tres|cuatro|cinco|muchos) dias (?:que )?(?:no|sin) (?:me )?(?:tomo|tomar)\\b|\\b(?:tire|tiro|bote|eche) " + DET + "(?:pastillas|medicacion|meds|" + DRUGS + ")\\b", { negatable: false }],
  ["medication_refusal", "MEDIUM", "\\bno (?:pienso|voy a|quiero) (?:volver a )?tomar(?:me)? (?:" + DET + MEDS + "|nada mas)\\b|\\bhart[oa] de(?:l| la| las) (?:tratamiento|medicacion|pastillas)\\b|\\bme (?:baje|subi|quite|cambie) la dosis (?:yo|por mi cuenta|sin)\\b", { negatable: false }],
  ["medication_refusal", "MEDIUM", "\\b(?:llevo|hace) (?:una|un|\\d+|dos|tres|varios|varias|muchos|unos|unas) (?:\\w+ )?(?:dias|semanas?|mes|meses) sin (?:tomar(?:me)? )?" + DET + MEDS + "\\b|\\bno me (?:las|la|los|lo) (?:tomo|estoy tomando|tome|he tomado|pienso tomar|voy a tomar)\\b(?<=" + MEDS + ".{0,60})|\\bno (?:voy a|pienso|quiero) tomar(?:me)? (?:mas|nunca mas) " + DET + "(?:esas |estas )?" + MEDS + "\\b", { negatable: false }],
  ["medication_refusal", "MEDIUM", "\\b(?:havent|have not|hasnt|didnt|did not|not) (?:taken|take|took|been taking) (?:my |the |any )?" + MEDS + "\\b(?=.{0,20}\\b(?:in|for|since) (?:a|\\d+|two|three|several|days|weeks|ages))|\\b(?:flushed|tossed|dumped|got rid of|binned) (?:my|the|all my) (?:pills|meds|medication)\\b", { negatable: false }],
  ["medication_refusal", "MEDIUM", "\\bno (?:me )?(?:tomo|estoy tomando|he tomado|me he tomado) (?:nada|ninguna|ninguno)\\b(?=.{0,50}" + MEDS + ")|\\bno (?:quiero|me interesa|pienso|voy a) (?:seguir|continuar) con " + DET + MEDS + "\\b|\\bnot (?:refilling|renewing|picking up|going to refill) (?:them|it|my|the)\\b(?<=" + MEDS + ".{0,60})", { negatable: false }],
  ["medication_refusal", "MEDIUM", "\\b(?:stopped|stop|quit|quitting|stopping|skipped|skipping|skip|ditched|off) (?:taking )?(?:my |the |all my )?" + MEDS + "\\b|\\bnot taking (?:my |the )?" + MEDS + " (?:anymore|any more)\\b|\\bthrew (?:my|the|all my) (?:pills|meds|medication)\\b|\\b(?:wont|will not|refuse to|not going to) take (?:my |the )?" + MEDS + "\\b", { notAfter: INSTRUCTED }],
  // ---- MEDIUM · acute crisis / panic ----
  ["acute_crisis", "MEDIUM", "\\bataques? de (?:panico|ansiedad|nervios|angustia)\\b|\\bcrisis de (?:ansiedad|panico|angustia|nervios|llanto)\\b|\\b(?:en|plena|una|tengo|tuve|me dio|me da) crisis\\b|\\bno puedo respirar\\b|\\bme falta el aire\\b|\\bme (?:estoy )?(?:ahogo|ahogando)\\b|\\bhiperventil\\w*|\\bsiento que me (?:muero|voy a morir|desmayo|voy a desmayar|va a dar algo)\\b|\\bme (?:voy a|estoy) volv\\w* loc[oa]\\b|\\bno (?:me )?puedo calmar\\b|\\bno paro de temblar\\b|\\bcorazon a mil\\b|\\bahora mismo ayuda\\b|\\bme esta dando (?:un ataque|una crisis|algo)\\b|\\bno (?:puedo parar|paro) de (?:llorar|temblar|gritar)\\b|\\bno respiro\\b"],
  ["acute_crisis", "MEDIUM", "\\b(?:panic|anxiety) attack\\b|\\b(?:cant|can not|cannot) breathe\\b|\\bhyperventilat\\w*|\\bfreaking out\\b|\\b(?:in|having a) (?:crisis|breakdown|meltdown)\\b|\\b(?:cant|cannot) (?:calm down|stop shaking)\\b|\\b(?:feel|feels|feeling) like (?:im|i am) (?:dying|going crazy|losing my mind)\\b|\\blosing my mind\\b|\\bneed help (?:now|right now|asap)\\b|\\bdrowning\\b|\\bspiral(?:ing|ling)\\b"],
  // ---- MEDIUM · hopelessness (no explicit ideation) ----
  ["hopelessness", "MEDIUM", "\\bnada tiene sentido\\b|\\b(?:no|ya no) (?:le )?(?:encuentro|veo) sentido a nada\\b|\\b(?:ya )?no puedo mas\\b|\\bno (?:aguanto|soporto) (?:mas|esto)\\b|\\bya no (?:aguanto|puedo|soporto)\\b(?=\\s*(?:$|[.!?;,]))|\\b(?:no tengo|sin|perdi la|ya no tengo|no hay) esperanzas?\\b|\\bnunca voy a (?:salir|mejorar|estar bien|ser feliz|cambiar)\\b|\\bnada (?:va a|vaya a|nunca va a) (?:cambiar|mejorar|salir bien)\\b|\\bno (?:veo|hay|tengo) (?:futuro|salida)\\b", { negatable: false }],
  ["hopelessness", "MEDIUM", "\\bpara que (?:intentar|intentarlo|seguir intentando|luchar|esforzarme|seguir)\\b|\\btodo me da (?:igual|lo mismo)\\b|\\bestoy desesperad[oa]\\b|\\bdesesperacion\\b|\\bestoy al (?:borde|limite)\\b|\\bno sirvo para nada\\b|\\bsoy (?:un|una) (?:fracaso|fracasada|fracasado|estorbo|carga)\\b|\\bmi vida no vale (?:nada|la pena)\\b|\\bno valgo nada\\b|\\bme (?:rindo|di por vencid[oa])\\b|\\bno puedo con (?:esto|todo|mi vida|la vida)\\b|\\bal limite\\b|\\bcolapsad[oa]\\b|\\bno (?:le )?veo (?:salida|solucion) a nada\\b|\\bno (?:tengo fe|creo|confio) en que (?:nada|esto|algo) (?:cambie|mejore)\\b|\\bcansad[oa] de luchar\\b"],
  ["hopelessness", "MEDIUM", "\\bnothing (?:matters|makes sense)\\b|\\b(?:cant|can not|cannot) (?:take|do|handle) (?:it|this) (?:anymore|any more)\\b|\\bhopeless\\b|\\bno hope\\b|\\bnever (?:going to |gonna )?get better\\b|\\b(?:whats|what is) the point\\b|\\bbreaking point\\b|\\b(?:giving|give|gave) up on (?:everything|life|myself)\\b|\\bnothing (?:will )?ever changes?\\b|\\bi give up\\b|\\b(?:cant|cannot|can not) cope\\b|\\bdone with (?:everything|it all|life)\\b|\\bnothing (?:helps|works)\\b|\\b(?:dont|do not|cant) see the point\\b|\\b(?:im|i am) worthless\\b|\\bno future\\b", { negatable: false }],
  // ---- MEDIUM · substance relapse ----
  ["substance_use", "MEDIUM", "\\b(?:volvi|he vuelto|vuelvo) a (?:beber|tomar alcohol|chupar|consumir|drogarme|fumar|meterme|jalar|esnifar|pincharme)\\b|\\breca(?:i|ido|ida|yendo)\\b|\\bme (?:emborrache|puse pedo|puse ciego|puse en pedo|drogue)\\b|\\bme meti (?:unas? |una raya de |mucha |algo de )?(?:" + SUBST_ES + "|pastillas|pastis)\\b|\\botra vez con (?:la |el |los )?" + SUBST_ES + "\\b|\\bllevaba \\w+ (?:meses|dias|semanas|anos) sin (?:beber|consumir|tomar)\\b|\\bconsumi\\b|\\bme pase con (?:la |el |los )?(?:" + SUBST_ES.slice(3, -1) + "|alcohol|copas|tragos|bebida)\\b"],
  ["substance_use", "MEDIUM", "\\brelapsed\\b(?! on (?:self harm|cutting))|\\b(?:used|drank|smoked|drinking|using) again\\b|\\b(?:got|getting) (?:drunk|high|wasted|smashed)\\b|\\bdrank (?:all|the whole)\\b|\\bafter \\d+ (?:days|weeks|months) (?:clean|sober)\\b|\\bfell off the wagon\\b|\\bslipped up\\b|\\bback on (?:the )?" + SUBST_EN + "\\b"],
  ["substance_use", "LOW", "\\b" + SUBST_ES + "\\b(?! de)"],
  // ---- LOW · distress / declining mood ----
  ["declining_mood", "LOW", "\\b(?:trist\\w*|deprimid[oa]|desanimad[oa]|desganad[oa]|decaid[oa]|depre|depresion|bajon(?:ead[oa])?|achicopalad[oa]|ansios[oa]|ansiedad|angustia(?:d[oa])?|agobi\\w*|abrumad[oa]|estresad\\w*|estres|nervios[oa]?|llorando|llore|lloro|llorar|vaci[oa]|fatal|culpable|inutil|miedo|irritable|desmotivad[oa]|preocupad[oa]|insomnio|pesadillas|pesimo|horrible)\\b"],
  ["declining_mood", "LOW", "\\bme siento (?:muy |tan |re |bien |super )?(?:sol[oa]|mal|una mierda|perdid[oa]|fea|feo)\\b|\\b(?:estoy|ando|toy|sigo|me siento) (?:muy |tan |re |bien |medio |super |un poco )?(?:mal|sol[oa]|cansad[oa]|agotad[oa]|hech[oa] polvo|de bajon|enojad[oa]|depre)\\b|\\bno estoy bien\\b|\\bmal dia\\b|\\bno (?:dormi|he dormido|puedo dormir|pude dormir|duermo)\\b|\\bsin (?:dormir|pegar ojo)\\b|\\bsin (?:energia|fuerzas|ganas)\\b|\\bno tengo (?:fuerzas|energia|ganas de nada|hambre)\\b|\\bme (?:enoje|cuesta (?:levantarme|concentrarme|dormir|salir))\\b|\\bexplote\\b|\\bno he comido\\b|\\buna mierda\\b|\\banimo por el (?:piso|suelo)\\b|\\bcabeza a mil\\b|\\bestomago cerrado\\b|\\bno paro de pensar\\b|\\bmal humor\\b|\\bde malas\\b|\\bno (?:logro|consigo|puedo) (?:dormir|descansar|concentrarme)\\b|\\b(?:sin|no tengo|pocos|cero) animos?\\b|\\b(?:me siento|estoy|ando|como) (?:\\w+ )?(?:apagad[oa]|rar[oa]|desganad[oa]|sin ganas)\\b|\\bsin poder dormir\\b|\\bcapa caida\\b|\\bno tengo ganas de (?:levantarme|salir|hacer nada|comer|hablar|ver a nadie)\\b|\\btodo me (?:molesta|irrita|cuesta)\\b|\\bno me aguanto ni yo\\b", { negatable: true }],
  ["declining_mood", "LOW", "\\b(?:sad|depressed|depression|anxious|anxiety|lonely|exhausted|stressed|overwhelmed|cried|crying|overthinking|failure|nightmares?|nervous|guilty|upset|worried|miserable|numb|insomnia|irritable|empty)\\b|\\b(?:feel|feeling|felt|im|i am|so|really|pretty) (?:\\w+ )?(?:down|alone|low|awful|terrible|crap|shit|bad)\\b|\\bnot (?:feeling|doing) (?:great|good|well|ok|okay)\\b|\\b(?:cant|couldnt|didnt|did not|could not|cannot) (?:sleep|focus|concentrate)\\b|\\bno appetite\\b|\\btired of everything\\b|\\b(?:bad|rough|hard|awful|terrible) (?:day|night|week)\\b|\\bmood is (?:low|bad)\\b|\\bin a funk\\b|\\b(?:hard|rough|tough) time\\b|\\bgrumpy\\b|\\b(?:im|so|really|very|feeling) tired\\b|\\bfeeling blue\\b|\\bbarely (?:slept|sleeping|eating)\\b|\\bfeel(?:ing)? (?:so )?(?:off|blah|meh)\\b"],
];

const PATTERNS: Pattern[] = ROWS.map(([flag, level, src, opts]) => ({
  flag,
  level,
  re: rx(src),
  negatable: opts?.negatable ?? true,
  notAfter: opts?.notAfter,
  escalator: opts?.escalator,
}));

// Idioms: any risk match overlapping one of these spans is dropped.
const IDIOMS: RegExp[] = [
  "\\b(?:me|te|se|nos) (?:muero|muere|morimos|mori|moria|estoy muriendo|muera|mueras) de (?:la |los )?(?:risa|ganas|hambre|sueno|frio|calor|sed|miedo|verguenza|envidia|amor|pena|aburrimiento|nervios|cansancio|emocion|curiosidad|gusto|felicidad|celos|alegria)",
  "\\b(?:me quiero|quiero|me queria|me voy a|me iba a) morir(?:me)? de (?:la |los )?(?:verguenza|risa|ganas|hambre|sueno|calor|frio|aburrimiento|envidia|amor|nervios|pena|ternura)",
  "\\bmuert[oa]s? de (?:risa|cansancio|sueno|hambre|frio|miedo|verguenza|calor|sed|envidia)",
  "\\b(?:de|para) morir(?:se)?\\b(?: de \\w+)?|\\bde muerte\\b|\\bmorirse de\\b|\\bmori con\\b|\\bme mori de\\b|\\bme muero con\\b",
  "\\b(?:me|te|nos) (?:va|van|vas) a matar\\b(?! a\\b)|\\b(?:va|van) a matarme\\b|\\bme (?:mata|matan|esta matando|estan matando|matas)\\b|\\bme mate (?:estudiando|trabajando|entrenando|corriendo|limpiando|de risa)",
  "\\b(?:chiste|examen|gym|gimnasio|trabajo|calor|trafico|dia|partido|serie|video|meme|audio|jefe|clase)s? (?:me )?(?:mato|mata|matan|esta matando)\\b",
  "\\bse (?:me |le |te )?(?:murio|murieron|muere|muerio) (?:el|la|mi|los|las) (?:celular|cel|telefono|movil|bateria|compu|computadora|laptop|portatil|coche|carro|auto|planta|plantas|tele|internet|wifi)",
  "\\bdying (?:to|for|of laughter|laughing)\\b|\\bto die for\\b|\\b(?:killing|killed|kill) it\\b|\\b(?:is|are|was|were|s|re) killing me\\b|\\bkilled me\\b|\\b(?:going to|will|would) kill me\\b",
  "\\b(?:phone|battery|laptop|car|computer|plant|wifi|internet) (?:died|is dead|dead)\\b|\\blol (?:im|i am) dead\\b|\\b(?:im|i am) dead (?:lol|lmao)|\\bkiller\\b|\\bdead tired\\b|\\b(?:bored|scared) to death\\b|\\bdie of (?:laughter|embarrassment|shame)\\b",
].map(rx);

// ---------------------------------------------------------------------------------------
// Negation scope: a negator governs a match only through "light" words ("no *pienso*
// hacerme daño", "no *tengo pensamientos de* hacerme daño", "I would *never* hurt
// myself"). A content word in between ends the scope, so "no aguanto más me voy a tirar"
// is NOT negated.
// ---------------------------------------------------------------------------------------

const NEGATORS = new Set("no nunca jamas ni tampoco not never dont doesnt didnt wont wouldnt isnt arent havent hasnt".split(" "));
const LIGHT = new Set(
  ("me te lo la le les yo voy vaya a de tengo tenia tiene tuve pienso pensaria pense pensado he ha haria hare " +
    "intentaria intentare intentado intentar nada pensamientos pensamiento ideas idea ganas quiero quisiera queria " +
    "deseo para mas tan ya en es seria estoy siento sentido ningun ninguna realmente muy ahora hoy eso " +
    "would i id ill im ive ever have had any thoughts thought of plan plans planning to going want do did " +
    "myself am will try think about thinking really feel feeling intention intend urge urges the been actually " +
    "seriously could should can intencion intenciones intention intentions deseos planes ninguna ningunas ningunos ganas").split(" "),
);
const CLAUSE_BREAK = /[.!?;,\n]|\b(?:pero|but|aunque|though|sino)\b/g;

function negated(norm: string, start: number): boolean {
  let before = norm.slice(0, start);
  let last = -1;
  for (const m of before.matchAll(CLAUSE_BREAK)) last = m.index! + m[0].length;
  if (last >= 0) before = before.slice(last);
  const toks = before.split(/[^a-z0-9]+/).filter(Boolean);
  for (let k = toks.length - 1, seen = 0; k >= 0 && seen < 6; k--, seen++) {
    if (NEGATORS.has(toks[k])) return true;
    if (!LIGHT.has(toks[k])) return false;
  }
  return false;
}

function clauseBefore(norm: string, start: number): string {
  const before = norm.slice(0, start);
  let last = -1;
  for (const m of before.matchAll(/[.!?;\n]/g)) last = m.index! + 1;
  return before.slice(last + 1);
}

const IDIOM_PRONE = /^(?:me (?:quiero|voy a) (?:morir|matar)|quiero morir(?:me)?|me mato|i want to die|kill myself)$/;
const LAUGHTER = /\b(?:ja(?:ja)+|je(?:je)+|ha(?:ha)+|lol|lmao|xd)\b|[😂🤣😆😅]/u;

export function screenMessage(text: string): RiskScreen {
  const language = detectLanguage(text ?? "");
  const result: RiskScreen = { level: "NONE", flags: [], matches: [], language };
  if (!text || !text.trim()) return result;

  // Mixed-language messages are common; a second normalisation in the other language lets
  // the Spanish-specific letter collapsing and abbreviations not hide English wording.
  const variants = [normalise(text, language), normalise(text, language === "es" ? "en" : "es")];
  const seen = new Set<string>();
  const laughing = LAUGHTER.test(variants[0].text);
  const escalators: string[] = [];

  for (const norm of variants) {
    const idiomSpans: Array<[number, number]> = [];
    for (const re of IDIOMS) {
      for (const m of norm.text.matchAll(re)) idiomSpans.push([m.index!, m.index! + m[0].length]);
    }
    for (const p of PATTERNS) {
      for (const m of norm.text.matchAll(p.re)) {
        const s = m.index!;
        const e = s + m[0].length;
        if (e === s) continue;
        if (idiomSpans.some(([a, b]) => s < b && e > a)) continue;
        if (p.negatable && negated(norm.text, s)) continue;
        if (p.notAfter && p.notAfter.test(clauseBefore(norm.text, s))) continue;
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
      }
    }
  }

  if (escalators.length && result.matches.some((m) => RISK_ORDER[m.level] >= RISK_ORDER.MEDIUM)) {
    for (const m of result.matches) if (m.flag === "suicidal_ideation" && m.level === "LOW") m.level = "HIGH";
  }
  result.matches.sort((a, b) => RISK_ORDER[b.level] - RISK_ORDER[a.level]);
  for (const m of result.matches) {
    result.level = maxLevel(result.level, m.level);
    if (!result.flags.includes(m.flag)) result.flags.push(m.flag);
  }
  return result;
}
