import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAnyPermission } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import {
  assertCanOversee,
  organisationProgress,
  organisationProgressCsv,
} from "~/learning/oversight.server";
import { csvResponse } from "~/utils/csv.server";
import { londonToday } from "~/utils/dates";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "learning:oversee:own-organisation",
    "learning:oversee:any",
  ]);
  const orgId = idParam(params.orgId);
  await call(async () => assertCanOversee(auth, orgId));
  const p = await call(() => organisationProgress(getDb(), orgId));
  const slug = p.organisation.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return csvResponse(`staff-learning-${slug}-${londonToday()}.csv`, organisationProgressCsv(p));
}
