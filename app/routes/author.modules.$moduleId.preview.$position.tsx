import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { versionContent, workingVersion } from "~/learning/authoring.server";
import { ContentNote, ProgressBar } from "~/learning/components";
import { call } from "~/utils/errors.server";
import { idParam, positionParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Preview: ${data.title}` : "Preview");

// Preview as a learner: the working version's lessons as learners will see them, then the quiz
// (options shown without marking which are correct, exactly as learners get them).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const position = positionParam(params.position);
  const v = await call(() => workingVersion(getDb(), moduleId));
  const { lessons, questions } = await versionContent(getDb(), v.id);
  const total = lessons.length;
  if (position > total + 1) throw new Response("We could not find that page.", { status: 404 });
  const lesson = lessons.find((l) => l.position === position);
  return {
    moduleId,
    moduleTitle: v.title,
    version: v.version,
    position,
    total,
    title: lesson ? lesson.title : "Quiz",
    lesson: lesson
      ? { title: lesson.title, contentNote: lesson.content_note, html: lesson.body_html }
      : null,
    questions: lesson
      ? []
      : questions.map((q) => ({
          id: q.id,
          prompt: q.prompt,
          kind: q.kind,
          options: q.options.map((o) => ({ id: o.id, text: o.text })),
        })),
  };
}

export default function Preview() {
  const d = useLoaderData<typeof loader>();
  const base = `/author/modules/${d.moduleId}`;
  return (
    <>
      <Link className="govuk-back-link" to={base}>
        Back to the module
      </Link>
      <InsetText>
        Preview of version {d.version}. This is how learners will see it; nothing is recorded.
      </InsetText>
      <span className="govuk-caption-l">
        {d.moduleTitle} · {d.lesson ? `Lesson ${d.position} of ${d.total}` : "Quiz"}
      </span>
      <h1 className="govuk-heading-l">{d.title}</h1>
      {d.lesson ? (
        <>
          <ProgressBar done={d.position - 1} total={d.total} />
          {d.lesson.contentNote ? <ContentNote>{d.lesson.contentNote}</ContentNote> : null}
          <div className="lantern-prose" dangerouslySetInnerHTML={{ __html: d.lesson.html }} />
        </>
      ) : (
        <ol className="govuk-list govuk-list--number">
          {d.questions.map((q) => (
            <li key={q.id} className="govuk-!-margin-bottom-4">
              <strong>{q.prompt}</strong>{" "}
              <span className="govuk-body-s">
                ({q.kind === "single" ? "choose one" : "choose all that apply"})
              </span>
              <ul className="govuk-list govuk-list--bullet">
                {q.options.map((o) => (
                  <li key={o.id}>{o.text}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <div className="govuk-button-group">
        {d.position > 1 ? (
          <Link className="govuk-link" to={`${base}/preview/${d.position - 1}`}>
            Previous
          </Link>
        ) : null}
        {d.position <= d.total ? (
          <Link className="govuk-button" role="button" to={`${base}/preview/${d.position + 1}`}>
            {d.position === d.total ? "Next: the quiz" : "Next lesson"}
          </Link>
        ) : null}
      </div>
    </>
  );
}
