// The header's language switch: stores the clinician's choice, then back to the same page.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireClinician } from "../auth/guard.server";
import { setClinicianLocale } from "../models/clinician.server";
import { safeRedirect } from "../lib/safe-redirect";
import { badRequest } from "../lib/responses.server";

const LocaleSchema = z.object({ locale: z.enum(["en", "es"]), redirectTo: z.string().max(500).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const { clinician, org } = await requireClinician(request);
  const submission = parseWithZod(await request.formData(), { schema: LocaleSchema });
  if (submission.status !== "success") badRequest();
  await setClinicianLocale(clinician.id, org.id, submission.value.locale);
  throw redirect(safeRedirect(submission.value.redirectTo));
}

export const loader = () => redirect("/patients");
