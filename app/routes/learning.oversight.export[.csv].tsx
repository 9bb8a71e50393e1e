import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { programmeOverview, programmeOverviewCsv } from "~/learning/oversight.server";
import { csvResponse } from "~/utils/csv.server";
import { londonToday } from "~/utils/dates";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:oversee:any");
  const csv = programmeOverviewCsv(await programmeOverview(getDb()));
  return csvResponse(`e-learning-by-organisation-${londonToday()}.csv`, csv);
}
