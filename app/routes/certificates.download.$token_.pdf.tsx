import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadByToken } from "~/certificates/download-links.server";
import { getDb } from "~/db/db.server";

// The PDF behind a holder's emailed link: the stored bytes, as for a signed-in holder.
export async function loader({ params }: LoaderFunctionArgs) {
  const outcome = await downloadByToken(getDb(), params.token ?? "");
  if (outcome.result === "unknown") throw new Response("This link does not work.", { status: 404 });
  if (outcome.result === "revoked")
    throw new Response("This certificate has been revoked.", { status: 410 });
  if (outcome.result === "pending")
    throw new Response("The certificate is still being made. Try again in a moment.", {
      status: 503,
      headers: { "Retry-After": "5" },
    });
  const { pdf } = outcome;
  return new Response(pdf.bytes as unknown as BodyInit, {
    headers: {
      ETag: pdf.etag,
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdf.filename}"`,
      "Content-Length": String(pdf.bytes.byteLength),
    },
  });
}
