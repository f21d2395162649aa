// Demo conversation for a newcomer's first look (outside production, empty database only):
// seven days of WhatsApp messages for the demo patients, their nightly analyses, and one
// patient with a falling mood and an open HIGH alert.
// Rows are written directly (the ingest processor and local analyzer were not available
// when this was written); the helpers below are also what the page tests use to set up data.
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { db } from "./client";
import { normalizePhone } from "../app/lib/phone";
import { dailyConversationAnalysis, leads, identityVault, messageLog, organizations, patients, riskAlerts, webhookEvents } from "./schema";

export interface DemoMessage {
  direction: "INBOUND" | "OUTBOUND";
  type?: string;
  content?: string | null;
  at: Date;
  mediaUrl?: string | null;
  transcriptionState?: string | null;
  riskLevel?: string | null;
  status?: string;
}

const wamid = () => `wamid.demo${crypto.randomBytes(12).toString("hex")}`;

export async function addPatientMessages(orgId: string, patientId: string, messages: DemoMessage[]) {
  const [p] = await db().select({ identityId: patients.identityId }).from(patients).where(and(eq(patients.id, patientId), eq(patients.orgId, orgId)));
  if (!p) throw new Error("patient not found");
  if (!messages.length) return [];
  return db()
    .insert(messageLog)
    .values(
      messages.map((m) => ({
        orgId,
        identityId: p.identityId,
        patientId,
        direction: m.direction,
        type: m.type ?? "text",
        content: m.content ?? null,
        providerId: wamid(),
        mediaUrl: m.mediaUrl ?? null,
        status: m.status ?? (m.direction === "INBOUND" ? "received" : "read"),
        timestamp: m.at,
        transcriptionState: m.transcriptionState ?? null,
        riskLevel: m.riskLevel ?? null,
      })),
    )
    .returning({ id: messageLog.id });
}

export async function addRiskAlert(orgId: string, patientId: string, input: { messageId?: string | null; level: string; flags: string[]; reason?: string }) {
  const [row] = await db()
    .insert(riskAlerts)
    .values({ orgId, patientId, messageId: input.messageId ?? null, level: input.level, flags: input.flags, source: "lexicon", reason: input.reason ?? null })
    .returning({ id: riskAlerts.id });
  return row!.id;
}

export interface DemoAnalysis {
  day: string;
  sentimentScore: number;
  emotionalState: string;
  riskLevel: string;
  riskFlags?: string[];
  summary: string;
  suggestion: string;
  messageCount: number;
  analyzer?: string;
}

export async function addAnalyses(orgId: string, patientId: string, rows: DemoAnalysis[]) {
  if (!rows.length) return;
  await db()
    .insert(dailyConversationAnalysis)
    .values(
      rows.map((a) => ({
        orgId,
        patientId,
        day: a.day,
        sentimentScore: a.sentimentScore,
        emotionalState: a.emotionalState,
        riskLevel: a.riskLevel,
        riskFlags: a.riskFlags ?? [],
        summary: a.summary,
        suggestion: a.suggestion,
        messageCount: a.messageCount,
        model: a.analyzer === "openai" ? "gpt-4o-mini" : "kura-local-1",
        analyzer: a.analyzer ?? "local",
        language: "es",
      })),
    )
    .onConflictDoNothing();
}

/** A lead (unknown number that wrote in) with its inbound messages. */
export async function addLead(orgId: string, input: { phone: string; profileName?: string; messages: Array<{ content: string; at: Date }> }) {
  return db().transaction(async (tx) => {
    const phone = normalizePhone(input.phone);
    const [identity] = await tx
      .insert(identityVault)
      .values({ orgId, phone, waId: input.phone.replace(/\D/g, ""), profileName: input.profileName ?? null })
      .returning({ id: identityVault.id });
    const [lead] = await tx.insert(leads).values({ orgId, identityId: identity!.id, name: input.profileName ?? null }).returning({ id: leads.id });
    if (input.messages.length) {
      await tx.insert(messageLog).values(
        input.messages.map((m) => ({
          orgId,
          identityId: identity!.id,
          leadId: lead!.id,
          direction: "INBOUND",
          type: "text",
          content: m.content,
          providerId: wamid(),
          status: "received",
          timestamp: m.at,
        })),
      );
    }
    return { leadId: lead!.id, identityId: identity!.id };
  });
}

export async function addWebhookEvent(input: { orgId: string | null; status: string; error?: string; phoneNumberIds?: string[]; body?: string }) {
  const [row] = await db()
    .insert(webhookEvents)
    .values({
      orgId: input.orgId,
      status: input.status,
      error: input.error ?? null,
      phoneNumberIds: input.phoneNumberIds ?? null,
      body: Buffer.from(input.body ?? '{"object":"whatsapp_business_account","entry":[]}'),
      attempts: input.status === "failed" ? 5 : 0,
    })
    .returning({ id: webhookEvents.id });
  return row!.id;
}

// ----------------------------------------------------------------------------------------

/** A local wall-clock time `daysAgo` days before today in `timeZone`, as an instant. */
export function localTime(timeZone: string, daysAgo: number, hour: number, minute = 0, now = new Date()) {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const base = new Date(`${day}T12:00:00Z`);
  base.setUTCDate(base.getUTCDate() - daysAgo);
  const date = base.toISOString().slice(0, 10);
  // Offset of the zone at that moment, from what the zone's clock shows at noon UTC.
  const guess = new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

export const localDayString = (timeZone: string, daysAgo: number, now = new Date()) => {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d.toISOString().slice(0, 10);
};

// A week of María: her mood slides, and last night she wrote something that cannot wait.
const MARIA: Array<{ daysAgo: number; sentiment: number; state: string; risk: string; flags?: string[]; msgs: Array<[string, "INBOUND" | "OUTBOUND", number]>; summary: string; suggestion: string }> = [
  { daysAgo: 6, sentiment: 0.45, state: "tranquila", risk: "NONE", msgs: [["Buenos días, hoy he dormido mejor 😊", "INBOUND", 9], ["¡Qué buena noticia, María! Siga con la rutina de sueño.", "OUTBOUND", 10]], summary: "Refiere haber dormido mejor y se muestra animada.", suggestion: "Reforzar la rutina de sueño en la próxima sesión." },
  { daysAgo: 5, sentiment: 0.3, state: "estable", risk: "NONE", msgs: [["He salido a caminar con mi hermana", "INBOUND", 18]], summary: "Actividad física con apoyo familiar.", suggestion: "Validar la actividad y preguntar por la red de apoyo." },
  { daysAgo: 4, sentiment: 0.05, state: "cansada", risk: "LOW", msgs: [["Hoy estoy muy cansada, no he podido ir al trabajo", "INBOUND", 20], ["Gracias por contarlo. ¿Quiere que adelantemos la cita?", "OUTBOUND", 21]], summary: "Cansancio y ausencia laboral.", suggestion: "Explorar el cansancio y su impacto en el trabajo." },
  { daysAgo: 3, sentiment: -0.25, state: "triste", risk: "LOW", flags: ["declining_mood"], msgs: [["No tengo ganas de nada, todo me cuesta muchísimo", "INBOUND", 22]], summary: "Anhedonia y falta de energía.", suggestion: "Valorar síntomas depresivos; considerar contacto telefónico." },
  { daysAgo: 2, sentiment: -0.45, state: "desanimada", risk: "MEDIUM", flags: ["hopelessness"], msgs: [["Siento que nada va a mejorar", "INBOUND", 23], ["María, estamos aquí. Mañana la llamo a las 10.", "OUTBOUND", 23]], summary: "Expresa desesperanza sobre el futuro.", suggestion: "Contactar por teléfono y revisar el plan de seguridad." },
  { daysAgo: 1, sentiment: -0.8, state: "angustiada", risk: "HIGH", flags: ["suicidal_ideation", "hopelessness"], msgs: [["No he dormido nada otra vez", "INBOUND", 1], ["A veces pienso que sería mejor no despertar", "INBOUND", 2]], summary: "Insomnio y expresión de ideación suicida pasiva de madrugada.", suggestion: "Contactar hoy mismo: evaluar el riesgo y activar el plan de seguridad." },
];

/**
 * Seeds a week of conversation for the demo patients (created by seedDemo). Only outside
 * production and only on an empty message log; returns whether anything was written.
 */
export async function seedDemoConversations(orgId: string, patientIds: string[]) {
  if (process.env.NODE_ENV === "production" || patientIds.length === 0) return false;
  const [{ n }] = (await db().select({ n: sql<number>`count(*)::int` }).from(messageLog)) as [{ n: number }];
  if (n > 0) return false;
  const [org] = await db().select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, orgId));
  const tz = org?.timezone ?? "UTC";
  const [maria, javier, lucia] = patientIds;

  if (maria) {
    for (const d of MARIA) {
      const ids = await addPatientMessages(
        orgId,
        maria,
        d.msgs.map(([content, direction, hour], i) => ({ direction, content, at: localTime(tz, d.daysAgo, hour, 5 + i * 7), riskLevel: direction === "INBOUND" ? d.risk : null })),
      );
      if (d.risk === "HIGH") {
        await addRiskAlert(orgId, maria, { messageId: ids.at(-1)!.id, level: "HIGH", flags: ["suicidal_ideation"] });
      }
    }
    await addAnalyses(
      orgId,
      maria,
      MARIA.map((d) => ({
        day: localDayString(tz, d.daysAgo),
        sentimentScore: d.sentiment,
        emotionalState: d.state,
        riskLevel: d.risk,
        riskFlags: d.flags,
        summary: d.summary,
        suggestion: d.suggestion,
        messageCount: d.msgs.length,
        analyzer: d.daysAgo === 1 ? "local_fallback" : "local",
      })),
    );
  }

  if (javier) {
    const week = [0.2, 0.25, 0.1, 0.3, 0.2, 0.35];
    for (let i = 0; i < week.length; i++) {
      const daysAgo = 6 - i;
      await addPatientMessages(orgId, javier, [
        { direction: "INBOUND", content: ["Me tomé la medicación a su hora", "Hoy fui al gimnasio", "Un poco de ansiedad en el trabajo", "Todo bien por aquí", "Cené con amigos", "Buen día, gracias"][i], at: localTime(tz, daysAgo, 19, 30) },
        ...(i === 2
          ? [{ direction: "INBOUND" as const, type: "audio", content: null, at: localTime(tz, daysAgo, 19, 40), transcriptionState: "no_provider" }]
          : []),
      ]);
    }
    await addAnalyses(
      orgId,
      javier,
      week.map((s, i) => ({
        day: localDayString(tz, 6 - i),
        sentimentScore: s,
        emotionalState: s > 0.25 ? "animado" : "estable",
        riskLevel: "NONE",
        summary: "Conversación breve; buena adherencia al tratamiento.",
        suggestion: "Mantener el seguimiento habitual.",
        messageCount: i === 2 ? 2 : 1,
      })),
    );
  }

  if (lucia) {
    const week = [-0.3, -0.2, -0.1, 0.05, 0.2, 0.4];
    for (let i = 0; i < week.length; i++) {
      await addPatientMessages(orgId, lucia, [
        { direction: "INBOUND", content: ["Estoy algo nerviosa por la cita", "Hice los ejercicios de respiración", "Mejor que ayer", "He vuelto a leer por las tardes", "Me siento más tranquila", "¡Hoy ha sido un buen día!"][i], at: localTime(tz, 6 - i, 12, 15) },
      ]);
    }
    await addAnalyses(
      orgId,
      lucia,
      week.map((s, i) => ({
        day: localDayString(tz, 6 - i),
        sentimentScore: s,
        emotionalState: s < 0 ? "nerviosa" : "tranquila",
        riskLevel: "NONE",
        summary: "Mejora progresiva de la ansiedad con los ejercicios pautados.",
        suggestion: "Reforzar los ejercicios de respiración.",
        messageCount: 1,
      })),
    );
  }

  await addLead(orgId, {
    phone: "+34600000099",
    profileName: "Ana Martín",
    messages: [{ content: "Hola, quería pedir información para empezar terapia", at: localTime(tz, 0, 9, 12) }],
  });
  return true;
}
