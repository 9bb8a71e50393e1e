import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { keptProgrammeOverview } from "~/learning/oversight.server";
import { Table } from "~/components/table";
import { ListPages } from "~/components/filters";
import { pageFrom, pageOf } from "~/utils/paging";

export const meta: MetaFunction = () => pageTitle("E-learning across organisations");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:oversee:any");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const { organisations, ...overview } = await keptProgrammeOverview(getDb());
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

      <Table
        caption="By district"
        rows={d.districts}
        rowKey={(x) => x.district}
        columns={[
          { header: "District", cell: (x) => x.district, rowHeader: true },
          {
            header: "Organisations reached",
            cell: (x) => (
              <>
                {x.reached} of {x.organisations}
              </>
            ),
            numeric: true,
          },
          { header: "Enrolments", cell: (x) => x.enrolments, numeric: true },
          { header: "Completions", cell: (x) => x.completions, numeric: true },
        ]}
      />

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
      <Table
        caption="By organisation"
        rows={d.organisationsPage.rows}
        rowKey={(o) => o.id}
        columns={[
          {
            header: "Organisation",
            cell: (o) => (
              <Link className="govuk-link" to={`/learning/organisations/${o.id}`}>
                {o.name}
              </Link>
            ),
            rowHeader: true,
          },
          { header: "District", cell: (o) => o.district },
          { header: "Staff", cell: (o) => o.staff, numeric: true },
          { header: "Enrolments", cell: (o) => o.enrolments, numeric: true },
          { header: "Completions", cell: (o) => o.completions, numeric: true },
        ]}
      />
    </>
  );
}
