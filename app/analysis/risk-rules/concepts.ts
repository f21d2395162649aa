// Concept families of the risk screen (layer 2) and the co-occurrence table that scores
// them. Data only; the engine is in risk-lexicon.ts.
import type { RiskFlag } from "../risk-types";
import type { RiskLevel } from "../risk-level";
import { BELONGING, DRUGS, FAMILY, GIVE, ROUTINE_SRC } from "./patterns";

// ---------------------------------------------------------------------------------------
// Layer 2 · CONCEPT-FAMILY SCORING
//
// The pattern tables above recognise whole phrasings; unseen phrasings slip through. This
// layer instead tags a message with broad concept families (MEANS, INGESTION, FINALITY,
// ARRANGEMENTS, DEATH_WISH, PLAN, PROXIMITY, SEARCHING, HARM_OTHERS, SECRECY, FAREWELL,
// ACQUIRED) over the same normalised text, and scores *co-occurrence of different families*
// through the PAIRS table: one vague signal is ordinary life ("took my pills", "the last
// time", "standing on the platform"); two unrelated kinds of signal in one message rarely
// are. A few families are unambiguous alone (SINGLES). Benign-context families (routine
// intake, coping/denial, media, leisure/surprise) cancel or lower the concept score only;
// the final level is max(rules, concepts), so this layer can never lower what the rules found.
// Everything is data: add vocabulary to FAMILIES, add combinations to PAIRS.
// ---------------------------------------------------------------------------------------

export type ConceptFamily =
  | "MEANS:pills" | "MEANS:poison" | "MEANS:rope" | "MEANS:weapon" | "MEANS:blade" | "MEANS:place" | "MEANS:car"
  | "INGESTION" | "FINALITY" | "ARRANGEMENTS" | "ARRANGEMENTS:care" | "DEATH_WISH" | "DEATH_WISH:strong" | "PLAN" | "PROXIMITY"
  | "SEARCHING" | "HARM_OTHERS" | "SECRECY" | "FAREWELL" | "ACQUIRED" | "LINGER"
  // single-signal families (see FamilyDef.single)
  | "FAREWELL:love" | "LAST_SESSION" | "ARRANGEMENTS:after" | "GIVEAWAY:final" | "DECISION" | "FINALITY:calm"
  | "DECISION:since" | "HARM_OTHERS:wait" | "DWELL" | "STARING" | "INGESTION:intent" | "INGESTION:alcohol" | "SLEEP_FOREVER" | "SELF_HARM"
  // benign context
  // means in hand + a time ("ya tengo las pastillas" … "esta noche"): a plan, also across messages
  | "ACQUIRED:pills" | "TIMEFRAME"
  | "LIFE_CHOICE" | "ROUTINE" | "DENIAL" | "MEDIA" | "MEDIA_SELF" | "LEISURE" | "REFUSAL" | "BREAK" | "ADVICE_Q" | "SKIN" | "ERRAND" | "START";

export interface FamilyDef {
  family: ConceptFamily;
  src: string;
  /** a negator governing the match ("no tengo la soga", "never took") drops it */
  negatable?: boolean;
  /**
   * Single-signal tier: this family ALONE raises at least `level` (MEDIUM ⇒ a clinician alert),
   * unless one of `cancelledBy` (default: SINGLE_BENIGN) explains it. `why` is the clinical reason.
   */
  single?: { level: RiskLevel; flag: RiskFlag; why: string; cancelledBy?: ConceptFamily[] };
}
/** benign families that explain away a single signal unless a family says otherwise */
export const SINGLE_BENIGN: ConceptFamily[] = ["ROUTINE", "LEISURE", "DENIAL", "MEDIA", "BREAK"];

const QTY =
  "(?:all(?: of)?|the whole|a whole|whole|entera?s?|enter[oa]s?|tod[oa]s? (?:las|los|la|el|mis)|toda la caja|todo el frasco|un blister|el blister|la caja|una caja|el frasco|un frasco|la tira|" +
  "(?:(?:like|about|around|maybe|over|almost|como|unas?|unos|mas de|casi|tipo) )?(?:\\d{2,}|[5-9])\\b(?!\\s?(?:mg|ml|gr|g|gotas|drops|min|mins|minutos|minutes|horas|hours|hrs|am|pm|dias|days|anos|years|euros|pesos|dolares|dollars|usd|kg|km|metros|meters))|" +
  "ten|fifteen|twenty|thirty|forty|fifty|diez|quince|veinte|treinta|cuarenta|cincuenta|a (?:bunch|handful|ton|lot|fistful) of|bunch of|handful of|too many|way too many|" +
  "un punado|un monton|muchas|demasiadas|varias cajas|a bottle|the bottle|a box|the box|the pack|a pack|half the (?:bottle|box|pack)|la mitad del (?:frasco|blister)|everything i had|todo lo que (?:tenia|habia))";
const PILLS =
  "(?:pills?|pastillas?|pastis|pastillit\\w+|pildoras?|tablets?|tabletas?|meds|medication|medicamentos?|medicinas?|comprimidos?|capsulas?|capsules?|painkillers?|analgesicos?|" +
  "sleeping (?:pills|tablets|meds)|somniferos?|calmantes?|blisters?|refill|receta|recetas|paracetamol|acetaminophen|tylenol|ibuprofen|ibuprofeno|advil|aspirinas?|insulina|insulin|" + DRUGS + ")";

export const FAMILIES: FamilyDef[] = [
  // ---- MEANS (split by kind: pairs below say which kinds combine with what) ----
  { family: "MEANS:pills", src: `\\b${PILLS}\\b` },
  { family: "MEANS:poison", src: "\\b(?:poison|veneno|lejia|bleach|cloro|lavandina|raticida|matarratas|rat poison|antifreeze|anticongelante|insecticida|pesticide|plaguicida|carbon|charcoal|gas)\\b" },
  { family: "MEANS:rope", src: "\\b(?:rope|cuerda|soga|noose|lazo|cable|cinturon|belt|extension cord)\\b" },
  { family: "MEANS:weapon", src: "\\b(?:gun|guns|pistol|firearm|rifle|shotgun|revolver|handgun|arma|armas|pistola|escopeta|fierro|tiro|balazo|balazos|bala|balas|bullets?|cuchillo|knife)\\b" },
  { family: "MEANS:blade", src: "\\b(?:blade|blades|razor|razors|navaja|navajas|cuchilla|cuchillas|gillette|hoja de afeitar|cutter|bisturi|exacto)\\b" },
  { family: "MEANS:place", src: "\\b(?:bridge|puente|overpass|viaduct|viaducto|platform|anden|vias|train tracks|tracks|railway|train|trains|metro|subway|tren|trenes|balcony|balcon|roof|rooftop|azotea|techo|terraza|altura|heights?|ledge|cornisa|cliff|acantilado|barranco|precipicio|piso \\d+|\\d+(?:th|st|nd|rd)? (?:floor|pisos)|top floor|ultimo piso|edificio|building|parking garage|rio|river|mar|sea|(?:que|what|which|cuantos) (?:piso|pisos|floor|floors)|(?:desde|from) (?:que|what) (?:altura|height|piso|floor))\\b" },
  { family: "MEANS:car", src: "\\b(?:car|highway|freeway|motorway|wheel|steering wheel|autopista|carretera|volante|auto|coche|carro|camion|truck|oncoming)\\b" },
  // ---- INGESTION / act done: a swallow verb governing a quantity ----
  { family: "INGESTION", src: `\\b(?:took|taken|take|swallowed|downed|popped|chugged|drank|ate|necked|me tome|me he tomado|me acabo de tomar|acabo de tomar|me trague|trague|me bebi|me baje|me meti|me empine|tome|tomé)\\b(?: \\w+){0,3}? ${QTY}`, negatable: true },
  // ---- FINALITY ----
  { family: "FINALITY", src: "\\b(?:(?:the )?last time (?:you|u|youll|anyone|they)\\b|ultima vez que (?:me|nos|te|les|hablamos|sabran)|no (?:me )?(?:volveran|van) a (?:ver|saber|tener que)(?: \\w+){0,2}|no me van a ver mas|never (?:see|hear from) me again|wont (?:be around|be here|see me)|wont (?:need|be needing) (?:it|them|this|that|any of)|ya no (?:l[oa]s? )?(?:voy a|vaya a) necesitar|" +
    "ya no (?:voy a|vaya a) estar|ya no estare|going away for (?:a while|a long time|good)|me voy a ir(?=\\s*(?:$|[.!?,;]|lejos|para siempre|ya\\b|pronto))|para siempre|forever|for good|tying up (?:the |some |all the )?loose ends|atando (?:los )?cabos sueltos|cerrando (?:ciclos|pendientes)|" +
    "en paz(?! con (?:mi (?:jefe|ex|hermana|hermano)))|at peace|(?:weirdly|strangely|so|really|oddly|finally|never felt so) calm|calm(?:er)? than (?:ever|ive)|tranquil[oa] por primera vez|por primera vez (?:en \\w+ )?(?:estoy|me siento) (?:en paz|tranquil[oa])|(?:im|i am|i feel) ready(?=\\s*(?:$|[.!?,;]|now\\b))|estoy list[oa](?=\\s*(?:$|[.!?,;]|ya\\b))|" +
    "this is (?:it|the end)|es el (?:fin|final)|se acabo(?=\\s*(?:$|[.!?,;]))|ya (?:esta|quedo) todo(?: listo| hecho| arreglado| resuelto)?(?=\\s*(?:$|[.!?,;]))|(?:everything|its all) (?:is )?(?:done|sorted|taken care of)(?=\\s*(?:$|[.!?,;]))|no hay vuelta atras|no turning back|despues de (?:hoy|esta noche) (?:ya )?no|" +
    "(?:no|nunca|ya no) (?:los|les|las|te|la|lo) (?:vuelvo|volvere|voy a volver|vuelva) a molestar|(?:wont|will not|never) (?:bother|trouble|burden) (?:you|u|anyone|you all) (?:again|anymore|any more)|si (?:me voy|me muero|ya no estoy|no estoy)(?=\\s*(?:$|[.!?,;]|que\\b)))\\b" },
  // ---- ARRANGEMENTS ----
  { family: "ARRANGEMENTS", src: "\\b(?:passwords?|contrasenas?|claves (?:del|de mi|de la|de las|de los)|pin del banco|(?:my|the|mi|el|un) (?:will|testamento)\\b|testamento|life insurance|insurance (?:policy|papers|money)|poliza|seguro de vida|" +
    "affairs in order|(?:papeles|cuentas|asuntos|todo) en orden|sorted (?:out )?(?:my )?(?:passwords|accounts|papers|finances|paperwork)|organice (?:mis|todos mis) (?:papeles|documentos|cuentas)|" +
    "pague todas mis deudas|paid off (?:all )?my debts|cancel(?:e|led|ed) (?:all )?my (?:subscriptions|accounts)|(?:access|acceso) (?:to|a) (?:my|mis|mi) (?:accounts|bank|cuentas|banco))\\b", negatable: true },
  { family: "ARRANGEMENTS:care", src: "\\b(?:(?:left|wrote|writing|written|escribi|escrito|escribiendo|deje|dejando|redacte) (?:\\w+ ){0,3}?(?:notes?|letters?|cartas?|notas?|mensajes? (?:para|to))|(?:notes?|letters?|cartas?) (?:for|to|para|a) (?:my|mis|mi|each|cada|everyone|todos)" +
    "quien se (?:queda|quedara|va a quedar) con|who (?:will |would |is going to |gets to )?(?:keep|take|get|look after|take care of) (?:my|the) (?:dog|cat|pets?|kids|plants|stuff)|se quede con (?:mi|mis) (?:perr\\w+|gat\\w+|cosas|hij\\w+)|" +
    "(?:gave|giving|give) away|regale|regalando|repartiendo (?:mis|todas)|repart(?:i|iendo) mis cosas|donated my|rehom\\w*|(?:" + GIVE + ")\\b(?: \\w+){0,3}? " + BELONGING + "\\b(?: \\w+){0,3}? (?:to|a|al|a la|a mi|with) |" +
    "made (?:my )?peace with|hice las paces con todos)\\b", negatable: true },
  // ---- DEATH_WISH (strong: unambiguous alone; weak: needs any other family) ----
  { family: "DEATH_WISH:strong", src: "\\b(?:(?:pray|prays|praying|prayed|hope|hoping|hoped|wish|wishing|wished|ojala|rezo|rece|rezaba|le pido a dios|pido|pedia|espero)\\b(?: \\w+){0,5}? (?:i |me )?(?:just )?(?:dont|not|never|no|ya no|nunca|wont|will not|wouldnt|would not|doesnt) (?:\\w+ )?(?:wake|waking|despert\\w*|despiert\\w*|amanec\\w*|abra los ojos|abrir los ojos)|" +
    "(?:heart|corazon) (?:just )?(?:stops|stopped|se detenga|se pare|deje de latir)(?: \\w+){0,3}? (?:asleep|sleep|dormid[oa]|durmiendo|while)|no (?:volver a )?abr(?:a|ir) (?:mas )?los ojos|" +
    "si (?:yo )?(?:ya )?no (?:estuviera|estuviese|existiera|existiese)|if i (?:wasnt|werent|was not|were not) (?:here|around|alive)|if i (?:was|were) gone|(?:better|easier|happier) (?:off )?(?:for (?:everyone|everybody|them|all|my \\w+) )?(?:without me|if i (?:was|were|wasnt|werent|disappeared|died))|" +
    "(?:easier|better) (?:life|lives) if i|mas facil (?:para (?:todos|todo el mundo|ellos|mi familia) )?(?:si|sin) (?:yo|mi)\\b|mejor sin mi\\b|un alivio (?:que|si) (?:yo )?(?:no|me)\\b)",
    single: { level: "HIGH", flag: "suicidal_ideation", why: "praying not to wake / others better off without me is ideation in itself", cancelledBy: [] } },
  { family: "DEATH_WISH", src: "\\b(?:(?:perdon|perdoname|perdonen|disculp\\w*|lo siento|sorry|im sorry)(?: \\w+){0,2}? (?:por|for) (?:ser|being|having been|haber sido) (?:tan |tanta |una |un |such a |so much (?:of )?a? ?|a )?(?:carga|burden|estorbo|lastre|peso muerto|dead weight)|" +
    "(?:close|closing|cerrar|cerrando) (?:my |your |los |mis )?(?:eyes|ojos) (?:and |y )?(?:never|not|no|nunca) (?:\\w+ )?(?:open|opening|abrirlos|volver a abrirlos|abrir)|" +
    "desaparecer|disappear(?:ed)?|vanish|no estar (?:aqui|mas)|not be (?:here|around)|no existir|not exist|stop existing|dejar de existir|(?:im|i am|soy|like) (?:a |una )?(?:burden|carga|estorbo)|sobro\\b|acabar con todo|terminar con todo|end it|the end of me|" +
    "wont be around|no voy a estar (?:aqui|para)|ya no (?:voy a|vaya a) estar|no sirvo para nada|wish i was dead|(?:quiero|quisiera|ganas de) morir(?:me)?|want to die|wanna die)", negatable: true },
  // ---- PLAN / TIME ----
  { family: "PLAN", src: "\\b(?:desde que (?:lo )?(?:decidi|tome la decision)(?=\\s*(?:$|[.!?,;]|y\\b|me\\b|estoy\\b|todo\\b|ya\\b))|(?:ever )?since i (?:made (?:the|my) decision|decided|made up my mind)(?=\\s*(?:$|[.!?,;]|i\\b|im\\b|ive\\b|everything\\b))|(?:fue|es|sera|was|is|its|it was) (?:mi|my) (?:eleccion|choice)(?=\\s*(?:$|[.!?,;]|y\\b|and\\b))|tengo (?:todo|todo bien) (?:pensado|planeado|organizado|listo|preparado|calculado|resuelto)|(?:its|it is|everything is|todo esta) (?:all )?(?:planned|decided|ready|organizado|planeado|decidido|listo)|(?:have|got) it (?:all )?(?:planned|figured out|worked out)|all planned out|tengo un plan|(?:i )?have a plan|" +
    "ya (?:tome|he tomado) (?:la|una|mi) decision(?! (?:de|sobre|del|para))|decision(?:s| is|s been| has been)? made|ya (?:lo )?decidi(?=\\s*(?:$|[.!?,;]|y\\b))|ya esta decidido|(?:ive |i have )?made up my mind(?=\\s*(?:$|[.!?,;]|and\\b))|(?:its|it is|im) decided|" +
    "ya (?:elegi|escogi) (?:el dia|la fecha|el lugar|como)|(?:picked|chose|set) (?:a|the) (?:date|day|place)|ya se (?:lo que voy a hacer|que voy a hacer|como lo voy a hacer|cuando)|(?:i )?know (?:what im going to do|what i have to do|how (?:ill|im going to) do it)|" +
    "(?:tonight|esta noche|sunday|saturday|friday|monday|domingo|sabado|viernes|lunes|this weekend|este finde|when everyone|cuando (?:se vayan|todos|mis)|mientras (?:duermen|no estan))\\b(?: \\w+){0,12}? (?:alone|by myself|to myself|sol[oa]\\b|nadie en casa|no one home|nobody home|the house to myself|la casa para mi|se vayan|are (?:out|gone|asleep|away)|leave)" +
    "|(?:alone|sol[oa]|house to myself|nadie en casa)(?: \\w+){0,6}? (?:tonight|esta noche|sunday|saturday|friday|domingo|sabado|viernes|this weekend|este finde)\\b)" },
  // ---- PROXIMITY ----
  { family: "PROXIMITY", src: "\\b(?:parad[oa] en (?:el|la) (?:borde|orilla|baranda|barandal|cornisa)|standing (?:on|at) (?:the )?(?:edge|ledge|railing|rail)|sitting (?:on|at) (?:the )?(?:edge|ledge|railing)|on the (?:edge|ledge|railing|wrong side)|" +
    "sat (?:there|at the edge|on the edge|for (?:an hour|hours|a while))|just sat|(?:sitting|standing|parked) there|me (?:acerque|acerco|acercaba)|acercandome|al borde|el borde|the edge|railing|baranda|barandal|(?:mirando|viendo) (?:para|hacia) abajo|looking (?:down|over the edge)|" +
    "(?:one|a) step (?:away|and)|un paso (?:y|mas|de)|me quede (?:ahi|alli|mirando|sentad[oa]|parad[oa])|linea amarilla|yellow line|(?:again|otra vez|de nuevo) (?:y|and) (?:me quede|sat|stood)|" +
    "(?:garage|garaje|cochera)(?: \\w+){0,6}? (?:engine|motor) (?:running|on|encendido|prendido)|(?:engine|motor) (?:running|on|encendido|prendido)(?: \\w+){0,6}? (?:garage|garaje|cochera)|de frente (?:a|contra) (?:un|el) (?:camion|muro|arbol|tren)|head on into|into oncoming)\\b" },
  // ---- LINGER: dwelling at a place with ideation framing ("sat there for an hour", "came home this time",
  // "how easy one step would be"); pairs only with MEANS:place ----
  { family: "LINGER", src: "\\b(?:(?:how|so) easy (?:one step|a step|it (?:would|d) be to (?:jump|step|fall|let go|lean|go over|just go))|(?:one|a|un|dar un) (?:step|paso) (?:would be|seria|and it|y ya|y listo|y se acaba)|(?:que|lo|tan) facil (?:seria |que seria )?(?:dar (?:un|el) paso|un paso|saltar|tirarme|soltarme|dejarme caer)|" +
    "(?:came|come|went|got|walked|drove) (?:back )?(?:home|back) this time|(?:i dont know|not sure|dont know|no se|quien sabe)(?: about| si)? (?:the |a )?(?:next time|la proxima(?: vez)?)|esta vez (?:me )?(?:volvi|regrese|me baje|no lo hice)|" +
    "(?:almost|nearly|casi) (?:did it|went through with it|jumped|stepped|lo hago|lo hice|salto|salte|me tiro|me tire)|(?:drove|walked|went|fui|maneje|camine|volvi)(?: \\w+){0,2}? (?:to|hasta|al|a la|back to) (?:the |el |la )?(?:bridge|puente|overpass|viaducto|cliff|acantilado|tracks|vias|roof|rooftop|azotea|edge) (?:again|otra vez|de nuevo))\\b" },
  // ---- SEARCHING: a look-up verb with a lethality target ----
  { family: "SEARCHING", src: "\\b(?:googled|googling|googlee|googleando|searched|searching|looked up|looking up|researched|researching|asked (?:google|chatgpt|siri|alexa|the ai|ai)|le pregunte a (?:google|chatgpt|siri|la ia|alexa)|busque|buscando|investigue|investigando|averigue)\\b(?: \\w+){0,10}? " +
    "(?:(?:how|what|cuant\\w+|que|desde que|a que)\\b(?: \\w+){0,8}? (?:kill|killed|die|dies|morir|muere|mata|matan|liver|higado|fatal|lethal|letal|mortal|survive|sobrevive|no se sobrevive|overdose|sobredosis|painless|sin dolor|no despertar|not wake|height|altura|fall|caida|hacen falta|it takes|(?:it )?(?:would|will|does) (?:\\w+ )?take(?! to (?:work|kick in|ship|arrive|feel|help|get|heal))|harian falta|serian suficientes|would be enough)|lethal|letal|mortal|fatal|overdose|sobredosis|dosis (?:letal|mortal|maxima))\\b" },
  // ---- HARM_OTHERS: targeting knowledge or seriousness about a person ----
  { family: "HARM_OTHERS", src: "\\b(?:se (?:donde|cuando|a que hora)(?: \\w+){0,2}? (?:vive|esta sol[oa]|sale|llega|trabaja)|i know (?:where (?:he|she|they) (?:lives?|works?)|when (?:hes|shes|theyre|he is|she is|they are) (?:home )?(?:alone|by (?:himself|herself)))|" +
    "(?:no|not) (?:estoy|es) (?:bromeando|jugando|broma|joking|kidding)|im not (?:joking|kidding)|le (?:meto|voy a meter|pego|voy a pegar|meteria) (?:un|unos|dos) (?:tiro|tiros|balazo|balazos|plomazo)|(?:shoot|stab) (?:him|her|them|that)|" +
    "(?:traigo|llevo|voy a (?:traer|llevar)|bring(?:ing)?|take|taking) (?:el|la|my|the|mi)?(?: \\w+){0,3}? (?:arma|pistola|gun|pistol|knife|cuchillo|fierro)\\b(?: \\w+){0,3}? (?:si|if|cuando|when|al trabajo|to (?:work|school)|a la escuela))" },
  { family: "HARM_OTHERS:wait", src: "\\b(?:(?:waiting|wait|parked|hiding|standing|sitting|esperando(?:lo|la|los|las)?|espero a que|estacionad[oa]|escondid[oa]|parad[oa]) (?:\\w+ )?(?:outside|out front of|in front of|near|by|across from|afuera de|fuera de|frente a|en la puerta de|cerca de|a la salida de|enfrente de) (?:his|her|their|su|sus|la casa de|el trabajo de|the house of) ?(?:\\w+ )?(?:place|house|home|work|job|apartment|flat|building|car|office|school|casa|trabajo|depa|departamento|edificio|oficina|escuela|auto|carro|coche))\\b",
    single: { level: "MEDIUM", flag: "harm_to_others", why: "lying in wait for a person is a threat even without a named weapon", cancelledBy: ["MEDIA", "DENIAL", "LEISURE", "ERRAND"] } },
  // ---- SECRECY ----
  { family: "SECRECY", src: "\\b(?:dont|do not) tell (?:anyone|anybody|nobody|my|mom|dad|them)|no (?:le|les) (?:digas|digan|cuentes|cuenten|avises|avisen)|no quiero que (?:se preocupen|nadie sepa|sepan)|dont worry about me|no (?:te preocupes|se preocupen) por mi|keep (?:this|it) between us|entre nosotros|nobody (?:needs to|has to) know|nadie (?:tiene que|debe) saber(?:lo)?" },
  // ---- FAREWELL ----
  { family: "FAREWELL", src: "\\b(?:gracias por todo|thanks? (?:you )?for trying|thank u for trying|gracias por (?:intentar\\w*|haberlo intentado|no rendirte conmigo)|thank(?:s| you) (?:so much )?for everything|perdon(?:en|ame)? por todo|sorry for everything|forgive me|adios(?! a)|goodbye(?! to)|bye forever|(?:los|las|te) (?:quiero|amo) (?:a todos|mucho)|love you all|take care of (?:mom|dad|my \\w+|yourselves)|cuiden a (?:mi|mis)|(?:que )?no me lloren|no (?:lloren|sufran|esten tristes) por mi|dont (?:cry|grieve|be sad|mourn) (?:for|over|about) me|" +
    "gracias por todo lo que (?:hizo|hiciste|hicieron|han hecho|has hecho|hicimos)|agradecer(?:le|te|les)?(?: \\w+){0,4}? por todo|thank(?:s| you)(?: \\w+){0,3}? for all (?:you|youve|that you) (?:did|done|have done))" },
  // ---- ACQUIRED: obtaining or hiding a lethal object ----
  { family: "ACQUIRED", src: "\\b(?:bought|buy|got|get|found|ordered|have|keep|hid|hide|hidden|stashed|compre|comprar|consegui|conseguir|tengo|guardo|escondi|escondid[oa]|guardad[oa]|pedi)\\b(?: \\w+){0,4}? (?:rope|cuerda|soga|noose|gun|pistol|handgun|arma|pistola|revolver|escopeta|poison|veneno|raticida|matarratas)\\b|\\b(?:rope|cuerda|soga|gun|pistol|arma|pistola)\\b(?: \\w+){0,6}? (?:escondid[oa]|guardad[oa]|in my (?:trunk|car|closet|drawer|room)|en (?:el|mi) (?:ropero|closet|armario|cajon|baul|maletero|auto|carro|coche))\\b|\\b(?:arma|pistola|gun|pistol|rifle|escopeta|revolver)\\b(?: \\w+){0,2}? (?:lista|listo|ready|loaded|cargad[oa]|preparad[oa])\\b", negatable: true,
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "obtaining/hiding a rope, gun or poison is access to lethal means", cancelledBy: ["LEISURE", "ROUTINE", "MEDIA", "DENIAL"] } },
  // ---- SINGLE-SIGNAL families: each is one clear signal; `single` says what it raises alone ----
  { family: "FAREWELL:love", src: "\\b(?:(?:dile|diganle|digale|decile|decirle|deciles|diles|tell|let)\\b(?: \\w+)? " + FAMILY + "\\b(?: \\w+){0,2}? (?:que )?(?:(?:lo|la|los|las|les|siempre) )?(?:quiero|quise|ame|amo|quiero mucho|(?:that )?i (?:always )?(?:love|loved))|(?:que sepan?|make sure (?:\\w+ ){1,2}knows?|(?:i want|quiero que) " + FAMILY + " (?:to know|sepan?))(?: \\w+){0,2}? (?:que )?(?:(?:lo|la|los|las) )?(?:quiero|quise|amo|ame|i (?:always )?(?:love|loved)))\\b",
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "relaying a love message to family through the clinician is a farewell" } },
  { family: "LAST_SESSION", src: "\\b(?:(?:this|it|that|today|tomorrow|esta|hoy|manana|(?:will|would|is going to|gonna) be|(?:va|iba) a ser|sera|seria|es|fue)(?: is| was| will be| be| va a ser| sera)? (?:my |mi |la |our |nuestra )?(?:last|final|ultima) (?:appointment|session|visit|therapy session|cita|sesion|consulta|terapia|turno)\\b(?! (?:before|of the|antes|del|de este|de la semana|this|esta|with (?:you )?before))|" +
    "(?:last|ultima) (?:appointment|session|cita|sesion|consulta) (?:ever|de mi vida|para siempre)|" +
    "(?:wont|will not|not going to|no voy a|no vaya a|ya no voy a|no pienso|no creo que (?:vaya|pueda))(?: be(?: at| coming to| there for| making| in)?| make it to| come to| attend| ir a| venir a| estar en| asistir a| volver a| ir al?)(?: \\w+){0,4}? (?:sessions?|appointments?|therapy|cita|citas|sesion|sesiones|consulta|terapia|turnos?)\\b(?: \\w+){0,2}? (?:or any (?:other|more|after that|of them)|ni (?:a )?(?:ninguna|ningun) (?:otra|otro|mas)|ni a las (?:siguientes|que vienen|proximas)|nunca mas|ever again|or ever|any more ever)|" +
    "(?:cancel|cancela|cancelen|cancele|cancelled|canceled|borren|delete) (?:all )?(?:my |mis |todas (?:mis|las) )?(?:future |proximas |siguientes |remaining |upcoming )(?:appointments|sessions|citas|sesiones|turnos)|no me (?:agenden|den|programen|reserven) (?:mas|otra|ninguna) (?:citas?|sesion\\w*|turnos?)|no (?:need|point) (?:to )?(?:book|schedule|booking|scheduling) (?:me |any )?(?:more |another |any more )?(?:appointments?|sessions?))",
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "announcing there will be no future session, without a reason like holidays or discharge, is a classic warning sign", cancelledBy: ["BREAK", "LEISURE", "MEDIA", "DENIAL"] } },
  { family: "ARRANGEMENTS:after", src: "\\b(?:so (?:nobody|no one|noone|you|they|my \\w+|mom|dad|the family|everyone|you guys)(?: \\w+)? (?:has|have|wont have|doesnt have|dont have|will not have|wont need|needs?|need) to (?:deal with|worry about|sort|handle|take care of|figure out|clean up|do|pay)(?: \\w+){0,4}? (?:after|afterwards|later|when im gone|once im gone)|" +
    "para que (?:nadie|ustedes|ellos|mi familia|mis \\w+|mi \\w+) (?:no )?(?:tenga|tengan) que (?:ocuparse|encargarse|lidiar|preocuparse|hacer|arreglar|resolver|pagar|ver)(?: \\w+){0,4}? (?:despues|luego|cuando (?:ya )?no este|cuando me vaya)|" +
    "(?:para|for) (?:despues de que me vaya|cuando (?:ya )?no este\\b(?! (?:en|aca|aqui|disponible))|after im gone|when im gone|once im gone)|(?:after|once) (?:im|i am) (?:gone|no longer (?:here|around)))\\b",
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "arranging things for *after* one is gone" } },
  { family: "GIVEAWAY:final", src: "\\b(?:" + GIVE + ")\\b(?: \\w+){0,4}? " + BELONGING + "\\b(?: \\w+){0,6}? (?:para siempre|for good|forever|permanently|definitivamente|de forma definitiva|que se (?:lo|la|los|las) quede|to keep (?:him|her|it|them)(?! (?:for|until|till|while|over))|ya no (?:l[oa]s? )?(?:voy a|vaya a) necesitar|(?:i )?wont (?:need|be needing))|(?:giving|gave|give|regale|regalando|repartiendo|reparti) (?:away )?(?:all |todas )?(?:my |mis )(?:stuff|things|belongings|cosas|pertenencias)(?! (?:de (?:bebe|verano|invierno)|for the|para la (?:mudanza|venta)))\\b",
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "giving away pets or belongings for good is a final arrangement" } },
  { family: "DECISION", src: "\\b(?:desde que (?:lo )?(?:decidi|tome (?:la|mi) decision)(?! de)|(?:ever )?since i (?:made (?:the|my) decision|decided|made up my mind)(?! (?:to|about|on))|ya (?:tome|he tomado) (?:la|mi) decision(?! (?:de|sobre|del|para|con|respecto))|(?:my |the )?decision(?: is|s| has|s has)? (?:been )?made(?! (?:about|on|for|to))|ya (?:lo )?decidi(?=\\s*(?:$|[.!?,;]))|ya esta decidido(?=\\s*(?:$|[.!?,;]))|(?:ive |i have |i )?made (?:up my mind|my decision)(?=\\s*(?:$|[.!?,;]|and\\b))|i know (?:how|when) (?:ill|im going to|i will|im gonna) do it|ya se (?:como|cuando) lo voy a hacer)",
  },
  { family: "DECISION:since", src: "\\b(?:desde que (?:lo )?(?:decidi|tome (?:la|mi) decision)(?! de)|(?:ever )?since i (?:made (?:the|my) decision|decided|made up my mind)(?! (?:to|about|on))|i know (?:how|when) (?:ill|im going to|i will|im gonna) do it|ya se (?:como|cuando) lo voy a hacer)",
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "living 'since the decision' / knowing how it will be done is the calm-before pattern (a bare 'I decided' is pair-only)", cancelledBy: ["ROUTINE", "LEISURE", "DENIAL", "MEDIA", "BREAK"] } },
  { family: "FINALITY:calm", src: "\\b(?:im|i am|i feel|feeling|i felt|ive been|been|me siento|estoy|ando|me senti|siento|there is|theres|tengo|hay)(?: \\w+)? (?:(?:weirdly|strangely|oddly|surprisingly|eerily|never felt so) (?:calm|peaceful|at peace|serene)|calm(?:er)? than (?:ever|ive been in)|(?:raramente|extranamente|curiosamente|rarisimo|raro) (?:tranquil[oa]|en paz|calmad[oa]|seren[oa])|una (?:extrana|rara) (?:paz|calma|tranquilidad)|a (?:strange|weird|odd|eerie) (?:calm|peace|sense of peace))\\b(?! (?:about|con|sobre|for|por|antes|before|during|durante))",
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "sudden unexplained calm after distress can follow a decision to die" } },
  { family: "DWELL", src: "\\b(?:estuve|estaba|me quede|quede|pase|parad[oa]|sentad[oa]|stood|standing|sat|sitting|spent|stayed|was)\\b(?: \\w+){0,4}? (?:en|sobre|arriba de|al borde de|on|at|in|by|near|cerca de|junto a|encima de|over)(?: \\w+){0,2}? " + "(?:puentes?|bridges?|overpass|viaducto|viaduct|azotea|roof|rooftop|balcon|balcony|cornisa|ledge|edge|borde|baranda|barandal|railing|acantilado|cliff|precipicio|barranco|vias(?: del tren)?|train tracks|tracks|terraza|techo|ultimo piso|top floor)" + "\\b(?: \\w+){0,4}? " + "(?:(?:(?:como|casi|mas de|unas?|like|about|almost) )?(?:una|1|dos|2|tres|3|media) horas?|horas|mucho rato|(?:un|el) (?:buen|largo) rato|un rato largo|toda la (?:tarde|noche|manana)|(?:for )?(?:an|one|two|three|\\d+|half an|like an|about an|almost an|over an) hours?|(?:for )?hours|(?:for )?(?:a long time|ages|a long while)|all (?:night|afternoon|evening|morning))" + "\\b|\\b(?:pase|spent|estuve|stood|sat|me quede|stayed) " + "(?:(?:(?:como|casi|mas de|unas?|like|about|almost) )?(?:una|1|dos|2|tres|3|media) horas?|horas|mucho rato|(?:un|el) (?:buen|largo) rato|un rato largo|toda la (?:tarde|noche|manana)|(?:for )?(?:an|one|two|three|\\d+|half an|like an|about an|almost an|over an) hours?|(?:for )?hours|(?:for )?(?:a long time|ages|a long while)|all (?:night|afternoon|evening|morning))" + "(?: \\w+){0,4}? (?:en|on|at|by)(?: \\w+){0,2}? " + "(?:puentes?|bridges?|overpass|viaducto|viaduct|azotea|roof|rooftop|balcon|balcony|cornisa|ledge|edge|borde|baranda|barandal|railing|acantilado|cliff|precipicio|barranco|vias(?: del tren)?|train tracks|tracks|terraza|techo|ultimo piso|top floor)" + "\\b",
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "a long time at a bridge/ledge/tracks is rehearsal or ambivalence at a lethal place", cancelledBy: ["LEISURE", "ERRAND", "ROUTINE", "MEDIA", "DENIAL"] } },
  { family: "STARING", src: "\\b(?:mirando|viendo|observando|looking|staring|watching|looked|stared|watched)\\b(?: (?:pasar|hacia|para|down|at|over|into))*(?: (?:los|las|el|la|the))? (?:autos|coches|carros|camiones|trafico|agua|rio|vacio|abajo|trenes|vias|caida|cars|traffic|water|river|drop|trains|tracks|void|edge)\\b" },
  { family: "INGESTION:intent", src: "\\b(?:took|taken|take|taking|swallowed|downed|popped|mixed|mixing|chugged|me tome|me he tomado|me acabo de tomar|tome|tomando|me trague|trague|me meti|mezcle|mezclando|mezclo|me bebi|ate)\\b(?: \\w+){0,5}? " + PILLS + "\\b(?: \\w+){0,8}? (?:a proposito|apropos\\w*|adrede|de proposito|on purpose|intentionally|deliberately|para (?:no despertar|morir(?:me)?|matarme|dormir para siempre|que (?:no me despierte|se acabe))|to (?:not wake up|never wake up|die|end it|sleep forever|kill myself)|a ver si (?:no (?:me )?despierto|me muero|duermo para siempre|no amanezco))|(?:a proposito|adrede|de proposito|on purpose|intentionally|deliberately)(?: \\w+){0,3}? (?:took|taken|take|taking|swallowed|downed|popped|mixed|mixing|chugged|me tome|me he tomado|me acabo de tomar|tome|tomando|me trague|trague|me meti|mezcle|mezclando|mezclo|me bebi|ate)\\b(?: \\w+){0,5}? " + PILLS + "\\b|\\b(?:i )?(?:overdosed|od d|oded)\\b(?! (?:on (?:caffeine|coffee|sugar|candy|chocolate|netflix|tv)))|\\bme (?:sobredosifique|intoxique (?:a proposito|con (?:las )?pastillas))\\b", negatable: true,
    single: { level: "HIGH", flag: "overdose", why: "swallowing medication deliberately is an overdose until proven otherwise" } },
  { family: "INGESTION:alcohol", src: "\\b(?:took|taken|take|taking|swallowed|downed|popped|mixed|mixing|chugged|me tome|me he tomado|me acabo de tomar|tome|tomando|me trague|trague|me meti|mezcle|mezclando|mezclo|me bebi|ate)\\b(?: \\w+){0,4}? " + PILLS + "\\b(?: \\w+){0,2}? (?:con|with|and|y|junto con|along with|mixed with) (?:\\w+ ){0,3}?(?:vino|alcohol|cerveza|cervezas|birras?|chelas?|vodka|ron|tequila|whisky|whiskey|wine|beers?|booze|pisco|fernet|licor|liquor|rum|gin|ginebra|aguardiente|guaro|mezcal|alcol)\\b|\\b(?:took|taken|take|taking|swallowed|downed|popped|mixed|mixing|chugged|me tome|me he tomado|me acabo de tomar|tome|tomando|me trague|trague|me meti|mezcle|mezclando|mezclo|me bebi|ate)\\b(?: \\w+){0,4}? (?:vino|alcohol|cerveza|cervezas|birras?|chelas?|vodka|ron|tequila|whisky|whiskey|wine|beers?|booze|pisco|fernet|licor|liquor|rum|gin|ginebra|aguardiente|guaro|mezcal|alcol)\\b(?: \\w+){0,2}? (?:con|with|and|y) (?:\\w+ ){0,2}?" + PILLS + "\\b|\\b(?:mezcl\\w*|mix\\w*) (?:\\w+ ){0,3}?" + PILLS + " (?:\\w+ ){0,2}?(?:con|with|and|y) (?:\\w+ ){0,2}?(?:vino|alcohol|cerveza|cervezas|birras?|chelas?|vodka|ron|tequila|whisky|whiskey|wine|beers?|booze|pisco|fernet|licor|liquor|rum|gin|ginebra|aguardiente|guaro|mezcal|alcol)\\b", negatable: true,
    single: { level: "MEDIUM", flag: "overdose", why: "combining medication with alcohol is a dangerous ingestion", cancelledBy: ["ROUTINE", "ADVICE_Q", "DENIAL", "MEDIA"] } },
  { family: "SLEEP_FOREVER", src: "(?<!could |podria |would |me encantaria |i wanna |quisiera (?:poder )?)\\b(?:dormir|dormirme|duermo|duerma|dormi|quedarme dormid[oa]|sleep|asleep|sleeping|fall asleep|go to sleep)\\b(?: \\w+){0,2}? (?:para siempre|forever|for good|eternamente|y no despertar(?:me)? nunca|and never wake up)\\b(?! (?:this|el|este|on|the|tomorrow|manana|after|despues|cuando termine|when (?:this|i|the)))",
    single: { level: "MEDIUM", flag: "suicidal_ideation", why: "'sleep forever' is a euphemism for death" } },
  { family: "SELF_HARM", src: "\\b(?:(?:me )?(?:rasque|rasco|rascando|rascaba|rasgune|rasguno|rasgunando|arane|arano|aranando|pellizque|pellizco|pellizcando|scratch\\w*|picked|picking|pinch\\w*)\\b(?: \\w+){0,5}? (?:hasta|until|till|til) (?:hacerme |que me (?:salieran|hice|saliera|sangr\\w*) |it |they |i |me )?(?:heridas?|sangr\\w*|lastimarme|bled|bleed\\w*|wounds?|raw|scabs?|llagas|costras|it hurt|doler|dolio)|" +
    "(?:me (?:rasque|rasgune|arane|queme|pegue|golpee|mordi|pellizque|corte|lastime|arranque|rasco|quemo|pego|golpeo|muerdo|pellizco)|i (?:scratched|burned|burnt|hit|punched|bit|pinched|cut|hurt) (?:myself|my))\\b.{0,60}(?:queria que (?:me )?doliera|para que (?:me )?doliera|wanted it to hurt|so it would hurt|to feel (?:the )?pain|para sentir (?:el )?dolor|como castigo|as (?:a )?punishment|porque me lo merezco|because i deserved? it)|" +
    "(?:me (?:queme|quemo|quemaba|estoy quemando)|(?:burned|burnt|burning|burn) myself)\\b(?: \\w+){0,4}? (?:a proposito|adrede|on purpose|con (?:el |un |una |la )?(?:cigarr\\w*|encendedor|mechero|plancha|fosforos?|cerillos?)|with (?:a |the |my )?(?:cigarettes?|lighter|iron|matches))|" +
    "(?:me (?:pegue|pego|golpee|golpeo|estoy pegando|estoy golpeando|di golpes|doy golpes|di cabezazos|doy cabezazos|di punetazos|doy punetazos)|(?:hit|hitting|punched|punching|slapped|slapping|beat|beating|banged|banging) (?:myself|my (?:own )?head|my face|my legs|my arms|my thighs))\\b(?: \\w+){0,5}? (?:a proposito|adrede|on purpose|a mi mism[oa]|hasta (?:que|sangrar|hacerme|dejarme)|until|till|moretones|bruises?|marks)|" +
    "(?<!que |punto de )\\bme (?:estoy |volvi a |vuelvo a |sigo )?(?:arranco|arranque|arrancando|arrancar|arrancaba|jalo|jale|jalando)(?: (?:el|los|la|las|mechones de|mechones del|pedazos de))? (?:pelo|pelos|cabello|pestanas|cejas)\\b(?! (?:con|por|de|cuando|al|del|mientras|para|antes))|" +
    "(?:pulling|pulled|pull|yanking|ripping|plucking|plucked) (?:out )?(?:my )?(?:own )?(?:hair|eyelashes|eyebrows|lashes)(?: out)?(?: \\w+){0,3}? (?:again|until|till|til|on purpose|bald|patches|spots|strands|clumps|bleed\\w*)|(?:cant|can not|couldnt) stop (?:pulling|plucking) (?:out )?(?:my )?(?:hair|lashes|eyelashes|eyebrows)|trichotillomania|tricotilomania|" +
    "(?:havent|have not|hasnt|didnt|not|no (?:he|e)|no|dejo de|deje de|sin|starv\\w*) (?:eaten|eating|ate|comido|como|comer|meals|las comidas|comidas|myself)\\b(?: \\w+){0,6}? (?:a proposito|adrede|de proposito|on purpose|intentionally|como castigo|as (?:a )?punishment|porque no (?:lo |me lo )?merezco|because i (?:dont|do not) deserve)|" +
    "(?:i )?(?:dont|do not) deserve (?:to eat|food|meals|comer)|no (?:me )?merezco (?:comer|la comida|comida)|starving myself|me castigo sin comer|punish(?:ing)? myself by not eating)",
    single: { level: "HIGH", flag: "self_harm", why: "a self-injury act by any method (scratching, burning, hitting, hair pulling, starving) is self-harm", cancelledBy: ["MEDIA", "DENIAL", "SKIN"] } },
  // ---- means in hand, and a time ----
  { family: "ACQUIRED:pills", src: `\\b(?:ya tengo|tengo (?:ya|guardad[oa]s|juntad[oa]s)|consegui|junte|compre|i (?:already )?(?:have|got|bought)|ive got) (?:tod[oa]s )?(?:las |los |mis |unas |the |my |all the |enough )?${PILLS}\\b`, negatable: true },
  { family: "TIMEFRAME", src: "\\b(?:esta noche|hoy (?:en la noche|a la noche|mismo)|tonight|this (?:evening|night)|(?:cuando|when) (?:se duerman|todos duerman|everyone(?:s| is) asleep|nadie (?:este|me vea))|(?:manana|tomorrow) (?:temprano|early|first thing)|(?:hoy|today) es el dia|es (?:hoy|ahora)|its (?:today|tonight))\\b" },
  // ---- benign context ----
  // a decision about ordinary life ("tomé la decisión de cambiarme de carrera"): vetoes the classifier's MEDIUM only
  { family: "LIFE_CHOICE", src: "\\b(?:tome|he tomado|tomamos|made|took) (?:la|una|mi|the|a|my) decision (?:de|to) (?!(?:morir|acabar|terminar|quitarme|matarme|poner fin|no seguir|irme para siempre|hacerlo|desaparecer|die|end|kill|do it|not be))\\w+" },
  { family: "START", src: "\\b(?:empiezo|empezar|empiezo a tomar|comienzo|comenzar|inicio|start|starting|begin|first dose|primera (?:dosis|toma))\\b" },
  { family: "ROUTINE", src: ROUTINE_SRC },
  { family: "BREAK", src: "\\b(?:holidays?|vacaciones|vacation|christmas|navidad|new year|ano nuevo|see (?:you|u|ya) (?:in|on|next|after|soon|when)|nos vemos (?:en|el|a la vuelta|despues|pronto|cuando)|hasta (?:enero|febrero|marzo|abril|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|la vuelta|el ano que viene|pronto)|january|february|april|june|july|august|september|october|november|december|enero|febrero|marzo|abril|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|me mudo|moving|mudanza|new (?:therapist|doctor|psychiatrist|job|city)|nuev[oa] (?:terapeuta|psicolog[oa]|psiquiatra|trabajo|ciudad)|(?:me dieron el |dar de )?alta|discharged?|graduat\\w*|insurance|obra social|seguro|before (?:the|my) (?:break|trip|move|surgery)|antes de (?:las vacaciones|irme de viaje|la mudanza|la cirugia)|of the year|del ano|for now|por ahora|por un tiempo|for a while|reschedul\\w*|reprogram\\w*)\\b" },
  { family: "SKIN", src: "\\b(?:bites?|picaduras?|mosquitos?|granos?|pimples?|acne|rash|roncha\\w*|eczema|eccema|dermatitis|psoriasis|sarna|varicela|chickenpox|hives|alergia|allergy|itch\\w*|comezon|picazon|sunburn|quemadura de sol)\\b" },
  { family: "ERRAND", src: "\\b(?:(?:train|bus|tube|subway|metro|tren|bus|colectivo|micro) (?:was|is|came|llego|vino|viene) (?:late|tarde)|delayed|delays?|retras\\w*|running late|voy tarde|pick (?:him|her|them) up|to pick up|recoger(?:lo|la|los)?|a buscar(?:lo|la|los)?|buscarl[oa]|drop (?:him|her|them) off|llevarl[oa]|uber|taxi|delivery|surprise|sorpresa|date|cita con (?:el|ella)|esperando (?:el|al|a la|a mi|a un|a una) \\w+|waiting for (?:the|a|my|him|her|them|an?) ?\\w*|traffic jam|atasco|embotellamiento|trancon)\\b" },
  { family: "ADVICE_Q", src: "\\b(?:is (?:it|that|this) (?:ok|okay|safe|bad|dangerous|a problem)|can i|should i|puedo|se puede|es malo|esta mal|es peligroso|hace mal|pasa algo si|le pasa algo|me va a pasar algo|by accident|sin querer|por error|accidentally)\\b" },
  { family: "DENIAL", src: "\\b(?:not having any (?:thoughts|ideas)|no (?:thoughts|ideas|pensamientos) (?:of|de)|(?:im|i am) not (?:suicidal|going to do anything|gonna do anything)|no (?:estoy|soy) suicida|no quiero morirme ni nada|no es que (?:quiera|me quiera) morir|no voy a hacer (?:nada|ninguna locura)|(?:dont|do not) want to die|not (?:in )?danger|i would never)\\b" },
  { family: "REFUSAL", src: "\\b(?:no (?:pienso|voy a|quiero|vuelvo a) (?:volver a )?(?:tomar|seguir (?:tomando|con))|(?:deje|dejar|dejo|voy a dejar) de tomar|ya no (?:me )?(?:tomo|voy a tomar)|stop(?:ped|ping)? taking|quit(?:ting)? (?:my|the|taking)|not taking (?:my|the|it|them|any)|(?:wont|will not|not going to|refuse to|never) take (?:my|the|it|them|any))\\b" },
  { family: "MEDIA", src: "\\b(?:song|cancion|lyrics|letra de|poem|poema|movie|pelicula|peli|film|series|serie|show|episode|episodio|book|libro|novel|novela|article|articulo|news|noticia|noticias|documentary|documental|character|personaje|podcast|video|reel|tiktok|chapter|capitulo)\\b" },
  { family: "MEDIA_SELF", src: "\\b(?:written (?:for|about) me|(?:is|its|was|feels) (?:literally |basically |so |exactly |like its )?about me|(?:habla|es|trata) (?:literalmente )?(?:de|sobre) mi(?! (?:casa|familia|barrio|ciudad|pais))|escrit[oa] (?:para|sobre) mi|describes me|me describe|thats (?:exactly )?(?:me|how i feel)|asi (?:me siento|estoy)|me identifico|i relate|could have been me|podria ser yo|hablando de mi)\\b" },
  { family: "LEISURE", src: "\\b(?:para tender|clothesline|washing line|swing|columpio|hamaca|hammock|tow rope|cuerda de remolque|hunting|cazar|caceria|de caza|camping|acampar|climbing|escalar|escalada|gym|gimnasio|jump rope|saltar la cuerda|tender la ropa|tendedero|clothesline|mudanza|moving|boat|barco|velero|party|fiesta|sorpresa|surprise|birthday|cumple\\w*|regalo|gift|shooting range|poligono|practice|practica|tattoo|tatuaje|concierto|concert|trip|viaje|vacaciones|vacation|photos?|fotos?|pictures|sunset|sunrise|atardecer|amanecer con|picnic|jogging|trotar)\\b" },
];

export interface PairDef {
  a: ConceptFamily | ConceptFamily[];
  b: ConceptFamily | ConceptFamily[] | "*";
  flag: RiskFlag;
  /** HIGH unless stated */
  level?: RiskLevel;
  /** benign families that cancel this pair */
  cancelledBy?: ConceptFamily[];
}

const OBJ_MEANS: ConceptFamily[] = ["MEANS:pills", "MEANS:poison", "MEANS:rope", "MEANS:weapon", "MEANS:blade"];
const ALL_MEANS: ConceptFamily[] = [...OBJ_MEANS, "MEANS:place", "MEANS:car"];
const ARR: ConceptFamily[] = ["ARRANGEMENTS", "ARRANGEMENTS:care"];

/** Strong pairs: two DIFFERENT families co-occurring in one message → HIGH. */
export const PAIRS: PairDef[] = [
  { a: "INGESTION", b: ["MEANS:pills", "MEANS:poison"], flag: "overdose", cancelledBy: ["ROUTINE"] },
  { a: "PROXIMITY", b: ["MEANS:place", "MEANS:car"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "SEARCHING", b: ALL_MEANS, flag: "suicidal_ideation" },
  { a: "SEARCHING", b: ["DEATH_WISH", "FINALITY", "PLAN"], flag: "suicidal_ideation" },
  { a: "ACQUIRED", b: ["SECRECY", "PLAN", "FINALITY", "FAREWELL", "DEATH_WISH", "PROXIMITY"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "ACQUIRED", b: "*", flag: "suicidal_ideation", cancelledBy: ["LEISURE", "ROUTINE", "MEDIA"] },
  { a: "FINALITY", b: [...ARR, "PLAN", "FAREWELL", "SECRECY"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "FINALITY", b: OBJ_MEANS, flag: "suicidal_ideation", cancelledBy: ["LEISURE", "ROUTINE", "REFUSAL"] },
  { a: ARR, b: ["SECRECY", "FAREWELL", "PLAN"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  // two DIFFERENT kinds of final arrangement (passwords/insurance + who keeps the pet/letters)
  { a: "ARRANGEMENTS", b: "ARRANGEMENTS:care", flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "LINGER", b: "MEANS:place", flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "MEDIA_SELF", b: ["FINALITY", "PLAN", "FAREWELL"], flag: "suicidal_ideation" },
  { a: "PLAN", b: ["SECRECY", "FAREWELL"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "PLAN", b: ALL_MEANS, flag: "suicidal_ideation", cancelledBy: ["LEISURE", "ROUTINE", "REFUSAL"] },
  { a: "DEATH_WISH", b: "*", flag: "suicidal_ideation" },
  // the target's routine ("sale del gym") is targeting knowledge, so LEISURE does not cancel this pair
  { a: ["HARM_OTHERS", "HARM_OTHERS:wait"], b: ["MEANS:weapon", "MEANS:blade", "MEANS:poison"], flag: "harm_to_others", cancelledBy: ["MEDIA"] },
  // single-signal families promoted by a second, different signal
  { a: "FAREWELL:love", b: ["FAREWELL", "FINALITY", "SECRECY", "DEATH_WISH", "PLAN", "DECISION", "DECISION:since", ...ARR, "ARRANGEMENTS:after", "LAST_SESSION", "FINALITY:calm"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "LAST_SESSION", b: ["FAREWELL", "FINALITY", "SECRECY", "DEATH_WISH", "PLAN", "DECISION", "DECISION:since", ...ARR, "ARRANGEMENTS:after", "FINALITY:calm"], flag: "suicidal_ideation", cancelledBy: ["BREAK", "LEISURE"] },
  { a: "ARRANGEMENTS:after", b: [...ARR, "FINALITY", "FAREWELL", "PLAN", "DECISION", "DECISION:since", "SECRECY", "GIVEAWAY:final"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "GIVEAWAY:final", b: ["FAREWELL", "SECRECY", "PLAN", "DECISION", "DECISION:since", "FINALITY:calm", "ARRANGEMENTS"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: ["DECISION", "DECISION:since"], b: ["FINALITY:calm", "FINALITY", "FAREWELL", "SECRECY", ...ARR, ...OBJ_MEANS], flag: "suicidal_ideation", cancelledBy: ["LEISURE", "ROUTINE", "REFUSAL", "BREAK"] },
  { a: "DWELL", b: ["STARING", "LINGER", "FINALITY", "FAREWELL", "DECISION", "PLAN", "SECRECY"], flag: "suicidal_ideation", cancelledBy: ["LEISURE"] },
  { a: "INGESTION:alcohol", b: ["SLEEP_FOREVER", "DEATH_WISH", "FINALITY", "INGESTION", "SECRECY", "FAREWELL"], flag: "overdose", cancelledBy: ["ROUTINE"] },
  { a: "ACQUIRED:pills", b: "TIMEFRAME", flag: "overdose", cancelledBy: ["ROUTINE", "START", "ADVICE_Q", "REFUSAL", "DENIAL", "MEDIA"] },
  { a: "SLEEP_FOREVER", b: ["MEANS:pills", "MEANS:poison", "INGESTION"], flag: "overdose", cancelledBy: ["ROUTINE"] },
  // a song/film/post the patient says is about them, next to a death wish: never below MEDIUM
  { a: "MEDIA_SELF", b: ["DEATH_WISH"], flag: "suicidal_ideation", level: "MEDIUM" },
];
/** Single-signal tier, read from FAMILIES[].single. */
export const SINGLES = FAMILIES.filter((f) => f.single).map((f) => ({ family: f.family, ...f.single!, cancelledBy: f.single!.cancelledBy ?? SINGLE_BENIGN }));
export const BENIGN = new Set<ConceptFamily>(["LIFE_CHOICE", "ROUTINE", "DENIAL", "MEDIA", "MEDIA_SELF", "LEISURE", "REFUSAL", "BREAK", "ADVICE_Q", "SKIN", "ERRAND", "START"]);
/**
 * Indirect cues (round 3): a concept match made only of these families is a farewell, a final
 * arrangement, a decision or a time without a self-directed risk concept — MEDIUM at most unless
 * the message also names means, a method, death or the absence of the self (risk-lexicon.ts).
 */
export const CUE_FAMILIES = new Set<ConceptFamily>(["FAREWELL", "FAREWELL:love", "FINALITY", "FINALITY:calm", "TIMEFRAME", "DECISION", "DECISION:since", "LAST_SESSION", "ARRANGEMENTS", "ARRANGEMENTS:care", "ARRANGEMENTS:after", "GIVEAWAY:final", "PLAN", "SECRECY", "DEATH_WISH", "DWELL", "STARING", "LINGER"]);
/** the weak DEATH_WISH family is implied by the strong one */
export const IMPLIES: ReadonlyMap<ConceptFamily, ConceptFamily> = new Map([["DEATH_WISH:strong", "DEATH_WISH"]]);

