import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { audit } from "~/audit/audit.server";
import { requirePermission } from "~/auth/guard.server";
import { Button, Form } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import {
  archiveModule,
  discardDraft,
  moduleVersions,
  moveItem,
  publishDraft,
  publishProblems,
  startNewVersion,
  STATUS_LABELS,
  versionContent,
} from "~/learning/authoring.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { formatDateTime } from "~/utils/dates";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `${data.version.title} (version ${data.version.version})` : "Module");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const db = getDb();
  const versions = await call(() => moduleVersions(db, moduleId));
  const v = versions.find((x) => x.status === "draft") ?? versions[0];
  const content = await versionContent(db, v.id);
  return {
    moduleId,
    version: {
      id: v.id,
      version: v.version,
      status: v.status,
      statusLabel: STATUS_LABELS[v.status],
      title: v.title,
      summary: v.summary,
      audience: v.audience,
      estimatedMinutes: v.estimated_minutes,
      passMark: v.pass_mark,
      contentNote: v.content_note,
    },
    lessons: content.lessons.map((l) => ({
      id: l.id,
      position: l.position,
      title: l.title,
      contentNote: l.content_note,
    })),
    questions: content.questions.map((q) => ({
      id: q.id,
      position: q.position,
      prompt: q.prompt,
      kind: q.kind,
      options: q.options.length,
      correct: q.options.filter((o) => o.is_correct).length,
    })),
    problems: v.status === "draft" ? await publishProblems(db, v.id) : [],
    versions: versions.map((x) => ({
      version: x.version,
      status: x.status,
      statusLabel: STATUS_LABELS[x.status],
      publishedAt: x.published_at,
      createdAt: x.created_at,
    })),
  };
}

const MOVES = {
  "lesson-up": ["learning_lessons", "up"],
  "lesson-down": ["learning_lessons", "down"],
  "question-up": ["learning_questions", "up"],
  "question-down": ["learning_questions", "down"],
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "learning:author");
  const moduleId = idParam(params.moduleId);
  const form = parseButtonForm(
    await readForm(request),
    z.discriminatedUnion("intent", [
      z
        .object({
          intent: z.enum(["lesson-up", "lesson-down", "question-up", "question-down"]),
          id: z.string().max(64),
        })
        .strict(),
      z.object({ intent: z.enum(["publish", "new-version", "archive", "discard"]) }).strict(),
    ]),
  );
  const intent = form.intent;
  const db = getDb();
  const back = `/author/modules/${moduleId}`;
  if (intent in MOVES) {
    const [table, direction] = MOVES[intent as keyof typeof MOVES];
    await call(() =>
      moveItem(db, moduleId, table, idParam("id" in form ? form.id : ""), direction),
    );
    throw redirect(back);
  }
  switch (intent) {
    case "publish": {
      const v = await call(() => publishDraft(db, moduleId));
      await audit(db, {
        actorUserId: user.id,
        action: "learning.module_published",
        subjectType: "learning_module",
        subjectId: moduleId,
        detail: { version: v.version },
        ip: clientIp(request),
      });
      throw redirect(`${back}?done=published`);
    }
    case "new-version": {
      await call(() => startNewVersion(db, moduleId, user.id));
      throw redirect(`${back}?done=new-version`);
    }
    case "archive": {
      await call(() => archiveModule(db, moduleId));
      await audit(db, {
        actorUserId: user.id,
        action: "learning.module_archived",
        subjectType: "learning_module",
        subjectId: moduleId,
        ip: clientIp(request),
      });
      throw redirect(`${back}?done=archived`);
    }
    case "discard": {
      const r = await call(() => discardDraft(db, moduleId));
      throw redirect(r.moduleDeleted ? "/author" : `${back}?done=discarded`);
    }
  }
  throw new Response("Unknown action", { status: 400 });
}

const DONE: Record<string, string> = {
  published:
    "The module is published. New enrolments get this version; people part-way through keep the version they started.",
  "new-version":
    "A new draft version has been started from the newest version. Learners see no change until you publish it.",
  archived:
    "The module is archived: it is no longer in the catalogue. People already enrolled can still finish it.",
  discarded: "The draft has been discarded.",
};

const COLOURS = {
  draft: "yellow",
  published: "green",
  superseded: "grey",
  archived: "grey",
} as const;

export default function AuthorModule() {
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  const draft = d.version.status === "draft";
  const base = `/author/modules/${d.moduleId}`;
  return (
    <>
      <Link className="govuk-back-link" to="/author">
        Back to modules
      </Link>
      {done ? <NotificationBanner heading={done} /> : null}
      <span className="govuk-caption-l">
        Version {d.version.version} ·{" "}
        <Tag colour={COLOURS[d.version.status]}>{d.version.statusLabel}</Tag>
      </span>
      <h1 className="govuk-heading-l">{d.version.title}</h1>
      {!draft ? (
        <p className="govuk-body">
          This version cannot be changed. To make changes, start a new version: learners keep seeing
          this one until you publish the new one.
        </p>
      ) : null}

      <h2 className="govuk-heading-m">Details</h2>
      <SummaryList
        rows={[
          { key: "Summary", value: d.version.summary },
          { key: "Who it is for", value: d.version.audience },
          { key: "Time needed", value: `${d.version.estimatedMinutes} minutes` },
          { key: "Pass mark", value: `${d.version.passMark}%` },
          { key: "Content note", value: d.version.contentNote ?? "None" },
        ]}
      />
      {draft ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/details`}>
            Change the details
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m">Lessons</h2>
      {d.lessons.length === 0 ? <p className="govuk-body">No lessons yet.</p> : null}
      <ol className="govuk-list govuk-list--number">
        {d.lessons.map((l, i) => (
          <li key={l.id} className="govuk-!-margin-bottom-3">
            <strong>{l.title}</strong>
            {l.contentNote ? <span className="govuk-body-s"> (content note)</span> : null}
            <div className="govuk-button-group govuk-!-margin-bottom-0">
              <Link className="govuk-link" to={`${base}/preview/${l.position}`}>
                Preview<span className="govuk-visually-hidden"> {l.title}</span>
              </Link>
              {draft ? (
                <>
                  <Link className="govuk-link" to={`${base}/lessons/${l.id}`}>
                    Change<span className="govuk-visually-hidden"> {l.title}</span>
                  </Link>
                  <MoveButtons
                    id={l.id}
                    kind="lesson"
                    label={l.title}
                    first={i === 0}
                    last={i === d.lessons.length - 1}
                  />
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {draft ? (
        <Link
          className="govuk-button govuk-button--secondary"
          role="button"
          to={`${base}/lessons/new`}
        >
          Add a lesson
        </Link>
      ) : null}

      <h2 className="govuk-heading-m">Quiz</h2>
      {d.questions.length === 0 ? <p className="govuk-body">No questions yet.</p> : null}
      <ol className="govuk-list govuk-list--number">
        {d.questions.map((q, i) => (
          <li key={q.id} className="govuk-!-margin-bottom-3">
            <strong>{q.prompt}</strong>{" "}
            <span className="govuk-body-s">
              ({q.kind === "single" ? "choose one" : "choose all that apply"}; {q.options} answers,{" "}
              {q.correct} correct)
            </span>
            {draft ? (
              <div className="govuk-button-group govuk-!-margin-bottom-0">
                <Link className="govuk-link" to={`${base}/questions/${q.id}`}>
                  Change<span className="govuk-visually-hidden"> question {q.position}</span>
                </Link>
                <MoveButtons
                  id={q.id}
                  kind="question"
                  label={`question ${q.position}`}
                  first={i === 0}
                  last={i === d.questions.length - 1}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {draft ? (
        <Link
          className="govuk-button govuk-button--secondary"
          role="button"
          to={`${base}/questions/new`}
        >
          Add a quiz question
        </Link>
      ) : null}
      {d.lessons.length ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/preview/${d.lessons.length + 1}`}>
            Preview the quiz as a learner
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m">{draft ? "Publish" : "Change or withdraw"}</h2>
      {draft ? (
        d.problems.length ? (
          <>
            <p className="govuk-body">Before you can publish this version:</p>
            <ul className="govuk-list govuk-list--bullet">
              {d.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <p className="govuk-body">
              {d.version.version > 1
                ? `Publishing makes version ${d.version.version} the one new learners get. People part-way through an earlier version keep it.`
                : "Publishing puts the module in the catalogue for every learner."}
            </p>
            <Form>
              <Button name="intent" value="publish">
                Publish version {d.version.version}
              </Button>
            </Form>
          </>
        )
      ) : null}
      <div className="govuk-button-group">
        {!draft ? (
          <Form>
            <Button secondary name="intent" value="new-version">
              Start version {d.versions[0].version + 1}
            </Button>
          </Form>
        ) : (
          <Form>
            <Button warning name="intent" value="discard">
              Discard this draft
            </Button>
          </Form>
        )}
        {d.version.status === "published" ? (
          <Form>
            <Button warning name="intent" value="archive">
              Archive this module
            </Button>
          </Form>
        ) : null}
      </div>

      <Table
        caption="Versions"
        rows={d.versions}
        rowKey={(v) => v.version}
        columns={[
          { header: "Version", cell: (v) => v.version },
          { header: "Status", cell: (v) => v.statusLabel },
          { header: "Started", cell: (v) => formatDateTime(v.createdAt) },
          {
            header: "Published",
            cell: (v) => (v.publishedAt ? formatDateTime(v.publishedAt) : "Not published"),
          },
        ]}
      />
    </>
  );
}

function MoveButtons({
  id,
  kind,
  label,
  first,
  last,
}: {
  id: string;
  kind: "lesson" | "question";
  label: string;
  first: boolean;
  last: boolean;
}) {
  return (
    <>
      {!first ? (
        <Form className="govuk-!-display-inline">
          <input type="hidden" name="id" value={id} />
          <button
            type="submit"
            name="intent"
            value={`${kind}-up`}
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          >
            Move up<span className="govuk-visually-hidden"> {label}</span>
          </button>
        </Form>
      ) : null}
      {!last ? (
        <Form className="govuk-!-display-inline">
          <input type="hidden" name="id" value={id} />
          <button
            type="submit"
            name="intent"
            value={`${kind}-down`}
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          >
            Move down<span className="govuk-visually-hidden"> {label}</span>
          </button>
        </Form>
      ) : null}
    </>
  );
}
