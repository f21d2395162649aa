// Demo data for a newcomer's first look (outside production, empty database only).
//
// seedDemoConversations plays a week of WhatsApp through the real code: each patient message
// is a signed Meta webhook body handed to the webhook's receive step (signature check →
// receiveDelivery → identity resolution, message_log, webhook_events, jobs); clinic replies
// are rows Meta accepted (recordAccepted) whose delivered/read ticks arrive as status
// webhooks; alerts come from the risk screen, daily analyses from the nightly code.
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { config } from "../config.server";
import { logger } from "../logger.server";
import { receiveWebhook } from "../ingest/receive.server";
import { ingestProcessor } from "../ingest/process.server";
import { recordAccepted } from "../outbound/send.server";
import { analyzePatientDay } from "../analysis/nightly.server";
import { screenStoredMessages } from "../analysis/screening.server";
import { transcribeMessage } from "../ingest/transcription.server";
import { audioMessage, inboundMessages, metaJson, newWamid, signBody, statusUpdate, textMessage } from "./webhook-payloads";
import { clinicians, messageLog, organizations, patients, whatsappAccounts } from "../../db/schema";
import { localDayString, localTime } from "../lib/local-time";
// ----------------------------------------------------------------------------------------
// The demo week

/** [days ago, local hour, minute, who, text]: "voice" is a voice note (no text). */
type Line = [number, number, number, "patient" | "clinic" | "voice", string];

interface DemoPerson {
  /** How WhatsApp writes the number (wa_id): Mexico keeps the 1 after 52, Argentina the 9 after 54. */
  waId: string;
  profileName: string;
  lines: Line[];
}

// Texts tuned against the real local analyzer (app/analysis/local-analyzer.ts): María's
// sentiment falls every day (≈ 0.42 → -0.99) and her last night is HIGH (a plan with means); Lucía climbs from
// nervous to content; Javier is steady, with one voice note.
const MARIA: Line[] = [
  [7, 9, 12, "patient", "Buenos días! Esta semana estoy durmiendo mejor y me siento bastante bien 😊"],
  [7, 10, 3, "clinic", "¡Qué buena noticia, María! Siga con la rutina de sueño que hablamos."],
  [7, 10, 9, "patient", "Sí, gracias!! Lo intentaré"],
  [6, 18, 40, "patient", "Ayer salí a caminar con mi hermana, estuvo bien"],
  [5, 21, 15, "patient", "Hoy me ha costado levantarme, estoy algo cansada"],
  [5, 21, 50, "clinic", "Gracias por contarlo, María. ¿Cómo va el sueño estos días?"],
  [5, 22, 2, "patient", "Regular, me despierto a las 4 y ya no me duermo"],
  [4, 20, 30, "patient", "No he ido a trabajar, no tengo ganas de nada"],
  [3, 23, 5, "patient", "Otra noche sin dormir. Lloro por cualquier cosa y me siento muy sola"],
  [3, 23, 20, "clinic", "María, gracias por escribir. ¿Le parece si adelantamos la cita al jueves?"],
  [2, 22, 45, "patient", "Siento que nada va a mejorar. Estoy agotada, ya no puedo más"],
  [2, 22, 58, "clinic", "María, estamos aquí. Mañana la llamo a las 10 y lo hablamos con calma."],
  [1, 10, 2, "clinic", "Buenos días, María. La llamo en cinco minutos, como quedamos."],
  [1, 23, 12, "patient", "No puedo dormir otra vez. A veces pienso que sería mejor no despertar"],
  [1, 23, 14, "patient", "Estoy cansada de todo, no quiero seguir así"],
  // A plan with means: HIGH under decision 006 (passive wording alone is MEDIUM).
  [1, 23, 31, "patient", "Tengo guardadas las pastillas de mi madre. Creo que esta noche es la noche"],
];
const JAVIER: Line[] = [
  [7, 19, 30, "patient", "Buenas tardes, doctora. Me tomé la medicación a su hora 👍"],
  [6, 20, 5, "patient", "Hoy fui al gimnasio y me sentó bien"],
  [5, 19, 10, "patient", "Algo de estrés en el trabajo, pero bien"],
  [5, 19, 12, "voice", ""],
  [5, 19, 40, "clinic", "Gracias, Javier. ¿Le ayudaron los ejercicios de respiración?"],
  [5, 19, 48, "patient", "Sí, me ayudaron. Mañana le cuento"],
  [4, 21, 0, "patient", "Todo bien por aquí, más tranquilo"],
  [3, 22, 10, "patient", "Cené con unos amigos, la pasé muy bien"],
  [1, 9, 5, "patient", "Buen día! Dormí bien y sigo con la medicación"],
];
const LUCIA: Line[] = [
  [7, 12, 15, "patient", "Hola, estoy re nerviosa por la cita del jueves, casi no pude dormir"],
  [7, 13, 0, "clinic", "Hola, Lucía. Es normal sentir nervios; pruebe los ejercicios de respiración de la última sesión."],
  [6, 12, 20, "patient", "Hice los ejercicios de respiración y me sentí un poco mejor, aunque sigo nerviosa"],
  [5, 13, 5, "patient", "Hoy un poco mejor que ayer"],
  [4, 18, 30, "patient", "Hoy estuve tranquila todo el día, los ejercicios me sirven mucho"],
  [3, 18, 45, "patient", "Volví a leer a la tarde, me ayudó bastante"],
  [3, 19, 10, "clinic", "¡Qué bien, Lucía! Siga así."],
  [2, 12, 0, "patient", "¡Hoy fue un día genial! Me siento contenta, gracias por todo 😊"],
  [1, 19, 20, "patient", "Fui a la plaza con mi sobrina, la pasé re lindo y me sentí feliz"],
];
const PEOPLE: DemoPerson[] = [
  { waId: "34600000001", profileName: "María", lines: MARIA },
  { waId: "5215512345678", profileName: "Javier L.", lines: JAVIER },
  { waId: "5491123456789", profileName: "Lu 🌻", lines: LUCIA },
];
/** Numbers that are not patients: they become leads. `minutesAgo` keeps today's messages in the past. */
const NEWCOMERS: Array<{ waId: string; profileName: string; messages: Array<{ minutesAgo: number; text: string }> }> = [
  { waId: "573001234567", profileName: "Carlos Ruiz", messages: [
    { minutesAgo: 22 * 60, text: "Buenas, ¿atienden por videollamada? Vivo fuera de España" },
    { minutesAgo: 22 * 60 - 3, text: "Es para mi hijo de 16 años, está pasando una mala racha" },
  ] },
  { waId: "34611223344", profileName: "Ana Martín", messages: [
    { minutesAgo: 95, text: "Hola! Quería pedir información para empezar terapia. ¿Tenéis hueco entre semana por las tardes?" },
  ] },
];

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

function voiceNoteWithoutMedia(waId: string, at: Date) {
  const m = audioMessage(waId, "", { timestamp: unix(at) });
  delete (m.audio as Record<string, unknown>).id;
  return m;
}

/** Hands a signed body to the webhook's receive step, as Meta's POST would; anything but 200 is a bug here. */
async function deliver(body: object) {
  const raw = Buffer.from(metaJson(body));
  const res = await receiveWebhook(raw, signBody(raw, config().meta.appSecret));
  if (res.status !== 200) throw new Error(`demo webhook answered ${res.status}`);
  // The week is a conversation: each delivery is processed before the next one is written.
  await ingestProcessor().drain();
}

/**
 * Seeds a week of conversation for the demo patients (created by seedDemo, in DEMO_PATIENTS
 * order). Only outside production and only on an empty message log; needs the job queue
 * started (ingest enqueues its jobs). Returns whether anything was written.
 */
export async function seedDemoConversations(orgId: string, patientIds: string[]) {
  if (process.env.NODE_ENV === "production" || patientIds.length === 0) return false;
  const [{ n }] = (await db().select({ n: sql<number>`count(*)::int` }).from(messageLog)) as [{ n: number }];
  if (n > 0) return false;
  const t0 = Date.now();
  const [org] = await db()
    .select({ timezone: organizations.timezone, phoneNumberId: whatsappAccounts.phoneNumberId, displayPhone: whatsappAccounts.displayPhone })
    .from(organizations)
    .innerJoin(whatsappAccounts, eq(whatsappAccounts.orgId, organizations.id))
    .where(eq(organizations.id, orgId))
    .limit(1);
  if (!org) return false;
  const [clinician] = await db().select({ id: clinicians.id }).from(clinicians).where(eq(clinicians.orgId, orgId)).limit(1);
  const tz = org.timezone;
  const envelope = { phoneNumberId: org.phoneNumberId, displayPhone: org.displayPhone?.replace(/\D/g, "") || undefined };
  const people = PEOPLE.slice(0, patientIds.length).map((p, i) => ({ ...p, patientId: patientIds[i]! }));

  // 1. What the patients and newcomers wrote, one delivery per message in time order.
  const inbound: Array<{ at: Date; body: object }> = [];
  for (const p of people) {
    for (const [daysAgo, hour, minute, who, text] of p.lines) {
      if (who === "clinic") continue;
      const at = localTime(tz, daysAgo, hour, minute);
      // A voice note without a media id: the sandbox's Graph double cannot serve bytes it was
      // never given, so a download job would only fail; the transcription state says the truth.
      const message = who === "voice" ? voiceNoteWithoutMedia(p.waId, at) : textMessage(p.waId, text, { timestamp: unix(at) });
      inbound.push({ at, body: inboundMessages({ ...envelope, sender: { waId: p.waId, name: p.profileName }, messages: [message] }) });
    }
  }
  for (const c of NEWCOMERS) {
    for (const m of c.messages) {
      const at = new Date(Date.now() - m.minutesAgo * 60_000);
      inbound.push({ at, body: inboundMessages({ ...envelope, sender: { waId: c.waId, name: c.profileName }, messages: [textMessage(c.waId, m.text, { timestamp: unix(at) })] }) });
    }
  }
  inbound.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const d of inbound) await deliver(d.body);

  // 2. The clinic's replies: sent in the past (no Graph call now), so each row is written as
  // Meta had accepted it, then Meta's delivered/read ticks arrive by webhook.
  const replies = people.flatMap((p) =>
    p.lines.filter((l) => l[3] === "clinic").map(([daysAgo, hour, minute, , text]) => ({ p, text, at: localTime(tz, daysAgo, hour, minute) })),
  );
  const identities = new Map(
    (await db().select({ id: patients.id, identityId: patients.identityId }).from(patients).where(inArray(patients.id, patientIds))).map((r) => [r.id, r.identityId]),
  );
  const statuses: object[] = [];
  for (const r of replies) {
    const [row] = await db()
      .insert(messageLog)
      .values({ orgId, identityId: identities.get(r.p.patientId)!, patientId: r.p.patientId, direction: "OUTBOUND", type: "text", content: r.text, status: "queued", timestamp: r.at, clinicianId: clinician?.id ?? null })
      .returning({ id: messageLog.id });
    const wamid = newWamid(r.p.waId);
    await recordAccepted({ id: row!.id, orgId, patientId: r.p.patientId }, wamid);
    const recipient = r.p.waId;
    statuses.push(statusUpdate({ ...envelope, wamid, recipient, status: "sent", timestamp: unix(r.at) + 1 }));
    statuses.push(statusUpdate({ ...envelope, wamid, recipient, status: "delivered", timestamp: unix(r.at) + 3 }));
    statuses.push(statusUpdate({ ...envelope, wamid, recipient, status: "read", timestamp: unix(r.at) + 4 * 60 }));
  }
  for (const s of statuses) await deliver(s);

  // 3. The risk screen, now rather than whenever the queue gets to it (the jobs ingest
  // enqueued find the work done: screening is idempotent). The voice note has no text to
  // screen; the transcription code records why it has none.
  const stored = await db()
    .select({ id: messageLog.id, type: messageLog.type })
    .from(messageLog)
    .where(and(eq(messageLog.orgId, orgId), eq(messageLog.direction, "INBOUND")));
  await screenStoredMessages(stored.filter((m) => m.type !== "audio").map((m) => m.id));
  for (const m of stored.filter((x) => x.type === "audio")) {
    try {
      await transcribeMessage({ messageId: m.id }, { finalAttempt: true });
    } catch (err) {
      // A transcription provider is configured, but there are no bytes: the note stays pending.
      logger().warn({ messageId: m.id, error: (err as Error).message }, "demo voice note not transcribed");
    }
  }
  // 4. The nightly review of each past local day, oldest first (the trend looks back).
  await Promise.all(
    people.map(async (p) => {
      for (let daysAgo = 7; daysAgo >= 1; daysAgo--) {
        await analyzePatientDay({ orgId, patientId: p.patientId, day: localDayString(tz, daysAgo) }, { finalAttempt: true });
      }
    }),
  );
  logger().info({ messages: inbound.length + replies.length, ms: Date.now() - t0 }, "demo week seeded through ingest, screening and the nightly review");
  return true;
}
