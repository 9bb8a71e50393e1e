import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAnyPermission, requirePermission } from "~/auth/guard.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { Button, ErrorSummary, Form, Select } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { organisationOptions } from "~/organisations/organisations.server";
import { addMembership, getPerson, peopleScope, setDisabled } from "~/people/people.server";
import { AddMembershipSchema } from "~/people/schemas";
import { formatDate, formatDateTime } from "~/utils/dates";
import { call, notFound } from "~/utils/errors.server";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.person.name ?? "Person");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "admin:people",
    "people:invite:own-organisation",
  ]);
  const scope = peopleScope(auth);
  const db = getDb();
  const person = await getPerson(db, scope, idParam(params.id));
  if (!person) notFound("person");
  const orgs = scope.all ? await organisationOptions(db) : [];
  return {
    isLead: scope.all,
    isSelf: person.id === auth.user.id,
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      disabled: !!person.disabled_at,
      disabledAt: person.disabled_at,
      createdAt: person.created_at,
      twoFactor: !!person.totp_enabled_at,
      lastSignInAt: person.lastSignInAt,
    },
    memberships: person.memberships.map((m) => ({
      id: m.id,
      organisation: m.organisation_name,
      organisationId: m.organisation_id,
      role: ROLE_LABELS[m.role],
      cleared: m.safeguarding_cleared === 1,
      since: m.created_at,
    })),
    organisations: orgs.map((o) => ({ value: o.id, label: o.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "admin:people");
  const scope = peopleScope(auth);
  const userId = idParam(params.id);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "disable" || intent === "enable") {
    await call(() =>
      setDisabled(getDb(), scope, {
        userId,
        disabled: intent === "disable",
        ip: clientIp(request),
      }),
    );
    throw redirect(`/admin/people/${userId}?saved=${intent}d`);
  }
  if (intent === "add-role") {
    const submission = parseForm(form, AddMembershipSchema);
    if (submission.status !== "success") return invalidForm(submission.reply());
    const added = await call(() =>
      addMembership(getDb(), scope, {
        userId,
        organisationId: submission.value.organisationId,
        role: submission.value.role,
        ip: clientIp(request),
      }),
    );
    if (!added.ok) return problemReply(submission, added);
    throw redirect(`/admin/people/${userId}?saved=role-added`);
  }
  throw new Response("Unknown action", { status: 400 });
}

const SAVED: Record<string, string> = {
  disabled: "Account disabled: they have been signed out everywhere and cannot sign in",
  enabled: "Account enabled: they can sign in again",
  "role-added": "Role added",
  "role-changed": "Role changed",
  "role-removed": "Role removed",
  clearance: "Safeguarding clearance updated",
};

export default function Person() {
  const { isLead, isSelf, person, memberships, organisations } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = SAVED[params.get("saved") ?? ""];
  return (
    <>
      <Link to="/admin/people" className="govuk-back-link">
        Back to people
      </Link>
      {saved ? <NotificationBanner heading={saved} /> : null}
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">
        {person.name} {person.disabled ? <Tag colour="grey">Disabled</Tag> : null}
      </h1>
      <SummaryList
        rows={[
          { key: "Email address", value: person.email },
          {
            key: "Account",
            value:
              person.disabled && person.disabledAt
                ? `Disabled on ${formatDate(person.disabledAt)}`
                : "Active",
          },
          { key: "Joined", value: formatDate(person.createdAt) },
          {
            key: "Last signed in",
            value: person.lastSignInAt ? formatDateTime(person.lastSignInAt) : "Never",
          },
          ...(isLead ? [{ key: "Two-step sign-in", value: person.twoFactor ? "On" : "Off" }] : []),
        ]}
      />
      <Table
        caption="Roles"
        rows={memberships}
        rowKey={(m) => m.id}
        columns={[
          { header: "Organisation", cell: (m) => m.organisation },
          { header: "Role", cell: (m) => m.role },
          {
            header: "Safeguarding clearance",
            cell: (m) => (m.cleared ? <Tag colour="green">Cleared</Tag> : "Not cleared"),
          },
          { header: "Since", cell: (m) => formatDate(m.since) },
          isLead && {
            header: <span className="govuk-visually-hidden">Actions</span>,
            cell: (m) => (
              <Link className="govuk-link" to={`/admin/people/${person.id}/memberships/${m.id}`}>
                Change
                <span className="govuk-visually-hidden">
                  {" "}
                  {m.role.toLowerCase()} at {m.organisation}
                </span>
              </Link>
            ),
          },
        ]}
      />
      {memberships.length === 0 ? (
        <p className="govuk-body">They have no roles, so they see nothing when they sign in.</p>
      ) : null}

      {isLead ? (
        <>
          <h2 className="govuk-heading-m">Add a role</h2>
          <Form reply={reply}>
            <input type="hidden" name="intent" value="add-role" />
            <Select
              name="organisationId"
              label="Organisation"
              placeholder="Choose an organisation"
              options={organisations}
            />
            <Select
              name="role"
              label="Role"
              placeholder="Choose a role"
              options={(Object.keys(ROLE_LABELS) as Role[]).map((r) => ({
                value: r,
                label: ROLE_LABELS[r],
              }))}
            />
            <Button secondary>Add role</Button>
          </Form>

          <h2 className="govuk-heading-m">Account</h2>
          {person.disabled ? (
            <Form>
              <p className="govuk-body">They cannot sign in while their account is disabled.</p>
              <Button name="intent" value="enable">
                Enable account
              </Button>
            </Form>
          ) : isSelf ? (
            <p className="govuk-body">You cannot disable your own account.</p>
          ) : (
            <Form>
              <p className="govuk-body">
                Disabling signs them out everywhere at once and stops them signing in. Their records
                stay.
              </p>
              <Button warning name="intent" value="disable">
                Disable account
              </Button>
            </Form>
          )}
        </>
      ) : null}
    </>
  );
}
