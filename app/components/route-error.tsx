import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useStrings } from "./use-strings";

/** Inside the app layout: the header stays, the failed part says what happened in words. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const t = useStrings();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div role="status" className="mx-auto mt-12 max-w-lg rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold">{notFound ? t.notFoundTitle : t.errorTitle}</h1>
      <p className="mt-2 text-slate-600">{notFound ? t.notFoundBody : t.errorBody}</p>
      <a href="/patients" className="mt-6 inline-block font-medium text-teal-700 underline">{t.backToPatients}</a>
    </div>
  );
}
