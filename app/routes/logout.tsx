import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { assertSameOrigin } from "../auth/guard.server";
import { destroySession } from "../auth/session.server";

export const loader = () => redirect("/login");

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  throw redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}
