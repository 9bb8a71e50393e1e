import { env } from "./env.server";

/**
 * The address people reach Lantern at, for links in emails, calendar feeds and QR codes: PUBLIC_URL
 * (required in production), or http://localhost:PORT in development. Never built from a request,
 * whose Host anyone can forge (issue 11, finding 3); the parameter is kept so call sites read the
 * same, and is ignored.
 */
export function publicUrl(_request?: Request): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  return `http://localhost:${env().PORT}`;
}

/** Lantern's own origin (scheme, host and port), the only one accepted as a form's Origin. */
export function publicOrigin(): string {
  return new URL(publicUrl()).origin;
}

const OWN = "http://lantern.invalid";
// Controls (browsers drop tabs and newlines from URLs: `/\t/evil` becomes `//evil`), any whitespace,
// and backslashes (browsers read `\` as `/`).
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const REFUSED = /[\u0000-\u001f\u007f-\u009f\\\s]/;

/**
 * Only Lantern's own paths are accepted for ?redirectTo, so a link cannot send someone elsewhere
 * (issue 11, finding 4). The target is resolved against Lantern's own origin and must stay on it;
 * control characters, whitespace and backslashes are refused, as written or percent-encoded in
 * the path.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/",
): string {
  if (!to || typeof to !== "string") return fallback;
  if (REFUSED.test(to) || !to.startsWith("/") || to.startsWith("//")) return fallback;
  let url: URL;
  let path: string;
  try {
    url = new URL(to, OWN);
    path = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN || REFUSED.test(path) || path.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
