import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { createFirstLead, hasAnyUser } from "~/auth/accounts.server";
import { FirstLeadSchema } from "~/auth/schemas";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => pageTitle("Set up Lantern");

// First run: on an empty database this page creates the first programme lead, then closes for good.
export async function loader(_: LoaderFunctionArgs) {
  if (await hasAnyUser(getDb())) throw redirect("/sign-in");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  if (await hasAnyUser(getDb())) throw redirect("/sign-in");
  const submission = parseForm(await readForm(request), FirstLeadSchema);
  if (submission.status !== "success")
    return invalidForm(submission.reply({ hideFields: ["password"] }));
  const result = await createFirstLead(getDb(), { ...submission.value, ip: clientIp(request) });
  if (!result.ok)
    return formError(submission, result.field === "form" ? "" : result.field, result.message);
  throw redirect("/sign-in?setUp=1");
}

export default function Setup() {
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Set up Lantern</h1>
        <p className="govuk-body">
          Lantern has no accounts yet. Create the first programme lead; they can then invite
          everyone else.
        </p>
        <Form reply={reply}>
          <TextInput
            name="organisationName"
            label="Your organisation"
            hint="For example, St Giles Trust"
          />
          <TextInput name="name" label="Your full name" autoComplete="name" />
          <TextInput
            name="email"
            label="Your email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
          />
          <TextInput
            name="password"
            label="Choose a password"
            type="password"
            autoComplete="new-password"
            hint="At least 15 characters. A few unrelated words make a strong password."
          />
          <Button>Create the account</Button>
        </Form>
      </div>
    </div>
  );
}
