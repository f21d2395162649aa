import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireClinician } from "../auth/guard.server";
import { getPatient } from "../models/patient.server";
import { audit } from "../models/audit.server";
import { listAnalyses } from "../models/monitoring.server";
import { parseDays } from "../lib/api-days.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const days = parseDays(request);
  const patient = await getPatient(org.id, params.patientId ?? "");
  if (!patient) throw json({ error: "not_found" }, { status: 404 });
  const analyses = await listAnalyses(org.id, patient.id, days, org.timezone);
  await audit(actor, "api.monitoring.analyses", { patientId: patient.id, detail: { days, count: analyses.length } });
  return json(
    {
      patient_id: patient.id,
      days,
      timezone: org.timezone,
      analyses: analyses.map((a) => ({
        day: a.day,
        sentiment_score: a.sentimentScore,
        emotional_state: a.emotionalState,
        risk_level: a.riskLevel,
        risk_flags: a.riskFlags,
        summary: a.summary,
        suggestion: a.suggestion,
        message_count: a.messageCount,
        model: a.model,
        analyzer: a.analyzer,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
