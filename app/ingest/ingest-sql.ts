// The processing statement: one set-based statement per batch of stored webhook events (up to
// 1,000 messages and statuses), whatever their number. Parameters (built by prepare() in
// process.server.ts, sorted so concurrent batches lock rows in one global order):
//   $1 senders   [{k, org_id, phone, wa_id, user_id, name}]  one per distinct sender
//   $2 messages  [{k, provider_id, type, content, ts, raw, context_id, media_row, media_id, …}]
//   $3 statuses  [{org_id, provider_id, status, ts, error_*, rank}]
//   $4 events    [{id, status, error, org_id, meta_errors, message_count, status_count, phone_number_ids}]
//   $5 the live-pages NOTIFY channel
// Steps, in order: find identities that need no write (known); insert or update the others
// (by_phone, by_user); a lead for every sender who is neither patient nor lead (new_lead);
// the messages (ins, idempotent on provider_id) and their media rows (med); the statuses,
// kept all (st_ins) and applied forward-only to their OUTBOUND row (best, st_upd); the
// events' outcome (ev). Returns one row per new message and per moved status, each with its
// pg_notify for live pages. Ids only in notifications, never contents.
import { RANK_SQL } from "./statuses.server";

export const INGEST_SQL = `
WITH snd AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(k int, org_id uuid, phone text, wa_id text, user_id text, name text)
),
-- Identities that exist and need no change: found without writing anything.
known AS (
  SELECT s.k, v.id, v.org_id FROM snd s JOIN identity_vault v ON v.org_id = s.org_id AND v.phone = s.phone
  WHERE s.phone IS NOT NULL AND (s.name IS NULL OR v.profile_name IS NOT DISTINCT FROM s.name)
    AND (s.user_id IS NULL OR v.user_id IS NOT DISTINCT FROM s.user_id) AND v.wa_id IS NOT DISTINCT FROM s.wa_id
  UNION ALL
  SELECT s.k, v.id, v.org_id FROM snd s JOIN identity_vault v ON v.org_id = s.org_id AND v.user_id = s.user_id
  WHERE s.phone IS NULL AND (s.name IS NULL OR v.profile_name IS NOT DISTINCT FROM s.name)
),
by_phone AS (
  INSERT INTO identity_vault AS v (org_id, phone, wa_id, user_id, profile_name)
  SELECT s.org_id, s.phone, s.wa_id,
    -- a business-scoped id already on another identity would violate its unique key
    CASE WHEN NOT EXISTS (SELECT 1 FROM identity_vault o WHERE o.org_id = s.org_id AND o.user_id = s.user_id) THEN s.user_id END,
    s.name
  FROM snd s WHERE s.phone IS NOT NULL AND NOT EXISTS (SELECT 1 FROM known WHERE known.k = s.k)
  ON CONFLICT (org_id, phone) DO UPDATE SET wa_id = coalesce(excluded.wa_id, v.wa_id), user_id = coalesce(v.user_id, excluded.user_id),
    profile_name = coalesce(excluded.profile_name, v.profile_name), updated_at = now()
  RETURNING v.id, v.org_id, v.phone
),
by_user AS (
  INSERT INTO identity_vault AS v (org_id, user_id, profile_name)
  SELECT s.org_id, s.user_id, s.name FROM snd s WHERE s.phone IS NULL AND NOT EXISTS (SELECT 1 FROM known WHERE known.k = s.k)
  ON CONFLICT (org_id, user_id) DO UPDATE SET profile_name = coalesce(excluded.profile_name, v.profile_name), updated_at = now()
  RETURNING v.id, v.org_id, v.user_id
),
ident AS (
  SELECT k, id, org_id FROM known
  UNION ALL SELECT s.k, b.id, b.org_id FROM snd s JOIN by_phone b ON b.org_id = s.org_id AND b.phone = s.phone
  UNION ALL SELECT s.k, b.id, b.org_id FROM snd s JOIN by_user b ON b.org_id = s.org_id AND b.user_id = s.user_id WHERE s.phone IS NULL
),
pat AS (SELECT p.identity_id, p.id FROM patients p WHERE p.identity_id IN (SELECT id FROM ident)),
old_lead AS (SELECT l.identity_id, l.id FROM leads l WHERE l.identity_id IN (SELECT id FROM ident)),
-- A lead committed by a concurrent delivery after this statement's snapshot conflicts here:
-- DO UPDATE (not DO NOTHING) so its id is still returned.
new_lead AS (
  INSERT INTO leads AS l (org_id, identity_id, name, source)
  SELECT DISTINCT ON (i.id) i.org_id, i.id, s.name, 'whatsapp' FROM ident i JOIN snd s ON s.k = i.k
  WHERE NOT EXISTS (SELECT 1 FROM pat WHERE pat.identity_id = i.id) AND NOT EXISTS (SELECT 1 FROM old_lead o WHERE o.identity_id = i.id)
  ON CONFLICT (identity_id) DO UPDATE SET name = coalesce(l.name, excluded.name)
  RETURNING l.identity_id, l.id
),
msg AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS m(k int, provider_id text, type text, content text, ts timestamptz, raw jsonb,
    context_id text, media_row uuid, media_id text, mime text, sha text, error_code int, error_title text, error_details text)
),
ins AS (
  INSERT INTO message_log (org_id, identity_id, patient_id, lead_id, direction, type, content, provider_id, media_url, status,
    error_code, error_title, error_details, timestamp, raw, context_provider_id)
  SELECT i.org_id, i.id, p.id, CASE WHEN p.id IS NULL THEN coalesce(ol.id, nl.id) END, 'INBOUND', m.type, m.content, m.provider_id,
    CASE WHEN m.media_row IS NOT NULL THEN '/media/' || m.media_row END, 'received',
    m.error_code, m.error_title, m.error_details, m.ts, m.raw, m.context_id
  FROM msg m JOIN ident i ON i.k = m.k
  LEFT JOIN pat p ON p.identity_id = i.id LEFT JOIN old_lead ol ON ol.identity_id = i.id LEFT JOIN new_lead nl ON nl.identity_id = i.id
  ON CONFLICT (provider_id) DO NOTHING
  RETURNING id, org_id, patient_id, lead_id, provider_id, content
),
med AS (
  INSERT INTO media (id, org_id, message_id, meta_media_id, mime_type, sha256)
  SELECT m.media_row, ins.org_id, ins.id, m.media_id, m.mime, m.sha FROM ins JOIN msg m ON m.provider_id = ins.provider_id
  WHERE m.media_row IS NOT NULL
  RETURNING id, message_id
),
st AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(org_id uuid, provider_id text, status text, ts timestamptz,
    error_code int, error_title text, error_details text, rank int)
),
st_ins AS (
  INSERT INTO message_statuses (org_id, provider_id, status, timestamp, error_code, error_title, error_details, applied)
  SELECT s.org_id, s.provider_id, s.status, s.ts, s.error_code, s.error_title, s.error_details,
    EXISTS (SELECT 1 FROM message_log m WHERE m.provider_id = s.provider_id AND m.org_id = s.org_id AND m.direction = 'OUTBOUND')
  FROM st s
  ON CONFLICT (provider_id, status) DO NOTHING
),
best AS (SELECT DISTINCT ON (org_id, provider_id) * FROM st WHERE rank > 0 ORDER BY org_id, provider_id, rank DESC, ts DESC),
st_upd AS (
  UPDATE message_log m SET status = b.status, status_at = b.ts,
    error_code = CASE WHEN b.status = 'failed' THEN b.error_code ELSE m.error_code END,
    error_title = CASE WHEN b.status = 'failed' THEN b.error_title ELSE m.error_title END,
    error_details = CASE WHEN b.status = 'failed' THEN b.error_details ELSE m.error_details END
  FROM best b
  WHERE m.provider_id = b.provider_id AND m.org_id = b.org_id AND m.direction = 'OUTBOUND' AND b.rank > ${RANK_SQL}
  RETURNING m.id, m.org_id, m.patient_id, m.lead_id
),
ev AS (
  UPDATE webhook_events e SET status = x.status, error = x.error, org_id = x.org_id, meta_errors = x.meta_errors,
    message_count = x.message_count, status_count = x.status_count, attempts = e.attempts + 1, processed_at = now(),
    -- through jsonb: jsonb_to_recordset's own text[] conversion failed (22P02) on mutated payloads
    phone_number_ids = coalesce(ARRAY(SELECT jsonb_array_elements_text(x.phone_number_ids)), e.phone_number_ids)
  FROM jsonb_to_recordset($4::jsonb) AS x(id bigint, status text, error text, org_id uuid, meta_errors jsonb, message_count int, status_count int,
    phone_number_ids jsonb)
  WHERE e.id = x.id
)
SELECT 'message' AS kind, ins.id, ins.content IS NOT NULL AND ins.content <> '' AS has_content, med.id AS media_id,
  pg_notify($5, json_build_object('org_id', ins.org_id, 'kind', 'message', 'patient_id', ins.patient_id, 'lead_id', ins.lead_id, 'message_id', ins.id)::text)
FROM ins LEFT JOIN med ON med.message_id = ins.id
UNION ALL
SELECT 'status', u.id, false, NULL,
  pg_notify($5, json_build_object('org_id', u.org_id, 'kind', 'status', 'patient_id', u.patient_id, 'lead_id', u.lead_id, 'message_id', u.id)::text)
FROM st_upd u`;
