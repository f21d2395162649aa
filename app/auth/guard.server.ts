// The one guard: every loader, action and API route starts with requireClinician(request).
// Pages without a session are redirected to /login; API calls get 401 JSON. Mutations from
// another origin are refused (CSRF).
import { json, redirect } from "@remix-run/node";
import { getClinicianWithOrg } from "../models/clinician.server";
import type { Actor } from "../models/audit.server";
import { findApiToken } from "./api-token.server";
import { readSession } from "./session.server";

export interface ClinicianContext {
  clinician: { id: string; email: string; name: string | null; role: string; locale: string | null };
  org: { id: string; name: string; timezone: string };
  actor: Actor;
  via: "session" | "token";
  /** The session row's id (sha256 of the cookie token) when signed in by cookie. */
  sessionId?: string;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function assertSameOrigin(request: Request) {
  if (!MUTATING.has(request.method.toUpperCase())) return;
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  const expected = request.headers.get("X-Forwarded-Host") ?? new URL(request.url).host;
  let host: string | null = null;
  try {
    host = source ? new URL(source).host : null;
  } catch {
    host = null;
  }
  if (host !== expected) throw json({ error: "cross_origin_request_refused" }, { status: 403 });
}

const isApi = (request: Request) => new URL(request.url).pathname.startsWith("/api/");

function unauthenticated(request: Request): never {
  if (isApi(request)) throw json({ error: "unauthorized" }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname });
  throw redirect(`/login?${params}`);
}

export async function requireClinician(request: Request): Promise<ClinicianContext> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("Authorization") ?? "")?.[1];
  let identity: { clinicianId: string; orgId: string; tokenId?: string; sessionId?: string } | null = null;
  if (bearer) {
    const token = await findApiToken(bearer);
    if (token) identity = { clinicianId: token.clinicianId, orgId: token.orgId, tokenId: token.id };
  } else {
    const session = await readSession(request);
    if (session) {
      // Bearer requests carry no ambient credentials, so only cookie sessions need the check.
      assertSameOrigin(request);
      identity = { clinicianId: session.clinicianId, orgId: session.orgId, sessionId: session.id };
    }
  }
  if (!identity) unauthenticated(request);
  const row = await getClinicianWithOrg(identity.clinicianId, identity.orgId);
  if (!row) unauthenticated(request);
  return {
    clinician: { id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale },
    org: { id: row.orgId, name: row.orgName, timezone: row.orgTimezone },
    actor: { orgId: row.orgId, clinicianId: row.id, apiTokenId: identity.tokenId ?? null },
    via: identity.tokenId ? "token" : "session",
    sessionId: identity.sessionId,
  };
}

/**
 * requireClinician, and the clinician must be an admin of the organization: replaying webhook
 * events, settings changes and test recipients. Others get 403 (the record is theirs to see).
 */
export async function requireAdmin(request: Request): Promise<ClinicianContext> {
  const ctx = await requireClinician(request);
  if (ctx.clinician.role !== "admin") {
    if (isApi(request)) throw json({ error: "admin_only" }, { status: 403 });
    throw new Response("Forbidden", { status: 403 });
  }
  return ctx;
}

export async function optionalClinician(request: Request) {
  const session = await readSession(request);
  return session ? getClinicianWithOrg(session.clinicianId, session.orgId) : null;
}

