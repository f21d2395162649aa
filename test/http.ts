// Calls route modules the way Remix does, in-process: a thrown Response is the answer.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

type Fn = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

export async function call(fn: Fn, request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = { ip: "127.0.0.1" }): Promise<Response> {
  try {
    const out = await fn({ request, params, context } as any);
    if (out instanceof Response) return out;
    if (out && typeof out === "object" && "type" in out && (out as any).type === "DataWithResponseInit") {
      const d = out as any;
      return Response.json(d.data, d.init ?? {});
    }
    return Response.json(out ?? null);
  } catch (e) {
    if (e instanceof Response) return e;
    if (e && typeof e === "object" && (e as any).type === "DataWithResponseInit") {
      const d = e as any;
      return Response.json(d.data, d.init ?? {});
    }
    throw e;
  }
}

export const BASE = "http://kura.test";

export function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, ...headers },
    body: new URLSearchParams(fields),
  });
}
