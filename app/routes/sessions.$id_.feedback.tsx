// Named `$id_` so it never nests inside a `sessions.$id` page (the run-sheet) that has no <Outlet />.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { Button, ErrorSummary, Form, type Reply } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import type { FeedbackStage } from "~/db/schema";
import { requireSessionStaff } from "~/sessions/access.server";
import { talliesSchema } from "~/feedback/feedback-schemas";
import { ensureFeedbackLink, saveTallies, sessionResults } from "~/feedback/responses.server";
import { scaleFor } from "~/feedback/scales";
import { formatMean } from "~/feedback/stats";
import { now } from "~/utils/clock.server";
import { formatDateTime, formatLongDate, formatTime } from "~/utils/dates";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { Table } from "~/components/table";
import { idParam } from "~/utils/params";

// The trainer's and lead's feedback page for one session: the anonymous link and its printable QR
// code, paper tallies, and the results (means before and after, and the paired change).
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Feedback: ${data.session.title}` : "Feedback");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { session } = await requireSessionStaff(db, request, idParam(params.id));
  const link = await ensureFeedbackLink(db, session.id);
  const url = `${publicUrl(request)}/feedback/${link!.token}`;
  const qr = await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  const results = await sessionResults(db, session.id);
  return {
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.starts_at,
      endsAt: session.ends_at,
      place: [session.setting_name ?? session.venue, session.room].filter(Boolean).join(", "),
    },
    link: { url, closesAt: link!.closesAt, open: Date.parse(link!.closesAt) > now().getTime() },
    qr,
    results,
    saved: new URL(request.url).searchParams.get("saved") === "tallies",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { auth, session } = await requireSessionStaff(db, request, idParam(params.id));
  const results = await sessionResults(db, session.id);
  const items = results.questionnaire?.items ?? [];
  const submission = parseForm(await readForm(request), talliesSchema(items));
  if (submission.status !== "success") return invalidForm(submission.reply());
  const tallies: { itemId: string; stage: FeedbackStage; score: number; count: number }[] = [];
  for (const [key, value] of Object.entries(submission.value as Record<string, unknown>)) {
    const m = /^t_(.+)_(before|after)_([1-5])$/.exec(key);
    if (m && typeof value === "number")
      tallies.push({
        itemId: m[1],
        stage: m[2] as FeedbackStage,
        score: Number(m[3]),
        count: value,
      });
  }
  await saveTallies(db, session.id, tallies, auth.user.id);
  throw redirect(`/sessions/${session.id}/feedback?saved=tallies#paper`);
}

type Results = ReturnType<typeof useLoaderData<typeof loader>>["results"];

function TallyTable({
  statement,
  stages,
  reply,
  style,
}: {
  statement: Results["statements"][number];
  stages: FeedbackStage[];
  reply: Reply | undefined;
  style: "standard" | "pupil";
}) {
  // The words the paper questionnaire prints over each box, so the counts go in the right column.
  const scale = scaleFor(
    style,
    statement.kind === "satisfaction" ? "satisfaction" : "before_after",
  );
  const current = (stage: FeedbackStage, score: number) => {
    const t = stage === "before" ? statement.tallyBefore : statement.tallyAfter;
    return (t as Record<string, number | undefined>)[String(score)] ?? 0;
  };
  return (
    <Table
      caption={statement.text}
      captionSize="s"
      columns={[
        {
          header: "When",
          rowHeader: true,
          cell: (stage: FeedbackStage) => (stage === "before" ? "Before" : "After"),
        },
        ...scale.map((o) => ({
          header: `${o.value}: ${o.label}`,
          cell: (stage: FeedbackStage) => {
            const score = Number(o.value);
            const name = `t_${statement.id}_${stage}_${score}`;
            const error = reply?.error?.[name]?.[0];
            const id = `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
            return (
              <>
                <label className="govuk-visually-hidden" htmlFor={id}>
                  {statement.text}: {stage}, number who gave score {score}
                </label>
                <input
                  className={`govuk-input govuk-input--width-3${error ? " govuk-input--error" : ""}`}
                  id={id}
                  name={name}
                  type="text"
                  inputMode="numeric"
                  defaultValue={
                    (reply?.initialValue?.[name] as string | undefined) ??
                    String(current(stage, score))
                  }
                  aria-invalid={error ? true : undefined}
                />
              </>
            );
          },
        })),
      ]}
      rows={stages}
      rowKey={(stage) => stage}
    />
  );
}

export default function SessionFeedback() {
  const { session, link, qr, results, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const scaleStatements = results.statements.filter((s) =>
    results.questionnaire?.items.some((i) => i.id === s.id),
  );
  return (
    <div className="lantern-printout">
      <div className="lantern-no-print">
        {saved ? <NotificationBanner title="Saved" heading="Paper tallies saved" /> : null}
        <ErrorSummary reply={reply} />
      </div>
      <span className="govuk-caption-l">
        {formatLongDate(session.startsAt)}, {formatTime(session.startsAt)} to{" "}
        {formatTime(session.endsAt)}
        {session.place ? ` · ${session.place}` : ""}
      </span>
      <h1 className="govuk-heading-l">Feedback: {session.title}</h1>

      <h2 className="govuk-heading-m">Feedback link</h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <p className="govuk-body">
            People answer on their phones, anonymously, at the start and again at the end. Show the
            QR code on a slide or{" "}
            <Link className="govuk-link" to={`/sessions/${session.id}/feedback/poster`}>
              print the feedback poster
            </Link>
            . For people without a phone,{" "}
            <Link className="govuk-link" to={`/sessions/${session.id}/feedback/paper`}>
              print the paper questionnaire
            </Link>{" "}
            and enter its tallies below.
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={link.url} style={{ wordBreak: "break-all" }}>
              {link.url}
            </a>
          </p>
          <p className="govuk-body">
            {link.open ? "The link closes on " : "The link closed on "}
            {formatDateTime(link.closesAt)}.
          </p>
        </div>
        <div className="govuk-grid-column-one-half">
          <figure style={{ margin: 0, maxWidth: 260 }}>
            <div
              role="img"
              aria-label={`QR code for ${link.url}`}
              dangerouslySetInnerHTML={{ __html: qr }}
            />
            <figcaption className="govuk-body-s">Scan to give feedback</figcaption>
          </figure>
        </div>
      </div>

      <div className="lantern-no-print">
        <h2 className="govuk-heading-m">Results</h2>
        {results.moreAnswersThanPeople ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              More answers than people: {results.moreAnswersThanPeople.answered} answered online but{" "}
              {results.moreAnswersThanPeople.people} {results.moreAnswersThanPeople.basis}. Some
              answers may not be genuine, so read these figures with care.
            </strong>
          </div>
        ) : null}
        <SummaryList
          rows={[
            {
              key: "Answered online",
              value: `${results.online.responses} ${results.online.responses === 1 ? "person" : "people"}`,
            },
            { key: "Answered before and after (paired)", value: String(results.online.paired) },
            { key: "Paper questionnaires", value: String(results.paperCount) },
            { key: "Questionnaire", value: results.questionnaire?.name ?? "None" },
          ]}
        />
        <Table
          caption="Average scores out of 5, online and paper together; the paired change counts only people who answered online before and after"
          captionSize="s"
          columns={[
            { header: "Statement", rowHeader: true, cell: (s) => s.text },
            {
              header: "Mean before",
              numeric: true,
              cell: (s) => (s.before ? `${formatMean(s.before.mean)} (${s.before.n})` : "–"),
            },
            {
              header: "Mean after",
              numeric: true,
              cell: (s) => `${formatMean(s.after.mean)} (${s.after.n})`,
            },
            {
              header: "Paired change",
              numeric: true,
              cell: (s) =>
                s.paired ? `${formatMean(s.paired.mean, { signed: true })} (${s.paired.n})` : "–",
            },
          ]}
          rows={results.statements}
          rowKey={(s) => s.id}
        />
        <p className="govuk-body-s">The number of answers is in brackets.</p>
        {results.comments.length ? (
          <>
            <h3 className="govuk-heading-s">Comments</h3>
            <ul className="govuk-list govuk-list--bullet">
              {results.comments.map((c, i) => (
                <li key={i}>{c.text}</li>
              ))}
            </ul>
          </>
        ) : null}

        <h2 className="govuk-heading-m" id="paper">
          Paper questionnaires
        </h2>
        <p className="govuk-body">
          Count the paper forms and enter how many people gave each score. Saving replaces the
          counts entered before.
        </p>
        <Form reply={reply}>
          <input type="hidden" name="intent" value="tallies" />
          <div style={{ overflowX: "auto" }}>
            {scaleStatements.map((s) => (
              <TallyTable
                key={s.id}
                statement={s}
                stages={s.kind === "before_after" ? ["before", "after"] : ["after"]}
                reply={reply}
                style={results.questionnaire?.style ?? "standard"}
              />
            ))}
          </div>
          <Button>Save paper tallies</Button>
        </Form>
      </div>
    </div>
  );
}
