// The local sandbox's captured mail (alert notices, digests). 404 unless the sandbox runs the
// capture; a signed-in clinician only. Notices carry no health data by design.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireClinician } from "../auth/guard.server";
import { sandboxMail } from "../sandbox/mail.server";
import { useStrings } from "../components/use-strings";
import { useLiveRevalidation } from "../components/live";
import { invariantResponse } from "../lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireClinician(request);
  const capture = sandboxMail();
  invariantResponse(capture);
  return { mail: [...capture.mail].reverse().slice(0, 100).map((m) => ({ ...m, at: m.at.toISOString() })) };
}

export default function SandboxMail() {
  const { mail } = useLoaderData<typeof loader>();
  const t = useStrings();
  useLiveRevalidation((e) => e.kind === "alert", { debounceMs: 1500 });
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-2xl font-semibold">{t.sandboxMailTitle}</h1>
      {mail.length === 0 ? <p className="mt-4 text-slate-600">{t.sandboxMailEmpty}</p> : null}
      <ul className="mt-4 space-y-3">
        {mail.map((m, i) => (
          <li key={i} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <div className="flex flex-wrap gap-x-3 text-xs text-slate-600">
              <span>{m.at}</span>
              <span>→ {m.to.join(", ")}</span>
            </div>
            <h2 className="mt-1 font-semibold">{m.subject}</h2>
            <pre className="mt-1 whitespace-pre-wrap break-words font-sans text-slate-800">{m.text}</pre>
          </li>
        ))}
      </ul>
    </main>
  );
}
