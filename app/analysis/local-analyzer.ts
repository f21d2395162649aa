/**
 * Local daily analysis of one patient's conversation (no network): used when OpenAI is not
 * configured and as the fallback when the model fails or refuses. Deterministic, so a rerun
 * of the nightly job produces the same row.
 */
import "../lib/quiet-dotenv";
import natural from "natural";
import {
  detectLanguage,
  maxLevel,
  normalise,
  RISK_ORDER,
  screenMessage,
  type RiskFlag,
  type RiskLevel,
  type RiskScreen,
} from "./risk-lexicon";

export interface TranscriptLine {
  role: "patient" | "clinic";
  text: string;
  at: Date;
}
export interface DailyAnalysis {
  sentiment_score: number;
  emotional_state: string;
  risk_level: RiskLevel;
  risk_flags: RiskFlag[];
  summary: string;
  suggestion: string;
  language: "es" | "en";
  message_count: number;
}

// ---------------------------------------------------------------------------------------
// Sentiment
// ---------------------------------------------------------------------------------------

type Analyzer = { getSentiment(words: string[]): number };
let analyzers: Record<"es" | "en", Analyzer[]> | null = null;
function getAnalyzers(): Record<"es" | "en", Analyzer[]> {
  // AFINN (integer -5..5) and SentiCon (-1..1) cover different words; using both helps
  // Spanish especially, whose AFINN list lacks "triste", "angustia", "genial".
  analyzers ??= {
    es: [
      new natural.SentimentAnalyzer("Spanish", natural.PorterStemmerEs, "afinn"),
      new natural.SentimentAnalyzer("Spanish", natural.PorterStemmerEs, "senticon"),
    ],
    en: [
      new natural.SentimentAnalyzer("English", natural.PorterStemmer, "afinn"),
      new natural.SentimentAnalyzer("English", natural.PorterStemmer, "senticon"),
    ],
  };
  return analyzers;
}
const SCALE = [1 / 4, 1]; // per analyzer: AFINN's ±5 → about ±1 per word

// Clinical wording the general-purpose vocabularies miss or get wrong (normalised, no accents).
const CLINICAL: Record<"es" | "en", Array<[RegExp, number]>> = {
  es: [
    [/\b(?:mejor|mejorando|tranquil[oa]|content[oa]|feliz|alegre|animad[oa]|aliviad[oa]|orgullos[oa]|genial|bien|buen[oa]?|lindo|bonito|tranquilidad|calma|descanse|ayudaron|ayudo|sirvio|disfrute)\b/g, 0.8],
    [/\b(?:trist\w*|deprimid[oa]|depre|angusti\w*|ansios[oa]|ansiedad|agobi\w*|abrumad[oa]|estresad\w*|sol[oa]|vaci[oa]|fatal|mal|llor\w*|cansad[oa]|agotad[oa]|desesper\w*|miedo|panico|culpa\w*|inutil|bajon\w*|nervios\w*|pesadillas?|insomnio|horrible|peor|crisis|dolor|sufr\w*)\b/g, -0.9],
  ],
  en: [
    [/\b(?:better|calm|calmer|happy|glad|good|great|fine|relieved|proud|nice|helped|enjoyed|rested|peaceful|hopeful)\b/g, 0.8],
    [/\b(?:sad|down|depressed|anxious|anxiety|lonely|empty|awful|terrible|exhausted|tired|stressed|overwhelmed|cried|crying|hopeless|worthless|guilty|scared|afraid|panic|nightmares?|worse|crisis|pain|hurt)\b/g, -0.9],
  ],
};
const NEG = /\b(?:no|nunca|jamas|ni|not|never|dont|didnt|isnt|wasnt|cant)\b/;
const RISK_PENALTY: Record<RiskLevel, number> = { NONE: 0, LOW: 0.6, MEDIUM: 1.4, HIGH: 2.5 };
const RISK_CAP: Record<RiskLevel, number> = { NONE: 1, LOW: 0.2, MEDIUM: -0.3, HIGH: -0.6 };

function rawSentiment(text: string, language: "es" | "en"): { raw: number; words: number } {
  const norm = normalise(text, language).text;
  const lowered = text.toLowerCase();
  let raw = 0;
  let words = 0;
  // Clause by clause: natural's analyzer keeps a negation active to the end of its input,
  // which would flip "no dormí nada pero estoy bien" entirely.
  const split = /[.!?;,\n]+|\b(?:pero|but|aunque|though)\b/;
  for (const clause of lowered.split(split)) {
    const toks = clause.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!toks.length) continue;
    words += toks.length;
    getAnalyzers()[language].forEach((a, i) => {
      const v = a.getSentiment(toks);
      if (Number.isFinite(v)) raw += v * toks.length * SCALE[i];
    });
  }
  for (const clause of norm.split(split)) {
    for (const [re, w] of CLINICAL[language]) {
      for (const m of clause.matchAll(re)) {
        const before = clause.slice(Math.max(0, m.index! - 18), m.index!);
        raw += NEG.test(before) ? -w * 0.7 : w;
      }
    }
  }
  return { raw, words };
}

/** -1..1. Combines natural's AFINN + SentiCon vocabularies, clinical wording and the risk lexicon. */
export function sentimentOf(text: string, language?: "es" | "en", screen?: RiskScreen): number {
  if (!text || !text.trim()) return 0;
  const lang = language ?? detectLanguage(text);
  const { raw, words } = rawSentiment(text, lang);
  const risk = (screen ?? screenMessage(text)).level;
  const density = raw / Math.sqrt(Math.max(words, 1));
  let score = Math.tanh(density * 0.9 - RISK_PENALTY[risk]);
  score = Math.min(score, RISK_CAP[risk]);
  return Math.round(Math.max(-1, Math.min(1, score)) * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?:\+|\b00)?\d[\d\s().-]{6,}\d\b/g;
// Self-introductions ("soy Lucía", "me llamo Juan", "my name is Ann", "soy la mamá de Lucía")
const NAME_INTRO = /\b(?:me llamo|mi nombre es|soy (?:la |el )?(?:mam[aá]|pap[aá]|madre|padre|herman[oa]|hij[oa]|espos[oa]|pareja) de|soy|my name is|this is|i am|i'm)\s+(?=\p{Lu})\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?/gu;

export function redact(text: string, language: "es" | "en"): string {
  const name = language === "es" ? "[nombre]" : "[name]";
  return text
    .replace(EMAIL, language === "es" ? "[correo]" : "[email]")
    .replace(PHONE, (m) => (m.replace(/\D/g, "").length >= 7 ? (language === "es" ? "[teléfono]" : "[phone]") : m))
    .replace(NAME_INTRO, (m) => m.replace(/\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?$/u, name));
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function trimTo(s: string, max = 180): string {
  const t = s.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trimEnd() + "…";
}

// ---------------------------------------------------------------------------------------
// Emotional state
// ---------------------------------------------------------------------------------------

type Emotion = "crisis" | "hopeless" | "distressed" | "anxious" | "sad" | "tired" | "irritable" | "calm" | "upbeat" | "stable";
// Spanish as nouns ("ansiedad", "buen ánimo"): gender-neutral, never "animado"/"animada".
const EMOTION_WORDS: Record<Emotion, { es: string; en: string }> = {
  crisis: { es: "crisis", en: "in crisis" },
  hopeless: { es: "desesperanza", en: "hopeless" },
  distressed: { es: "angustia", en: "distressed" },
  anxious: { es: "ansiedad", en: "anxious" },
  sad: { es: "tristeza", en: "sad" },
  tired: { es: "agotamiento", en: "exhausted" },
  irritable: { es: "irritabilidad", en: "irritable" },
  calm: { es: "calma", en: "calm" },
  upbeat: { es: "buen ánimo", en: "upbeat" },
  stable: { es: "estable", en: "stable" },
};
const EMOTION_CUES: Array<[Emotion, RegExp]> = [
  ["anxious", /\b(?:ansios[oa]|ansiedad|nervios\w*|panico|preocupad[oa]|anxious|anxiety|nervous|worried|panic)\b/],
  ["sad", /\b(?:trist\w*|deprimid[oa]|depre|bajon\w*|llor\w*|sad|depressed|down|cried|crying|lonely|sol[oa]|vaci[oa]|empty)\b/],
  ["tired", /\b(?:cansad[oa]|agotad[oa]|sin energia|no dormi|insomnio|exhausted|tired|didnt sleep|no sleep)\b/],
  ["irritable", /\b(?:enojad[oa]|irritable|me enoje|explote|furios[oa]|angry|irritable|mad)\b/],
  ["distressed", /\b(?:angusti\w*|agobi\w*|abrumad[oa]|desesperad[oa]|overwhelmed|distressed)\b/],
  ["calm", /\b(?:tranquil[oa]|calma|relajad[oa]|calm|calmer|relaxed)\b/],
  ["upbeat", /\b(?:mejor|feliz|content[oa]|bien|genial|animad[oa]|better|happy|good|great)\b/],
];

function emotionalState(
  texts: string[],
  flags: RiskFlag[],
  level: RiskLevel,
  sentiment: number,
  language: "es" | "en",
): string {
  const norm = texts.map((t) => normalise(t, language).text).join(" \n ");
  const picked: Emotion[] = [];
  const add = (e: Emotion) => {
    if (!picked.includes(e)) picked.push(e);
  };
  if (flags.includes("acute_crisis")) add("crisis");
  if (flags.includes("suicidal_ideation") || flags.includes("hopelessness")) add("hopeless");
  if (flags.includes("self_harm") || flags.includes("overdose") || flags.includes("harm_to_others")) add("distressed");
  const counts = EMOTION_CUES.map(([e, re]) => [e, (norm.match(new RegExp(re.source, "g")) ?? []).length] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  for (const [e] of counts) {
    if (RISK_ORDER[level] >= RISK_ORDER.MEDIUM && (e === "calm" || e === "upbeat")) continue;
    if (sentiment < -0.2 && (e === "calm" || e === "upbeat")) continue;
    if (sentiment > 0.3 && !["calm", "upbeat"].includes(e) && level === "NONE") continue;
    add(e);
  }
  if (!picked.length) add(sentiment > 0.25 ? "upbeat" : sentiment < -0.25 ? "sad" : "stable");
  const words = picked.slice(0, 2).map((e) => EMOTION_WORDS[e][language]);
  return words.join(language === "en" ? " and " : " y ");
}

// ---------------------------------------------------------------------------------------
// Suggestion
// ---------------------------------------------------------------------------------------

const SUGGEST: Record<"es" | "en", Record<string, string>> = {
  es: {
    HIGH: "URGENTE: contactar hoy mismo por llamada (no solo mensaje) para valorar el riesgo de forma directa, revisar y activar su plan de seguridad y, si el riesgo es inminente, derivar a urgencias (112/911) y avisar a su red de apoyo.",
    overdose: "Si refiere una ingesta reciente de medicación o tóxicos, indicar que acuda a urgencias de inmediato.",
    harm_to_others: "Valorar también el riesgo para terceros y la necesidad de protegerlos.",
    medication_refusal: "Contactar en las próximas 24–48 h para explorar los motivos del abandono de la medicación y coordinar con psiquiatría; no ajustar pautas sin valoración.",
    acute_crisis: "Ofrecer contacto pronto y repasar pautas de regulación (respiración, anclaje); revisar la frecuencia de las crisis en la próxima sesión.",
    hopelessness: "Explorar la desesperanza y preguntar de forma explícita por ideación suicida en un contacto antes de 48 h; revisar el plan de seguridad.",
    substance_use: "Abordar la recaída en el consumo sin juicio, valorar la interacción con la medicación y considerar recursos de adicciones.",
    MEDIUM: "Programar un contacto en las próximas 48 h para valorar la evolución.",
    LOW: "Hacer seguimiento en la próxima sesión del estado de ánimo, el sueño y la ansiedad, y reforzar estrategias de afrontamiento.",
    NONE: "Sin señales de riesgo; continuar con el seguimiento habitual.",
    SILENT: "Sin mensajes de paciente; valorar un mensaje de seguimiento.",
  },
  en: {
    HIGH: "URGENT: contact the patient today by phone (not only a message) to assess risk directly, review and activate their safety plan and, if risk is imminent, refer to emergency services (911/112) and alert their support network.",
    overdose: "If they report recently taking medication or a toxic substance, tell them to go to the emergency department now.",
    harm_to_others: "Also assess the risk to others and whether anyone needs protecting.",
    medication_refusal: "Contact within 24–48 h to explore why they stopped their medication and coordinate with psychiatry; do not change doses without an assessment.",
    acute_crisis: "Offer contact soon and go over regulation techniques (breathing, grounding); review how often crises happen at the next session.",
    hopelessness: "Explore hopelessness and ask explicitly about suicidal thoughts in a contact within 48 h; review the safety plan.",
    substance_use: "Address the relapse without judgement, check interactions with their medication and consider addiction resources.",
    MEDIUM: "Schedule a contact within 48 h to review how they are doing.",
    LOW: "Follow up on mood, sleep and anxiety at the next session and reinforce coping strategies.",
    NONE: "No risk signals; continue routine follow-up.",
    SILENT: "The patient did not write; consider a follow-up message.",
  },
};

function suggestionFor(level: RiskLevel, flags: RiskFlag[], language: "es" | "en", silent: boolean): string {
  const S = SUGGEST[language];
  if (silent) return S.SILENT;
  if (level === "HIGH") {
    return [S.HIGH, flags.includes("overdose") ? S.overdose : "", flags.includes("harm_to_others") ? S.harm_to_others : ""]
      .filter(Boolean)
      .join(" ");
  }
  if (level === "MEDIUM") {
    const specific = (["medication_refusal", "hopelessness", "acute_crisis", "substance_use"] as const)
      .filter((f) => flags.includes(f))
      .map((f) => S[f]);
    return specific.length ? specific.slice(0, 2).join(" ") : S.MEDIUM;
  }
  return S[level];
}

// ---------------------------------------------------------------------------------------
// The day
// ---------------------------------------------------------------------------------------

interface Candidate {
  text: string;
  level: RiskLevel;
  sentiment: number;
  order: number;
  words: number;
}

const SMALL_TALK_WORDS = new Set(
  ("hola buenas buenos buen dia dias tardes noches gracias muchas ok okey vale dale si no perfecto listo bien todo " +
    "genial saludos doctora doctor hi hello hey thanks thank you okay yes sure good morning night great fine all").split(" "),
);
/** greetings/acknowledgements only ("Bien, gracias.", "ok 👍") carry no clinical information */
function isSmallTalk(norm: string): boolean {
  const toks = norm.split(/[^a-z0-9]+/).filter(Boolean);
  return toks.length <= 6 && toks.every((t) => SMALL_TALK_WORDS.has(t));
}

/** `language`: the organization's language when it has one; else the conversation's. */
export function analyzeDayLocal(lines: TranscriptLine[], opts: { language?: "es" | "en" } = {}): DailyAnalysis {
  const ordered = [...lines].sort((a, b) => a.at.getTime() - b.at.getTime());
  const patient = ordered.filter((l) => l.role === "patient" && l.text && l.text.trim());
  const language = opts.language ?? detectLanguage((patient.length ? patient : ordered).map((l) => l.text ?? "").join("\n"));
  const S = language === "es";

  if (!patient.length) {
    return {
      sentiment_score: 0,
      emotional_state: S ? "sin datos" : "no data",
      risk_level: "NONE",
      risk_flags: [],
      summary: ordered.length
        ? S ? `Mensajes del día: ${ordered.length}, todos de la clínica; sin mensajes de paciente.` : `Messages this day: ${ordered.length}, all from the clinic; the patient did not write.`
        : S ? "No hubo mensajes este día." : "No messages this day.",
      suggestion: suggestionFor("NONE", [], language, true),
      language,
      message_count: ordered.length,
    };
  }

  let level: RiskLevel = "NONE";
  const flags: RiskFlag[] = [];
  const scores: number[] = [];
  const candidates: Candidate[] = [];
  let order = 0;
  for (const line of patient) {
    const screen = screenMessage(line.text);
    level = maxLevel(level, screen.level);
    for (const f of screen.flags) if (!flags.includes(f)) flags.push(f);
    scores.push(sentimentOf(line.text, language, screen));
    for (const sentence of sentences(line.text)) {
      const s = screenMessage(sentence);
      // a sentence inherits the line's risk when the risk spans sentences ("me despedí. hoy es el día")
      const sl = sentences(line.text).length === 1 ? screen.level : s.level;
      candidates.push({
        text: sentence,
        level: sl,
        sentiment: sentimentOf(sentence, language, s),
        order: order++,
        words: sentence.split(/\s+/).length,
      });
    }
  }

  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const min = Math.min(...scores);
  // The worst moment of the day matters clinically more than the average mood.
  const sentiment = Math.round(Math.max(-1, Math.min(1, 0.7 * mean + 0.3 * Math.min(min, 0))) * 1000) / 1000;

  // Very negative days without lexicon hits still deserve attention.
  const negativeLines = scores.filter((s) => s <= -0.5).length;
  if (sentiment <= -0.5 && RISK_ORDER[level] < RISK_ORDER.LOW) level = "LOW";
  if (sentiment <= -0.75 && negativeLines >= 3 && RISK_ORDER[level] < RISK_ORDER.MEDIUM) level = "MEDIUM";
  if (level !== "NONE" && !flags.length) flags.push("declining_mood");
  flags.sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b));

  // Extractive summary: risk-bearing sentences first (worst first, then in time order), then
  // the most informative of the rest (long, emotionally charged, not small talk).
  const informative = (c: Candidate) =>
    Math.min(c.words, 25) / 25 + Math.abs(c.sentiment) - (isSmallTalk(normalise(c.text, language).text) ? 2 : 0);
  const risky = candidates.filter((c) => c.level !== "NONE").sort((a, b) => RISK_ORDER[b.level] - RISK_ORDER[a.level] || a.order - b.order);
  const rest = candidates.filter((c) => c.level === "NONE" && !isSmallTalk(normalise(c.text, language).text)).sort((a, b) => informative(b) - informative(a));
  const picked: Candidate[] = [];
  for (const c of [...risky, ...rest]) {
    if (picked.length >= 3) break;
    if (picked.some((p) => p.text === c.text)) continue;
    picked.push(c);
  }
  if (!picked.length) picked.push(candidates[candidates.length - 1]);
  const quoted = picked.map((c) => (S ? `«${trimTo(redact(c.text, language))}»` : `"${trimTo(redact(c.text, language))}"`));
  // The same count as the day's header (message_count: every message of the day), then the
  // patient's share; gender-neutral ("paciente", never "el paciente").
  const n = patient.length;
  const risk = RISK_ORDER[level] >= RISK_ORDER.MEDIUM;
  const lead = S
    ? `Mensajes del día: ${ordered.length} (de paciente: ${n}).${risk ? ` Señales de riesgo: ${LEVEL_ES[level]}.` : ""}`
    : `Messages this day: ${ordered.length} (from the patient: ${n}).${risk ? ` Risk signals: ${level.toLowerCase()}.` : ""}`;
  const summary = `${lead} ${S ? "Destacado" : "Key messages"}: ${quoted.join(" ")}`;

  return {
    sentiment_score: sentiment,
    emotional_state: emotionalState(patient.map((l) => l.text), flags, level, sentiment, language),
    risk_level: level,
    risk_flags: flags,
    summary,
    suggestion: suggestionFor(level, flags, language, false),
    language,
    message_count: ordered.length,
  };
}

const LEVEL_ES: Record<RiskLevel, string> = { NONE: "ninguno", LOW: "bajo", MEDIUM: "medio", HIGH: "alto" };
const FLAG_ORDER: RiskFlag[] = [
  "suicidal_ideation",
  "self_harm",
  "overdose",
  "harm_to_others",
  "acute_crisis",
  "medication_refusal",
  "hopelessness",
  "substance_use",
  "declining_mood",
];
