// Every UI string in one place, English and Spanish. The clinician's choice wins, then the
// browser's Accept-Language, then Spanish (the clinics are Spanish-speaking).
export type Locale = "en" | "es";

const en = {
  appName: "Kura Connect",
  email: "Email",
  password: "Password",
  signIn: "Sign in",
  signOut: "Sign out",
  signInTitle: "Sign in to Kura Connect",
  signInLead: "The WhatsApp link between your clinic and its patients.",
  invalidLogin: "Email or password is incorrect.",
  tooManyAttempts: "Too many failed sign-in attempts. Wait 15 minutes and try again.",
  patients: "Patients",
  leads: "Leads",
  settings: "WhatsApp settings",
  searchPatients: "Search by name",
  search: "Search",
  noPatients: "No patients yet.",
  risk: "Risk",
  lastMessage: "Last message",
  openAlerts: "Open alerts",
  never: "never",
  monitoring: "Monitoring",
  chat: "Chat",
  notFoundTitle: "Not found",
  notFoundBody: "This page does not exist or belongs to another organization.",
  errorTitle: "Something went wrong",
  errorBody: "The page could not be loaded. Try again in a moment; if it keeps happening, tell your clinic's administrator.",
  backToPatients: "Back to patients",
  riskNONE: "No risk",
  riskLOW: "Low",
  riskMEDIUM: "Medium",
  riskHIGH: "High",
  language: "Language",
} as const;

export type Strings = Record<keyof typeof en, string>;

const es: Strings = {
  appName: "Kura Connect",
  email: "Correo electrónico",
  password: "Contraseña",
  signIn: "Entrar",
  signOut: "Cerrar sesión",
  signInTitle: "Entrar en Kura Connect",
  signInLead: "El enlace de WhatsApp entre su clínica y sus pacientes.",
  invalidLogin: "El correo o la contraseña no son correctos.",
  tooManyAttempts: "Demasiados intentos fallidos. Espere 15 minutos y vuelva a intentarlo.",
  patients: "Pacientes",
  leads: "Contactos nuevos",
  settings: "Ajustes de WhatsApp",
  searchPatients: "Buscar por nombre",
  search: "Buscar",
  noPatients: "Todavía no hay pacientes.",
  risk: "Riesgo",
  lastMessage: "Último mensaje",
  openAlerts: "Alertas abiertas",
  never: "nunca",
  monitoring: "Seguimiento",
  chat: "Chat",
  notFoundTitle: "No encontrado",
  notFoundBody: "Esta página no existe o pertenece a otra organización.",
  errorTitle: "Algo salió mal",
  errorBody: "No se pudo cargar la página. Inténtelo de nuevo en un momento; si sigue ocurriendo, avise al administrador de la clínica.",
  backToPatients: "Volver a pacientes",
  riskNONE: "Sin riesgo",
  riskLOW: "Bajo",
  riskMEDIUM: "Medio",
  riskHIGH: "Alto",
  language: "Idioma",
};

export const STRINGS: Record<Locale, Strings> = { en, es };

export function pickLocale(preferred: string | null | undefined, acceptLanguage: string | null): Locale {
  if (preferred === "en" || preferred === "es") return preferred;
  const langs = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: (tag ?? "").toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of langs) {
    if (tag.startsWith("es")) return "es";
    if (tag.startsWith("en")) return "en";
  }
  return "es";
}
