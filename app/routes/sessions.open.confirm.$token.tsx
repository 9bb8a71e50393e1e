import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { confirmHold, findHold } from "~/sessions/open.server";
import { formatLongDate, formatTime } from "~/utils/dates";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

// The link in a "confirm your place" email, sent when bookings arrived in a burst (issue 11,
// finding 7). Opening it changes nothing (mail scanners open links); the button confirms.
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.state === "open" ? "Confirm your place" : "This link does not work");

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findHold(getDb(), params.token!);
  if (!found) return data({ state: "invalid" as const, session: null }, { status: 404 });
  const session = {
    title: found.session.title,
    startsAt: found.session.starts_at,
    endsAt: found.session.ends_at,
    location: found.session.location,
  };
  if (!found.live) return data({ state: "expired" as const, session }, { status: 410 });
  return { state: "open" as const, session };
}

export async function action({ request, params }: ActionFunctionArgs) {
  parseButtonForm(await readForm(request), z.object({}).strict());
  const result = await confirmHold(getDb(), params.token!, publicUrl(request));
  if (!result.ok && result.reason === "not_found")
    throw new Response("This link does not work.", { status: 404 });
  if (!result.ok)
    throw new Response(
      "This link has run out: the place was freed. You can book again if places are left.",
      { status: 410 },
    );
  const search = new URLSearchParams({ status: result.status });
  if (result.position) search.set("position", String(result.position));
  throw redirect(`/sessions/open/${result.sessionId}/booked?${search}`);
}

export default function ConfirmPlace() {
  const d = useLoaderData<typeof loader>();
  if (d.state !== "open" || !d.session) {
    return (
      <>
        <h1 className="govuk-heading-l">This link does not work</h1>
        <p className="govuk-body">
          {d.state === "expired" ? "The time to confirm has run out and the place was freed. " : ""}
          <Link className="govuk-link" to="/sessions/open">
            See open sessions
          </Link>
        </p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Confirm your place</h1>
        <p className="govuk-body">
          <strong>{d.session.title}</strong>
          <br />
          {formatLongDate(d.session.startsAt)}, {formatTime(d.session.startsAt)} to{" "}
          {formatTime(d.session.endsAt)}
          <br />
          {d.session.location}
        </p>
        <Form>
          <Button>Confirm my place</Button>
        </Form>
      </div>
    </div>
  );
}
