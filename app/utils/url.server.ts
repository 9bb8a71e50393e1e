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
