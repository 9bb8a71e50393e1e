import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { caseworkTableCsv } from "~/casework/reports.server";
import { getDb } from "~/db/db.server";
import { notFound } from "~/utils/errors.server";
import { clientIp } from "~/utils/request.server";

// One casework table as CSV, suppressed; every export is audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "report:view:any");
  const db = getDb();
  const res = await caseworkTableCsv(db, new URL(request.url), params.table ?? "", {
    actorUserId: auth.user.id,
    ip: clientIp(request),
  });
  if (!res) notFound();
  return res;
}
