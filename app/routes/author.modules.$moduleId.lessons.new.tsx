import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { LessonFields } from "~/learning/author-forms";
import { addLesson, workingVersion } from "~/learning/authoring.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { LessonSchema } from "~/learning/schemas";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Add a lesson");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const v = await call(() => workingVersion(getDb(), moduleId));
  if (v.status !== "draft") throw redirect(`/author/modules/${moduleId}`);
  return { moduleId, moduleTitle: v.title };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const submission = parseForm(await readForm(request), LessonSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  await call(() =>
    addLesson(getDb(), moduleId, {
      title: v.title,
      contentNote: v.contentNote || null,
      bodyMarkdown: v.bodyMarkdown,
    }),
  );
  throw redirect(`/author/modules/${moduleId}`);
}

export default function NewLesson() {
  const { moduleId, moduleTitle } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <Link className="govuk-back-link" to={`/author/modules/${moduleId}`}>
        Back to the module
      </Link>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{moduleTitle}</span>
      <h1 className="govuk-heading-l">Add a lesson</h1>
      <Form reply={reply}>
        <LessonFields />
        <Button>Save lesson</Button>
      </Form>
    </>
  );
}
