import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListPages } from "~/components/filters";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { dashboardInput, requireReportViewer } from "~/reports/access.server";
import { dashboardView } from "~/reports/page.server";
import { ReportSubpageHeading } from "~/reports/ReportSubpageHeading";
import { ReportTable } from "~/reports/ReportTable";
import { pageFrom, pageOf } from "~/utils/paging";

export const meta: MetaFunction = () => pageTitle("Schools and settings");

// Every school and setting with its figures, and those not yet reached, for the dashboard's filters.
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireReportViewer(request);
  const url = new URL(request.url);
  const view = await dashboardView(getDb(), scope, dashboardInput(url), { full: true });
  if (!view) return { view: null };
  // Every setting of a large programme is megabytes of page: a page of each list at a time, the
  // whole of both in the CSV exports (issue 16, item 4).
  const settings = view.tables.find((t) => t.id === "settings")!;
  const notReached = view.tables.find((t) => t.id === "not-reached")!;
  const settingsPage = pageOf(settings.rows, pageFrom(url));
  const notReachedPage = pageOf(notReached.rows, pageFrom(url, "notReachedPage"));
  return {
    view: {
      programme: view.programme.name,
      period: view.period,
      query: view.query,
      settings: { ...settings, rows: settingsPage.rows },
      settingsPage: { ...settingsPage, rows: { length: settingsPage.rows.length } },
      notReached: { ...notReached, rows: notReachedPage.rows },
      notReachedPage: { ...notReachedPage, rows: { length: notReachedPage.rows.length } },
      showNotReached: scope.kind !== "organisations",
    },
  };
}

export default function ReportSchools() {
  const { view } = useLoaderData<typeof loader>();
  if (!view) return <h1 className="govuk-heading-l">Schools and settings</h1>;
  return (
    <>
      <ReportSubpageHeading
        title="Schools and settings"
        programme={view.programme}
        period={view.period}
        query={view.query}
      />
      <ReportTable table={view.settings} csvHref={`/reports/csv/settings?${view.query}`} />
      <ListPages label="Schools and settings reached" noun="settings" paged={view.settingsPage} />
      {view.showNotReached ? (
        <>
          <h2 className="govuk-heading-m">
            Not yet reached ({view.notReachedPage.total.toLocaleString("en-GB")})
          </h2>
          <ReportTable table={view.notReached} csvHref={`/reports/csv/not-reached?${view.query}`} />
          <ListPages
            label="Settings not yet reached"
            noun="settings"
            paged={view.notReachedPage}
            param="notReachedPage"
          />
        </>
      ) : null}
    </>
  );
}
