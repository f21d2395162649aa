import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { AppHeader } from "../components/app-header";
import { OnCallStrip } from "../components/escalation/on-call-strip";
import { onCallNow } from "../escalation/on-call.server";
import { failedNotices } from "../escalation/escalation.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { clinician, org } = await requireClinician(request);
  const [onCall, failed] = await Promise.all([onCallNow(org.id), clinician.role === "admin" ? failedNotices(org.id) : 0]);
  return { email: clinician.email, orgName: org.name, onCall: onCall ? { name: onCall.name, via: onCall.via } : null, failedNotices: failed };
}

export default function AppLayout() {
  const { email, orgName, onCall, failedNotices } = useLoaderData<typeof loader>();
  return (
    <div className="min-h-full">
      <AppHeader orgName={orgName} email={email} />
      <OnCallStrip onCall={onCall} failedNotices={failedNotices} />
      <main className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
