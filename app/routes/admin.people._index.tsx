import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { FilterButtons, FilterSearch, FilterSelect, Pagination } from "~/components/filters";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { countOrganisations, organisationOptions } from "~/organisations/organisations.server";
import { listInvitations, listPeople, peopleScope } from "~/people/people.server";
import { PeopleFilterSchema } from "~/people/schemas";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("People");

/** Up to this many organisations, the filter is a drop-down; beyond, a search by name. */
const ORGANISATION_CHOICES = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "admin:people",
    "people:invite:own-organisation",
  ]);
  const scope = peopleScope(auth);
  const filter = PeopleFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  // A drop-down of organisations while it is short; at the programme's size (2,500 schools and
  // organisations) it was most of a 495 KB page, so a lead searches by name instead (issue 16).
  const choose = scope.all ? (await countOrganisations(db)) <= ORGANISATION_CHOICES : true;
  const [result, orgs, invitations] = await Promise.all([
    listPeople(db, scope, filter),
    choose
      ? organisationOptions(db, scope.all ? {} : { ids: scope.organisationIds })
      : // Only the one a link chose (an organisation's page links to its people), to name it.
        organisationOptions(db, { ids: filter.organisation ? [filter.organisation] : [] }),
    listInvitations(db, scope),
  ]);
  return {
    isLead: scope.all,
    filter: {
      q: filter.q ?? "",
      organisation: filter.organisation ?? "",
      organisationName: filter.organisationName ?? "",
      role: filter.role ?? "",
      status: filter.status ?? "",
    },
    organisations: choose ? orgs.map((o) => ({ id: o.id, name: o.name })) : null,
    chosenOrganisation: choose ? null : (orgs[0]?.name ?? null),
    pendingInvitations: invitations.filter((i) => !i.expired).length,
    ...result,
    rows: result.rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      disabled: !!r.disabled_at,
      roles: r.memberships.map((m) => `${ROLE_LABELS[m.role]}, ${m.organisation_name}`),
    })),
  };
}

function pageHref(filter: Record<string, string>, page: number) {
  const p = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return `/admin/people${s ? `?${s}` : ""}`;
}

export default function People() {
  const {
    isLead,
    filter,
    organisations,
    chosenOrganisation,
    pendingInvitations,
    rows,
    total,
    page,
    pageSize,
  } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = !!(
    filter.q ||
    filter.organisation ||
    filter.organisationName ||
    filter.role ||
    filter.status
  );
  return (
    <>
      <h1 className="govuk-heading-l">People</h1>
      <div className="govuk-button-group">
        <Link to="/admin/people/invite" className="govuk-button" data-module="govuk-button">
          Invite someone
        </Link>
        <Link to="/admin/people/invitations" className="govuk-link">
          Invitations waiting to be accepted ({pendingInvitations})
        </Link>
      </div>
      {isLead ? null : (
        <p className="govuk-body">You see the people who have a role in your organisation.</p>
      )}

      {chosenOrganisation ? (
        <p className="govuk-body">
          People in {chosenOrganisation}.{" "}
          <Link className="govuk-link" to="/admin/people">
            Show everyone
          </Link>
        </p>
      ) : null}
      <form method="get" action="/admin/people" role="search" aria-label="Filter people">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <FilterSearch name="q" label="Name or email" value={filter.q} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            {organisations ? (
              <FilterSelect
                name="organisation"
                label="Organisation"
                value={filter.organisation}
                allLabel="All organisations"
                options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
            ) : (
              <FilterSearch
                name="organisationName"
                label="Organisation name"
                value={filter.organisationName}
              />
            )}
          </div>
          <div className="govuk-grid-column-one-quarter">
            <FilterSelect
              name="role"
              label="Role"
              value={filter.role}
              allLabel="All roles"
              options={(Object.keys(ROLE_LABELS) as Role[]).map((r) => ({
                value: r,
                label: ROLE_LABELS[r],
              }))}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <FilterSelect
              name="status"
              label="Account"
              value={filter.status}
              allLabel="Any"
              options={[
                { value: "active", label: "Active" },
                { value: "disabled", label: "Disabled" },
              ]}
            />
          </div>
        </div>
        <FilterButtons clearTo="/admin/people" filtered={filtered} />
      </form>

      <Table
        caption={`${total === 0 ? "No people match" : `${total} ${total === 1 ? "person" : "people"}`}${pages > 1 ? ` (page ${page} of ${pages})` : ""}`}
        rows={rows}
        rowKey={(p) => p.id}
        empty={
          filtered
            ? "No one matches these filters. Try fewer, or part of a name."
            : "There are no people yet."
        }
        columns={[
          {
            header: "Name",
            cell: (p) => (
              <>
                <Link className="govuk-link" to={`/admin/people/${p.id}`}>
                  {p.name}
                </Link>{" "}
                {p.disabled ? <Tag colour="grey">Disabled</Tag> : null}
              </>
            ),
          },
          { header: "Email address", cell: (p) => p.email },
          {
            header: "Roles",
            cell: (p) =>
              p.roles.map((r, i) => (
                <span key={i} className="govuk-!-display-block">
                  {r}
                </span>
              )),
          },
        ]}
      />
      <Pagination
        label="Pages of people"
        previous={page > 1 ? { to: pageHref(filter, page - 1) } : null}
        next={page < pages ? { to: pageHref(filter, page + 1) } : null}
      />
    </>
  );
}
