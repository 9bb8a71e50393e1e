import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { useEffect, useState } from "react";
import { Button, ErrorSummary, Form, Radios, Textarea } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink, requestStatus, StatusTag, Timeline, timeRange } from "~/sessions/components";
import {
  answerProposal,
  cancelRequest,
  getRequest,
  parsePreferred,
} from "~/sessions/requests.server";
import { CancelSchema, ProposalAnswerSchema } from "~/sessions/schemas";
import { viewerOf, type Viewer } from "~/sessions/scope.server";
import { formatClockTime, formatDay, formatLongDate } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `${data.request.offering_title} — booking request` : "Booking request");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "booking:request:own-school",
    "booking:schedule:any",
  ]);
  const viewer = viewerOf(auth);
  const found = await getRequest(getDb(), viewer, idParam(params.id));
  if (!found) notFound("booking request");
  return {
    request: found,
    preferred: parsePreferred(found.preferred_dates),
    proposed: found.proposed_dates ? parsePreferred(found.proposed_dates) : [],
    lead: viewer.all,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "booking:request:own-school",
    "booking:schedule:any",
  ]);
  const viewer = viewerOf(auth);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "accept" || intent === "refuse") return answer(form, viewer, request, params);
  const submission = parseForm(form, CancelSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const result = await cancelRequest(
    getDb(),
    viewer,
    idParam(params.id),
    submission.value.reason,
    publicUrl(request),
  );
  if (result === "not_found") notFound("booking request");
  if (result === "already_closed")
    return formError(submission, "", "This request can no longer be cancelled.", 409);
  throw redirect(`/bookings/${params.id}?cancelled=1`);
}

/** The coordinator accepts one of the dates a lead proposed, or says why none suits (item 3). */
async function answer(
  form: FormData,
  viewer: Viewer,
  request: Request,
  params: ActionFunctionArgs["params"],
) {
  const submission = parseForm(form, ProposalAnswerSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const result = await answerProposal(
    getDb(),
    viewer,
    idParam(params.id),
    v.intent === "accept" ? { accept: v.proposal } : { refuse: v.refuseReason },
    publicUrl(request),
  );
  if (result === "not_found") notFound("booking request");
  if (result === "no_such_date")
    return formError(submission, "proposal", "Choose the date that suits you");
  if (result === "nothing_proposed")
    return formError(submission, "", "There are no proposed dates waiting for your answer.", 409);
  throw redirect(`/bookings/${params.id}?${result}=1`);
}

export default function BookingRequest() {
  const { request: r, preferred, proposed, lead } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const live = r.sessions.filter((s) => s.status === "scheduled" || s.status === "postponed");
  const canCancel = r.status === "requested" || (r.status === "scheduled" && live.length > 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="lantern-no-print">
          <BackLink to={lead ? "/schedule" : "/bookings"}>
            {lead ? "Requests to schedule" : "Your booking requests"}
          </BackLink>
        </div>
        {params.get("accepted") ? (
          <NotificationBanner heading="You accepted the date. The programme team will confirm the time and trainer." />
        ) : null}
        {params.get("refused") ? (
          <NotificationBanner heading="The programme team has your reason and will be in touch." />
        ) : null}
        {params.get("cancelled") ? (
          <NotificationBanner heading="The request has been cancelled." />
        ) : null}
        <ErrorSummary reply={reply} />
        <span className="govuk-caption-l">{r.setting_name}</span>
        <h1 className="govuk-heading-l">{r.offering_title}</h1>
        <SummaryList
          rows={[
            { key: "Status", value: <StatusTag status={requestStatus(r.status, r.sessions)} /> },
            {
              key: "Classes",
              value: r.classes.length
                ? r.classes.map((c) => `${c.label} (${c.pupilCount} pupils)`).join(", ")
                : "Not needed",
            },
            {
              key: "Preferred dates",
              value: preferred.length ? (
                <ul className="govuk-list">
                  {preferred.map((p, i) => (
                    <li key={i}>
                      {formatDay(p.date)}
                      {p.time ? ` at ${formatClockTime(p.time)}` : ""}
                    </li>
                  ))}
                </ul>
              ) : (
                "None given"
              ),
            },
            { key: "Notes", value: r.notes ?? "None" },
            { key: "Requested by", value: r.requested_by_name ?? "—" },
            ...(r.series_length > 1
              ? [
                  {
                    key: "Series",
                    value: `${r.series_length} meetings, every ${r.series_interval_days === 7 ? "week" : `${r.series_interval_days} days`}`,
                  },
                ]
              : []),
            ...(r.cancel_reason ? [{ key: "Reason for cancelling", value: r.cancel_reason }] : []),
          ]}
        />
        {r.sessions.length ? <ScheduledSessions sessions={r.sessions} lead={lead} /> : null}
        {r.sessions.some((x) => x.status === "scheduled") ? <PrintButton /> : null}
        {!lead && r.status === "requested" && proposed.length ? (
          <AnswerProposal proposed={proposed} reply={reply} />
        ) : null}
        {lead && r.status === "requested" ? (
          <p className="govuk-body">
            <Link className="govuk-button" to={`/schedule/${r.id}`}>
              Schedule this request
            </Link>
          </p>
        ) : null}
        <div className="lantern-no-print">
          <Timeline events={r.events} />
        </div>
        {canCancel ? (
          <div className="lantern-no-print">
            <h2 className="govuk-heading-m">Cancel this request</h2>
            <p className="govuk-body">
              {live.length
                ? "The scheduled sessions will be cancelled and the trainers told."
                : "The programme team will be told."}
            </p>
            <Form reply={reply}>
              <input type="hidden" name="intent" value="cancel" />
              <Textarea name="reason" label="Reason for cancelling" rows={3} />
              <Button warning>Cancel the request</Button>
            </Form>
          </div>
        ) : null}
      </div>
    </div>
  );
}

type Scheduled = ReturnType<typeof useLoaderData<typeof loader>>["request"]["sessions"][number];

/**
 * Each scheduled meeting as the school needs it on the day (issue 17, item 6): when, where (venue
 * and room) and who is coming. A summary per meeting rather than a wide table, so it reads on a
 * phone and prints on one page.
 */
function ScheduledSessions({ sessions, lead }: { sessions: Scheduled[]; lead: boolean }) {
  return (
    <>
      <h2 className="govuk-heading-m">{sessions.length > 1 ? "Meetings" : "Session"}</h2>
      {sessions.map((s, i) => (
        <div key={s.id} className="lantern-session-summary">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
            {sessions.length > 1 ? `Meeting ${i + 1}: ` : ""}
            {lead ? (
              <Link className="govuk-link" to={`/sessions/${s.id}`}>
                {formatLongDate(s.starts_at)}
              </Link>
            ) : (
              formatLongDate(s.starts_at)
            )}
          </h3>
          <SummaryList
            rows={[
              { key: "Time", value: timeRange(s.starts_at, s.ends_at) },
              { key: "Venue", value: s.venue ?? "To be confirmed" },
              { key: "Room", value: s.room ?? "Not given" },
              {
                key: s.trainers.length > 1 ? "Trainers" : "Trainer",
                value: s.trainers.length ? s.trainers.join(", ") : "To be confirmed",
              },
              { key: "Status", value: <StatusTag status={s.status} /> },
              ...(s.status === "scheduled"
                ? [
                    {
                      key: "Calendar",
                      value: (
                        <a
                          className="govuk-link lantern-no-print"
                          href={`/sessions/${s.id}/session.ics`}
                          download
                        >
                          Add to calendar
                          <span className="govuk-visually-hidden">
                            {" "}
                            ({formatLongDate(s.starts_at)})
                          </span>
                        </a>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      ))}
    </>
  );
}

/**
 * "Print this page", shown only once the page's script has run, as a button needs it; without
 * JavaScript the browser's own Print prints the same page, through the print stylesheet.
 */
function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <p className="govuk-body lantern-no-print">
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        onClick={() => window.print()}
      >
        Print this page
      </button>
    </p>
  );
}

/** The dates a lead proposed: accept one, or say why none suits (issue 17, item 3). */
function AnswerProposal({
  proposed,
  reply,
}: {
  proposed: { date: string; time: string | null }[];
  reply: Parameters<typeof Form>[0]["reply"];
}) {
  return (
    <div className="lantern-no-print">
      <h2 className="govuk-heading-m">Other dates proposed</h2>
      <p className="govuk-body">
        The programme team cannot come on the dates you asked for, but can offer these.
      </p>
      <Form reply={reply}>
        <input type="hidden" name="intent" value="accept" />
        <Radios
          name="proposal"
          label="Which date suits you?"
          options={proposed.map((p, i) => ({
            value: String(i),
            label: `${formatDay(p.date)}${p.time ? ` at ${formatClockTime(p.time)}` : ""}`,
          }))}
        />
        <Button>Accept this date</Button>
      </Form>
      <Form reply={reply}>
        <input type="hidden" name="intent" value="refuse" />
        <Textarea
          name="refuseReason"
          label="If none of them suits, tell the programme team why"
          hint="For example: those are exam weeks; any Tuesday after half term would work."
          rows={3}
        />
        <Button secondary>None of these dates suits</Button>
      </Form>
    </div>
  );
}
