// Meta allows 80 messages per second per business number. Every instance takes a slot from
// one counter row per number and second in Postgres (the database clock, so instances with
// skewed clocks still agree); a full second means waiting for the next one.
import { rawSql } from "../../db/client";

export const MESSAGES_PER_SECOND = 80;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function acquireSendSlot(phoneNumberId: string, limit = MESSAGES_PER_SECOND): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const rows = await rawSql()<Array<{ count: number; second: string; ms: number }>>`
      WITH now AS (SELECT extract(epoch FROM clock_timestamp()) AS t)
      INSERT INTO outbound_rate AS r (phone_number_id, second, count)
      SELECT ${phoneNumberId}, floor(t)::bigint, 1 FROM now
      ON CONFLICT (phone_number_id, second) DO UPDATE SET count = r.count + 1 WHERE r.count < ${limit}
      RETURNING r.count, r.second::text`;
    const got = rows[0];
    if (got) {
      // The first sender of each second tidies the old counters.
      if (got.count === 1) {
        await rawSql()`DELETE FROM outbound_rate WHERE phone_number_id = ${phoneNumberId} AND second < ${Number(got.second) - 60}`;
      }
      return;
    }
    await sleep(1000 - (Date.now() % 1000) + Math.floor(Math.random() * 20));
  }
  throw new Error("send rate limiter: no slot within two minutes");
}
