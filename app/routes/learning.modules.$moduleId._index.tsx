import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Form } from "~/components/form";
import { InsetText, NotificationBanner, pageTitle, SummaryList, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { CertificateLinks, ContentNote, ProgressBar } from "~/learning/components";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { enrol, moduleOverview } from "~/learning/learn.server";
import { formatDate } from "~/utils/dates";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.version.title ?? "Module");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const moduleId = idParam(params.moduleId);
  const o = await call(() => moduleOverview(getDb(), user.id, moduleId));
  return {
    moduleId,
    version: {
      title: o.version.title,
      summary: o.version.summary,
      audience: o.version.audience,
      estimatedMinutes: o.version.estimated_minutes,
      contentNote: o.version.content_note,
      passMark: o.version.pass_mark,
      version: o.version.version,
    },
    enrolled: !!o.enrolment,
    completedAt: o.enrolment?.completed_at ?? null,
    bestScore: o.enrolment?.best_score ?? null,
    lessons: o.progress.lessons.map((l) => ({
      position: l.position,
      title: l.title,
      read: !!l.read_at,
      hasNote: !!l.content_note,
    })),
    read: o.progress.read,
    total: o.progress.total,
    firstUnread: o.progress.firstUnread,
    attempts: o.attempts.map((a) => ({
      id: a.id,
      number: a.attempt_number,
      score: a.score,
      passed: !!a.passed,
      submittedAt: a.submitted_at,
    })),
    newerVersion: o.newerVersion,
    certificate: o.certificate,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const moduleId = idParam(params.moduleId);
  parseButtonForm(await readForm(request), z.object({ intent: z.literal("enrol") }).strict());
  await call(() => enrol(getDb(), user.id, moduleId));
  throw redirect(`/learning/modules/${moduleId}/lessons/1`);
}

export default function ModulePage() {
  const d = useLoaderData<typeof loader>();
  const started = d.read > 0 || d.attempts.length > 0;
  return (
    <>
      {d.completedAt ? (
        <NotificationBanner
          title="Completed"
          heading={
            <>
              You completed this module on {formatDate(d.completedAt)} with a best score of{" "}
              {d.bestScore}%.
            </>
          }
        >
          <CertificateLinks certificate={d.certificate} />
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">E-learning module</span>
      <h1 className="govuk-heading-l">{d.version.title}</h1>
      <p className="govuk-body-l">{d.version.summary}</p>
      {d.version.contentNote ? <ContentNote>{d.version.contentNote}</ContentNote> : null}
      <SummaryList
        rows={[
          { key: "Who it is for", value: d.version.audience },
          { key: "Time needed", value: `About ${d.version.estimatedMinutes} minutes` },
          {
            key: "Quiz",
            value: `${d.version.passMark}% to pass; you can try again as often as you need`,
          },
          ...(d.enrolled
            ? [{ key: "Version", value: `You are taking version ${d.version.version}` }]
            : []),
        ]}
      />
      {d.newerVersion && !d.completedAt ? (
        <InsetText>
          A newer version ({d.newerVersion}) has been published. You will finish the version you
          started.
        </InsetText>
      ) : null}
      {d.enrolled ? <ProgressBar done={d.read} total={d.total} /> : null}
      <h2 className="govuk-heading-m">Lessons</h2>
      <ol className="govuk-list govuk-list--number">
        {d.lessons.map((l) => (
          <li key={l.position}>
            {d.enrolled && (l.read || l.position === d.firstUnread) ? (
              <Link
                className="govuk-link"
                to={`/learning/modules/${d.moduleId}/lessons/${l.position}`}
              >
                {l.title}
              </Link>
            ) : (
              l.title
            )}
            {l.hasNote ? <span className="govuk-body-s"> (has a content note)</span> : null}
            {d.enrolled ? (
              <> {l.read ? <Tag colour="green">Read</Tag> : <Tag colour="grey">Not read</Tag>}</>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="govuk-body">
        Then{" "}
        {d.enrolled && d.firstUnread === null ? (
          <Link className="govuk-link" to={`/learning/modules/${d.moduleId}/quiz`}>
            the quiz
          </Link>
        ) : (
          "the quiz"
        )}
        , which opens once you have read every lesson.
      </p>
      {!d.enrolled ? (
        <Form>
          <Button name="intent" value="enrol">
            Start this module
          </Button>
        </Form>
      ) : d.completedAt ? null : (
        <Link
          className="govuk-button"
          role="button"
          to={`/learning/modules/${d.moduleId}/continue`}
        >
          {started ? "Continue where you left off" : "Start the first lesson"}
        </Link>
      )}
      {d.attempts.length ? (
        <>
          <h2 className="govuk-heading-m">Your quiz attempts</h2>
          <Table
            caption="Your quiz attempts"
            captionSize="hidden"
            rows={d.attempts}
            rowKey={(a) => a.id}
            columns={[
              {
                header: "Attempt",
                cell: (a) => (
                  <Link className="govuk-link" to={`/learning/modules/${d.moduleId}/quiz/${a.id}`}>
                    Attempt {a.number}
                  </Link>
                ),
              },
              { header: "Date", cell: (a) => formatDate(a.submittedAt) },
              { header: "Score", cell: (a) => <>{a.score}%</>, numeric: true },
              {
                header: "Result",
                cell: (a) =>
                  a.passed ? <Tag colour="green">Passed</Tag> : <Tag colour="red">Not passed</Tag>,
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
