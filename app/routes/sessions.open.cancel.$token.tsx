import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Form } from "~/components/form";
import { pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { cancelByToken, findByCancelToken, isBookable } from "~/sessions/open.server";
import { formatLongDate, formatTime } from "~/utils/dates";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

// The single-purpose link from a booking email. Opening it changes nothing (mail scanners open
// links); the button posts the cancellation.
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(
    !data || data.state === "invalid"
      ? "This link does not work"
      : data.state === "cancelled"
        ? "Booking cancelled"
        : "Cancel your booking",
  );

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findByCancelToken(getDb(), params.token!);
  if (!found)
    return data(
      { state: "invalid" as const, session: null, waiting: false, position: null },
      { status: 404 },
    );
  const { registration, session, position } = found;
  const s = {
    title: session.title,
    startsAt: session.starts_at,
    endsAt: session.ends_at,
    location: session.location,
    id: session.id,
  };
  if (registration.status === "cancelled")
    return { state: "cancelled" as const, session: s, waiting: false, position: null };
  if (!isBookable(session))
    return {
      state: "closed" as const,
      session: s,
      waiting: registration.status === "waiting",
      position,
    };
  return {
    state: "open" as const,
    session: s,
    waiting: registration.status === "waiting",
    position,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The form is one button: any field in the body is refused.
  parseButtonForm(await readForm(request), z.object({}).strict());
  const result = await cancelByToken(getDb(), params.token!, publicUrl(request));
  if (!result.ok && result.reason === "not_found")
    throw new Response("This link does not work.", { status: 404 });
  // Cancelled now, already cancelled, or too late: the page explains each.
  throw redirect(`/sessions/open/cancel/${params.token}`);
}

export default function CancelBooking() {
  const d = useLoaderData<typeof loader>();
  if (d.state === "invalid" || !d.session) {
    return (
      <>
        <h1 className="govuk-heading-l">This link does not work</h1>
        <p className="govuk-body">
          The link may have been copied wrongly, or replaced by a newer one: use the link in our
          most recent email about your booking (the reminder, or the email that gave you your place
          from the waiting list).
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/sessions/open">
            See open sessions
          </Link>
        </p>
      </>
    );
  }
  const s = d.session;
  const details = (
    <SummaryList
      rows={[
        { key: "Session", value: s.title },
        {
          key: "When",
          value: `${formatLongDate(s.startsAt)}, ${formatTime(s.startsAt)} to ${formatTime(s.endsAt)}`,
        },
        { key: "Where", value: s.location },
      ]}
    />
  );
  if (d.state === "cancelled") {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Booking cancelled</h1>
          </div>
          {details}
          <p className="govuk-body">
            Thank you for letting us know. If there was a waiting list, the next person has been
            offered the place.
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
  if (d.state === "closed") {
    return (
      <>
        <h1 className="govuk-heading-l">This booking can no longer be cancelled</h1>
        {details}
        <p className="govuk-body">
          The session has already started, taken place or been cancelled.
        </p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">
          {d.waiting ? "Leave the waiting list" : "Cancel your place"}
        </h1>
        {details}
        {d.waiting ? (
          <p className="govuk-body">You are number {d.position} on the waiting list.</p>
        ) : null}
        <Form>
          <Button warning>{d.waiting ? "Leave the waiting list" : "Cancel my place"}</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sessions/open/${s.id}`}>
            Keep my {d.waiting ? "place in the queue" : "place"}
          </Link>
        </p>
      </div>
    </div>
  );
}
