import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { assertSameOrigin, optionalClinician } from "../auth/guard.server";
import { claimLoginAttempt, loginSucceeded, recordLoginAttempt } from "../auth/rate-limit.server";
import { createSession } from "../auth/session.server";
import { normalizeEmail, verifyLogin } from "../models/clinician.server";
import { useStrings } from "../components/use-strings";
import { safeRedirect } from "../lib/safe-redirect";
import { titleMeta } from "../lib/page-title";

// The login form validates in the browser too: zod must not probe `new Function` there, which
// the CSP (no unsafe-eval) refuses and reports as a violation.
z.config({ jitless: true });

export const meta = titleMeta("signIn");

const LoginSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(512),
  redirectTo: z.string().optional(),
});


export async function loader({ request }: LoaderFunctionArgs) {
  if (await optionalClinician(request)) throw redirect("/patients");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: "invalid" as const }, { status: 400 });
  const email = normalizeEmail(submission.value.email);
  const ip = String((context as { ip?: string }).ip ?? "unknown");
  // Counted before the hash: a refused attempt costs one upsert, not an argon2 hash.
  const claim = await claimLoginAttempt(email, ip);
  if (!claim.allowed) {
    return data({ result: submission.reply({ hideFields: ["password"] }), error: "locked" as const }, { status: 429, headers: { "Retry-After": claim.by === "email" ? "900" : "5" } });
  }
  const login = await verifyLogin(email, submission.value.password);
  await recordLoginAttempt(email, ip, Boolean(login));
  if (login) await loginSucceeded(email, ip);
  if (!login) return data({ result: submission.reply({ hideFields: ["password"] }), error: "invalid" as const }, { status: 401 });
  const cookie = await createSession(login.clinicianId, login.orgId);
  throw redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const t = useStrings();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onBlur" });
  const message = actionData?.error === "locked" ? t.tooManyAttempts : actionData?.error === "invalid" ? t.invalidLogin : null;
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">Kura Connect</p>
        <h1 className="mt-1 text-2xl font-semibold">{t.signInTitle}</h1>
        <p className="mt-1 text-sm text-slate-600">{t.signInLead}</p>
        <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <div>
            <label htmlFor={fields.email.id} className="block text-sm font-medium">{t.email}</label>
            <input
              {...getInputProps(fields.email, { type: "email" })}
              autoComplete="username"
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600/30"
            />
          </div>
          <div>
            <label htmlFor={fields.password.id} className="block text-sm font-medium">{t.password}</label>
            <input
              {...getInputProps(fields.password, { type: "password" })}
              autoComplete="current-password"
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600/30"
            />
          </div>
          {message ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p>
          ) : null}
          <button type="submit" className="w-full rounded-md bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800">
            {t.signIn}
          </button>
        </Form>
      </div>
    </main>
  );
}
