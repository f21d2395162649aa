// Form schemas of the risk pages (server-only: zod stays out of the browser bundle).
import { z } from "zod";
import { VERDICTS } from "../models/risk-state.server";

/** Acknowledge one alert: the verdict is the button pressed; the note is optional. */
export const AcknowledgeAlertSchema = z.object({
  intent: z.literal("acknowledge"),
  alertId: z.string().uuid(),
  verdict: z.enum(VERDICTS),
  note: z.string().trim().max(500).optional(),
});
