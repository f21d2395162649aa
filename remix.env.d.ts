/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import "@remix-run/node";

// Single fetch (v3_singleFetch) types for useLoaderData/useActionData.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
