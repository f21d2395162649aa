// Where a redirect may go after login or a language switch: only a path on this origin.
// Browsers strip tabs and newlines from URLs and read "\" as "/", so "/\evil.example" and
// "/<TAB>/evil.example" are other hosts; the target is resolved the way a browser would and kept
// only when the origin is unchanged and the path starts with a single "/".
const BASE = "http://kura.invalid";

export function safeRedirect(to: string | null | undefined, fallback = "/patients"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  // Control characters and backslashes never appear in our own paths.
  if (/[\u0000-\u001f\u007f\\]/.test(to) || !to.startsWith("/") || to.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || !url.pathname.startsWith("/") || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
