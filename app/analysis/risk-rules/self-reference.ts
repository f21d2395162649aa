// Round 3 (issue 11): who the risk wording is about, and whether the message reads like a
// patient's chat at all. Data only, over normalised text (lowercase, no accents, chat
// abbreviations expanded). Used by risk-lexicon.ts after the rule and concept layers:
//   - a message with no first-person word at all (news, how-tos, reviews, legal text, other
//     people: "Overdose deaths fell…", "Cut the chicken…", "Sube el número de muertes por
//     sobredosis…") raises no alert — risk is self-directed or it is not ours to page on;
//   - a single indirect cue (a farewell, "ready", a time next to "lo hago"/"do it", "ya no
//     estaré") without a self-directed risk concept in the same message is ambiguous: MEDIUM at
//     most, and LOW when the message names an ordinary departure (a job, a trip, leave);
//     HIGH needs explicit intent or the cue plus a SELF_RISK concept (means, method, death or
//     absence of the self).

/** a first-person word (English pronouns; Spanish pronouns and common first-person verb forms) */
export const FIRST_PERSON = new RegExp(
  [
    "\\b(?:i|im|ive|id|ill|me|my|mine|myself|imma)\\b",
    "\\b(?:yo|me|mi|mis|conmigo|mio|mia|mios|mias)\\b",
    // Spanish is pro-drop: the verb carries the person ("lo hago mañana", "ya no estaré", "tomé todo")
    "\\b(?:estoy|estaba|estuve|estare|estaria|tengo|tenia|tuve|tendre|voy|iba|fui|ire|quiero|queria|quise|quisiera|puedo|podia|pude|podre|soy|sere|seria|hago|hacia|hice|hare|haria|siento|sentia|senti|sabia|pienso|pensaba|pense|creo|crei|necesito|necesitaba|aguanto|sirvo|merezco|odio|habia|hube|habre|llevo|sigo|vuelvo|volvi|dejo|deje|tome|tomo|corte|corto|intente|intento|compre|consegui|escribo|escribi|digo|dije|doy|di|veo|vi|salgo|sali|aviso|prometo|prometi|juro|ando|duermo|dormi|comi|bebi|bebo|quede|quedo|encontre|guarde|guardo|junte|acumule|lo siento|perdon|perdoname|perdonenme|gracias)\\b",
  ].join("|"),
);

/**
 * A self-directed risk concept: a lethal means or method, death, dying or the absence of the
 * self. With it, an indirect cue (farewell, time, "ready") keeps its HIGH.
 */
export const SELF_RISK = new RegExp(
  [
    "\\b(?:mor\\w*|muer\\w*|muert\\w*|suicid\\w*|matarme|me mato|quitarme la vida|acabar con (?:todo|mi vida)|terminar con todo|no despertar\\w*|sin mi\\b|para siempre|desaparecer|ahorcar\\w*|colgarme|soga|cuerda|cortarme|cortes|cuchillas?|navajas?|pastillas|pildoras|comprimidos|sobredosis|veneno|puente|vias(?: del tren)?|azotea|cornisa|barranco|acantilado|tirarme|saltar|lanzarme)",
    "\\b(?:die|dying|dead|death|suicid\\w*|kill myself|end (?:it|it all|my life|everything)|take my (?:own )?life|not (?:wake up|be here|be alive)|without me|forever|disappear|hang myself|noose|rope|cut myself|cutting|blades?|razors?|pills|tablets|meds|overdose|poison|bridge|tracks|roof|rooftop|ledge|cliff|jump)\\b",
  ].join("|"),
);

/**
 * An ordinary departure named in the message: a farewell or an absence that is about work,
 * study, travel, leave or an event, not about the self. Lowers a lone indirect cue to LOW.
 */
export const ORDINARY_DEPARTURE = new RegExp(
  "\\b(?:team|equipo|company|empresa|compania|office|oficina|filial|project|proyecto|department|departamento|area de|colleagues?|companeros|coworkers?|clients?|clientes|accounts?|cuentas|handover|traspaso|job|trabajo|trabajar|jefe|boss|last day|ultimo dia|retire\\w*|jubil\\w*|leave|permiso|baja|vacation|vacaciones|holidays?|trip|viaje|trek|travel\\w*|flight|vuelo|playa|beach|students?|alumn\\w*|class|clase|colegio|escuela|bachillerato|selectividad|university|universidad|season|temporada|fans|afición|aficion|club|tour|gira|concert|concierto|show|quedada|party|fiesta|wedding|boda|meeting|reunion|contact|contacto|urgent\\w*|urgencia|cover|cubrir|replace\\w*|reemplaz\\w*|sustitu\\w*|new (?:role|position|city|home)|nuevo (?:puesto|cargo|trabajo)|moving|mudanza|me mudo|see you (?:all )?(?:in|on|next|soon)|nos vemos|hasta (?:la vuelta|pronto|el lunes|manana)|seguimos en contacto|keep in touch|stay in touch)\\b",
);

/**
 * Written prose rather than chat: starts with a capital (after opening punctuation) and ends
 * with sentence punctuation. Only used together with "no first-person word at all".
 */
export const PROSE_START = /^[\s¡¿"“'(«]*[A-ZÁÉÍÓÚÑ0-9]/;
export const PROSE_END = /[.!?)"”»]\s*$/;

/**
 * Wording that counts as a second indirect cue beside a farewell or a time: an apology or thanks
 * for everything, secrecy, being alone at a chosen moment, the last contact.
 */
export const SECOND_CUE = new RegExp(
  [
    "\\b(?:sorry|forgive me|perdon\\w*|lo siento|disculp\\w*) (?:for|por)? ?(?:everything|all (?:the|of)|todo|tanto)\\b",
    "\\b(?:dont|do not|no) (?:tell|le digas|les digas|digas) (?:anyone|nadie|a nadie)|\\bnadie (?:lo )?sabe\\b|\\bnobody knows\\b",
    "\\b(?:home alone|solo en casa|sola en casa|me quedo sol[oa]|house to myself|casa para mi)\\b",
    "\\b(?:you(?:re| are) the last|usted es la ultima|eres (?:la|el) ultim[oa])\\b",
  ].join("|"),
);
