import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { FilterButtons, FilterSearch, Pagination } from "~/components/filters";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listOutbox } from "~/email/outbox.server";
import { formatDateTime } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Outbox");

const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:outbox");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const n = Number(url.searchParams.get("page") ?? "1");
  const page = Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  // One row more than a page tells whether there is an older page (issue 12, item 8).
  const rows = await listOutbox(getDb(), { limit: PAGE + 1, offset: (page - 1) * PAGE, search: q });
  const messages = rows.slice(0, PAGE);
  return {
    smtpConfigured: !!env().SMTP_URL,
    q,
    page,
    older: rows.length > PAGE,
    messages: messages.map((m) => ({
      id: m.id,
      to: m.to_address,
      subject: m.subject,
      status: m.status,
      attempts: m.attempts,
      createdAt: m.created_at,
      lastError: m.last_error,
    })),
  };
}

export default function Outbox() {
  const { smtpConfigured, messages, q, page, older } = useLoaderData<typeof loader>();
  const query = (p: number) =>
    `/admin/outbox?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <h1 className="govuk-heading-l">Outbox</h1>
      <p className="govuk-body">
        {smtpConfigured
          ? "Emails are sent through the mail server; failed sends are retried with increasing waits."
          : "No mail server is configured (SMTP_URL), so emails wait here. Open one to read it and follow its links."}
      </p>
      <form method="get" action="/admin/outbox" role="search" aria-label="Search the outbox">
        <FilterSearch
          name="q"
          label="Search by email address or subject"
          value={q}
          width="two-thirds"
        />
        <FilterButtons clearTo="/admin/outbox" filtered={!!q} plural={false} />
      </form>
      {messages.length ? null : (
        <p className="govuk-body">{q ? `No emails match “${q}”.` : "No emails yet."}</p>
      )}
      <Table
        caption={
          <>
            {q ? `Emails matching “${q}”` : "Emails"}, newest first:{" "}
            {(page - 1) * 100 + (messages.length ? 1 : 0)} to {(page - 1) * 100 + messages.length}
          </>
        }
        rows={messages}
        rowKey={(m) => m.id}
        columns={[
          { header: "Written", cell: (m) => formatDateTime(m.createdAt) },
          { header: "To", cell: (m) => m.to },
          {
            header: "Subject",
            cell: (m) => (
              <Link className="govuk-link" to={`/admin/outbox/${m.id}`}>
                {m.subject}
              </Link>
            ),
          },
          {
            header: "Status",
            cell: (m) => (
              <>
                <Tag
                  colour={m.status === "sent" ? "green" : m.status === "failed" ? "red" : "grey"}
                >
                  {m.status}
                </Tag>
                {m.attempts > 0 && m.status !== "sent" ? ` after ${m.attempts} attempts` : ""}
              </>
            ),
          },
        ]}
      />
      <Pagination
        label="Pages of emails"
        previous={page > 1 ? { to: query(page - 1), text: "Newer emails" } : null}
        next={older ? { to: query(page + 1), text: "Older emails" } : null}
      />
    </>
  );
}
