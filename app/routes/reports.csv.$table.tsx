import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/db.server";
import { dashboardInput, requireReportViewer } from "~/reports/access.server";
import { dashboardCsv } from "~/reports/exports.server";
import { notFound } from "~/utils/errors.server";

// Every dashboard table as CSV, for the same filters (and the same scope) as the page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireReportViewer(request);
  const csv = await dashboardCsv(
    getDb(),
    scope,
    dashboardInput(new URL(request.url)),
    params.table ?? "",
  );
  if (!csv) notFound("table");
  return csv;
}
