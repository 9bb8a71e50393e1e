import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { NotificationBanner, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { CertificateLinks } from "~/learning/components";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { attemptResult } from "~/learning/learn.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(
    data
      ? `${data.attempt.passed ? "You passed" : "You did not pass this time"} – ${data.moduleTitle}`
      : "Quiz result",
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const moduleId = idParam(params.moduleId);
  const attemptId = idParam(params.attemptId);
  const r = await call(() => attemptResult(getDb(), user.id, moduleId, attemptId));
  return { moduleId, ...r };
}

export default function AttemptPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <Link className="govuk-back-link" to={`/learning/modules/${d.moduleId}`}>
        Back to {d.moduleTitle}
      </Link>
      {d.attempt.passed && d.completedAt ? (
        <NotificationBanner
          title="Module complete"
          heading={
            <>
              You have completed {d.moduleTitle} ({formatDate(d.completedAt)}).
            </>
          }
        >
          <CertificateLinks certificate={d.certificate} />
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">
        {d.moduleTitle} · Attempt {d.attempt.number}
      </span>
      <h1 className="govuk-heading-l">
        {d.attempt.passed ? "You passed" : "You did not pass this time"}
      </h1>
      <p className="govuk-body-l">
        You scored {d.attempt.score}% ({d.attempt.correct} of {d.attempt.total} questions right).
        The pass mark is {d.passMark}%.
      </p>
      {!d.attempt.passed ? (
        <p className="govuk-body">
          Read the feedback below, look back at the lessons if it helps, then{" "}
          <Link className="govuk-link" to={`/learning/modules/${d.moduleId}/quiz`}>
            try the quiz again
          </Link>
          .
        </p>
      ) : null}
      <h2 className="govuk-heading-m">Feedback on your answers</h2>
      {d.questions.map((q) => (
        <div key={q.position} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
            {q.position}. {q.prompt}
          </h3>
          <p className="govuk-body govuk-!-margin-bottom-2">
            {q.correct ? <Tag colour="green">Right</Tag> : <Tag colour="red">Not right</Tag>}
          </p>
          <ul className="govuk-list">
            {q.chosen.map((c, i) => (
              <li key={i}>
                You chose: <strong>{c.text}</strong>
                <br />
                <span className="govuk-body-s">{c.feedback}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="govuk-button-group">
        {d.attempt.passed ? (
          <Link className="govuk-button" role="button" to="/learning/my">
            Go to my learning
          </Link>
        ) : (
          <Link className="govuk-button" role="button" to={`/learning/modules/${d.moduleId}/quiz`}>
            Try the quiz again
          </Link>
        )}
      </div>
    </>
  );
}
