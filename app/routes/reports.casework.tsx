import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { caseworkReport } from "~/casework/reports.server";
import { FilterButtons, FilterSelect } from "~/components/filters";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { ReportTable } from "~/reports/ReportTable";
import { formatDay } from "~/utils/dates";

// 1-2-1 support and mentoring in figures, for every programme lead and the commissioner's office
// (cleared or not): counts only, small numbers suppressed on the page as in every export.
export const meta: MetaFunction = () => pageTitle("1-2-1 support in figures");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "report:view:any");
  return caseworkReport(getDb(), new URL(request.url));
}

export default function CaseworkReport() {
  const r = useLoaderData<typeof loader>();
  const filtered = !!(r.filters.programme || r.filters.district || r.filters.period !== "all");
  return (
    <>
      <span className="govuk-caption-l">Reports</span>
      <h1 className="govuk-heading-l">1-2-1 support in figures</h1>
      <p className="govuk-body">
        SOS+ 1-2-1 and Pathways Out, {r.period.label.toLowerCase()}: {formatDay(r.period.from)} to{" "}
        {formatDay(r.period.to)}. Counts of young people from 1 to 4 show as “fewer than 5”, and
        figures that would reveal them as “withheld”.
      </p>
      <Form method="get" className="lantern-filters">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <FilterSelect
              name="programme"
              label="Programme"
              value={r.filters.programme}
              options={r.programmes}
              allLabel="All programmes"
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <FilterSelect
              name="period"
              label="Period"
              value={r.filters.period}
              options={r.periods}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <FilterSelect
              name="district"
              label="District of the school"
              value={r.filters.district}
              options={r.districts}
              allLabel="All districts"
            />
          </div>
        </div>
        <FilterButtons clearTo="/reports/casework" filtered={filtered} />
      </Form>
      {r.tables.map((t) => (
        <ReportTable key={t.id} table={t} csvHref={`/reports/casework/csv/${t.id}?${r.query}`} />
      ))}
      <p className="govuk-body-s">
        Young people supported: cases open at any time in the period (consent given). Time to first
        contact: from the referral to the first attended contact. Assessment change: each young
        person&apos;s first and latest scores for a characteristic, for those assessed at least
        twice (N). Outcomes: cases closed in the period.
      </p>
    </>
  );
}
