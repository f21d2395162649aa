// On call: the weekly rota (clinic's clock), overrides and the escalation interval. Everyone
// may look (the header links here); only admins change it.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireAdmin, requireClinician } from "../auth/guard.server";
import { addRotaSlot, endOverride, listOverrides, listRota, onCallNow, removeRotaSlot, setOnCall } from "../escalation/on-call.server";
import { getClinicianInOrg, listClinicians } from "../escalation/care-team.server";
import { getEscalateAfter, setEscalateAfter } from "../escalation/settings.server";
import { OnCallSchema, zonedToInstant } from "../escalation/forms.server";
import { config } from "../config.server";
import { OnCallSettings } from "../components/escalation/on-call-settings";
import { invariantResponse } from "../lib/responses.server";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";

export async function loader({ request }: LoaderFunctionArgs) {
  const { org, clinician } = await requireClinician(request);
  const [rota, overrides, clinicians, now, minutes] = await Promise.all([listRota(org.id), listOverrides(org.id), listClinicians(org.id), onCallNow(org.id), getEscalateAfter(org.id)]);
  return { rota, overrides, clinicians, now, minutes, defaultMinutes: config().escalation.afterMinutes, timezone: org.timezone, isAdmin: clinician.role === "admin" };
}

export async function action({ request }: ActionFunctionArgs) {
  const { org, actor } = await requireAdmin(request);
  const submission = parseWithZod(await request.formData(), { schema: OnCallSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), ok: false }, { status: 400 });
  const v = submission.value;
  if ("clinicianId" in v) invariantResponse(await getClinicianInOrg(org.id, v.clinicianId));
  if (v.intent === "add") await addRotaSlot(actor, { clinicianId: v.clinicianId, weekday: v.weekday, startMinute: v.from, endMinute: v.to });
  else if (v.intent === "remove") await removeRotaSlot(actor, v.slotId);
  else if (v.intent === "end") await endOverride(actor, v.overrideId);
  else if (v.intent === "interval") await setEscalateAfter(actor, v.minutes);
  else {
    const until = zonedToInstant(v.until, org.timezone);
    if (until <= new Date()) return data({ result: submission.reply({ fieldErrors: { until: ["future"] } }), ok: false }, { status: 400 });
    await setOnCall(actor, v.clinicianId, { until, timezone: org.timezone });
  }
  return { result: submission.reply({ resetForm: true }), ok: true };
}

export default function OnCallRoute() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <OnCallSettings {...loaderData} lastResult={actionData?.result} ok={actionData?.ok ?? null} />;
}
