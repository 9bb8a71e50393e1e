import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/accounts.server";
import { ForgotPasswordSchema } from "~/auth/schemas";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction = () => pageTitle("Reset your password");

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), ForgotPasswordSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  await requestPasswordReset(getDb(), {
    email: submission.value.email,
    baseUrl: publicUrl(request),
    ip: clientIp(request),
  });
  // The same answer whether or not the address has an account.
  return { sentTo: submission.value.email };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  if (result && "sentTo" in result) {
    return (
      <>
        <h1 className="govuk-heading-l">Check your email</h1>
        <p className="govuk-body">
          If <strong>{result.sentTo}</strong> has a Lantern account, we have sent it a link to
          choose a new password. The link works once, for 1 hour.
        </p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={result} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">
          Enter the email address you sign in with. We will send you a link to choose a new
          password.
        </p>
        <Form reply={result}>
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
          />
          <Button>Send the link</Button>
        </Form>
      </div>
    </div>
  );
}
