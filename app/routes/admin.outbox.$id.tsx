import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { getOutboxMessage } from "~/email/outbox.server";
import { formatDateTime } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction = () => pageTitle("Email");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:outbox");
  const m = await getOutboxMessage(getDb(), idParam(params.id));
  if (!m) notFound("email");
  const attachments = m.attachments
    ? (JSON.parse(m.attachments) as { filename: string }[]).map((a) => a.filename)
    : [];
  return {
    to: m.to_address,
    subject: m.subject,
    text: m.text_body,
    status: m.status,
    createdAt: m.created_at,
    sentAt: m.sent_at,
    lastError: m.last_error,
    attachments,
  };
}

export default function OutboxMessage() {
  const m = useLoaderData<typeof loader>();
  return (
    <>
      <Link to="/admin/outbox" className="govuk-back-link">
        Back to the outbox
      </Link>
      <h1 className="govuk-heading-l">{m.subject}</h1>
      <SummaryList
        rows={[
          { key: "To", value: m.to },
          { key: "Written", value: formatDateTime(m.createdAt) },
          { key: "Status", value: m.sentAt ? `Sent ${formatDateTime(m.sentAt)}` : m.status },
          ...(m.lastError ? [{ key: "Last error", value: m.lastError }] : []),
          ...(m.attachments.length
            ? [{ key: "Attachments", value: m.attachments.join(", ") }]
            : []),
        ]}
      />
      <div className="govuk-inset-text" style={{ whiteSpace: "pre-wrap" }}>
        {linkify(m.text)}
      </div>
    </>
  );
}

// Links in the plain-text body become clickable so the demo works without a mail server.
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} className="govuk-link" href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
