// Server-sent events for open pages: the organization's live events (ids only), a heartbeat
// so proxies keep the stream open, cleanup when the browser goes away.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireClinician } from "../auth/guard.server";
import { subscribeLive } from "../lib/live-hub.server";

const HEARTBEAT_MS = 20_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { org } = await requireClinician(request);
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
        send(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => send(`: hb\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
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
