// Login throttling: 5 failures in 15 minutes per email, and per IP, lock further attempts.
import { and, count, eq, gt } from "drizzle-orm";
import { db } from "../../db/client";
import { loginAttempts } from "../../db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export async function isLoginLocked(email: string, ip: string) {
  const since = new Date(Date.now() - WINDOW_MS);
  const failures = (col: typeof loginAttempts.email | typeof loginAttempts.ip, value: string) =>
    db()
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(col, value), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  const [[byEmail], [byIp]] = await Promise.all([failures(loginAttempts.email, email), failures(loginAttempts.ip, ip)]);
  return byEmail!.n >= MAX_FAILURES || byIp!.n >= MAX_FAILURES;
}

export async function recordLoginAttempt(email: string, ip: string, succeeded: boolean) {
  await db().insert(loginAttempts).values({ email, ip, succeeded });
}
