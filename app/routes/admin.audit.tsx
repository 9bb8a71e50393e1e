import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listAudit, listAuditActions } from "~/audit/audit.server";
import { actionLabel, describeAuditEntries } from "~/audit/describe.server";
import { requirePermission } from "~/auth/guard.server";
import { FilterButtons, FilterSelect, Pagination } from "~/components/filters";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDateTime } from "~/utils/dates";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Audit log");

const PAGE_SIZE = 50;

const FilterSchema = z.object({
  action: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:audit");
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = filter.page ?? 1;
  const db = getDb();
  const [rows, actions] = await Promise.all([
    // One more than a page, to know whether there is a next page without counting the whole log.
    listAudit(db, {
      exactAction: filter.action || undefined,
      limit: PAGE_SIZE + 1,
      offset: (page - 1) * PAGE_SIZE,
    }),
    listAuditActions(db),
  ]);
  const shown = rows.slice(0, PAGE_SIZE);
  // Each entry in words, with names looked up now; the codes stay in the filter's values and the URL.
  const described = await describeAuditEntries(db, shown);
  return {
    action: filter.action ?? "",
    actionLabel: filter.action ? actionLabel(filter.action) : "",
    actions: actions
      .map((a) => ({ value: a, label: actionLabel(a) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    page,
    hasNext: rows.length > PAGE_SIZE,
    rows: shown.map((r, i) => ({
      id: r.id,
      at: r.at,
      actorEmail: r.actor_email,
      sentence: described[i].sentence,
      details: described[i].details,
      ip: r.ip,
    })),
  };
}

function href(action: string, page: number) {
  const p = new URLSearchParams();
  if (action) p.set("action", action);
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return `/admin/audit${s ? `?${s}` : ""}`;
}

export default function AuditLog() {
  const { action, actionLabel, actions, page, hasNext, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">
        Sign-ins, invitations, role changes, account changes and views of sensitive records, newest
        first.
      </p>
      <form method="get" action="/admin/audit" role="search" aria-label="Filter the audit log">
        <FilterSelect
          name="action"
          label="Action"
          value={action}
          allLabel="All actions"
          options={actions}
        />
        <FilterButtons clearTo="/admin/audit" filtered={!!action} plural={false} />
      </form>
      <Table
        caption={`${rows.length ? `Entries ${(page - 1) * PAGE_SIZE + 1} to ${(page - 1) * PAGE_SIZE + rows.length}` : "No entries"}${action ? `: ${actionLabel}` : ""}`}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: "When", cell: (r) => formatDateTime(r.at) },
          {
            header: "What happened",
            cell: (r) => (
              <>
                <span className="govuk-!-display-block lantern-break-words">{r.sentence}</span>
                {r.details.map((d, i) => (
                  <span
                    key={i}
                    className="govuk-!-display-block govuk-body-s govuk-!-margin-0 lantern-break-words"
                  >
                    {d}
                  </span>
                ))}
              </>
            ),
          },
          {
            header: "From",
            cell: (r) => (
              <>
                {r.actorEmail ? (
                  <span className="govuk-!-display-block lantern-break-words">{r.actorEmail}</span>
                ) : null}
                {r.ip ? <span className="govuk-!-display-block">{r.ip}</span> : null}
              </>
            ),
            className: "govuk-body-s",
          },
        ]}
      />
      <Pagination
        label="Pages of the audit log"
        previous={page > 1 ? { to: href(action, page - 1), text: "Newer entries" } : null}
        next={hasNext ? { to: href(action, page + 1), text: "Older entries" } : null}
      />
    </>
  );
}
