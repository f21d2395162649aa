// My notifications: my own WhatsApp number and the channels for HIGH alert notices, in order.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireClinician } from "../auth/guard.server";
import { getNotifyProfile, setNotifyProfile } from "../escalation/care-team.server";
import { ProfileSchema } from "../escalation/forms.server";
import { PhoneError } from "../lib/phone";
import { ProfileForm } from "../components/escalation/profile-form";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";

export async function loader({ request }: LoaderFunctionArgs) {
  const { org, clinician } = await requireClinician(request);
  const profile = await getNotifyProfile(org.id, clinician.id);
  return { phone: profile?.phone ?? "", channels: profile?.channels ?? [], email: clinician.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, clinician } = await requireClinician(request);
  const submission = parseWithZod(await request.formData(), { schema: ProfileSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), ok: false }, { status: 400 });
  const { phone, first, second, third } = submission.value;
  const channels = [first, second, third].filter((c): c is NonNullable<typeof c> => Boolean(c));
  try {
    await setNotifyProfile(actor, clinician.id, { phone: phone ?? null, channels });
  } catch (e) {
    if (e instanceof PhoneError) return data({ result: submission.reply({ fieldErrors: { phone: ["phone"] } }), ok: false }, { status: 400 });
    throw e;
  }
  return { result: submission.reply(), ok: true };
}

export default function ProfileRoute() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ProfileForm {...loaderData} lastResult={actionData?.result} ok={actionData?.ok ?? null} />;
}
