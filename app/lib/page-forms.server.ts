// Form schemas of the clinician's pages. Kept in a .server module: a schema at a route
// module's top level would ship zod (~90 KB gzipped) to the browser with the route.
import { z } from "zod";
import { AcknowledgeAlertSchema } from "./risk-forms.server";

export const ConvertLeadSchema = z.object({ intent: z.literal("convert"), leadId: z.string().uuid(), name: z.string().trim().min(1).max(200) });
/** /leads: acknowledge a contact's alert, or convert the contact to a patient. */
export const LeadsActionSchema = z.discriminatedUnion("intent", [AcknowledgeAlertSchema.extend({ leadId: ConvertLeadSchema.shape.leadId }), ConvertLeadSchema]);
export const ReplaySchema = z.object({ intent: z.literal("replay"), eventId: z.coerce.number().int().positive() });
/** WhatsApp settings (admins): replay a failed event, or how long media bytes are kept (empty: always). */
export const WhatsappSettingsSchema = z.discriminatedUnion("intent", [
  ReplaySchema,
  z.object({ intent: z.literal("media-retention"), days: z.coerce.number().int().min(1).max(3650).optional() }),
]);

/**
 * The chat page's forms, one intent each. Conform reads an empty field as missing, so texts
 * default to "" (the action answers "empty") and template parameters may be blank (the
 * template check names the missing one).
 */
export const ChatActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), message: z.string().max(4096).default("") }),
  z.object({ intent: z.literal("template"), template: z.string().min(1), p: z.array(z.string().max(1024).optional()).default([]) }),
  z.object({ intent: z.literal("retry"), messageId: z.string().uuid() }),
  z.object({ intent: z.literal("draft-send"), draftId: z.string().uuid(), message: z.string().max(4096).default("") }),
  z.object({ intent: z.literal("draft-discard"), draftId: z.string().uuid() }),
  z.object({ intent: z.literal("simulate"), text: z.string().trim().min(1).max(4096) }),
]);
