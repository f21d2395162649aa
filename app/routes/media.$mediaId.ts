// The bytes of a downloaded WhatsApp media file (message_log.media_url points here). Health
// data: a signed-in clinician of the same organization only, every read audited, never cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireClinician } from "../auth/guard.server";
import { notFound } from "../lib/responses.server";
import { audit } from "../models/audit.server";
import { rawSql } from "../../db/client";

// Types a browser may render inline; anything else (HTML, SVG, unknown) is a download.
const INLINE = /^(audio|video|image\/(jpeg|png|webp|gif)|application\/pdf)/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, actor } = await requireClinician(request);
  const id = params.mediaId ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const [row] = await rawSql()<{ bytes: Buffer | null; mime_type: string | null; state: string; error: string | null; patient_id: string | null; type: string }[]>`
    SELECT md.bytes, md.mime_type, md.state, md.error, m.patient_id, m.type
    FROM media md JOIN message_log m ON m.id = md.message_id
    WHERE md.id = ${id} AND md.org_id = ${org.id}`;
  if (!row) notFound();
  await audit(actor, "media.read", { patientId: row.patient_id, subject: id });
  if (row.state !== "done" || !row.bytes) {
    // Still downloading, or failing (the job retries): the page shows it, not a broken player.
    return Response.json({ state: row.state, error: row.error }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  const mime = row.mime_type ?? "application/octet-stream";
  return new Response(new Uint8Array(row.bytes), {
    status: 200,
    headers: {
      "Content-Type": mime,
      "Content-Length": String(row.bytes.length),
      "Content-Disposition": INLINE.test(mime) ? "inline" : `attachment; filename="${row.type}-${id}"`,
      "Content-Security-Policy": "sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
