import type { LoaderFunctionArgs } from "@remix-run/node";
import { has, requireAnyPermission } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { readImageFor } from "~/learning/images.server";

// Lesson images, with the type found from the file's own bytes: authors see any; learners only
// those shown by a published module or the version they are enrolled in (readImageFor).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, ["learning:learn", "learning:author"]);
  const id = idParam(params.imageId);
  const image = await call(() =>
    readImageFor(getDb(), { userId: auth.user.id, mayAuthor: has(auth, "learning:author") }, id),
  );
  const etag = `"${image.sha256}"`;
  const headers = {
    "Content-Type": image.contentType,
    "Content-Length": String(image.bytes.length),
    "Content-Disposition": "inline",
    "Cache-Control": "private, max-age=86400",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  return new Response(image.bytes, { status: 200, headers });
}
