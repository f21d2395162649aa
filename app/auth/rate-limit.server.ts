// Login throttling (issue 12 row 2, policy from issue 14): lock the e-mail, slow the address,
// never lock a whole clinic. Each attempt is counted BEFORE the password is hashed, in one
// upsert per attempt (row locks make parallel attempts count one after another), so neither
// parallel requests nor the argon2 cost can be used to get past the bounds.
//  - e-mail: 5 attempts in 15 min, then locked until the window ends (a success resets it);
//  - address: 30 attempts in 15 min (a clinic behind one connection shares it), then one
//    attempt per 5 s: an attacker is slowed, the clinic can still sign in.
// rate-limiter-flexible was considered: its Postgres store needs node-postgres or an ORM client,
// and this app speaks postgres-js; the single statement below is the same algorithm.
import { db, rawSql } from "../../db/client";
import { loginAttempts } from "../../db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
/** Mutable for tests only. */
export const THROTTLE = { windowMs: WINDOW_MS, perEmail: MAX_FAILURES, perAddress: 30, slowEveryMs: 5_000 };

export type LoginClaim = { allowed: true } | { allowed: false; by: "email" | "address" };

/** Counts this attempt for the e-mail and the address; allowed only if both are within bounds. */
export async function claimLoginAttempt(email: string, ip: string): Promise<LoginClaim> {
  const keys = [`email:${email}`, `ip:${ip}`]; // sorted: "email:" < "ip:", one lock order for all
  const win = `${THROTTLE.windowMs} milliseconds`;
  const slow = `${THROTTLE.slowEveryMs} milliseconds`;
  const rows = await rawSql()<{ key: string; allowed: boolean }[]>`
    INSERT INTO login_throttle AS t (key, window_start, attempts, last_allowed_at)
    SELECT k, now(), 1, now() FROM unnest(${keys}::text[]) AS k ORDER BY k
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN t.window_start <= now() - ${win}::interval THEN now() ELSE t.window_start END,
      attempts = CASE WHEN t.window_start <= now() - ${win}::interval THEN 1 ELSE t.attempts + 1 END,
      last_allowed_at = CASE
        WHEN t.window_start <= now() - ${win}::interval THEN now()
        WHEN t.attempts + 1 <= CASE WHEN t.key LIKE 'ip:%' THEN ${THROTTLE.perAddress}::int ELSE ${THROTTLE.perEmail}::int END THEN now()
        WHEN t.key LIKE 'ip:%' AND t.last_allowed_at <= now() - ${slow}::interval THEN now()
        ELSE t.last_allowed_at END
    RETURNING key, last_allowed_at = now() AS allowed`;
  const refused = rows.find((r) => !r.allowed);
  if (!refused) return { allowed: true };
  return { allowed: false, by: refused.key.startsWith("ip:") ? "address" : "email" };
}

/** A correct password: the e-mail starts afresh and this attempt no longer counts for the address. */
export async function loginSucceeded(email: string, ip: string) {
  await rawSql()`DELETE FROM login_throttle WHERE key = ${`email:${email}`}`;
  await rawSql()`UPDATE login_throttle SET attempts = greatest(attempts - 1, 0) WHERE key = ${`ip:${ip}`}`;
}

export async function recordLoginAttempt(email: string, ip: string, succeeded: boolean) {
  await db().insert(loginAttempts).values({ email, ip, succeeded });
}
