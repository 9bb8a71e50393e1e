import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import type { OrganisationKind } from "~/db/schema";
import { listDistricts, listOrganisations } from "~/organisations/organisations.server";
import { KIND_LABELS, KIND_PLURALS, KINDS, settingCategory } from "~/organisations/reference";
import { ListFilterSchema } from "~/organisations/schemas";

export const meta: MetaFunction = () => pageTitle("Organisations");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  const url = new URL(request.url);
  const filter = ListFilterSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const [result, districts] = await Promise.all([listOrganisations(db, filter), listDistricts(db)]);
  return {
    filter: { kind: filter.kind ?? "", district: filter.district ?? "", q: filter.q ?? "", archived: filter.archived ?? "" },
    districts: districts.map((d) => ({ id: d.id, name: d.name })),
    ...result,
    rows: result.rows.map((r) => ({
      ...r,
      kindLabel: r.kind === "setting" ? settingCategory(r.establishment_type) : KIND_LABELS[r.kind],
    })),
  };
}

function pageHref(filter: Record<string, string>, page: number) {
  const p = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return `/admin/organisations${s ? `?${s}` : ""}`;
}

export default function Organisations() {
  const { filter, districts, rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = !!(filter.kind || filter.district || filter.q || filter.archived);
  return (
    <>
      <h1 className="govuk-heading-l">Organisations</h1>
      <div className="govuk-button-group">
        <Link to="/admin/organisations/new?kind=setting" className="govuk-button" data-module="govuk-button">
          Add a setting
        </Link>
        <Link to="/admin/organisations/new?kind=vcse" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Add a VCSE organisation
        </Link>
        <Link to="/admin/organisations/new" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Add another kind
        </Link>
        <Link to="/admin/organisations/import" className="govuk-link">
          Import settings from Get Information About Schools
        </Link>
      </div>

      <form method="get" action="/admin/organisations" className="lantern-filters" role="search" aria-label="Filter organisations">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="filter-q">
                Name or URN
              </label>
              <input className="govuk-input" id="filter-q" name="q" type="search" defaultValue={filter.q} spellCheck={false} />
            </div>
          </div>
          <div className="govuk-grid-column-one-quarter">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="filter-kind">
                Kind
              </label>
              <select className="govuk-select" id="filter-kind" name="kind" defaultValue={filter.kind}>
                <option value="">All kinds</option>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_PLURALS[k as OrganisationKind]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="govuk-grid-column-one-quarter">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="filter-district">
                District
              </label>
              <select className="govuk-select" id="filter-district" name="district" defaultValue={filter.district}>
                <option value="">All districts</option>
                {districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="govuk-grid-column-one-quarter">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="filter-archived">
                Archived
              </label>
              <select className="govuk-select" id="filter-archived" name="archived" defaultValue={filter.archived}>
                <option value="">Hide archived</option>
                <option value="include">Show archived too</option>
                <option value="only">Only archived</option>
              </select>
            </div>
          </div>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Apply filters
          </button>
          {filtered ? (
            <Link to="/admin/organisations" className="govuk-link">
              Clear filters
            </Link>
          ) : null}
        </div>
      </form>

      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">
          {total === 0 ? "No organisations match" : `${total} organisation${total === 1 ? "" : "s"}`}
          {pages > 1 ? ` (page ${page} of ${pages})` : ""}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Name</th>
            <th scope="col" className="govuk-table__header">Kind</th>
            <th scope="col" className="govuk-table__header">URN</th>
            <th scope="col" className="govuk-table__header">Phase</th>
            <th scope="col" className="govuk-table__header">District</th>
            <th scope="col" className="govuk-table__header">Postcode</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((o) => (
            <tr className="govuk-table__row" key={o.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/admin/organisations/${o.id}`}>
                  {o.name}
                </Link>{" "}
                {o.archived_at ? <Tag colour="grey">Archived</Tag> : null}
              </td>
              <td className="govuk-table__cell">{o.kindLabel}</td>
              <td className="govuk-table__cell">{o.urn ?? ""}</td>
              <td className="govuk-table__cell">{o.phase ?? ""}</td>
              <td className="govuk-table__cell">{o.district_name ?? ""}</td>
              <td className="govuk-table__cell lantern-nowrap">{o.postcode ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="govuk-pagination" aria-label="Pages of organisations">
          {page > 1 ? (
            <div className="govuk-pagination__prev">
              <Link className="govuk-link govuk-pagination__link" to={pageHref(filter, page - 1)} rel="prev">
                <span className="govuk-pagination__link-title">Previous page</span>
              </Link>
            </div>
          ) : null}
          {page < pages ? (
            <div className="govuk-pagination__next">
              <Link className="govuk-link govuk-pagination__link" to={pageHref(filter, page + 1)} rel="next">
                <span className="govuk-pagination__link-title">Next page</span>
              </Link>
            </div>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
