import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listOutbox } from "~/email/outbox.server";
import { formatDateTime } from "~/utils/dates";
import { env } from "~/utils/env.server";

export const meta: MetaFunction = () => pageTitle("Outbox");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:outbox");
  const messages = await listOutbox(getDb(), { limit: 200 });
  return {
    smtpConfigured: !!env().SMTP_URL,
    messages: messages.map((m) => ({ id: m.id, to: m.to_address, subject: m.subject, status: m.status, attempts: m.attempts, createdAt: m.created_at, lastError: m.last_error })),
  };
}

export default function Outbox() {
  const { smtpConfigured, messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Outbox</h1>
      <p className="govuk-body">
        {smtpConfigured
          ? "Emails are sent through the mail server; failed sends are retried with increasing waits."
          : "No mail server is configured (SMTP_URL), so emails wait here. Open one to read it and follow its links."}
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Latest {messages.length} emails</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Written</th>
            <th scope="col" className="govuk-table__header">To</th>
            <th scope="col" className="govuk-table__header">Subject</th>
            <th scope="col" className="govuk-table__header">Status</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {messages.map((m) => (
            <tr className="govuk-table__row" key={m.id}>
              <td className="govuk-table__cell">{formatDateTime(m.createdAt)}</td>
              <td className="govuk-table__cell">{m.to}</td>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/admin/outbox/${m.id}`}>
                  {m.subject}
                </Link>
              </td>
              <td className="govuk-table__cell">
                <Tag colour={m.status === "sent" ? "green" : m.status === "failed" ? "red" : "grey"}>{m.status}</Tag>
                {m.attempts > 0 && m.status !== "sent" ? ` after ${m.attempts} attempts` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
