import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { call } from "~/utils/errors.server";
import { batchZip } from "~/certificates/certificates.server";
import { getDb } from "~/db/db.server";
import { idParam } from "~/utils/params";

// Every certificate of a batch, as stored at issue time, in one ZIP.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "certificate:manage:any");
  const zip = await call(() => batchZip(getDb(), idParam(params.id)));
  return new Response(zip as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="certificates-${idParam(params.id).slice(0, 8)}.zip"`,
      "Content-Length": String(zip.byteLength),
    },
  });
}
