import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { returnPreview } from "~/reports/return-preview.server";
import { ReportTable } from "~/reports/ReportTable";
import { formatNumber } from "~/reports/tables";
import { formatDay } from "~/utils/dates";
import { FilterSelect } from "~/components/filters";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Quarterly monitoring return");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "report:view:any");
  const url = new URL(request.url);
  return {
    preview: await returnPreview(getDb(), {
      programmeId: url.searchParams.get("programme"),
      quarter: url.searchParams.get("quarter"),
    }),
  };
}

export default function MonitoringReturn() {
  const { preview: p } = useLoaderData<typeof loader>();
  if (!p) {
    return (
      <>
        <h1 className="govuk-heading-l">Quarterly monitoring return</h1>
        <p className="govuk-body">There are no programmes yet.</p>
      </>
    );
  }
  const q = `programme=${p.programmeId}&quarter=${p.quarter.value}`;
  return (
    <>
      <span className="govuk-caption-l">{p.programmeName}</span>
      <h1 className="govuk-heading-l">Quarterly monitoring return</h1>
      <p className="govuk-body">
        Outputs and outcomes for one financial quarter, for the Office of the Police and Crime
        Commissioner for Norfolk. Counts of people from 1 to 4 are suppressed in the PDF and CSV.
      </p>
      <Form method="get" action="/reports/return" className="lantern-no-print">
        <input type="hidden" name="programme" value={p.programmeId} />
        <FilterSelect
          name="quarter"
          label="Quarter"
          value={p.quarter.value}
          options={p.quarters.map((x) => ({ value: x.value, label: x.label }))}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show this quarter
        </button>
      </Form>
      <h2 className="govuk-heading-m">
        {p.quarter.label}: {formatDay(p.quarter.from)} to {formatDay(p.quarter.to)}
      </h2>
      {p.spans.map((span, si) => (
        <Table
          key={span.key}
          caption={`${span.label}: against the ${span.targetLabel.toLowerCase()}`}
          captionSize="s"
          className="govuk-!-font-size-16"
          tableProps={{ "data-table": `return-${span.key}` }}
          rows={p.rows}
          rowKey={(r) => r.audience}
          columns={[
            {
              header: "Audience",
              rowHeader: true,
              className: "govuk-!-font-weight-regular",
              cell: (r) => r.label,
            },
            {
              header: "Sessions delivered",
              numeric: true,
              cell: (r) => formatNumber(r.spans[si].sessions),
              cellProps: (r) => ({ "data-figure": `return:${r.audience}:${span.key}:sessions` }),
            },
            {
              header: "Sessions target",
              numeric: true,
              cell: (r) => {
                const target = r.spans[si].sessionsTarget;
                return target === null ? "–" : formatNumber(target);
              },
            },
            {
              header: "People reached",
              numeric: true,
              cell: (r) => formatNumber(r.spans[si].people),
              cellProps: (r) => ({ "data-figure": `return:${r.audience}:${span.key}:people` }),
            },
            {
              header: "People target",
              numeric: true,
              cell: (r) => {
                const target = r.spans[si].peopleTarget;
                return target === null ? "–" : formatNumber(target);
              },
            },
            {
              header: "Settings reached",
              numeric: true,
              cell: (r) => formatNumber(r.spans[si].settings),
            },
          ]}
        />
      ))}
      <p className="govuk-body-s">
        These are the exact figures. The PDF and CSV show counts of people from 1 to 4 as “fewer
        than 5”.
      </p>
      <h2 className="govuk-heading-m">By type of setting</h2>
      <p className="govuk-body">
        Settings reached, sessions and people by type of setting, as an evaluation reports them.
        Shares are whole percentages that add up to 100.
      </p>
      {p.settingTypes.map((t) => (
        <ReportTable key={t.id} table={t} />
      ))}
      <h2 className="govuk-heading-m">Outcomes this quarter</h2>
      {p.outcomes.map((t) => (
        <ReportTable key={t.id} table={t} />
      ))}
      {p.unavailable.map((u) => (
        <InsetText key={u.section}>
          <strong>{u.section}:</strong> {u.reason}
        </InsetText>
      ))}
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`/reports/return/pdf?${q}`} download>
            Download the return as PDF
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/reports/return/csv?${q}`} download>
            Download the return as CSV
          </a>
        </li>
        <li>
          <Link
            className="govuk-link"
            to={`/reports?programme=${p.programmeId}&period=${p.quarter.value}`}
          >
            Open the dashboard for this quarter
          </Link>
        </li>
      </ul>
    </>
  );
}
