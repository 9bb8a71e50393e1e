import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { dashboardInput, requireReportViewer } from "~/reports/access.server";
import { dashboardView } from "~/reports/page.server";
import { ReportSubpageHeading } from "~/reports/ReportSubpageHeading";
import { ReportTable } from "~/reports/ReportTable";

export const meta: MetaFunction = () => pageTitle("Schools and settings");

// Every school and setting with its figures, and those not yet reached, for the dashboard's filters.
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireReportViewer(request);
  const view = await dashboardView(getDb(), scope, dashboardInput(new URL(request.url)), { full: true });
  if (!view) return { view: null };
  return {
    view: {
      programme: view.programme.name,
      period: view.period,
      query: view.query,
      settings: view.tables.find((t) => t.id === "settings")!,
      notReached: view.tables.find((t) => t.id === "not-reached")!,
      showNotReached: scope.kind !== "organisations",
    },
  };
}

export default function ReportSchools() {
  const { view } = useLoaderData<typeof loader>();
  if (!view) return <h1 className="govuk-heading-l">Schools and settings</h1>;
  return (
    <>
      <ReportSubpageHeading title="Schools and settings" programme={view.programme} period={view.period} query={view.query} />
      <ReportTable table={view.settings} csvHref={`/reports/csv/settings?${view.query}`} />
      {view.showNotReached ? (
        <>
          <h2 className="govuk-heading-m">Not yet reached ({view.notReached.rows.length})</h2>
          <ReportTable table={view.notReached} csvHref={`/reports/csv/not-reached?${view.query}`} />
        </>
      ) : null}
    </>
  );
}
