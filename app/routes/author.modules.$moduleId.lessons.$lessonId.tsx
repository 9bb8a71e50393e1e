import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { LessonFields } from "~/learning/author-forms";
import {
  deleteLesson,
  getLessonForAuthor,
  previewLessonText,
  updateLesson,
} from "~/learning/authoring.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { LessonPreviewSchema, LessonSchema } from "~/learning/schemas";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Change a lesson");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const lesson = await call(() => getLessonForAuthor(getDb(), moduleId, idParam(params.lessonId)));
  if (lesson.status !== "draft") throw redirect(`/author/modules/${moduleId}`);
  return {
    moduleId,
    moduleTitle: lesson.module_title,
    values: {
      title: lesson.title,
      contentNote: lesson.content_note,
      bodyMarkdown: lesson.body_markdown,
    },
    position: lesson.position,
    preview: lesson.body_html,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const lessonId = idParam(params.lessonId);
  const form = await readForm(request);
  if (form.get("intent") === "delete") {
    await call(() => deleteLesson(getDb(), moduleId, lessonId));
    throw redirect(`/author/modules/${moduleId}`);
  }
  if (form.get("intent") === "preview") {
    // Shows the text rendered, unsaved: the page again with what was typed and its preview.
    const submission = parseForm(form, LessonPreviewSchema);
    if (submission.status !== "success") return invalidForm(submission.reply());
    const result = previewLessonText(submission.value.bodyMarkdown ?? "");
    if (!result.ok) return problemReply(submission, result);
    return { ...submission.reply(), preview: result.html };
  }
  const submission = parseForm(form, LessonSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  await call(() =>
    updateLesson(getDb(), moduleId, lessonId, {
      title: v.title,
      contentNote: v.contentNote || null,
      bodyMarkdown: v.bodyMarkdown,
    }),
  );
  throw redirect(`/author/modules/${moduleId}`);
}

export default function ChangeLesson() {
  const { moduleId, moduleTitle, values, position, preview } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <Link className="govuk-back-link" to={`/author/modules/${moduleId}`}>
        Back to the module
      </Link>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{moduleTitle}</span>
      <h1 className="govuk-heading-l">Change lesson {position}</h1>
      <Form reply={reply}>
        <LessonFields
          values={values}
          preview={reply && "preview" in reply ? reply.preview : preview}
        />
        <div className="govuk-button-group">
          <Button name="intent" value="save">
            Save lesson
          </Button>
          <Link className="govuk-link" to={`/author/modules/${moduleId}/preview/${position}`}>
            Preview as a learner
          </Link>
        </div>
      </Form>
      <Form>
        <Button warning name="intent" value="delete">
          Delete this lesson
        </Button>
      </Form>
    </>
  );
}
