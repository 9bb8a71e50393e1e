import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { FilterButtons, FilterSearch, FilterSelect, Pagination } from "~/components/filters";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import type { OrganisationKind } from "~/db/schema";
import { listDistricts, listOrganisations } from "~/organisations/organisations.server";
import { KIND_LABELS, KIND_PLURALS, KINDS, settingCategory } from "~/organisations/reference";
import { ListFilterSchema } from "~/organisations/schemas";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Organisations");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  const url = new URL(request.url);
  const filter = ListFilterSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const [result, districts] = await Promise.all([listOrganisations(db, filter), listDistricts(db)]);
  return {
    filter: {
      kind: filter.kind ?? "",
      district: filter.district ?? "",
      q: filter.q ?? "",
      archived: filter.archived ?? "",
    },
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
        <Link
          to="/admin/organisations/new?kind=setting"
          className="govuk-button"
          data-module="govuk-button"
        >
          Add a setting
        </Link>
        <Link
          to="/admin/organisations/new?kind=vcse"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
        >
          Add a VCSE organisation
        </Link>
        <Link
          to="/admin/organisations/new"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
        >
          Add another kind
        </Link>
        <Link to="/admin/organisations/import" className="govuk-link">
          Import settings from Get Information About Schools
        </Link>
      </div>

      <form
        method="get"
        action="/admin/organisations"
        className="lantern-filters"
        role="search"
        aria-label="Filter organisations"
      >
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <FilterSearch name="q" label="Name or URN" value={filter.q} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <FilterSelect
              name="kind"
              label="Kind"
              value={filter.kind}
              allLabel="All kinds"
              options={KINDS.map((k) => ({ value: k, label: KIND_PLURALS[k as OrganisationKind] }))}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <FilterSelect
              name="district"
              label="District"
              value={filter.district}
              allLabel="All districts"
              options={districts.map((d) => ({ value: d.id, label: d.name }))}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <FilterSelect
              name="archived"
              label="Archived"
              value={filter.archived}
              options={[
                { value: "", label: "Hide archived" },
                { value: "include", label: "Show archived too" },
                { value: "only", label: "Only archived" },
              ]}
            />
          </div>
        </div>
        <FilterButtons clearTo="/admin/organisations" filtered={filtered} />
      </form>

      <Table
        caption={
          <>
            {total === 0
              ? "No organisations match"
              : `${total} organisation${total === 1 ? "" : "s"}`}
            {pages > 1 ? ` (page ${page} of ${pages})` : ""}
          </>
        }
        rows={rows}
        rowKey={(o) => o.id}
        columns={[
          {
            header: "Name",
            cell: (o) => (
              <>
                <Link className="govuk-link" to={`/admin/organisations/${o.id}`}>
                  {o.name}
                </Link>{" "}
                {o.archived_at ? <Tag colour="grey">Archived</Tag> : null}
              </>
            ),
          },
          { header: "Kind", cell: (o) => o.kindLabel },
          { header: "URN", cell: (o) => o.urn ?? "" },
          { header: "Phase", cell: (o) => o.phase ?? "" },
          { header: "District", cell: (o) => o.district_name ?? "" },
          { header: "Postcode", cell: (o) => o.postcode ?? "", className: "lantern-nowrap" },
        ]}
      />
      <Pagination
        label="Pages of organisations"
        previous={page > 1 ? { to: pageHref(filter, page - 1) } : null}
        next={page < pages ? { to: pageHref(filter, page + 1) } : null}
      />
    </>
  );
}
