// Server-side sessions: the cookie carries a random token; the table keeps only its sha256.
// Idle timeout 30 min, absolute 12 h; logout deletes the row.
import crypto from "node:crypto";
import { and, eq, gt, lt, or } from "drizzle-orm";
import { createCookie } from "@remix-run/node";
import { db, rawSql } from "../../db/client";
import { loginAttempts, sessions } from "../../db/schema";
import { WINDOW_MS as LOCKOUT_WINDOW_MS } from "./rate-limit.server";
import { config } from "../config.server";

export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Touching last_seen_at on every request would make each page view a write.
const TOUCH_EVERY_MS = 60 * 1000;

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

function sessionCookie() {
  return createCookie("kura_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: config().production,
    path: "/",
    secrets: [config().sessionSecret!],
    maxAge: ABSOLUTE_MS / 1000,
  });
}

export async function createSession(clinicianId: string, orgId: string) {
  const token = crypto.randomBytes(32).toString("base64url");
  await db()
    .insert(sessions)
    .values({ id: sha256(token), clinicianId, orgId, expiresAt: new Date(Date.now() + ABSOLUTE_MS) });
  return sessionCookie().serialize(token);
}

/**
 * Requests no person made: the live stream and the revalidations it triggers (live.tsx marks
 * them with a short-lived `kura_bg=1` cookie). They are answered but do not count as activity,
 * so an unattended open page still reaches the idle timeout.
 */
export function isBackgroundRequest(request: Request) {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if ((request.headers.get("Accept") ?? "").includes("text/event-stream")) return true;
  if (new URL(request.url).pathname === "/events") return true;
  return /(?:^|;\s*)kura_bg=1(?:;|$)/.test(request.headers.get("Cookie") ?? "");
}

export async function readSession(request: Request, opts: { touch?: boolean } = {}) {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string") return null;
  const id = sha256(token);
  const now = new Date();
  const [row] = await db()
    .select({ id: sessions.id, clinicianId: sessions.clinicianId, orgId: sessions.orgId, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_MS))));
  if (!row) return null;
  const touch = opts.touch ?? !isBackgroundRequest(request);
  if (touch && now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return row;
}

export async function destroySession(request: Request) {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token === "string") await db().delete(sessions).where(eq(sessions.id, sha256(token)));
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Ended sessions and login attempts past the lockout window: nothing reads them again. */
export async function purgeExpiredSessions() {
  const now = new Date();
  await db()
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_MS))));
  await db().delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - LOCKOUT_WINDOW_MS)));
  const cutoff = new Date(now.getTime() - LOCKOUT_WINDOW_MS).toISOString();
  await rawSql()`DELETE FROM login_throttle WHERE window_start < ${cutoff}::timestamptz AND last_allowed_at < ${cutoff}::timestamptz`;
}
