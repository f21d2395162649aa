// Retention (issue 12 row 8), run by the hourly maintenance job:
//  - the raw body of a PROCESSED webhook event is emptied after RAW_EVENT_RETENTION_DAYS (the
//    parsed rows — messages, statuses — stay; only Meta's bytes go). Events not processed
//    (received, failed, unrouted, invalid) keep their body: they may still be replayed.
//  - downloaded media bytes of an organization that set media_retention_days are dropped after
//    that many days (state 'expired', the reason on the row); the message, its caption and a
//    voice note's transcript stay. Without the setting, media is kept as long as the message.
//  - webhook_rejections older than the current hour are folded into one row per hour and
//    reason (the settings page sums `count`), and hourly counts older than a year are dropped.
import { rawSql } from "../../db/client";
import { config } from "../config.server";

export async function runRetention() {
  const days = config().retention.rawEventDays;
  const emptied = await rawSql()`
    UPDATE webhook_events SET body = ''::bytea
    WHERE status = 'processed' AND octet_length(body) > 0
      AND coalesce(processed_at, received_at) < now() - make_interval(days => ${days})`;
  const media = await rawSql()`
    UPDATE media md SET bytes = NULL, state = 'expired',
      error = 'removed after ' || o.media_retention_days || ' days (the clinic''s media setting)'
    FROM organizations o
    WHERE o.id = md.org_id AND o.media_retention_days IS NOT NULL AND md.state = 'done'
      AND md.downloaded_at < now() - make_interval(days => o.media_retention_days)`;
  const [folded] = await rawSql()<{ n: number }[]>`
    WITH gone AS (
      DELETE FROM webhook_rejections WHERE at < date_trunc('hour', now()) RETURNING at, reason, size, count
    ), ins AS (
      INSERT INTO webhook_rejections (at, reason, size, count)
      SELECT date_trunc('hour', at), reason, max(size), sum(count)::int FROM gone
      WHERE at >= now() - interval '365 days'
      GROUP BY 1, 2
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM ins`;
  return { bodiesEmptied: emptied.count, mediaExpired: media.count, rejectionRows: folded?.n ?? 0 };
}
