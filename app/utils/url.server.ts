import { env } from "./env.server";

/** The address people reach Lantern at, for links in emails, calendar feeds and QR codes. */
export function publicUrl(request?: Request): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  if (request) return new URL(request.url).origin;
  return `http://localhost:${env().PORT}`;
}

/** Only same-site paths are accepted for ?redirectTo, so a link cannot send someone elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
