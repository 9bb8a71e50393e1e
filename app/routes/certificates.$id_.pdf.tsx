import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAnyPermission } from "~/auth/guard.server";
import { viewerOf } from "~/certificates/access.server";
import { call } from "~/utils/errors.server";
import { ensureRendered, getCertificateFor, storedPdf } from "~/certificates/certificates.server";
import { getDb } from "~/db/db.server";
import { idParam } from "~/utils/params";

// The stored PDF, as it was rendered at issue time; never rendered again here (a certificate
// whose render was interrupted is rendered once, then stored). ETag: the bytes' SHA-256.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "certificate:own",
    "certificate:view:own-organisation",
    "certificate:manage:any",
  ]);
  const db = getDb();
  const cert = await call(() => getCertificateFor(db, viewerOf(auth), idParam(params.id)));
  let file = await storedPdf(db, cert);
  if (!file) {
    await ensureRendered(db, cert);
    file = await storedPdf(db, cert);
  }
  if (!file)
    throw new Response("The certificate is still being made. Try again in a moment.", {
      status: 503,
      headers: { "Retry-After": "5" },
    });
  const headers = {
    ETag: file.etag,
    "Content-Type": "application/pdf",
    "Content-Disposition": `attachment; filename="${file.filename}"`,
  };
  if (request.headers.get("if-none-match") === file.etag)
    return new Response(null, { status: 304, headers: { ETag: file.etag } });
  return new Response(file.bytes as unknown as BodyInit, {
    headers: { ...headers, "Content-Length": String(file.bytes.byteLength) },
  });
}
