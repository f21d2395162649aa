// POST /api/v1/connect/send: the outbound API (Bearer token or session). Validation here;
// every rule about what may be sent lives in sendMessage, shared with the chat page.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireClinician } from "../auth/guard.server";
import { sendMessage } from "../outbound/send.server";

const body = z
  .object({
    patient_id: z.string().uuid(),
    message: z.string().max(4096).optional().default(""),
    risk_level: z.enum(["NONE", "LOW", "MEDIUM", "HIGH"]).nullish(),
    auto_mode: z.boolean().optional().default(false),
    template: z
      .object({
        name: z.string().min(1).max(512),
        language: z.string().min(2).max(15),
        parameters: z.array(z.string().trim().min(1).max(1024)).max(20).default([]),
      })
      .nullish(),
  })
  .refine((b) => b.template || b.message.trim() !== "", { path: ["message"], message: "required without a template" });

export async function loader() {
  return json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
  const { org, actor } = await requireClinician(request);
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return json({ error: "invalid_body", message: "body must be JSON" }, { status: 400 });
  }
  const parsed = body.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "body";
    return json({ error: "invalid_body", field, message: `${field}: ${issue.message}` }, { status: 400 });
  }
  const b = parsed.data;
  const key = request.headers.get("Idempotency-Key");
  if (key && key.length > 255) return json({ error: "invalid_body", field: "Idempotency-Key", message: "Idempotency-Key: at most 255 characters" }, { status: 400 });
  const out = await sendMessage({
    orgId: org.id,
    patientId: b.patient_id,
    message: b.message,
    riskLevel: b.risk_level ?? null,
    autoMode: b.auto_mode,
    template: b.template ?? null,
    idempotencyKey: key,
    actor,
  });
  return json(out.body, { status: out.status });
}
