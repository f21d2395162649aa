import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { WhatsappSettingsSchema } from "../lib/page-forms.server";
import { requireAdmin, requireClinician } from "../auth/guard.server";
import { findReplayableEvent, getMediaRetention, getWebhookHealth, getWhatsappAccounts, listFailedEvents, replayEvent, setMediaRetention, unroutedSummary } from "../models/settings.server";
import { WhatsappSettings } from "../components/settings/whatsapp-settings";
import { useLiveRevalidation } from "../components/live";
import { invariantResponse } from "../lib/responses.server";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("settings");

export async function loader({ request }: LoaderFunctionArgs) {
  const { org, clinician } = await requireClinician(request);
  const isAdmin = clinician.role === "admin";
  const [accounts, health, failed, unrouted, mediaRetentionDays] = await Promise.all([
    getWhatsappAccounts(org.id),
    getWebhookHealth(org.id),
    listFailedEvents(org.id),
    isAdmin ? unroutedSummary() : null,
    getMediaRetention(org.id),
  ]);
  // Test recipients are patients' or staff phone numbers: admins only.
  const shown = isAdmin ? accounts : accounts.map((a) => ({ ...a, testRecipients: [] as string[] }));
  return { accounts: shown, health, failed, unrouted, isAdmin, mediaRetentionDays, timezone: org.timezone };
}

export async function action({ request }: ActionFunctionArgs) {
  const { org, actor } = await requireAdmin(request);
  const submission = parseWithZod(await request.formData(), { schema: WhatsappSettingsSchema });
  if (submission.status !== "success") return data({ replayed: null, status: null, mediaSaved: false }, { status: 400 });
  if (submission.value.intent === "media-retention") {
    await setMediaRetention(actor, submission.value.days ?? null);
    return { replayed: null, status: null, mediaSaved: true };
  }
  const event = await findReplayableEvent(org.id, submission.value.eventId);
  invariantResponse(event);
  const { status } = await replayEvent(actor, event.id);
  return { replayed: event.id, status, mediaSaved: false };
}

export default function WhatsappSettingsRoute() {
  const loaderData = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useLiveRevalidation({ kinds: ["webhook"] });
  return <WhatsappSettings {...loaderData} replayed={result?.replayed ? { id: result.replayed, status: result.status ?? "" } : null} mediaSaved={Boolean(result?.mediaSaved)} />;
}
