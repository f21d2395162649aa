// Server-sent events for open pages: the organization's live events (ids only), a heartbeat
// so proxies keep the stream open, cleanup when the browser goes away. Each heartbeat checks the
// session again (logout or expiry ends the stream); a session holds at most a few streams.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireClinician } from "../auth/guard.server";
import { subscribeLive } from "../lib/live-hub.server";

/** Mutable for tests only. perSession: a few tabs; more is a leak or an attack (per instance). */
export const SSE_LIMITS = { heartbeatMs: 20_000, perSession: 4 };

declare global {
  // eslint-disable-next-line no-var
  var __kuraStreams: Map<string, number> | undefined;
}
const streams = () => (globalThis.__kuraStreams ??= new Map());

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireClinician(request);
  const { org } = ctx;
  const key = ctx.sessionId ?? `token:${ctx.actor.apiTokenId ?? ctx.clinician.id}`;
  const open = streams().get(key) ?? 0;
  if (open >= SSE_LIMITS.perSession) {
    return new Response("Too many open streams", { status: 429, headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8" } });
  }
  streams().set(key, open + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const n = (streams().get(key) ?? 1) - 1;
    if (n <= 0) streams().delete(key);
    else streams().set(key, n);
  };
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribeLive(org.id, (event) => {
        // An alert notice (issue 16) is for one clinician's tabs only.
        const notice = event as { kind: string; clinician_id?: string };
        if (notice.kind === "notice" && notice.clinician_id !== ctx.clinician.id) return;
        send(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(async () => {
        // Logged out, expired or idle (this stream does not count as activity): the stream ends.
        const signedIn = await requireClinician(request).then(() => true, () => false);
        if (signedIn) send(`: hb\n\n`);
        else cleanup();
      }, SSE_LIMITS.heartbeatMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        release();
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {}
      };
      if (request.signal.aborted) return cleanup();
      request.signal.addEventListener("abort", () => cleanup(), { once: true });
      // retry: how long the browser waits before reconnecting by itself.
      send(`retry: 3000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
