import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { notFound } from "../lib/responses.server";
import { getPatient } from "../models/patient.server";
import { useStrings } from "../components/use-strings";
import { patientRiskState } from "../models/risk-state.server";
import { RiskState } from "../components/risk/risk-state";
import { getResponsible, listClinicians } from "../escalation/care-team.server";
import { ResponsibleForm } from "../components/escalation/responsible-form";
export { RouteErrorBoundary as ErrorBoundary } from "../components/route-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  // Her current risk shows above both tabs (monitoring and chat), with a link to the alert.
  const risk = await patientRiskState(org.id, patient.id);
  const [responsible, clinicians] = await Promise.all([getResponsible(org.id, patient.id), listClinicians(org.id)]);
  return { patient: { id: patient.id, name: patient.name }, risk, timezone: org.timezone, responsible, clinicians };
}

const tab = ({ isActive }: { isActive: boolean }) =>
  `border-b-2 px-4 py-2 text-sm font-semibold ${isActive ? "border-teal-700 text-teal-800" : "border-transparent text-slate-600 hover:text-slate-900"}`;

export default function PatientLayout() {
  const { patient, risk, timezone, responsible, clinicians } = useLoaderData<typeof loader>();
  const t = useStrings();
  return (
    <div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 className="text-2xl font-semibold">{patient.name}</h1>
        <RiskState state={risk} timezone={timezone} alertHref={risk.alert ? `/patients/${patient.id}/monitoring#alert-${risk.alert.id}` : undefined} />
      </div>
      <ResponsibleForm patientId={patient.id} responsible={responsible} clinicians={clinicians} />
      <nav aria-label={patient.name} className="mt-4 flex gap-2 border-b border-slate-200">
        <NavLink to="monitoring" className={tab}>{t.monitoring}</NavLink>
        <NavLink to="chat" className={tab}>{t.chat}</NavLink>
      </nav>
      <div className="mt-6">
        <Outlet />
      </div>
    </div>
  );
}
