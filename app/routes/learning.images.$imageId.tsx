import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { call, idParam } from "~/learning/edge.server";
import { readImage } from "~/learning/images.server";

// Lesson images, for signed-in people, with the type found from the file's own bytes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = idParam(params.imageId);
  const image = await call(() => readImage(getDb(), id));
  const etag = `"${image.sha256}"`;
  const headers = {
    "Content-Type": image.contentType,
    "Content-Length": String(image.bytes.length),
    "Content-Disposition": "inline",
    "Cache-Control": "private, max-age=86400",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(image.bytes, { status: 200, headers });
}
