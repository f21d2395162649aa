// Form schemas of the clinician's pages. Kept in a .server module: a schema at a route
// module's top level would ship zod (~90 KB gzipped) to the browser with the route.
import { z } from "zod";

export const AcknowledgeSchema = z.object({ intent: z.literal("acknowledge") });
export const ConvertLeadSchema = z.object({ intent: z.literal("convert"), leadId: z.string().uuid(), name: z.string().trim().min(1).max(200) });
export const ReplaySchema = z.object({ intent: z.literal("replay"), eventId: z.coerce.number().int().positive() });
