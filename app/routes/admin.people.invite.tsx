import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { Button, ErrorSummary, Form, Radios, Select, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { organisationOptions } from "~/organisations/organisations.server";
import { KIND_LABELS } from "~/organisations/reference";
import { invitePerson, peopleScope, rolesScopeMayInvite } from "~/people/people.server";
import { InviteSchema } from "~/people/schemas";
import { call } from "~/utils/errors.server";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction = () => pageTitle("Invite someone");

const ROLE_HINTS: Record<Role, string> = {
  programme_lead: "Manages programmes, bookings, people and organisations; sees every report",
  trainer: "Delivers sessions, takes attendance and records safeguarding concerns",
  school_coordinator: "Registers classes and books sessions for their school",
  organisation_manager: "Invites their organisation's staff and sees their e-learning progress",
  learner: "Takes e-learning modules and downloads certificates",
  content_author: "Writes and publishes e-learning modules",
  caseworker:
    "Works with the young people allocated to them: SOS+ 1-2-1 caseworkers and Pathways Out mentors",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "admin:people",
    "people:invite:own-organisation",
  ]);
  const scope = peopleScope(auth);
  const orgs = await organisationOptions(getDb(), scope.all ? {} : { ids: scope.organisationIds });
  const roles = rolesScopeMayInvite(scope, Object.keys(ROLE_LABELS) as Role[]);
  const url = new URL(request.url);
  return {
    isLead: scope.all,
    organisations: orgs.map((o) => ({
      value: o.id,
      label: scope.all ? `${o.name} (${KIND_LABELS[o.kind]})` : o.name,
    })),
    roles: roles.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] })),
    defaultOrganisation:
      url.searchParams.get("organisation") ?? (orgs.length === 1 ? orgs[0].id : ""),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "admin:people",
    "people:invite:own-organisation",
  ]);
  const scope = peopleScope(auth);
  const submission = parseForm(await readForm(request), InviteSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const invited = await call(() =>
    invitePerson(getDb(), scope, {
      ...submission.value,
      baseUrl: publicUrl(request),
      ip: clientIp(request),
    }),
  );
  if (!invited.ok) return problemReply(submission, invited);
  throw redirect(`/admin/people/invitations?sent=${encodeURIComponent(submission.value.email)}`);
}

export default function Invite() {
  const { isLead, organisations, roles, defaultOrganisation } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/admin/people" className="govuk-back-link">
          Back to people
        </Link>
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Invite someone</h1>
        <p className="govuk-body">
          We will email them a link to set their name and password. The link works for 7 days.
          {isLead
            ? ""
            : " You can invite people to your own organisation as learners or organisation managers."}
        </p>
        <Form reply={reply}>
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="off"
            spellCheck={false}
          />
          <Select
            name="organisationId"
            label="Organisation"
            defaultValue={defaultOrganisation}
            placeholder="Choose an organisation"
            options={organisations}
          />
          <Radios name="role" label="Role" options={roles} />
          <Button>Send invitation</Button>
        </Form>
      </div>
    </div>
  );
}
