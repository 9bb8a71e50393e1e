import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Checkboxes, ErrorSummary, Form, Radios, type Reply } from "~/components/form";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call, idParam } from "~/learning/edge.server";
import { quizForLearner, submitQuiz } from "~/learning/learn.server";
import { readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Quiz – ${data.moduleTitle}` : "Quiz");

// The quiz page carries question and option texts only; the server scores each submission.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const moduleId = idParam(params.moduleId);
  const q = await call(() => quizForLearner(getDb(), user.id, moduleId));
  if (!q.allRead) throw redirect(`/learning/modules/${moduleId}/lessons/${q.firstUnread}`);
  return { moduleId, ...q };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const moduleId = idParam(params.moduleId);
  const form = await readForm(request);
  const raw: Record<string, string[]> = {};
  const values: Record<string, string[]> = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("q-") || typeof value !== "string") continue;
    const qid = key.slice(2);
    (raw[qid] ??= []).push(value);
    (values[key] ??= []).push(value);
  }
  const result = await call(() => submitQuiz(getDb(), user.id, moduleId, raw, { baseUrl: publicUrl(request) }));
  if (!result.ok) {
    const error: Record<string, string[]> = {};
    for (const [qid, message] of Object.entries(result.errors)) error[`q-${qid}`] = [message];
    return data({ status: "error", initialValue: values, error } satisfies Reply, { status: 400 });
  }
  throw redirect(`/learning/modules/${moduleId}/quiz/${result.attemptId}`);
}

export default function QuizPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const last = d.attempts[d.attempts.length - 1];
  return (
    <>
      <Link className="govuk-back-link" to={`/learning/modules/${d.moduleId}`}>
        Back to {d.moduleTitle}
      </Link>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{d.moduleTitle}</span>
      <h1 className="govuk-heading-l">Quiz</h1>
      <p className="govuk-body">
        Answer all {d.questions.length} questions. You need {d.passMark}% to pass. You will see feedback on your answers when you submit, and
        you can try again as many times as you need.
      </p>
      {d.completed ? <InsetText>You have already passed this quiz. You can take it again for practice; your completion stays.</InsetText> : null}
      {last && !d.completed ? (
        <InsetText>
          Your last attempt (attempt {last.number}) scored {last.score}%.
        </InsetText>
      ) : null}
      <Form reply={reply}>
        {d.questions.map((q, i) =>
          q.kind === "single" ? (
            <Radios
              key={q.id}
              name={`q-${q.id}`}
              label={`${i + 1}. ${q.prompt}`}
              options={q.options.map((o) => ({ value: o.id, label: o.text }))}
            />
          ) : (
            <Checkboxes
              key={q.id}
              name={`q-${q.id}`}
              label={`${i + 1}. ${q.prompt}`}
              hint="Select all that apply."
              options={q.options.map((o) => ({ value: o.id, label: o.text }))}
            />
          ),
        )}
        <Button>Submit your answers</Button>
      </Form>
    </>
  );
}
