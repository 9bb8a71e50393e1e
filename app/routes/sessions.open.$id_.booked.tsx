// Named `$id_` so it never nests inside a `sessions.$id` page (the run-sheet) that has no <Outlet />.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { getOpenSession, OPEN_AUDIENCES } from "~/sessions/open.server";
import { formatLongDate, formatTime } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { idParam } from "~/utils/params";

// After booking: what happened, with no personal data in the URL (only the outcome and queue number).
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(
    data?.status === "held"
      ? "Confirm your place by email"
      : data?.status === "waiting"
        ? "You are on the waiting list"
        : "Your place is booked",
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const s = await getOpenSession(getDb(), idParam(params.id));
  if (!s || !OPEN_AUDIENCES.includes(s.audience)) notFound("session");
  const url = new URL(request.url);
  const asked = url.searchParams.get("status");
  const status =
    asked === "waiting"
      ? ("waiting" as const)
      : asked === "held"
        ? ("held" as const)
        : ("confirmed" as const);
  const position = Number(url.searchParams.get("position")) || null;
  return {
    status,
    position,
    session: {
      id: s.id,
      title: s.title,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      location: s.location,
    },
  };
}

export default function Booked() {
  const { status, position, session: s } = useLoaderData<typeof loader>();
  if (status === "held") {
    // Booked in a burst (issue 11, finding 7): the place is held until the emailed link is followed.
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Confirm your place by email</h1>
          <p className="govuk-body">
            <strong>{s.title}</strong>
            <br />
            {formatLongDate(s.startsAt)}, {formatTime(s.startsAt)} to {formatTime(s.endsAt)}
          </p>
          <p className="govuk-body">
            We had many bookings for this session at once, so we are holding your place for 30
            minutes. We have sent you an email: open the link in it and press the button to keep
            your place. If you do not, the place is freed for someone else.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/sessions/open">
              See other open sessions
            </Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">
            {status === "waiting" ? "You are on the waiting list" : "Your place is booked"}
          </h1>
          {status === "waiting" && position ? (
            <div className="govuk-panel__body">
              You are number <strong>{position}</strong> in the queue
            </div>
          ) : null}
        </div>
        <p className="govuk-body">
          <strong>{s.title}</strong>
          <br />
          {formatLongDate(s.startsAt)}, {formatTime(s.startsAt)} to {formatTime(s.endsAt)}
          <br />
          {s.location}
        </p>
        <h2 className="govuk-heading-m">What happens next</h2>
        {status === "waiting" ? (
          <p className="govuk-body">
            We have sent you an email to say you are on the waiting list. If a place comes up, it
            goes to the first person in the queue, and we email them straight away with a calendar
            invitation. The email has a link to leave the waiting list.
          </p>
        ) : (
          <p className="govuk-body">
            We have sent you a confirmation email with a calendar invitation, and we will remind you
            two days before. If you can no longer come, use the link in the email to cancel so
            someone else can have your place.
          </p>
        )}
        {status === "confirmed" ? (
          <p className="govuk-body">
            <a className="govuk-link" href={`/sessions/open/${s.id}/calendar`} download>
              Add this session to your calendar (.ics file)
            </a>
          </p>
        ) : null}
        <p className="govuk-body">
          <Link className="govuk-link" to="/sessions/open">
            See other open sessions
          </Link>
        </p>
      </div>
    </div>
  );
}
