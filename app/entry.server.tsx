// Server rendering (Remix's default, plus two things): the CSP nonce server.ts made for this
// response goes on every inline script Remix writes, and errors go through the pino logger by
// class, code and request id — never the message, query string or body (they carry health data).
import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { loggablePath, logger } from "./logger.server";
import { describeError } from "./ingest/process.server";
import { NonceContext } from "./components/nonce";

const ABORT_DELAY = 5_000;

type Ctx = AppLoadContext & { cspNonce?: string; requestId?: string };

export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  // An aborted request (the browser went away) is not an error.
  if (request.signal.aborted) return;
  const ctx = context as Ctx;
  logger().error({ requestId: ctx?.requestId, method: request.method, path: loggablePath(new URL(request.url).pathname), error: describeError(error) }, "request failed");
}

export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = (loadContext as Ctx)?.cspNonce;
  const bot = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          headers.set("Content-Type", "text/html");
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          // Errors inside the shell are reported by onShellError; these are logged like handleError's.
          if (shellRendered) logger().error({ requestId: (loadContext as Ctx)?.requestId, error: describeError(error) }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
