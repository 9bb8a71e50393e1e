import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { Button, Form } from "~/components/form";
import { NotificationBanner, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import {
  listInvitations,
  peopleScope,
  resendInvitation,
  revokeInvitation,
} from "~/people/people.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { call } from "~/utils/errors.server";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { publicUrl } from "~/utils/url.server";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Invitations");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "admin:people",
    "people:invite:own-organisation",
  ]);
  const invitations = await listInvitations(getDb(), peopleScope(auth));
  return {
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: ROLE_LABELS[i.role],
      organisation: i.organisation_name,
      inviter: i.inviter_name,
      createdAt: i.created_at,
      expiresAt: i.expires_at,
      expired: i.expired,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "admin:people",
    "people:invite:own-organisation",
  ]);
  const scope = peopleScope(auth);
  const { intent, invitationId: id } = parseButtonForm(
    await readForm(request),
    z.object({ intent: z.enum(["resend", "revoke"]), invitationId: z.string().max(64) }).strict(),
  );
  if (intent === "resend") {
    const inv = await call(() =>
      resendInvitation(getDb(), scope, id, { baseUrl: publicUrl(request), ip: clientIp(request) }),
    );
    throw redirect(`/admin/people/invitations?resent=${encodeURIComponent(inv.email)}`);
  }
  if (intent === "revoke") {
    const inv = await call(() => revokeInvitation(getDb(), scope, id, { ip: clientIp(request) }));
    throw redirect(`/admin/people/invitations?revoked=${encodeURIComponent(inv.email)}`);
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function Invitations() {
  const { invitations } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const sent = params.get("sent");
  const resent = params.get("resent");
  const revoked = params.get("revoked");
  return (
    <>
      <Link to="/admin/people" className="govuk-back-link">
        Back to people
      </Link>
      {sent || resent ? (
        <NotificationBanner
          heading={
            <>
              Invitation {sent ? "sent" : "sent again"} to {sent ?? resent}
            </>
          }
        >
          {resent ? <p className="govuk-body">The earlier link no longer works.</p> : null}
        </NotificationBanner>
      ) : null}
      {revoked ? (
        <NotificationBanner
          heading={<>Invitation to {revoked} withdrawn: its link no longer works</>}
        />
      ) : null}
      <h1 className="govuk-heading-l">Invitations waiting to be accepted</h1>
      <p className="govuk-body">
        <Link to="/admin/people/invite" className="govuk-link">
          Invite someone
        </Link>
      </p>
      {invitations.length ? (
        <Table
          caption="Invitations waiting to be accepted"
          captionSize="hidden"
          rows={invitations}
          rowKey={(i) => i.id}
          columns={[
            { header: "Email address", cell: (i) => i.email },
            {
              header: "Role",
              cell: (i) => (
                <>
                  {i.role}, {i.organisation}
                </>
              ),
            },
            {
              header: "Sent",
              cell: (i) => (
                <>
                  {formatDateTime(i.createdAt)}
                  {i.inviter ? ` by ${i.inviter}` : ""}
                </>
              ),
            },
            {
              header: "Link",
              cell: (i) =>
                i.expired ? (
                  <Tag colour="grey">Expired</Tag>
                ) : (
                  `Works until ${formatDate(i.expiresAt)}`
                ),
            },
            {
              header: <span className="govuk-visually-hidden">Actions</span>,
              cell: (i) => (
                <Form>
                  <input type="hidden" name="invitationId" value={i.id} />
                  <div className="govuk-button-group govuk-!-margin-bottom-0">
                    <Button secondary name="intent" value="resend">
                      Send again<span className="govuk-visually-hidden"> to {i.email}</span>
                    </Button>
                    <Button warning name="intent" value="revoke">
                      Withdraw
                      <span className="govuk-visually-hidden"> the invitation to {i.email}</span>
                    </Button>
                  </div>
                </Form>
              ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body">No invitations are waiting.</p>
      )}
    </>
  );
}
