import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { countPatients } from "../models/patient.server";
import { listLeadAlerts, listPatientsByRisk } from "../models/risk-state.server";
import { audit } from "../models/audit.server";
import { matchingMessages } from "../models/search.server";
import { PatientsList } from "../components/patients-list";
import { MyPatientsFilter } from "../components/escalation/my-patients-filter";
import { useLiveRevalidation } from "../components/live";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("patients");

const PAGE_SIZE = 100;

// Search is a GET form (?q=: a name without accents, a phone in any format or words of a
// message; audited without the query, which may be health data) and ?page=N.
// Paged because the triage order puts who needs attention on the first page.
export async function loader({ request }: LoaderFunctionArgs) {
  const { org, actor, clinician } = await requireClinician(request);
  const params = new URL(request.url).searchParams;
  const search = params.get("q")?.trim().slice(0, 100) || undefined;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  // ?mine=1: only the patients I am responsible for (issue 16).
  const responsibleId = params.get("mine") === "1" ? clinician.id : undefined;
  // Leads with a risk alert ("new contact") head the first page, above every patient.
  const [patients, total, newContacts] = await Promise.all([
    listPatientsByRisk(org.id, { search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, responsibleId }),
    countPatients(org.id, { search, responsibleId }),
    page === 1 && !search ? listLeadAlerts(org.id) : Promise.resolve([]),
  ]);
  // Each listed patient's newest matching message, shown with its day and a link into the chat.
  const matches = search ? Object.fromEntries(await matchingMessages(org.id, patients.map((p) => p.id), search)) : {};
  await audit(actor, search ? "patients.search" : "patients.list", { detail: { count: patients.length, page, messages: Object.keys(matches).length } });
  return { patients, matches, newContacts, total, page, pageSize: PAGE_SIZE, search: search ?? "", timezone: org.timezone, mine: Boolean(responsibleId) };
}

export default function Patients() {
  const data = useLoaderData<typeof loader>();
  useLiveRevalidation((e) => e.kind === "message" || e.kind === "alert" || e.kind === "lead", { debounceMs: 1000 });
  return (
    <>
      <MyPatientsFilter mine={data.mine} />
      <PatientsList {...data} />
    </>
  );
}
