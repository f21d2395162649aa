import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireClinician } from "../auth/guard.server";
import { enqueueReplay, findReplayableEvent, getWebhookHealth, getWhatsappAccounts, listFailedEvents, listUnroutedEvents } from "../models/settings.server";
import { WhatsappSettings } from "../components/settings/whatsapp-settings";
import { useLiveRevalidation } from "../components/live";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";

export async function loader({ request }: LoaderFunctionArgs) {
  const { org } = await requireClinician(request);
  const [accounts, health, failed, unrouted] = await Promise.all([
    getWhatsappAccounts(org.id),
    getWebhookHealth(org.id),
    listFailedEvents(org.id),
    listUnroutedEvents(),
  ]);
  return { accounts, health, failed, unrouted, timezone: org.timezone };
}

const ReplaySchema = z.object({ intent: z.literal("replay"), eventId: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const parsed = ReplaySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ replayed: null }, { status: 400 });
  const event = await findReplayableEvent(org.id, parsed.data.eventId);
  if (!event) throw new Response("Not found", { status: 404 });
  await enqueueReplay(actor, event.id);
  return { replayed: event.id };
}

export default function WhatsappSettingsRoute() {
  const loaderData = useLoaderData<typeof loader>();
  const result = useActionData() as { replayed?: number | null } | undefined;
  useLiveRevalidation({ kinds: ["webhook"] });
  return <WhatsappSettings {...loaderData} replayed={result?.replayed ?? null} />;
}
