// One LISTEN connection per process, fanned out to every open page of this instance.
// NOTIFY reaches every instance's listener, so pages on any instance hear every write.
// Lives on globalThis: the Remix build and server.ts each load their own module copies.
import { rawSql } from "../../db/client";
import { logger } from "../logger.server";
import { LIVE_CHANNEL, type LiveEvent } from "./notify.server";

type Subscriber = (event: LiveEvent) => void;

interface Hub {
  byOrg: Map<string, Set<Subscriber>>;
  listening: Promise<unknown> | null;
}

declare global {
  // eslint-disable-next-line no-var
  var __kuraLiveHub: Hub | undefined;
}

function hub(): Hub {
  globalThis.__kuraLiveHub ??= { byOrg: new Map(), listening: null };
  return globalThis.__kuraLiveHub;
}

function dispatch(payload: string) {
  let event: LiveEvent;
  try {
    event = JSON.parse(payload) as LiveEvent;
  } catch {
    return;
  }
  const subs = hub().byOrg.get(event.org_id);
  if (!subs) return;
  for (const fn of subs) {
    try {
      fn(event);
    } catch (err) {
      logger().warn({ err: { message: (err as Error).message } }, "live subscriber failed");
    }
  }
}

function ensureListening() {
  const h = hub();
  // postgres-js keeps one dedicated connection for all listen() calls and re-LISTENs after
  // a reconnect by itself, so this runs once per process.
  h.listening ??= rawSql()
    .listen(LIVE_CHANNEL, dispatch)
    .catch((err) => {
      h.listening = null;
      logger().error({ err: { message: err.message } }, "live listen failed");
    });
  return h.listening;
}

/** Subscribe to an organization's events; returns the unsubscribe function. */
export async function subscribeLive(orgId: string, fn: Subscriber) {
  const h = hub();
  let set = h.byOrg.get(orgId);
  if (!set) h.byOrg.set(orgId, (set = new Set()));
  set.add(fn);
  await ensureListening();
  return () => {
    const s = h.byOrg.get(orgId);
    if (!s) return;
    s.delete(fn);
    if (s.size === 0) h.byOrg.delete(orgId);
  };
}

export function liveSubscriberCount() {
  let n = 0;
  for (const s of hub().byOrg.values()) n += s.size;
  return n;
}
