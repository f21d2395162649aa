import { json } from "@remix-run/node";

/** `?days=N`, 1–90, default 7; anything else is a 400 the caller can read. */
export function parseDays(request: Request): number {
  const raw = new URL(request.url).searchParams.get("days");
  if (raw === null) return 7;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 90) {
    throw json({ error: "invalid_days", message: "days must be an integer from 1 to 90" }, { status: 400 });
  }
  return Number(raw);
}
