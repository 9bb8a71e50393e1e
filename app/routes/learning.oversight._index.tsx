import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { programmeOverview } from "~/learning/oversight.server";
import { TableScroll } from "~/components/table-scroll";
import { ListPages } from "~/components/filters";
import { pageFrom, pageOf } from "~/utils/paging";

export const meta: MetaFunction = () => pageTitle("E-learning across organisations");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:oversee:any");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const { organisations, ...overview } = await programmeOverview(getDb());
  // Hundreds of organisations at the programme's size (issue 16): a page of them, and a search
  // by name for the one a lead is looking for. The totals and districts still count every one.
  const needle = q.toLocaleLowerCase("en-GB");
  const matching = needle
    ? organisations.filter((o) => o.name.toLocaleLowerCase("en-GB").includes(needle))
    : organisations;
  return { ...overview, q, organisationsPage: pageOf(matching, pageFrom(url)) };
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
      <form
        method="get"
        action="/learning/oversight"
        role="search"
        aria-label="Find an organisation"
      >
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="oversight-q">
            Organisation name
          </label>
          <input
            className="govuk-input govuk-!-width-one-half"
            id="oversight-q"
            name="q"
            type="search"
            defaultValue={d.q}
          />{" "}
          <button
            type="submit"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            Find
          </button>
        </div>
      </form>
      <ListPages label="Organisations" noun="organisations" paged={d.organisationsPage} />
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
            {d.organisationsPage.rows.map((o) => (
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
