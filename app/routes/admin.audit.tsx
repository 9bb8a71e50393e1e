import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listAudit, listAuditActions } from "~/audit/audit.server";
import { requirePermission } from "~/auth/guard.server";
import { FilterButtons, FilterSelect, Pagination } from "~/components/filters";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDateTime } from "~/utils/dates";

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
    listAudit(db, { exactAction: filter.action || undefined, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
    listAuditActions(db),
  ]);
  return {
    action: filter.action ?? "",
    actions,
    page,
    hasNext: rows.length > PAGE_SIZE,
    rows: rows.slice(0, PAGE_SIZE).map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actor: r.actor_name ? `${r.actor_name} (${r.actor_email})` : null,
      subject: r.subject_type ? `${r.subject_type.replace(/_/g, " ")}${r.subject_id ? ` ${r.subject_id}` : ""}` : null,
      detail: describeDetail(r.detail),
      ip: r.ip,
    })),
  };
}

function describeDetail(detail: string | null): string[] {
  if (!detail) return [];
  try {
    const obj = JSON.parse(detail) as Record<string, unknown>;
    return Object.entries(obj).map(([k, v]) => `${k}: ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`);
  } catch {
    return [detail];
  }
}

function href(action: string, page: number) {
  const p = new URLSearchParams();
  if (action) p.set("action", action);
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return `/admin/audit${s ? `?${s}` : ""}`;
}

export default function AuditLog() {
  const { action, actions, page, hasNext, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">Sign-ins, invitations, role changes, account changes and views of sensitive records, newest first.</p>
      <form method="get" action="/admin/audit" role="search" aria-label="Filter the audit log">
        <FilterSelect name="action" label="Action" value={action} allLabel="All actions" options={actions.map((a) => ({ value: a, label: a }))} />
        <FilterButtons clearTo="/admin/audit" filtered={!!action} plural={false} />
      </form>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">
          {rows.length ? `Entries ${(page - 1) * PAGE_SIZE + 1} to ${(page - 1) * PAGE_SIZE + rows.length}` : "No entries"}
          {action ? ` for ${action}` : ""}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">When</th>
            <th scope="col" className="govuk-table__header">Action</th>
            <th scope="col" className="govuk-table__header">Who</th>
            <th scope="col" className="govuk-table__header">Details</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.id}>
              <td className="govuk-table__cell">{formatDateTime(r.at)}</td>
              <td className="govuk-table__cell">
                <code>{r.action}</code>
              </td>
              <td className="govuk-table__cell">
                {r.actor ?? "Nobody signed in"}
                {r.ip ? <span className="govuk-!-display-block govuk-body-s govuk-!-margin-0">from {r.ip}</span> : null}
              </td>
              <td className="govuk-table__cell govuk-body-s">
                {r.subject ? <span className="govuk-!-display-block">{r.subject}</span> : null}
                {r.detail.map((d, i) => (
                  <span key={i} className="govuk-!-display-block lantern-break-words">
                    {d}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination
        label="Pages of the audit log"
        previous={page > 1 ? { to: href(action, page - 1), text: "Newer entries" } : null}
        next={hasNext ? { to: href(action, page + 1), text: "Older entries" } : null}
      />
    </>
  );
}
