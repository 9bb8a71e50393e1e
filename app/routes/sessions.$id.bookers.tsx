import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAnyPermission, requirePermission } from "~/auth/guard.server";
import { Button, Checkboxes, ErrorSummary, Form, Textarea, TextInput } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { emailBookers, listBookers } from "~/sessions/bookers.server";
import { BackLink, StatusTag, timeRange } from "~/sessions/components";
import { setPublicPlaces } from "~/sessions/create.server";
import { BookersActionSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { formatLongDate, formatTime } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { Table } from "~/components/table";
import { idParam } from "~/utils/params";

// Who is booked on a session and who is waiting, with their access needs, for the lead and the
// session's trainers. The lead also publishes it, sets its places and emails everyone booked.

export const meta: MetaFunction = () => pageTitle("Bookings and waiting list");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const found = await listBookers(getDb(), viewerOf(auth), idParam(params.id));
  if (!found) notFound("session");
  const q = new URL(request.url).searchParams;
  return {
    ...found,
    created: q.get("created") === "1",
    emailed: q.get("emailed"),
    saved: q.get("saved") === "1",
    changed: q.get("changed"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "booking:schedule:any");
  const submission = parseForm(await readForm(request), BookersActionSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const viewer = viewerOf(auth);
  const id = idParam(params.id);
  if (v.intent === "places") {
    const outcome = await setPublicPlaces(
      getDb(),
      viewer,
      id,
      { publish: v.publish === "yes", capacity: v.capacity },
      publicUrl(request),
    );
    if (outcome === "not_found") notFound("session");
    if (outcome === "closed")
      return formError(
        submission,
        "",
        "This session has been delivered or cancelled, so its bookings can no longer change.",
        409,
      );
    if (outcome !== "saved") return formError(submission, outcome.field, outcome.message, 409);
    throw redirect(`/sessions/${id}/bookers?saved=1`);
  }
  if (v.intent === "email") {
    const sent = await emailBookers(
      getDb(),
      viewer,
      id,
      { subject: v.subject, message: v.message, includeWaiting: v.includeWaiting === "yes" },
      publicUrl(request),
    );
    if (sent === "not_found") notFound("session");
    if (sent === "closed")
      return formError(
        submission,
        "",
        "This session has been cancelled: everyone booked was told then.",
        409,
      );
    throw redirect(`/sessions/${id}/bookers?emailed=${sent}`);
  }
  // Changing one person's booking has its own page (one form per person, so errors are theirs).
  throw new Response("The form could not be read. Go back and try again.", { status: 400 });
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>["booked"][number];

function People({
  caption,
  people,
  manage,
  sessionId,
  waiting,
}: {
  caption: string;
  people: Person[];
  manage: boolean;
  sessionId: string;
  waiting?: boolean;
}) {
  if (!people.length) return null;
  return (
    <Table
      caption={caption}
      rows={people}
      rowKey={(p) => p.id}
      columns={[
        waiting && { header: "Queue", cell: (p, i) => i + 1 },
        {
          header: "Name",
          cell: (p) => (
            <>
              {p.anonymised_at ? "Removed after the retention period" : p.name}
              {/* Booked in a burst: it stands only once the emailed link is followed (issue 11, finding 7). */}
              {p.held_until && p.status !== "cancelled" ? (
                <>
                  {" "}
                  <strong className="govuk-tag govuk-tag--yellow">
                    Held until {formatTime(p.held_until)}
                  </strong>
                  <span className="govuk-hint govuk-!-margin-bottom-0">
                    Not yet confirmed by email; freed if not confirmed in time
                  </span>
                </>
              ) : p.confirm_on_promotion && p.status === "waiting" ? (
                <span className="govuk-hint govuk-!-margin-bottom-0">
                  Joined in a burst of bookings: must confirm by email if offered a place
                </span>
              ) : null}
            </>
          ),
        },
        { header: "Organisation", cell: (p) => p.organisation_name ?? "—" },
        { header: "Email", cell: (p) => p.email ?? "—", className: "lantern-break-words" },
        {
          header: "Access needs",
          cell: (p) => (p.access_needs ? <strong>{p.access_needs}</strong> : "None given"),
        },
        manage && {
          header: <span className="govuk-visually-hidden">Actions</span>,
          cell: (p) =>
            p.status !== "cancelled" ? (
              <Link className="govuk-link" to={`/sessions/${sessionId}/bookers/${p.id}`}>
                Change<span className="govuk-visually-hidden"> {p.name}'s booking</span>
              </Link>
            ) : null,
        },
      ]}
    />
  );
}

export default function Bookers() {
  const {
    access,
    session: s,
    isOpen,
    openToPublic,
    booked,
    waiting,
    cancelled,
    created,
    emailed,
    saved,
    changed,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const manage = access === "manage";
  const live = s.status === "scheduled" || s.status === "postponed";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <BackLink to={`/sessions/${s.id}`}>The session</BackLink>
        {created ? (
          <NotificationBanner>
            The session is created{isOpen ? " and published on the open sessions page" : ""}. Its
            trainers have been emailed.
          </NotificationBanner>
        ) : null}
        {emailed !== null ? (
          <NotificationBanner>
            Your message is on its way to {emailed} {emailed === "1" ? "person" : "people"}.
          </NotificationBanner>
        ) : null}
        {saved ? (
          <NotificationBanner>The places and the public list are saved.</NotificationBanner>
        ) : null}
        {changed ? (
          <NotificationBanner>
            {changed === "cancelled"
              ? "The booking is cancelled and the person emailed."
              : "They have a place now and have been emailed."}
          </NotificationBanner>
        ) : null}
        <ErrorSummary reply={result ?? null} />
        <span className="govuk-caption-l">
          {formatLongDate(s.starts_at)}, {timeRange(s.starts_at, s.ends_at)}
        </span>
        <h1 className="govuk-heading-l">Bookings: {s.title}</h1>
        <SummaryList
          rows={[
            { key: "Where", value: s.location },
            { key: "Status", value: <StatusTag status={s.status} /> },
            {
              key: "Places",
              value: `${booked.length} booked of ${s.capacity}; ${waiting.length} waiting`,
            },
            {
              key: "Public list",
              value: isOpen ? (
                <>
                  Published.{" "}
                  <Link className="govuk-link" to={`/sessions/open/${s.id}`}>
                    See the public page
                  </Link>
                </>
              ) : (
                "Not published"
              ),
            },
          ]}
        />
        <p className="govuk-body">
          <a className="govuk-link" href={`/sessions/${s.id}/bookers.csv`} download>
            Download the list (CSV)
          </a>
        </p>
        <People
          caption={`Booked (${booked.length})`}
          people={booked}
          manage={manage && live}
          sessionId={s.id}
        />
        {!booked.length ? <p className="govuk-body">Nobody has booked yet.</p> : null}
        <People
          caption={`Waiting list (${waiting.length})`}
          people={waiting}
          manage={manage && live}
          sessionId={s.id}
          waiting
        />
        <People
          caption={`Cancelled (${cancelled.length})`}
          people={cancelled}
          manage={false}
          sessionId={s.id}
        />

        {manage && live ? (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <h2 className="govuk-heading-m">Email everyone booked</h2>
              <p className="govuk-body">
                For a change of room, directions, or what to bring. Each person gets their own
                email; nobody sees the others' addresses.
              </p>
              {/* Keyed on the last send, so a sent message does not stay in the box to be sent twice. */}
              <Form reply={result ?? null} key={emailed ?? "new"}>
                <input type="hidden" name="intent" value="email" />
                <TextInput name="subject" label="Subject" hint="For example: New room" />
                <Textarea
                  name="message"
                  label="Message"
                  hint="The session's date, time and place are added below your message."
                  rows={6}
                />
                <Checkboxes
                  name="includeWaiting"
                  label="Who"
                  options={[
                    {
                      value: "yes",
                      label: `Also email the ${waiting.length} ${waiting.length === 1 ? "person" : "people"} waiting`,
                    },
                  ]}
                />
                <Button>Send to everyone booked</Button>
              </Form>

              <h2 className="govuk-heading-m">Places and the public list</h2>
              <Form reply={result ?? null}>
                <input type="hidden" name="intent" value="places" />
                <TextInput
                  name="capacity"
                  label="Number of places"
                  inputMode="numeric"
                  width="4"
                  defaultValue={s.capacity}
                  hint="More places give the next people waiting a place at once, and email them."
                />
                {openToPublic ? (
                  <Checkboxes
                    name="publish"
                    label="Public list"
                    options={[{ value: "yes", label: "Show it on the open sessions page" }]}
                    defaultValue={isOpen ? ["yes"] : []}
                  />
                ) : (
                  <p className="govuk-body">
                    Its offering is not open to the public, so it cannot be published.
                  </p>
                )}
                <Button secondary>Save places</Button>
              </Form>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
