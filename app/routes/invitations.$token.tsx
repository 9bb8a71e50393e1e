import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { acceptInvitation, findInvitation } from "~/auth/accounts.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { AcceptInvitationSchema } from "~/auth/schemas";
import { sessionCookieHeader } from "~/auth/session.server";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => pageTitle("Accept your invitation");

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findInvitation(getDb(), params.token ?? "");
  if (found.state !== "open") return { open: false as const };
  return {
    open: true as const,
    email: found.invitation.email,
    organisation: found.invitation.organisation_name,
    role: ROLE_LABELS[found.invitation.role],
    existingAccount: !!found.existingUser,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), AcceptInvitationSchema);
  if (submission.status !== "success")
    return invalidForm(submission.reply({ hideFields: ["password"] }));
  const result = await acceptInvitation(getDb(), {
    token: params.token ?? "",
    name: submission.value.name,
    password: submission.value.password,
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok)
    return formError(
      submission,
      result.field === "form" ? "" : result.field,
      result.message,
      result.field === "form" ? 410 : 400,
    );
  throw redirect("/?welcome=1", {
    headers: { "Set-Cookie": await sessionCookieHeader(result.token, result.expiresAt) },
  });
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (!data.open) {
    return (
      <>
        <h1 className="govuk-heading-l">This invitation has expired or has already been used</h1>
        <p className="govuk-body">
          Invitations work for 7 days. Ask the person who invited you to send a new one.
        </p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Join Lantern</h1>
        <p className="govuk-body">
          You have been invited as <strong>{data.role.toLowerCase()}</strong> for{" "}
          <strong>{data.organisation}</strong>, with the email address <strong>{data.email}</strong>
          .
        </p>
        <Form reply={reply}>
          {data.existingAccount ? (
            <TextInput
              name="password"
              label="Your Lantern password"
              type="password"
              autoComplete="current-password"
              hint="You already have an account: enter its password to add this role to it."
            />
          ) : (
            <>
              <TextInput name="name" label="Full name" autoComplete="name" spellCheck={false} />
              <TextInput
                name="password"
                label="Choose a password"
                type="password"
                autoComplete="new-password"
                hint="At least 15 characters. A few unrelated words make a strong password that is easy to remember."
              />
            </>
          )}
          <Button>Accept and continue</Button>
        </Form>
      </div>
    </div>
  );
}
