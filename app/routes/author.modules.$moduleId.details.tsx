import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { DetailsFields } from "~/learning/author-forms";
import { updateDetails, workingVersion } from "~/learning/authoring.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { DetailsSchema } from "~/learning/schemas";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Change module details");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const v = await call(() => workingVersion(getDb(), moduleId));
  if (v.status !== "draft") throw redirect(`/author/modules/${moduleId}`);
  return {
    moduleId,
    values: {
      title: v.title,
      summary: v.summary,
      audience: v.audience,
      estimatedMinutes: v.estimated_minutes,
      passMark: v.pass_mark,
      contentNote: v.content_note,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const submission = parseForm(await readForm(request), DetailsSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  await call(() =>
    updateDetails(getDb(), moduleId, {
      ...submission.value,
      contentNote: submission.value.contentNote || null,
    }),
  );
  throw redirect(`/author/modules/${moduleId}`);
}

export default function ChangeDetails() {
  const { moduleId, values } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <Link className="govuk-back-link" to={`/author/modules/${moduleId}`}>
        Back to the module
      </Link>
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">Change module details</h1>
      <Form reply={reply}>
        <DetailsFields values={values} />
        <Button>Save details</Button>
      </Form>
    </>
  );
}
