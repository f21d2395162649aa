// Indirect HIGH wording (issue 11, round 2): a plan, means in hand, an attempt, self-harm or a
// farewell said without the words "suicide" or "kill myself". Data only, same row format as
// patterns.ts. Each row combines small word FAMILIES below rather than listing sentences, so a
// clinician can read what is recognised: e.g. a self-directed act ("lo hago", "do it") next to
// a near TIME ("el viernes", "tonight") is a plan. Written from the train/dev splits' misses.
import type { Row } from "./patterns";

const W = (n: number) => `(?: \\w+){0,${n}}?`;
const alt = (...xs: string[]) => `(?:${xs.join("|")})`;

/** a near, named time */
export const TIME = alt(
  "hoy", "esta noche", "esta tarde", "manana", "pasado manana", "el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)", "este (?:finde|fin de semana)",
  "en (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)", "el \\d{1,2}", "la madrugada", "de madrugada",
  "tonight", "today", "tomorrow", "this (?:weekend|week|evening)", "on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", "the \\d{1,2}(?:st|nd|rd|th)",
);
/** an opportunity: when nobody will be there */
const WHEN_ALONE = alt(
  "(?:cuando|apenas|en cuanto|mientras) (?:\\w+ ){0,4}?(?:se (?:vaya|vayan|duerma|duerman)|duerman|no (?:haya|este|esten) nadie|no (?:me )?vean|salga|termine)",
  "(?:after|when|once|as soon as) (?:\\w+ ){0,4}?(?:leaves?|goes|go|are (?:out|asleep|gone|away)|is (?:out|asleep|gone|away)|falls? asleep|nobody is|no one is)",
);
/** the act, named without naming it */
const DO_IT = alt("lo hago", "lo voy a hacer", "voy a hacerlo", "lo hare", "hacerlo", "me mato", "me suicido", "termino con todo", "acabo con todo",
  "(?:im |i am )?(?:going to|gonna) do it", "ill do it", "do it", "thats when", "es el dia", "is the day", "as the day");
/** a lethal means by name */
export const MEANS = alt(
  "pastillas", "pastis", "pildoras", "comprimidos", "blisters?", "cajas de \\w+", "paracetamol", "tramadol", "insulina", "morfina", "litio", "somniferos", "medicacion", "medicinas", "botiquin",
  "pills", "tablets", "painkillers", "paracetamol", "tramadol", "insulin(?: pens)?", "morphine", "lithium", "quetiapine", "meds",
  "cuerda", "soga", "cinturon", "rope", "belt", "noose", "hose",
  "cuchillas?", "navajas?", "gillette", "cutter", "blade", "blades", "razors?", "knife", "cuchillo",
  "pistola", "escopeta", "arma", "gun", "shotgun", "pesticida", "pesticide", "veneno", "poison", "cloro", "lejia", "bleach", "carbon", "charcoal",
);
/** the means is ready, counted, hidden or kept for a purpose */
const READY = alt(
  "para esto", "para hacerlo", "para lo (?:que|q) voy a hacer", "para luego", "listas?", "listos?", "preparad[oa]s?", "en la mano", "aqui delante", "delante de mi", "encima de la mesa", "contadas", "suficientes?", "escondid[oa]s?", "guardad[oa]s?", "sin abrir", "me estan llamando", "sin que se entere", "para que no sospech\\w+", "pa (?:q|que)", "ya sabes",
  "for this", "ready", "in front of me", "next to me", "in my (?:room|bag|pencil case)", "counted?", "count them", "enough", "hidden", "so nobody", "you know what for", "not for my", "kept them", "keep (?:taking it out|holding it|looking)", "tied", "full tank", "im scared of what",
);

export const INDIRECT_ROWS: Row[] = [
  // ---- PLAN: the act next to a time or an opportunity, a chosen day/place, a method announced ----
  ["suicidal_ideation", "HIGH", `\\b${TIME}\\b${W(8)} ${DO_IT}\\b|\\b${DO_IT}\\b${W(4)} ${TIME}\\b`, { notAfter: /\b(?:si|if|como|cuando)\b[^.!?]*$/ }],
  ["suicidal_ideation", "HIGH", `\\b${WHEN_ALONE}\\b${W(8)} ${DO_IT}\\b|\\b${DO_IT}\\b${W(3)} ${WHEN_ALONE}`],
  ["suicidal_ideation", "HIGH", "\\b(?:ya )?(?:he )?(?:elegi|elegido|escogi|tengo elegid[oa]|tengo) (?:el|la) (?:dia|fecha|hora|lugar|sitio)\\b|\\bel dia (?:lo )?tengo (?:elegido|decidido)|\\btengo un plan y una fecha|\\b(?:picked|chose|set|have) (?:the|a) (?:date|day|time and place)|\\bas the day\\b|\\bthe plan is to\\b|\\bel plan es (?:tomar|tirar|ir|hacer)\\w*|\\bgo over the plan\\b|\\bwrote down the steps\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:lo )?tengo (?:todo )?(?:pensado|planeado|organizado|listo|decidido)\\b|\\b(?:ive )?(?:thought it all through|got it all sorted|made my mind up)\\b|\\bya (?:me )?organice\\b", { unless: /\b(?:viaje|vacaciones|fiesta|boda|cumple|mudanza|trip|holiday|party|wedding|cita|appointment|examen|exam|menu|cena|comida)\b/ }],
  ["suicidal_ideation", "HIGH", "\\b(?:he decidido|decidi|tome la decision de|he tomado la decision de|decided to) (?:poner fin a mi vida|acabar con todo|morir|terminar con todo|end (?:it|my life))|\\bno voy a llegar al (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|fin de semana|finde|mes)|\\b(?:will not|wont) be alive (?:by|on|for|after)|\\besta vez no voy a fallar|\\bya no es pensarlo|\\bhoy si lo hago\\b|\\b(?:hoy|manana|esta noche) (?:termino|acabo) con todo\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:going to|gonna|voy a|me voy a|pienso) (?:walk into the sea|step in front of|drive off|crash into|throw myself|meter(?:me)? (?:al|en el) mar|ir al (?:puente|acantilado|mar)|tomar(?:me)? todo)|\\b(?:meterme|ir al mar)\\b.{0,40}\\b(?:no (?:pienso )?volver|no pueda volver|hasta que no)|\\bdonde (?:lo )?voy a hacer\\b|\\blo voy a hacer en\\b|\\bhabitacion de hotel para hacerlo|\\bbooked a hotel\\b.{0,40}\\bnobody finds me|\\b(?:checked|mirado) (?:the )?(?:train times|horarios del tren)|\\bdonde nadie me encuentre\\b|\\bcuando me encuentren\\b"],
  // ---- MEANS in hand: a lethal means, and it is ready, counted, hidden or kept for this ----
  ["suicidal_ideation", "HIGH", `\\b${MEANS}\\b.{0,60}\\b${READY}(?!\\w)|\\b${READY}\\b.{0,30}\\b${MEANS}\\b`, { unless: /\b(?:receta nueva|farmacia de guardia|caducad\w*|vencid\w*|expired|dispose|devolver|return them|pastillero|pill organiser|recordatorio|reminder|cocina|kitchen|cooking|camping|afeitar(?:me)? (?:la|las|el)|shaving|barba|beard)\b/ }],
  ["suicidal_ideation", "HIGH", "\\b(?:ya )?(?:tengo|compre|consegui|he comprado) (?:con (?:que|q)|lo (?:que|q) (?:necesito|necesitaba)) (?:para )?hacerlo|\\bkit de salida\\b|\\bya tengo suficientes?\\b|\\b(?:he ido )?(?:acumulando|juntando|ahorrando)\\b.{0,40}\\bya tengo|\\b(?:saving|stockpiling|hoarding) (?:my|up|the)\\b|\\b(?:bought|got) (?:\\d+|\\w+) (?:packs|boxes) of\\b|\\bdistintas farmacias|different (?:shops|pharmacies)|\\b(?:se|i know) (?:donde guarda|where (?:he|she|they) keeps?) (?:la llave|the key)|\\bordered something online i shouldnt\\b"],
  // ---- ATTEMPT: a recent act, in the past, done on purpose ----
  ["suicidal_ideation", "HIGH", "\\b(?:lo )?(?:intente|he intentado|intento) (?:hacerlo |otra vez|de nuevo|el \\w+|anoche|ayer)|\\bintente hacerlo|\\b(?:i )?(?:tried|attempted) (?:again|to (?:off|kill|drown|hang|end|step|jump|overdose))|\\btried to off\\b|\\bdespues del intento|after (?:my|the) attempt|\\b(?:lavaje|lavado) de estomago|stomach pumped|\\bcasi me muero pero a proposito"],
  ["overdose", "HIGH", "\\b(?:me (?:he )?(?:tome|tomado|trague|inyecte|bebi)|he tomado|tome|took|tek|injected|drank|swallowed)\\b(?: \\w+){0,3}? (?:todo lo (?:que|q) (?:tenia|habia|hay)|todo lo del|toda la (?:medicacion|insulina|caja)|la medicacion de toda|all my|everything i|a whole (?:heap|lot|box)|\\d+ (?:packets|packs|boxes)|muchas pastillas|cloro|lejia|bleach|veneno)|\\b(?:a proposito|on purpose|adrede)\\b.{0,40}\\b(?:tome|me tome|inyecte|salte|me tire|me meti)|\\b(?:me tire|salte|me meti (?:contra|en el mar|al mar)|me encerre en el coche)\\b.{0,60}\\b(?:a proposito|para no (?:volver|salir)|con la intencion|no fue accidente)|\\bno fue (?:un )?accidente\\b|\\bpara no volver\\b|\\bpara no salir\\b", { unless: /\b(?:por error|sin querer|by accident|by mistake|accidentally)\b/ }],
  // ---- SELF-HARM: new cuts, cutting again, hurting oneself again ----
  ["self_harm", "HIGH", "\\b(?:cortes|cuts) (?:nuevos|nuevas|frescos|new|fresh)|\\b(?:new|fresh) (?:cuts|ones)\\b|\\b(?:me (?:he )?hecho|haciendome|me hice|me hago) (?:unos |varios |mas )?cortes|\\bcortandome\\b|\\blos cortes que me hice|\\bllen[oa]s? de cortes|\\b(?:volvi|he vuelto|me volvi|me he vuelto) a (?:hacerme dano|hacer dano|hacerlo|lo de las cuchillas)|\\bhe vuelto a lo de|\\bme volvi a hacer dano|\\bme he (?:vuelto a )?hacer dano|\\bme he quemado (?:el|la|los|las) \\w+ con|\\b(?:i )?cut (?:anyway|again|pretty deep|deep|tonight|yesterday|today|in the same place|myself)|^cut\\b|\\bused the (?:razor|blade) again|\\btook a (?:blade|razor|knife) to my|\\bpulled my stitches|\\bcutting on my|\\bdoing the cutting|\\bsolo (?:fue )?un corte\\b|\\bfue solo un corte\\b|\\btiritas en los brazos", { unless: /\b(?:cocinando|cooking|pelando|chopping|afeitando|shaving|jardin|garden|papel|paper cut|pelo|hair|corte de (?:pelo|luz|agua)|power cut)\b/ }],
  // ---- FAREWELL: saying goodbye for good, thanking for everything, the last message ----
  ["suicidal_ideation", "HIGH", "\\besta noche me despido|\\b(?:para )?despedirme\\b|\\besto es una despedida|\\bhasta siempre\\b|\\b(?:final|last) message\\b|\\bla ultima vez que (?:os|les|te|le) escribo|\\besta es la ultima vez|\\bthe last message you|\\bposted my goodbye|\\btonight is goodbye|\\bgoodbye\\b.{0,60}\\b(?:thank|sorry|tried|fault)|\\b(?:thank|sorry|tried|fault)\\b.{0,60}\\bgoodbye\\b|\\bno me (?:busquen|busqueis|busques|llameis|llamen)\\b|\\bya no me van a ver mas|\\bcuando leas esto|\\bwhen you read this|\\bno fue culpa de nadie|\\b(?:its|it is|it isnt|isnt) (?:not )?your fault|\\byou tried\\b|\\bperdoname por lo (?:que|q) voy a hacer|\\bme voy tranquil[oa]|\\bme puedo ir tranquil[oa]|\\bya me puedo ir\\b|\\bfue bonito mientras duro|\\b(?:les|os|le|te) deje (?:una )?cartas?|\\bdejado cartas|\\bcarta(?:s)? (?:para|a) todos|\\bwrote a note for\\b|\\btodo escrito en la carta|\\blook after (?:mum|mom|dad|my \\w+) for me|\\bi(?:m| am) going to be with\\b"],
  ["suicidal_ideation", "HIGH", "\\b(?:ya no|no) (?:van|vais|vas|tendreis|tendran|tendras) (?:a tener )?que (?:verme|preocupar\\w*|aguantarme)|\\bya no (?:voy a|vaya a) (?:molestar|dar (?:mas )?(?:lata|guerra|problemas))|\\bno (?:os|les|te) (?:voy a|vaya a) dar mas (?:guerra|lata)|\\b(?:wont|will not|not going to) be (?:a|the) (?:burden|problem)\\b.{0,30}\\b(?:much longer|anymore|for long)|\\bbetter off soon\\b|\\bmade sure of it\\b|\\b(?:wont|will not|dont) need (?:it|the sick note|them)\\b|\\bya no (?:hara|hace) falta\\b|\\bya no (?:las|los) voy a (?:ocupar|usar|necesitar)|\\byo ya no lo voy a usar|\\bpara el \\w+ ya no estare|\\bya no estare\\b|\\b(?:give|dale) my slot\\b|\\b(?:slot|place|appointment)\\b.{0,40}\\bpermanently\\b|\\bdont bother booking\\b|\\bnot long now\\b|\\bya falta poco\\b|\\bdentro de poco se acaba todo|\\bmy pain will be over|\\bse acaba el sufrimiento|\\bse termina todo\\b|\\bfound a way out\\b|\\b(?:it ?ll|will) be soon\\b|\\basking for soon\\b|\\bi(?:ll| will) be with (?:my )?\\w+ soon|\\bya no me esperen|\\bno (?:voy a volver|vuelvo) (?:a la consulta|a ningun)|\\bdejar de ser un problema|\\bmuch longer\\b|\\blast week of me|\\blast time youll hear|\\bno point where im going|\\bwelfare check\\b.{0,40}\\bjust in case"],
];
