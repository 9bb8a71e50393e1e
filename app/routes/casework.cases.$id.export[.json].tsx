import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCasework } from "~/casework/access.server";
import { exportCase } from "~/casework/cases.server";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { clientIp } from "~/utils/request.server";

// The whole case file as JSON, for the caseworker's or manager's records; the export is audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"]);
  const id = idParam(params.id);
  const record = await call(() => exportCase(getDb(), viewer, id, clientIp(request)));
  return new Response(JSON.stringify(record, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="case-${id}.json"`,
    },
  });
}
