import type { Queryable } from "~/db/db.server";
import { csvResponse } from "~/utils/csv.server";
import { tableCsv } from "./csv.server";
import type { DashboardInput, ReportScope } from "./dashboard.server";
import { dashboardView } from "./page.server";

/** One dashboard table as a CSV download, or null when there is no such table for this viewer. */
export async function dashboardCsv(
  db: Queryable,
  scope: ReportScope,
  input: DashboardInput,
  tableId: string,
): Promise<Response | null> {
  const view = await dashboardView(db, scope, input, { full: true });
  const table = view?.tables.find((t) => t.id === tableId);
  if (!view || !table) return null;
  const slug = view.programme.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return csvResponse(`${slug}-${tableId}-${view.period.value}-${view.today}.csv`, tableCsv(table));
}
