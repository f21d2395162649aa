// Figurative idioms and message-level context of the risk screen. Data only.
// IDIOMS: any risk match overlapping one of these spans is dropped ("me muero de risa").

// Idioms: any risk match overlapping one of these spans is dropped.
export const IDIOM_SOURCES: string[] = [
  "\\b(?:me|te|se|nos) (?:muero|muere|morimos|mori|moria|estoy muriendo|muera|mueras) de (?:la |los )?(?:risa|ganas|hambre|sueno|frio|calor|sed|miedo|verguenza|envidia|amor|pena|aburrimiento|nervios|cansancio|emocion|curiosidad|gusto|felicidad|celos|alegria)",
  "\\b(?:me quiero|quiero|me queria|me voy a|me iba a) morir(?:me)? de (?:la |los )?(?:verguenza|risa|ganas|hambre|sueno|calor|frio|aburrimiento|envidia|amor|nervios|pena|ternura)",
  "\\bmuert[oa]s? de (?:risa|cansancio|sueno|hambre|frio|miedo|verguenza|calor|sed|envidia)",
  "\\b(?:de|para) morir(?:se)?\\b(?: de \\w+)?|\\bde muerte\\b|\\bmorirse de\\b|\\bmori con\\b|\\bme mori de\\b|\\bme muero con\\b",
  "\\b(?:me|te|nos) (?:va|van|vas) a matar\\b(?! a\\b)|\\b(?:va|van) a matarme\\b|\\bme (?:mata|matan|esta matando|estan matando|matas)\\b|\\bme mate (?:estudiando|trabajando|entrenando|corriendo|limpiando|de risa)",
  "\\b(?:chiste|examen|gym|gimnasio|trabajo|calor|trafico|dia|partido|serie|video|meme|audio|jefe|clase)s? (?:me )?(?:mato|mata|matan|esta matando)\\b",
  "\\bse (?:me |le |te )?(?:murio|murieron|muere|muerio) (?:el|la|mi|los|las) (?:celular|cel|telefono|movil|bateria|compu|computadora|laptop|portatil|coche|carro|auto|planta|plantas|tele|internet|wifi)",
  // "me quiero morir de lo rico", "me muero de lo lindo": dying *of* something pleasant
  "\\b(?:me|te|se|nos)? ?(?:quiero |queria |voy a |iba a )?(?:morir(?:me)?|muero|mori|muera) de (?:lo )?(?:rico|rica|bueno|buena|lindo|linda|bonito|bonita|hermoso|hermosa|gracioso|graciosa|chistoso|tierno|tierna|cute|feliz|sabroso|sabrosa|delicioso|deliciosa|bello|bella|contento|contenta|ternura|felicidad|emocion|alegria|orgullo|gusto|placer|amor|antojo|risa)\\b",
  "\\bdying (?:to|for|of laughter|laughing)\\b|\\bto die for\\b|\\b(?:killing|killed|kill) it\\b|\\b(?:is|are|was|were|s|re) killing me\\b|\\bkilled me\\b|\\b(?:going to|will|would) kill me\\b",
  "\\b(?:phone|battery|laptop|car|computer|plant|wifi|internet) (?:died|is dead|dead)\\b|\\blol (?:im|i am) dead\\b|\\b(?:im|i am) dead (?:lol|lmao)|\\bkiller\\b|\\bdead tired\\b|\\b(?:bored|scared) to death\\b|\\bdie of (?:laughter|embarrassment|shame)\\b",
];

export const MINIMISER = /\b(?:pero|but)\b(?: \w+){0,3}? (?:bien|tranqui\w*|ok|okay|fine|alright|good|at peace|en paz|doing (?:ok|okay|fine|good)|lo llevo bien|well made|bien hech[oa])\b|\b(?:tuvo|had) (?:una |a )?(?:vida|life) (?:larga|feliz|buena|long|good|happy)|\b(?:le dimos|we gave (?:him|her|them)) (?:una |a )?(?:buena vida|good life)/;
export const GRIEF = /\b(?:se (?:me |nos )?(?:murio|fue)|fallecio|fallecimiento|murio|passed away|passed|died|lost (?:my|our)|perdi a|perdimos a|funeral|velorio|entierro|rip|descanse en paz)\b/;
export const MEDIA = /\b(?:documentary|documental|pelicula|peli|movie|film|serie|series|show|libro|book|novel|novela|episode|episodio|podcast|article|articulo|noticia|news)\b/;
export const FIRST_PERSON_STATE = /\b(?:i feel|im|i am|ive been|i have been|been feeling|me siento|estoy|ando|toy|me tiene|me dejo)\b/;
export const IDIOM_PRONE = /^(?:me (?:quiero|voy a) (?:morir|matar)|quiero morir(?:me)?|me mato|i want to die|kill myself)$/;
export const LAUGHTER = /\b(?:ja(?:ja)+|je(?:je)+|ha(?:ha)+|lol|lmao|xd)\b|[😂🤣😆😅]/u;

// ---- Figurative, third-party and hyperbolic use (issue 11: below MEDIUM unless the message
// also carries self-directed risk). Chosen on the train/dev splits of the blind corpus.
/** laughter and joke markers, wider than LAUGHTER: these turn "me quiero morir" into hyperbole */
export const JOKING = /\b(?:ja(?:ja|j)+|je(?:je)+|ha(?:ha)+h?|lol|lmao|lmfao|xd+|jsjs\w*|kkk+|rofl|bruh|no mentiras|es broma|its a joke|jk)\b|[😂🤣😆😅💀🙃😹]/u;
/** a trivial cause named next to the "wish" ("this homework", "la factura de la luz") */
export const TRIVIAL_CAUSE = /\b(?:homework|deberes|tarea|tareas|examen|examenes|exam|exams|paperwork|papeleo|factura|facturas|bill|fila|cola del|queue|traffic|trafico|monday|lunes|heat|este calor|con este calor|song|cancion|baby shower|team|mi equipo|partido|jefe|boss|ensayo|essay|tiktok|helado|gym|gimnasio|resaca|hangover|meeting|reunion|the line|wifi|la luz|el profe|uni)\b/;
/** someone else is the subject of the risk wording */
export const THIRD_PARTY = /\b(?:mi|mis|my|our|nuestr[oa]|su|sus|his|her|their|el|la) (?:prim[oa]s?|amig[oa]s?|compa|compas|friend|friends|best mate|mate|wife|husband|espos[oa]|mum|mom|mother|dad|father|madre|padre|mama|papa|vecin[oa]s?|neighbou?rs?|hij[oa]s?|son|daughter|sister|brother|herman[oa]s?|cunad[oa]|carnal|roommate|companer[oa]( de cuarto)?|students?|alumn[oa]s?|aunt|uncle|ti[oa]|abuel[oa]|grandma|grandpa|novi[oa]|boyfriend|girlfriend|ex|coworker|colleague|jefe|boss|paciente|patient|cousin|nephew|niece|sobrin[oa])\b|\b(?:un|una|a) (?:hombre|mujer|chico|chica|man|woman|guy|girl|boy|kid|nino|nina|actor|actriz|cantante|singer)\b|\b(?:someone|somebody|alguien|la gente|people|la ministra|el ministro|the paper|el periodico|la noticia|the news)\b/;
/** the risk wording has someone else as its subject ("se suicidó", "overdosed", "she wants to die") */
export const THIRD_PERSON_RISK = /\b(?:se (?:suicid\w*|mato|quiere (?:morir|matar|aventar|tirar)|queria (?:morir|matar)|quiso (?:matar|morir)|corta|corto|tiro|colgo|ahorco)|intento suicidarse|(?:dice|dijo|publico|escribio|amenaza con|decia) (?:que|q)?|(?:overdosed|hanged|killed|cuts|cut|hurt) (?:himself|herself|themselves)|overdosed|took an overdose|(?:he|she|they|who) (?:wants?|wanted|said|says|tried|attempted|keeps|cuts?)|attempted suicide|jumped|murio|died|committed suicide)\b/;
/** first-person risk wording: keeps a third-party or joking message at its rule level */
export const FIRST_PERSON_RISK = /\b(?:me (?:quiero|voy a|gustaria|dan ganas de|mato|corto|corte|lastimo|hice dano)|yo (?:tambien|igual|tampoco)|quiero (?:morir|matarme|desaparecer)|i (?:want|wanna|wish|am going|m going|have been|ve been|keep)|myself|me too|i also|a mi tambien|a mi me pasa|como yo|like me)\b/;

// ---- Round 2 (issue 11 tiers) ----
/**
 * Passive wish-to-die wording: MEDIUM, not HIGH, unless the message also carries intent, a plan,
 * means, a farewell, an attempt or self-harm (decision 006). Tested on the phrase a HIGH
 * suicidal-ideation match found (normalised text).
 */
export const PASSIVE_IDEATION = new RegExp([
  "\\bno (?:quiero|quisiera|tengo ganas de|me quedan ganas de) (?:seguir )?(?:vivir|viviendo|existir|estar (?:aqui|viv[oa])|despertar|amanecer|seguir)",
  "\\b(?:no )?(?:existir|existiera|existiese|despertar\\w*|amanecer|amaneciera|hubiera amanecido)\\b", "\\bsentido (?:a|tiene) (?:vivir|seguir|la vida|estar)",
  "\\b(?:mejor|mas facil|alivio)\\b.{0,20}\\b(?:sin mi|si (?:yo )?(?:no|ya no))\\b", "\\bsobro\\b", "\\b(?:carga|estorbo)\\b", "\\b(?:pienso|pensando|pense|pensado)\\b.{0,20}\\b(?:muerte|morirme|morir)\\b",
  "\\bla idea de morir", "\\bno me importaria (?:morir|que)", "\\bojala me hubiera muerto", "\\bdesaparecer\\b", "\\bque se acabe todo", "\\bsi me muero", "\\bdormir(?:me)?\\b",
  "\\bno quiero seguir aqui", "\\bno quisiera estar aqui", "\\bsi me atropell", "\\bcansad[oa] de vivir|\\bhart[oa] de (?:vivir|la vida)",
  "\\b(?:dont|do not|no longer|never) want to (?:be alive|live|wake up|exist|be here|keep living|go on)", "\\b(?:wake|waking) up\\b", "\\bbetter (?:off )?(?:without me|if i)", "\\bbetter to die\\b",
  "\\bwish(?:ed)? (?:i )?(?:was|were|could|had)\\b", "\\b(?:wasnt|werent) alive", "\\b(?:stop|not) existing|\\bnot exist", "\\b(?:think|thinking|thought) about (?:death|dying)",
  "\\bno (?:point|reason)\\b", "\\bnothing (?:left )?to live for", "\\bburden\\b", "\\bif i (?:was|were) gone", "\\bmiss me\\b", "\\bhit me\\b", "\\bnot worth living|\\bworth (?:living|it)",
  "\\bsee the point\\b", "\\bturn the wheel", "\\bsuicidal\\b(?! (?:plan|intent))", "DEATH_WISH:strong",
].join("|"));
/** "no es broma", "not joking": the laughter is not a joke marker */
export const NOT_JOKING = /\b(?:no es broma|no estoy bromeando|no bromeo|en serio|de verdad|not (?:joking|kidding)|im serious|for real)\b/;
/** a cause or condition named beside the wish ("si pierde el Madrid", "if the printer jams", "con este tráfico") */
export const CONDITION = /\b(?:si|como|cuando|if|when|con (?:este|esta|estos|estas|el|la)|with (?:this|these)|because of|por (?:el|la|culpa))\b/;
