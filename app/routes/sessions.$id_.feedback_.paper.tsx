// Named `$id_.feedback_` so it is a page of its own, not nested in the feedback page (no <Outlet />).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page";
import { Table } from "~/components/table";
import { getDb } from "~/db/db.server";
import { sessionQuestionnaire } from "~/feedback/responses.server";
import { scaleFor, type ScaleOption } from "~/feedback/scales";
import { requireSessionStaff } from "~/sessions/access.server";
import { BackLink } from "~/sessions/components";
import { formatLongDate } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { idParam } from "~/utils/params";

// The session's questionnaire on paper (issue 17, item 7), for people without a phone: the same
// statements and scales as the online form, with a box to tick for each answer. The trainer counts
// the ticks afterwards and enters them as paper tallies on the feedback page, which the results and
// the reports count with the online answers.

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Paper questionnaire: ${data.session.title}` : "Paper questionnaire");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { session } = await requireSessionStaff(db, request, idParam(params.id));
  const questionnaire = await sessionQuestionnaire(db, session.id);
  if (!questionnaire) notFound("questionnaire");
  return {
    session: { id: session.id, title: session.title, startsAt: session.starts_at },
    questionnaire,
  };
}

type Item = { id: string; kind: string; text: string };

function ScaleTable({
  caption,
  items,
  scale,
}: {
  caption: string;
  items: Item[];
  scale: ScaleOption[];
}) {
  return (
    <Table
      caption={caption}
      captionSize="s"
      columns={[
        { header: "Statement", rowHeader: true, cell: (item: Item) => item.text },
        ...scale.map((o) => ({
          header: o.label,
          cell: () => <span className="lantern-tick" aria-hidden="true" />,
        })),
      ]}
      rows={items}
      rowKey={(item) => item.id}
    />
  );
}

export default function PaperQuestionnaire() {
  const { session, questionnaire: q } = useLoaderData<typeof loader>();
  const style = q.style;
  const beforeAfter = q.items.filter((i) => i.kind === "before_after");
  const satisfaction = q.items.filter((i) => i.kind === "satisfaction");
  const freeText = q.items.filter((i) => i.kind === "free_text");
  return (
    <div className="lantern-printout lantern-paper">
      <BackLink to={`/sessions/${session.id}/feedback`}>Back to feedback</BackLink>
      <div className="govuk-inset-text lantern-no-print">
        Print one copy for each person (Ctrl and P, or Print in your browser’s menu). Afterwards,
        count how many ticked each box and{" "}
        <Link className="govuk-link" to={`/sessions/${session.id}/feedback#paper`}>
          enter the paper tallies
        </Link>
        .
      </div>
      <span className="govuk-caption-m">
        {session.title}, {formatLongDate(session.startsAt).replace(",", "")}
      </span>
      <h1 className="govuk-heading-l">Tell us what you think</h1>
      <p className="govuk-body">
        Tick one box for each statement. Do not write your name: your answers are anonymous.
      </p>
      {beforeAfter.length ? (
        <div className="lantern-paper__section">
          <h2 className="govuk-heading-m">At the start</h2>
          <ScaleTable
            caption="Before the session begins"
            items={beforeAfter}
            scale={scaleFor(style, "before_after")}
          />
        </div>
      ) : null}
      <div className="lantern-paper__section">
        <h2 className="govuk-heading-m">At the end</h2>
        {beforeAfter.length ? (
          <ScaleTable
            caption="Now the session has finished"
            items={beforeAfter}
            scale={scaleFor(style, "before_after")}
          />
        ) : null}
        {satisfaction.length ? (
          <ScaleTable
            caption="About the session"
            items={satisfaction}
            scale={scaleFor(style, "satisfaction")}
          />
        ) : null}
      </div>
      {freeText.map((i) => (
        <div className="lantern-paper__section" key={i.id}>
          <h2 className="govuk-heading-s">{i.text}</h2>
          <p className="govuk-body-s">Optional</p>
          <div className="lantern-paper__lines" />
        </div>
      ))}
      <p className="govuk-body">Thank you.</p>
    </div>
  );
}
