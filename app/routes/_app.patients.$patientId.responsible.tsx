// Sets the patient's responsible clinician (the form sits on the patient page). Audited.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireClinician } from "../auth/guard.server";
import { notFound } from "../lib/responses.server";
import { getPatient } from "../models/patient.server";
import { setResponsible, UnknownClinicianError } from "../escalation/care-team.server";
import { ResponsibleSchema } from "../escalation/forms.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) notFound();
  const submission = parseWithZod(await request.formData(), { schema: ResponsibleSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await setResponsible(actor, patient.id, submission.value.clinicianId || null);
  } catch (e) {
    if (e instanceof UnknownClinicianError) notFound();
    throw e;
  }
  return { result: submission.reply() };
}
