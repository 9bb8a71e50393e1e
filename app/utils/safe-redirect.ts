// Where a link may send someone after signing in (?redirectTo): a pure rule, unit-tested and
// mutation-tested on its own (moved here from url.server.ts, unchanged, in issue 20).

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
  // Not text (a file from a form), or nothing: "" is refused below, as it does not start with "/".
  if (typeof to !== "string") return fallback;
  if (REFUSED.test(to) || !to.startsWith("/") || to.startsWith("//")) return fallback;
  let url: URL;
  let path: string;
  try {
    url = new URL(to, OWN);
    path = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  // Stryker disable next-line ConditionalExpression: a target starting with one "/" and no backslash always resolves on the origin; this checks again in case the checks above ever change
  if (url.origin !== OWN) return fallback;
  if (REFUSED.test(path) || path.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
