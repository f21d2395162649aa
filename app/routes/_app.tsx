import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { AppHeader } from "../components/app-header";

export async function loader({ request }: LoaderFunctionArgs) {
  const { clinician, org } = await requireClinician(request);
  return { email: clinician.email, orgName: org.name };
}

export default function AppLayout() {
  const { email, orgName } = useLoaderData<typeof loader>();
  return (
    <div className="min-h-full">
      <AppHeader orgName={orgName} email={email} />
      <main className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
