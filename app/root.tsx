import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import styles from "./tailwind.css";
import { optionalClinician } from "./auth/guard.server";
import { pickLocale, STRINGS } from "./i18n";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const clinician = await optionalClinician(request);
  return { locale: pickLocale(clinician?.locale, request.headers.get("Accept-Language")) };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang={data?.locale ?? "es"} className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>Kura Connect</title>
        <Meta />
        <Links />
      </head>
      <body className="h-full font-sans text-slate-900 antialiased">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const t = STRINGS[data?.locale ?? "es"];
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold">{notFound ? t.notFoundTitle : t.errorTitle}</h1>
      <p className="mt-2 text-slate-600">{notFound ? t.notFoundBody : t.errorBody}</p>
      <a href="/patients" className="mt-6 inline-block font-medium text-teal-700 underline">
        {t.backToPatients}
      </a>
    </main>
  );
}
