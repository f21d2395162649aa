import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireClinician } from "../auth/guard.server";
import { getPatient } from "../models/patient.server";
import { audit } from "../models/audit.server";
import { listMessages } from "../models/monitoring.server";
import { parseDays } from "../lib/api-days.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const days = parseDays(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) throw json({ error: "not_found" }, { status: 404 });
  const messages = await listMessages(org.id, patient.id, days, org.timezone);
  await audit(actor, "api.monitoring.messages", { patientId: patient.id, detail: { days, count: messages.length } });
  return json(
    {
      patient_id: patient.id,
      days,
      timezone: org.timezone,
      messages: messages.map((m) => ({
        id: m.id,
        direction: m.direction,
        type: m.type,
        content: m.content,
        media_url: m.mediaUrl,
        status: m.status,
        error_code: m.errorCode,
        timestamp: m.timestamp.toISOString(),
        transcription_state: m.transcriptionState,
        risk_level: m.riskLevel,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
