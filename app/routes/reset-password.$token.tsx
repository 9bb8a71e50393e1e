import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { completePasswordReset, findPasswordReset } from "~/auth/accounts.server";
import { NewPasswordSchema } from "~/auth/schemas";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => pageTitle("Choose a new password");

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findPasswordReset(getDb(), params.token ?? "");
  return { valid: !!reset };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), NewPasswordSchema);
  if (submission.status !== "success")
    return invalidForm(submission.reply({ hideFields: ["password"] }));
  const result = await completePasswordReset(getDb(), {
    token: params.token ?? "",
    password: submission.value.password,
    ip: clientIp(request),
  });
  if (!result.ok)
    return formError(
      submission,
      result.field === "form" ? "" : result.field,
      result.message,
      result.field === "form" ? 410 : 400,
    );
  throw redirect("/sign-in?passwordChanged=1");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (!valid) {
    return (
      <>
        <h1 className="govuk-heading-l">This link has expired or has already been used</h1>
        <p className="govuk-body">
          Reset links work once, for 1 hour.{" "}
          <Link className="govuk-link" to="/forgot-password">
            Ask for a new link
          </Link>
          .
        </p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Choose a new password</h1>
        <Form reply={reply}>
          <TextInput
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 15 characters. A few unrelated words make a strong password that is easy to remember."
          />
          <Button>Save the new password</Button>
        </Form>
      </div>
    </div>
  );
}
