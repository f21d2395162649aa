// Vocabulary the risk engine uses to read chat text: which words mark a language, chat
// abbreviations and their expansions, and the words of a negation's scope. Data only.
// Lookups are Maps / Sets: a plain object would answer for "constructor" or "__proto__".

export const ES_WORDS = new Set(
  ("que q k de la el los las y me mi mis estoy esta estoy es en lo por para con muy pero ya yo hoy tengo " +
    "quiero kiero se te un una mas bien mal nada todo gracias hola si como toy porque xq pq tambien " +
    "dia noche manana ayer siento hace vez otra cita puedo no aqui aki donde cuando sin sueno " +
    "dormi vivir seguir soy estar tan mucho poco algo nadie nunca jamas ojala buenos buenas tarde").split(" "),
);
export const EN_WORDS = new Set(
  ("i im i'm the to and a of you my is it in at not dont cant want feel feeling today so this that was am " +
    "have just with for on be all again lol tbh rn myself anymore can what how do did its it's been " +
    "sorry thanks thank hi hey good morning night tomorrow yesterday would never pills meds about " +
    "up out off like really get got need know think going gonna wanna your they he she we").split(" "),
);

const ABBREV_ES_ENTRIES: Record<string, string> = {
  q: "que", k: "que", ke: "que", qe: "que", xq: "porque", pq: "porque", porq: "porque", xk: "porque",
  pk: "porque", porke: "porque", x: "por", tb: "tambien", tmb: "tambien", tbn: "tambien", d: "de",
  pa: "para", toy: "estoy", tas: "estas", ta: "esta", bn: "bien", nd: "nada", dsp: "despues",
  xfa: "por favor", porfa: "por favor", vdd: "verdad", mñn: "manana", mnn: "manana", mña: "manana",
  aki: "aqui", aqi: "aqui", kiero: "quiero", qiero: "quiero", kiere: "quiere", kieres: "quieres",
  kisiera: "quisiera", qisiera: "quisiera", ntp: "no te preocupes", kmo: "como",
  cm: "como", xa: "para", salu2: "saludos", pal: "para el", hno: "hermano", hna: "hermana",
  tqm: "te quiero mucho", tkm: "te quiero mucho",
};
const ABBREV_EN_ENTRIES: Record<string, string> = {
  u: "you", ur: "your", r: "are", rn: "right now", kms: "kill myself", wanna: "want to",
  gonna: "going to", gotta: "got to", idk: "i dont know", bc: "because", cuz: "because",
  cos: "because", ppl: "people", tmrw: "tomorrow", tmr: "tomorrow", pls: "please", plz: "please",
  ive: "i have", imma: "i am going to", ima: "i am going to", thx: "thanks", ty: "thank you",
  sh: "self harm", n: "and", b4: "before", "2day": "today", "2nite": "tonight", tonite: "tonight",
  dunno: "dont know", abt: "about", bf: "boyfriend", gf: "girlfriend", rlly: "really",
  rly: "really", w: "with", tho: "though", prolly: "probably", smth: "something", sth: "something",
  ily: "i love you", bday: "birthday", yall: "you all",
};
export const ABBREV_ES: ReadonlyMap<string, string> = new Map(Object.entries(ABBREV_ES_ENTRIES));
export const ABBREV_EN: ReadonlyMap<string, string> = new Map(Object.entries(ABBREV_EN_ENTRIES));

// Negation scope: a negator governs a match only through "light" words ("no *pienso*
// hacerme daño", "I would *never* hurt myself"); a content word in between ends the scope.
export const NEGATORS = new Set("no nunca jamas ni tampoco not never dont doesnt didnt wont wouldnt isnt arent havent hasnt".split(" "));
export const LIGHT = new Set(
  ("me te lo la le les yo voy vaya a de tengo tenia tiene tuve tenido momento pensaba pienso pensaria pense pensado he ha haria hare " +
    "intentaria intentare intentado intentar nada pensamientos pensamiento ideas idea ganas quiero quisiera queria " +
    "deseo para mas tan ya en es seria estoy siento sentido ningun ninguna realmente muy ahora hoy eso " +
    "would i id ill im ive ever have had having getting any thoughts thought of plan plans planning to going want do did " +
    "myself am will try think about thinking really feel feeling intention intend urge urges the been actually " +
    "seriously could should can intencion intenciones intention intentions deseos planes ninguna ningunas ningunos ganas").split(" "),
);
export const CLAUSE_BREAK = /[.!?;,\n]|\b(?:pero|but|aunque|though|sino)\b/g;
