import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { returnPreview } from "~/reports/return-preview.server";
import { ReportTable } from "~/reports/ReportTable";
import { formatNumber } from "~/reports/tables";
import { formatDay } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

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
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="f-quarter">
            Quarter
          </label>
          <select
            className="govuk-select"
            id="f-quarter"
            name="quarter"
            defaultValue={p.quarter.value}
          >
            {p.quarters.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show this quarter
        </button>
      </Form>
      <h2 className="govuk-heading-m">
        {p.quarter.label}: {formatDay(p.quarter.from)} to {formatDay(p.quarter.to)}
      </h2>
      {p.spans.map((span, si) => (
        <TableScroll key={span.key}>
          <table className="govuk-table govuk-!-font-size-16" data-table={`return-${span.key}`}>
            <caption className="govuk-table__caption govuk-table__caption--s">
              {span.label}: against the {span.targetLabel.toLowerCase()}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Audience
                </th>
                {[
                  "Sessions delivered",
                  "Sessions target",
                  "People reached",
                  "People target",
                  "Settings reached",
                ].map((h) => (
                  <th
                    key={h}
                    scope="col"
                    className="govuk-table__header govuk-table__header--numeric"
                  >
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {p.rows.map((r) => {
                const x = r.spans[si];
                return (
                  <tr key={r.audience} className="govuk-table__row">
                    <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                      {r.label}
                    </th>
                    <td
                      className="govuk-table__cell govuk-table__cell--numeric"
                      data-figure={`return:${r.audience}:${span.key}:sessions`}
                    >
                      {formatNumber(x.sessions)}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {x.sessionsTarget === null ? "–" : formatNumber(x.sessionsTarget)}
                    </td>
                    <td
                      className="govuk-table__cell govuk-table__cell--numeric"
                      data-figure={`return:${r.audience}:${span.key}:people`}
                    >
                      {formatNumber(x.people)}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {x.peopleTarget === null ? "–" : formatNumber(x.peopleTarget)}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {formatNumber(x.settings)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
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
