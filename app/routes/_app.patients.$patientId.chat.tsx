// ChatFeed: the conversation with delivery ticks, the 24-hour window, the composer (text inside
// the window, approved templates outside), drafts held for a clinician, and in the sandbox a
// control to play the patient's side.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { notFound } from "../lib/responses.server";
import { config } from "../config.server";
import { pickLocale } from "../i18n";
import { getPatient } from "../models/patient.server";
import { audit } from "../models/audit.server";
import { chatContext, chatThread, openDrafts } from "../outbound/chat.server";
import { discardDraft, retryMessage, sendDraft, sendMessage, type SendOutcome } from "../outbound/send.server";
import { simulateInbound } from "../outbound/simulate.server";
import { ChatFeed } from "../components/chat/chat-feed";
import { ChatHeader } from "../components/chat/chat-header";
import { Composer } from "../components/chat/composer";
import { DraftCard } from "../components/chat/draft-card";
import { SimulateReply } from "../components/chat/simulate-reply";
import { useLiveRevalidation } from "../components/live";
import { patientTitleMeta } from "../lib/page-title";
import { parseWithZod } from "@conform-to/zod/v4";
import { ChatActionSchema } from "../lib/page-forms.server";

export const meta = patientTitleMeta("chat");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor, clinician } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  const locale = pickLocale(clinician.locale, request.headers.get("Accept-Language"));
  const [messages, drafts, ctx] = await Promise.all([chatThread(org.id, patient.id, locale, { at: new URL(request.url).searchParams.get("at") ?? undefined }), openDrafts(org.id, patient.id), chatContext(org.id, patient.id)]);
  await audit(actor, "patient.chat.view", { patientId: patient.id });
  return { patientId: patient.id, timezone: org.timezone, messages, drafts, ...ctx };
}

export type ChatActionData = { ok: boolean; intent?: string; error?: string; code?: number | null; message?: string; expected?: number };

const answer = (name: string, out: SendOutcome): ChatActionData => ({ ok: out.status < 300, intent: name, ...out.body });

export async function action({ request, params }: ActionFunctionArgs): Promise<ChatActionData> {
  const { org, actor } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  const submission = parseWithZod(await request.formData(), { schema: ChatActionSchema });
  if (submission.status !== "success") return { ok: false, error: "invalid_body" };
  const d = submission.value;
  switch (d.intent) {
    case "send":
      if (!d.message.trim()) return { ok: false, intent: d.intent, error: "empty" };
      return answer(d.intent, await sendMessage({ orgId: org.id, patientId: patient.id, message: d.message, autoMode: false, actor }));
    case "template": {
      const [name, language] = d.template.split("|");
      const template = { name: name!, language: language ?? "", parameters: d.p.map((s) => s?.trim() ?? "") };
      return answer(d.intent, await sendMessage({ orgId: org.id, patientId: patient.id, message: "", template, autoMode: false, actor }));
    }
    case "retry":
      return answer(d.intent, await retryMessage(org.id, d.messageId, actor));
    case "draft-send":
      if (!d.message.trim()) return { ok: false, intent: d.intent, error: "empty" };
      return answer(d.intent, await sendDraft(org.id, d.draftId, d.message, actor));
    case "draft-discard":
      return { ok: await discardDraft(org.id, d.draftId, actor), intent: d.intent };
    case "simulate": {
      const cfg = config();
      if (!cfg.meta.sandbox || cfg.production) notFound();
      await simulateInbound({ baseUrl: `http://127.0.0.1:${cfg.port}`, appSecret: cfg.meta.appSecret, patientId: patient.id, orgId: org.id, text: d.text });
      return { ok: true, intent: d.intent };
    }
  }
}

export default function Chat() {
  const data = useLoaderData<typeof loader>();
  // Ticks, replies and drafts arrive over /events; the loader reruns, no reload.
  useLiveRevalidation({ patientId: data.patientId });
  return (
    <section aria-labelledby="chat-heading" className="flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <ChatHeader window={data.window} devMode={data.devMode} />
      <ChatFeed messages={data.messages} timezone={data.timezone} />
      {data.drafts.map((d) => (
        <DraftCard key={d.id} draft={d} />
      ))}
      <Composer windowOpen={data.window.open} templates={data.templates} />
      {data.sandbox ? <SimulateReply /> : null}
    </section>
  );
}
