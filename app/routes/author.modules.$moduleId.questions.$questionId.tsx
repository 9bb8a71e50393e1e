import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { QuestionFields } from "~/learning/author-forms";
import { deleteQuestion, getQuestionForAuthor, updateQuestion } from "~/learning/authoring.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { QuestionSchema, questionInput } from "~/learning/schemas";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Change a quiz question");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const q = await call(() => getQuestionForAuthor(getDb(), moduleId, idParam(params.questionId)));
  if (q.status !== "draft") throw redirect(`/author/modules/${moduleId}`);
  return {
    moduleId,
    moduleTitle: q.module_title,
    position: q.position,
    values: {
      prompt: q.prompt,
      kind: q.kind,
      options: q.options.map((o) => ({
        text: o.text,
        is_correct: o.is_correct,
        feedback: o.feedback,
      })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const questionId = idParam(params.questionId);
  const form = await readForm(request);
  if (form.get("intent") === "delete") {
    await call(() => deleteQuestion(getDb(), moduleId, questionId));
    throw redirect(`/author/modules/${moduleId}`);
  }
  const submission = parseForm(form, QuestionSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  await call(() => updateQuestion(getDb(), moduleId, questionId, questionInput(submission.value)));
  throw redirect(`/author/modules/${moduleId}`);
}

export default function ChangeQuestion() {
  const { moduleId, moduleTitle, values, position } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <Link className="govuk-back-link" to={`/author/modules/${moduleId}`}>
        Back to the module
      </Link>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{moduleTitle}</span>
      <h1 className="govuk-heading-l">Change question {position}</h1>
      <Form reply={reply}>
        <QuestionFields values={values} reply={reply} />
        <Button name="intent" value="save">
          Save question
        </Button>
      </Form>
      <Form>
        <Button warning name="intent" value="delete">
          Delete this question
        </Button>
      </Form>
    </>
  );
}
