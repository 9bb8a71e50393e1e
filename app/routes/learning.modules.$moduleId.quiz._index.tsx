import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Checkboxes, ErrorSummary, Form, Radios, type Reply } from "~/components/form";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { quizForLearner, submitQuiz } from "~/learning/learn.server";
import { readForm, unsafeFieldNames } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Quiz – ${data.moduleTitle}` : "Quiz");

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
  // The answers are `q-<question id>` fields (the questions are data, so no fixed schema) plus the
  // page's one-time `submission` token. Anything else, or a name like `q-__proto__`, is refused.
  const bad =
    unsafeFieldNames(form).length > 0 ||
    [...form.keys()].some((k) => k !== "submission" && !/^q-[A-Za-z0-9-]{1,64}$/.test(k));
  const tokens = form.getAll("submission");
  if (
    bad ||
    tokens.length > 1 ||
    (tokens.length === 1 && (typeof tokens[0] !== "string" || !/^[0-9a-f-]{36}$/.test(tokens[0])))
  ) {
    throw new Response("The form had fields Lantern does not accept. Go back and try again.", {
      status: 400,
    });
  }
  const raw: Record<string, string[]> = Object.create(null);
  const values: Record<string, string[]> = Object.create(null);
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("q-") || typeof value !== "string") continue;
    const qid = key.slice(2);
    (raw[qid] ??= []).push(value);
    (values[key] ??= []).push(value);
  }
  const token = tokens.length === 1 ? String(tokens[0]) : null;
  const result = await call(() =>
    submitQuiz(getDb(), user.id, moduleId, raw, {
      baseUrl: publicUrl(request),
      submissionToken: token,
    }),
  );
  if (!result.ok) {
    const error: Record<string, string[]> = {};
    for (const [qid, message] of Object.entries(result.errors)) error[`q-${qid}`] = [message];
    return data({ status: "error", initialValue: values, error } satisfies Reply, { status: 400 });
  }
  throw redirect(`/learning/modules/${moduleId}/quiz/${result.attemptId}`);
}

export default function QuizPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
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
        Answer all {d.questions.length} questions. You need {d.passMark}% to pass. You will see
        feedback on your answers when you submit, and you can try again as many times as you need.
      </p>
      {d.completed ? (
        <InsetText>
          You have already passed this quiz. You can take it again for practice; your completion
          stays.
        </InsetText>
      ) : null}
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
        <input type="hidden" name="submission" value={d.submissionToken} />
        <Button>Submit your answers</Button>
      </Form>
    </>
  );
}
