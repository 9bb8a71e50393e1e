import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { Button, ErrorSummary, Form, Radios } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import type { Role } from "~/db/schema";
import {
  changeRole,
  getMembership,
  getPerson,
  peopleScope,
  removeMembership,
  setClearance,
} from "~/people/people.server";
import { MembershipChangeSchema } from "~/people/schemas";
import { call, notFound } from "~/utils/errors.server";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction = () => pageTitle("Change a role");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "admin:people");
  const scope = peopleScope(auth);
  const db = getDb();
  const person = await getPerson(db, scope, idParam(params.id));
  if (!person) notFound("person");
  const m = await getMembership(db, scope, person.id, idParam(params.membershipId)).catch(
    () => null,
  );
  if (!m) notFound("role");
  return {
    person: { id: person.id, name: person.name },
    membership: {
      id: m.id,
      role: m.role,
      organisation: m.organisation_name,
      cleared: m.safeguarding_cleared === 1,
    },
    isSelf: person.id === auth.user.id,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "admin:people");
  const scope = peopleScope(auth);
  const userId = idParam(params.id);
  const membershipId = idParam(params.membershipId);
  const submission = parseForm(await readForm(request), MembershipChangeSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const ip = clientIp(request);
  const v = submission.value;
  const outcome = await call(async () => {
    if (v.intent === "change-role")
      return changeRole(getDb(), scope, { userId, membershipId, role: v.role, ip });
    if (v.intent === "clearance")
      return setClearance(getDb(), scope, {
        userId,
        membershipId,
        cleared: v.cleared === "yes",
        ip,
      });
    return removeMembership(getDb(), scope, { userId, membershipId, ip });
  });
  if (!outcome.ok) return problemReply(submission, outcome);
  const saved = { "change-role": "role-changed", clearance: "clearance", remove: "role-removed" };
  throw redirect(`/admin/people/${userId}?saved=${saved[v.intent]}`);
}

export default function ChangeMembership() {
  const { person, membership, isSelf } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const roleLabel = ROLE_LABELS[membership.role];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to={`/admin/people/${person.id}`} className="govuk-back-link">
          Back to {person.name}
        </Link>
        <ErrorSummary reply={reply} />
        <span className="govuk-caption-l">{person.name}</span>
        <h1 className="govuk-heading-l">
          {roleLabel} at {membership.organisation}
        </h1>

        <Form reply={reply}>
          <input type="hidden" name="intent" value="change-role" />
          <Radios
            name="role"
            label="Change the role"
            defaultValue={membership.role}
            options={(Object.keys(ROLE_LABELS) as Role[]).map((r) => ({
              value: r,
              label: ROLE_LABELS[r],
            }))}
          />
          <Button secondary>Change role</Button>
        </Form>

        <Form>
          <input type="hidden" name="intent" value="clearance" />
          <Radios
            name="cleared"
            label="Safeguarding clearance"
            hint="Cleared staff can see safeguarding records. Clear someone only after their checks are complete."
            defaultValue={membership.cleared ? "yes" : "no"}
            inline
            options={[
              { value: "yes", label: "Cleared" },
              { value: "no", label: "Not cleared" },
            ]}
          />
          <Button secondary>Save clearance</Button>
        </Form>

        <h2 className="govuk-heading-m">Remove this role</h2>
        {isSelf && membership.role === "programme_lead" ? (
          <p className="govuk-body">
            You cannot remove your own programme lead role. Ask another lead.
          </p>
        ) : (
          <Form>
            <input type="hidden" name="intent" value="remove" />
            <p className="govuk-body">
              {person.name} will no longer be {roleLabel.toLowerCase()} at {membership.organisation}
              . Their other roles stay.
            </p>
            <Button warning>Remove role</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
