import { useRouteLoaderData } from "@remix-run/react";
import { STRINGS, type Locale } from "../i18n";

export function useLocale(): Locale {
  return useRouteLoaderData<{ locale: Locale }>("root")?.locale ?? "es";
}

export function useStrings() {
  return STRINGS[useLocale()];
}
