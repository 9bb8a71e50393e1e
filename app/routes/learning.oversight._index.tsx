import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { programmeOverview } from "~/learning/oversight.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => pageTitle("E-learning across organisations");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:oversee:any");
  return programmeOverview(getDb());
}

export default function Oversight() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">E-learning across organisations</h1>
      <div className="govuk-grid-row">
        {[
          ["Enrolments", d.totals.enrolments],
          ["Completions", d.totals.completions],
          ["Organisations reached", d.totals.organisationsReached],
        ].map(([label, value]) => (
          <div className="govuk-grid-column-one-third" key={label}>
            <p className="govuk-body lantern-stat">
              <span className="lantern-stat__figure">{value}</span>
              {label}
            </p>
          </div>
        ))}
      </div>

      <TableScroll>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">By district</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                District
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Organisations reached
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Enrolments
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Completions
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {d.districts.map((x) => (
              <tr key={x.district} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {x.district}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {x.reached} of {x.organisations}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{x.enrolments}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{x.completions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <p className="govuk-body">
        <a className="govuk-link" href="/learning/oversight/export.csv" download>
          Download the table by organisation (CSV)
        </a>
      </p>
      <TableScroll>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            By organisation
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Organisation
              </th>
              <th scope="col" className="govuk-table__header">
                District
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Staff
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Enrolments
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Completions
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {d.organisations.map((o) => (
              <tr key={o.id} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/learning/organisations/${o.id}`}>
                    {o.name}
                  </Link>
                </th>
                <td className="govuk-table__cell">{o.district}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{o.staff}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{o.enrolments}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{o.completions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
