// Named `account_` so it is its own page, not nested inside /account (which has no <Outlet />).
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { changePassword } from "~/auth/accounts.server";
import { requireUser } from "~/auth/guard.server";
import { ChangePasswordSchema } from "~/auth/schemas";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// Changing a password while signed in (issue 11, hardening): the current password is asked for,
// so a session left open on a shared computer cannot be used to take the account over.
export const meta: MetaFunction = () => pageTitle("Change your password");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retry = actionHeaders.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request);
  const submission = parseForm(await readForm(request), ChangePasswordSchema);
  if (submission.status !== "success")
    return invalidForm(submission.reply({ hideFields: ["current", "password"] }));
  const result = await changePassword(getDb(), {
    userId: user.id,
    sessionId: session.id,
    current: submission.value.current,
    password: submission.value.password,
    ip: clientIp(request),
  });
  // Neither password is sent back to the page.
  const hideFields = ["current", "password"];
  if (!result.ok && result.field === "throttled") {
    const reply = submission.reply({
      fieldErrors: { current: ["Too many wrong passwords. Wait a few minutes and try again."] },
      hideFields,
    });
    return data(reply, {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (!result.ok)
    return data(
      submission.reply({ fieldErrors: { [result.field]: [result.message] }, hideFields }),
      { status: 400 },
    );
  throw redirect("/account?passwordChanged=1");
}

export default function ChangePassword() {
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Change your password</h1>
        <p className="govuk-body">
          Changing your password signs you out everywhere else. You stay signed in here.
        </p>
        <Form reply={reply}>
          <TextInput
            name="current"
            label="Current password"
            type="password"
            autoComplete="current-password"
          />
          <TextInput
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 15 characters. A few unrelated words make a strong password that is easy to remember."
          />
          <Button>Change password</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account">
            Back to your account
          </Link>
        </p>
      </div>
    </div>
  );
}
