import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Form, Textarea, TextInput } from "~/components/form";
import { InsetText, pageTitle, SummaryList, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { audienceHint, audienceLabel } from "~/sessions/audiences";
import {
  bookOpenSession,
  getOpenSession,
  isBookable,
  OPEN_AUDIENCES,
} from "~/sessions/open.server";
import { BookPlaceSchema } from "~/sessions/open-schemas";
import { mapLink } from "~/sessions/format";
import { formatLongDate, formatTime } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { publicUrl } from "~/utils/url.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? data.session.title : "Open session");

async function load(id: string) {
  const s = await getOpenSession(getDb(), id);
  if (!s || !OPEN_AUDIENCES.includes(s.audience)) notFound("session");
  return s;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const s = await load(idParam(params.id));
  return {
    session: {
      id: s.id,
      title: s.title,
      description: s.description,
      audience: s.audience,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      location: s.location,
      postcode: s.postcode ?? s.setting_postcode,
      district: s.district_name,
      capacity: s.capacity,
      placesLeft: s.placesLeft,
      waiting: s.waiting,
      status: s.status,
      bookable: isBookable(s),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), BookPlaceSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const result = await bookOpenSession(getDb(), {
    sessionId: idParam(params.id),
    name: submission.value.name,
    email: submission.value.email,
    organisationName: submission.value.organisation,
    accessNeeds: submission.value.accessNeeds,
    baseUrl: publicUrl(request),
    ip: clientIp(request),
    honeypot: submission.value.website,
  });
  if (!result.ok) {
    if (result.reason === "not_found") notFound("session");
    if (result.reason === "too_many") {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return formError(
        submission,
        "",
        `Too many bookings have come from your connection. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
        429,
        { "Retry-After": String(result.retryAfterSeconds) },
      );
    }
    if (result.reason === "not_bookable")
      return formError(submission, "", "This session can no longer be booked.", 409);
    return formError(
      submission,
      "email",
      result.status === "waiting"
        ? `This email address is already on the waiting list (number ${result.position}). Check your email for the link to leave it.`
        : "This email address already has a place at this session. Check your email for the confirmation.",
      409,
    );
  }
  const search = new URLSearchParams({ status: result.status });
  if (result.position) search.set("position", String(result.position));
  throw redirect(`/sessions/open/${params.id}/booked?${search}`);
}

export default function OpenSessionPage() {
  const { session: s } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const full = s.placesLeft === 0;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <p className="govuk-body">
          <Link className="govuk-back-link govuk-!-margin-top-0" to="/sessions/open">
            All open sessions
          </Link>
        </p>
        <ErrorSummary reply={reply} />
        <span className="govuk-caption-l">{audienceLabel(s.audience)}</span>
        <h1 className="govuk-heading-l">{s.title}</h1>
        {audienceHint(s.audience) ? (
          <p className="govuk-body">
            For{" "}
            {audienceHint(s.audience)!.charAt(0).toLowerCase() + audienceHint(s.audience)!.slice(1)}
            .
          </p>
        ) : null}
        {s.description ? <p className="govuk-body">{s.description}</p> : null}
        <SummaryList
          rows={[
            { key: "Date", value: formatLongDate(s.startsAt) },
            { key: "Time", value: `${formatTime(s.startsAt)} to ${formatTime(s.endsAt)}` },
            {
              key: "Where",
              value: (
                <>
                  {s.location}
                  {s.postcode ? (
                    <span className="govuk-!-display-block">
                      <a className="govuk-link" href={mapLink(s.postcode)}>
                        Map of {s.postcode} (opens OpenStreetMap)
                      </a>
                    </span>
                  ) : null}
                </>
              ),
            },
            ...(s.district ? [{ key: "District", value: s.district }] : []),
            {
              key: "Places",
              value: s.bookable
                ? full
                  ? `Full. ${s.waiting} ${s.waiting === 1 ? "person is" : "people are"} on the waiting list.`
                  : `${s.placesLeft} of ${s.capacity} left`
                : "—",
            },
          ]}
        />
        {s.status === "cancelled" ? (
          <WarningText>This session has been cancelled.</WarningText>
        ) : !s.bookable ? (
          <InsetText>
            This session has already taken place, so it can no longer be booked.
          </InsetText>
        ) : (
          <>
            <h2 className="govuk-heading-m">{full ? "Join the waiting list" : "Book a place"}</h2>
            {full ? (
              <InsetText>
                This session is full. Join the waiting list and, if someone cancels, the first
                person in the queue gets their place and an email straight away.
              </InsetText>
            ) : null}
            <Form reply={reply}>
              <TextInput name="name" label="Full name" autoComplete="name" spellCheck={false} />
              <TextInput
                name="email"
                label="Email address"
                type="email"
                autoComplete="email"
                spellCheck={false}
                hint="We send your confirmation, a calendar invitation and a reminder here."
              />
              <TextInput
                name="organisation"
                label="School or organisation (optional)"
                autoComplete="organization"
              />
              <Textarea
                name="accessNeeds"
                label="Access needs (optional)"
                hint="Tell us anything that would help you take part, for example step-free access, a hearing loop or large print."
                rows={3}
              />
              <p className="govuk-body-s">
                We use your details only to manage your place and to contact you about this session,
                and keep them no longer than needed.
              </p>
              {/* A field people never see or reach; bots that fill every field fill it (issue 11, finding 7). */}
              <div className="govuk-visually-hidden" aria-hidden="true">
                <label htmlFor="f-website">Leave this empty</label>
                <input
                  id="f-website"
                  name="website"
                  type="text"
                  tabIndex={-1}
                  autoComplete="off"
                  defaultValue=""
                />
              </div>
              <Button>{full ? "Join the waiting list" : "Book a place"}</Button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
