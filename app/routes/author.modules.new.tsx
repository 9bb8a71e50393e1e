import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { DetailsFields } from "~/learning/author-forms";
import { createModule } from "~/learning/authoring.server";
import { DetailsSchema } from "~/learning/schemas";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Create a module");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "learning:author");
  const submission = parseForm(await readForm(request), DetailsSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const { moduleId } = await createModule(getDb(), user.id, {
    ...v,
    contentNote: v.contentNote || null,
  });
  throw redirect(`/author/modules/${moduleId}`);
}

export default function NewModule() {
  const reply = useActionData<typeof action>();
  return (
    <>
      <Link className="govuk-back-link" to="/author">
        Back to modules
      </Link>
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">Create a module</h1>
      <p className="govuk-body">
        You can add lessons and quiz questions next. Nobody sees the module until you publish it.
      </p>
      <Form reply={reply}>
        <DetailsFields />
        <Button>Create module</Button>
      </Form>
    </>
  );
}
