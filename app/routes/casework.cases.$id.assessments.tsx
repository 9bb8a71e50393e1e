import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CaseHeader, displayName } from "~/casework/CaseHeader";
import { ChangeChart } from "~/casework/ChangeChart";
import { requireCase, requireCasework } from "~/casework/access.server";
import { addAssessment, caseRecord } from "~/casework/cases.server";
import { assessmentItems } from "~/casework/programmes.server";
import { ASSESSMENT_STAGES, ASSESSMENT_VOICES, labelOf } from "~/casework/rules";
import { assessmentSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, Radios } from "~/components/form";
import { DateInput } from "~/components/date-input";
import { NotificationBanner, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { now } from "~/utils/clock.server";
import { formatDay, londonToday } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

// Assessments: the programme's characteristics scored 1–5 at the start, every few weeks (due and
// overdue shown) and at closure, in the young person's voice or the worker's alone. The change per
// characteristic over time is a chart with its table.
export const meta: MetaFunction = () => pageTitle("Assessments");

const SCORES = [
  { value: "1", label: "1: serious concern" },
  { value: "2", label: "2" },
  { value: "3", label: "3" },
  { value: "4", label: "4" },
  { value: "5", label: "5: thriving" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"]);
  const db = getDb();
  const record = await call(() =>
    caseRecord(db, viewer, idParam(params.id), clientIp(request), "assessments"),
  );
  const items = await assessmentItems(db, record.programmeId);
  return {
    record,
    items,
    today: londonToday(now()),
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const db = getDb();
  const { viewer, case: c } = await requireCase(request, db, id);
  const items = await assessmentItems(db, c.programme_id);
  const submission = parseForm(await readForm(request), assessmentSchema(items));
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value as Record<string, string | number>;
  const scores = Object.fromEntries(items.map((i) => [i.id, Number(v[`score_${i.id}`])]));
  const result = await call(() =>
    addAssessment(
      db,
      viewer,
      id,
      { stage: String(v.stage), voice: String(v.voice), takenOn: String(v.takenOn), scores },
      clientIp(request),
    ),
  );
  if (!result.ok)
    return formError(submission, result.field, result.message, result.field ? 400 : 409);
  throw redirect(`/casework/cases/${id}/assessments?saved=1`);
}

export default function Assessments() {
  const { record: c, items, today, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const chart = c.items.map((i) => {
    const taken = c.assessments.filter((a) => a.scores[i.id] != null);
    return {
      label: i.label,
      first: taken[0]?.scores[i.id] ?? null,
      latest: taken.length > 1 ? taken[taken.length - 1]!.scores[i.id]! : null,
    };
  });
  return (
    <>
      {saved ? (
        <NotificationBanner title="Saved" heading="The assessment has been recorded" />
      ) : null}
      <ErrorSummary reply={reply} />
      <CaseHeader
        id={c.id}
        name={displayName(c.youngPerson)}
        programme={c.programme}
        status={c.status}
        current="/assessments"
        title="Assessments"
      />
      {c.assessmentDue ? (
        <p className="govuk-body">
          {c.assessmentDue.overdue ? (
            <Tag colour="red">Overdue</Tag>
          ) : (
            <Tag colour="blue">Next due</Tag>
          )}{" "}
          The next assessment {c.assessmentDue.overdue ? "was" : "is"} due on{" "}
          {formatDay(c.assessmentDue.dueOn)}.
        </p>
      ) : null}
      {c.assessments.length ? (
        <ChangeChart
          id="change"
          title="Change per characteristic, first assessment to latest"
          data={chart}
        />
      ) : null}
      {/* Read across: a row per characteristic, a column per assessment (none until the first). */}
      <Table
        caption="Scores over time"
        rows={c.assessments.length === 0 ? [] : c.items}
        rowKey={(i) => i.id}
        empty="No assessments yet."
        columns={[
          { header: "Characteristic", cell: (i) => i.label, rowHeader: true },
          ...c.assessments.map((a) => ({
            header: (
              <>
                {formatDay(a.takenOn)}
                <br />
                <span className="govuk-body-s">
                  {labelOf(ASSESSMENT_STAGES, a.stage)}
                  {a.voice === "worker" ? ", worker only" : ""}
                </span>
              </>
            ),
            cell: (i: (typeof c.items)[number]) => a.scores[i.id] ?? "–",
            numeric: true,
          })),
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Record an assessment</h2>
          <Form reply={reply} key={c.assessments.length}>
            <Radios
              name="stage"
              label="When is this assessment?"
              inline
              options={[...ASSESSMENT_STAGES]}
              defaultValue={
                c.status === "closed" ? "closure" : c.assessments.length ? "review" : "start"
              }
            />
            <Radios
              name="voice"
              label="Whose scores?"
              options={[...ASSESSMENT_VOICES]}
              defaultValue="young_person"
            />
            <DateInput name="takenOn" label="Date" defaultValue={today} />
            {items.map((i) => (
              <Radios
                key={i.id}
                name={`score_${i.id}`}
                label={i.label}
                hint={i.hint ?? undefined}
                inline
                options={SCORES}
              />
            ))}
            <Button>Record assessment</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
