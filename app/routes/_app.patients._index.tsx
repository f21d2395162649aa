import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { listPatients } from "../models/patient.server";
import { audit } from "../models/audit.server";
import { PatientsList } from "../components/patients-list";
import { useLiveRevalidation } from "../components/live";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";

// Search by name is a GET form (?q=): a name fragment, never health data.
export async function loader({ request }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const search = new URL(request.url).searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const patients = await listPatients(org.id, { search, limit: 1000 });
  await audit(actor, "patients.list", { detail: { count: patients.length } });
  return { patients, search: search ?? "", timezone: org.timezone };
}

export default function Patients() {
  const data = useLoaderData<typeof loader>();
  useLiveRevalidation((e) => e.kind === "message" || e.kind === "alert" || e.kind === "lead", { debounceMs: 1000 });
  return <PatientsList {...data} />;
}
