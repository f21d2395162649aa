import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import styles from "./tailwind.css";
import { optionalClinician } from "./auth/guard.server";
import { pickLocale, STRINGS } from "./i18n";
import { config } from "./config.server";
import { useNonce } from "./components/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Pages name themselves ("Patients · Kura": app/lib/page-title.ts); this is the fallback.
export const meta: MetaFunction = () => [{ title: "Kura Connect" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const clinician = await optionalClinician(request);
  // No WhatsApp token: the loopback Graph double answers; every page says nothing is sent.
  return { locale: pickLocale(clinician?.locale, request.headers.get("Accept-Language")), sandbox: config().meta.sandbox };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? "es"} className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <Meta />
        <Links />
      </head>
      <body className="h-full font-sans text-slate-900 antialiased">
        {data?.sandbox ? (
          <aside aria-label="Sandbox" className="bg-amber-300 px-4 py-1 text-center text-sm font-semibold text-amber-950">
            {STRINGS[data.locale].sandboxBand}
          </aside>
        ) : null}
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

// One error boundary for the whole app (components/route-error.tsx); here it renders inside
// Layout's document when even the root failed.
export { RouteErrorBoundary as ErrorBoundary } from "./components/route-error";
