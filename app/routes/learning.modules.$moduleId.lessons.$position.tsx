import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { ContentNote, ProgressBar } from "~/learning/components";
import { call } from "~/utils/errors.server";
import { idParam, positionParam } from "~/utils/params";
import { lessonForLearner, markLessonRead } from "~/learning/learn.server";
import { parseButtonForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `${data.lesson.title} – ${data.moduleTitle}` : "Lesson");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const moduleId = idParam(params.moduleId);
  const position = positionParam(params.position);
  const l = await call(() => lessonForLearner(getDb(), user.id, moduleId, position));
  if (l.redirectTo) throw redirect(l.redirectTo);
  // A lesson with a content note shows the note first; the text comes only once the learner chooses to go on.
  const noteSeen = new URL(request.url).searchParams.get("note") === "seen" || l.isRead;
  const showNote = !!l.lesson!.content_note && !noteSeen;
  return {
    moduleId,
    moduleTitle: l.moduleTitle!,
    lesson: {
      position: l.lesson!.position,
      title: l.lesson!.title,
      contentNote: l.lesson!.content_note,
      html: showNote ? null : l.lesson!.body_html,
    },
    showNote,
    read: l.read!,
    total: l.total!,
    isRead: l.isRead!,
    isLast: position === l.total,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const moduleId = idParam(params.moduleId);
  const position = positionParam(params.position);
  parseButtonForm(await readForm(request), z.object({ intent: z.literal("read") }).strict());
  throw redirect(await call(() => markLessonRead(getDb(), user.id, moduleId, position)));
}

export default function LessonPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <Link className="govuk-back-link" to={`/learning/modules/${d.moduleId}`}>
        Back to {d.moduleTitle}
      </Link>
      <span className="govuk-caption-l">
        {d.moduleTitle} · Lesson {d.lesson.position} of {d.total}
      </span>
      <h1 className="govuk-heading-l">{d.lesson.title}</h1>
      <ProgressBar done={d.read} total={d.total} />
      {d.showNote ? (
        <>
          <ContentNote>{d.lesson.contentNote}</ContentNote>
          <p className="govuk-body">
            Take a moment if you need one. The &quot;Where to get help&quot; contacts are at the
            bottom of every page.
          </p>
          <div className="govuk-button-group">
            <Link
              className="govuk-button"
              role="button"
              to={`/learning/modules/${d.moduleId}/lessons/${d.lesson.position}?note=seen`}
            >
              Continue to the lesson
            </Link>
            <Link className="govuk-link" to={`/learning/modules/${d.moduleId}`}>
              Not now
            </Link>
          </div>
        </>
      ) : (
        <>
          {d.lesson.contentNote ? <ContentNote>{d.lesson.contentNote}</ContentNote> : null}
          <div
            className="lantern-prose"
            dangerouslySetInnerHTML={{ __html: d.lesson.html ?? "" }}
          />
          <Form>
            <Button name="intent" value="read">
              {d.isLast ? "Finish lessons and go to the quiz" : "Next lesson"}
            </Button>
          </Form>
        </>
      )}
    </>
  );
}
