import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { has, requireAnyPermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form } from "~/components/form";
import { InsetText, NotificationBanner, pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { canSeeSafeguarding } from "~/safeguarding/access.server";
import { audienceLabel } from "~/sessions/audiences";
import { BackLink, StatusTag, Timeline, timeRange } from "~/sessions/components";
import { earnsCertificates, sessionCertificateSummary } from "~/sessions/certificates.server";
import { attendanceComplete, getSession, markDelivered } from "~/sessions/delivery.server";
import { mapLink, placeOf } from "~/sessions/format";
import { viewerOf } from "~/sessions/scope.server";
import { now } from "~/utils/clock.server";
import { formatDateTime, formatLongDate } from "~/utils/dates";
import { forbidden, notFound } from "~/utils/errors.server";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { Table } from "~/components/table";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `${data.session.title} — run-sheet` : "Session");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const found = await getSession(getDb(), viewerOf(auth), idParam(params.id));
  if (!found || found.access === "read") notFound("session");
  const delivered =
    found.session.status === "delivered" && earnsCertificates(found.session.audience);
  return {
    ...found,
    certificates: delivered
      ? {
          ...(await sessionCertificateSummary(getDb(), found.session.id)),
          canIssue: has(auth, "certificate:manage:any"),
        }
      : null,
    started: Date.parse(found.session.starts_at) <= now().getTime(),
    attendanceTaken: attendanceComplete(found.session, found.classes, found.registrations),
    // The link to the safeguarding form only for someone the form would let in.
    canRecordSafeguarding: await canSeeSafeguarding(getDb(), auth, found.session.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  parseButtonForm(await readForm(request), z.object({ intent: z.literal("deliver") }).strict());
  const result = await markDelivered(getDb(), viewerOf(auth), idParam(params.id), {
    baseUrl: publicUrl(request),
  });
  if (result === "not_found") notFound("session");
  if (result === "forbidden") forbidden();
  if (typeof result === "object") return data({ error: result.error }, { status: 409 });
  throw redirect(`/sessions/${params.id}?delivered=1`);
}

export default function RunSheet() {
  const {
    session: s,
    access,
    place,
    trainers,
    classes,
    registrations,
    series,
    events,
    request,
    started,
    attendanceTaken,
    certificates,
    canRecordSafeguarding,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const pupils = s.audience === "pupils";
  const attended = pupils
    ? classes.reduce((n, c) => n + (c.attended ?? 0), 0)
    : registrations.filter((r) => r.attendance === "attended").length + s.walk_ins;
  const booked = registrations.filter((r) => !r.is_walk_in);
  const namedWalkIns = registrations.length - booked.length;
  return (
    <>
      <BackLink to="/sessions">{access === "manage" ? "Sessions" : "My schedule"}</BackLink>
      {params.get("delivered") ? (
        <NotificationBanner heading="The session is marked delivered. Thank you." />
      ) : null}
      {params.get("saved") ? <NotificationBanner heading="Attendance saved." /> : null}
      {params.get("changed") ? (
        <NotificationBanner heading="The session has been updated and everyone affected has been emailed." />
      ) : null}
      {result?.error ? (
        <ErrorSummary errors={[{ name: "attendance", message: result.error }]} idOf={(n) => n} />
      ) : null}
      <span className="govuk-caption-l">{s.programme_name}</span>
      <h1 className="govuk-heading-l">
        {s.title}
        {s.series_index ? ` — meeting ${s.series_index} of ${s.series_length}` : ""}
      </h1>
      <p className="govuk-body">
        <StatusTag status={s.status} />
      </p>
      <SummaryList
        rows={[
          {
            key: "When",
            value: `${formatLongDate(s.starts_at).replace(",", "")}, ${timeRange(s.starts_at, s.ends_at)}`,
          },
          { key: "Where", value: placeOf(s) },
          ...(place.address
            ? [
                {
                  key: "Address",
                  value: <span style={{ whiteSpace: "pre-line" }}>{place.address}</span>,
                },
              ]
            : []),
          ...(place.postcode
            ? [
                {
                  key: "Postcode",
                  value: (
                    <>
                      {place.postcode} ·{" "}
                      <a className="govuk-link" href={mapLink(place.postcode)}>
                        Map of {place.postcode}
                        <span className="govuk-visually-hidden"> on OpenStreetMap</span>
                      </a>
                    </>
                  ),
                },
              ]
            : []),
          ...(s.setting_name && s.setting_name !== s.venue
            ? [{ key: "Setting", value: s.setting_name }]
            : []),
          ...(s.district_name ? [{ key: "District", value: s.district_name }] : []),
          { key: "Audience", value: audienceLabel(s.audience) },
          { key: "Trainers", value: trainers.map((t) => t.name).join(", ") || "None assigned" },
          ...(request?.coordinator_name
            ? [
                {
                  key: "School contact",
                  value: `${request.coordinator_name ?? "—"}${request.coordinator_email ? ` (${request.coordinator_email})` : ""}`,
                },
              ]
            : []),
          ...(place.phone
            ? [
                {
                  key: "Phone on the day",
                  value: (
                    <a className="govuk-link" href={`tel:${place.phone.replace(/[^0-9+]/g, "")}`}>
                      {place.phone}
                    </a>
                  ),
                },
              ]
            : []),
          ...(request?.notes ? [{ key: "Notes from the school", value: request.notes }] : []),
          ...(s.delivered_at ? [{ key: "Delivered", value: formatDateTime(s.delivered_at) }] : []),
        ]}
      />
      <p className="govuk-body">
        <a className="govuk-link" href={`/sessions/${s.id}/session.ics`} download>
          Add to your calendar (.ics)
        </a>
        {access === "manage" && (s.status === "scheduled" || s.status === "postponed") ? (
          <>
            {" "}
            ·{" "}
            <Link className="govuk-link" to={`/sessions/${s.id}/change`}>
              Move, postpone or cancel
            </Link>
          </>
        ) : null}
      </p>

      <h2 className="govuk-heading-m" id="attendance">
        Attendance
      </h2>
      {pupils ? (
        <Table
          caption="Classes"
          captionSize="s"
          columns={[
            { header: "Class", rowHeader: true, cell: (c) => c.label },
            { header: "Pupils", numeric: true, cell: (c) => c.pupilCount },
            { header: "Attended", numeric: true, cell: (c) => c.attended ?? "Not recorded" },
            { header: "Access needs", cell: (c) => c.accessNeeds ?? "None recorded" },
          ]}
          rows={classes}
          rowKey={(c) => c.id}
        />
      ) : (
        <p className="govuk-body">
          {booked.length} booked{s.capacity ? ` of ${s.capacity} places` : ""};{" "}
          {booked.filter((r) => r.attendance === "attended").length} attended,{" "}
          {booked.filter((r) => r.attendance === "no_show").length} did not come,{" "}
          {namedWalkIns + s.walk_ins} walk-ins
          {namedWalkIns ? ` (${namedWalkIns} named)` : ""}.
        </p>
      )}
      {!classes.length && access !== "read" ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sessions/${s.id}/bookers`}>
            {access === "manage"
              ? "Bookings, waiting list and emailing everyone booked"
              : "Who is booked, with their access needs"}
          </Link>
        </p>
      ) : null}
      {attendanceTaken ? (
        <p className="govuk-body">
          {attended} {attended === 1 ? "person" : "people"} attended.
        </p>
      ) : null}
      {s.status === "scheduled" || s.status === "delivered" ? (
        started ? (
          <p className="govuk-body">
            <Link
              className="govuk-button govuk-button--secondary"
              to={`/sessions/${s.id}/attendance`}
            >
              {attendanceTaken ? "Change attendance" : "Record attendance"}
            </Link>
          </p>
        ) : (
          <InsetText>You can record attendance once the session has started.</InsetText>
        )
      ) : null}
      {s.status === "scheduled" && started ? (
        <Form>
          <Button name="intent" value="deliver">
            Mark delivered
          </Button>
        </Form>
      ) : null}

      {certificates ? (
        <>
          <h2 className="govuk-heading-m" id="certificates">
            Certificates
          </h2>
          <p className="govuk-body">
            {certificates.due === 0
              ? "No one is recorded by name as attending, so no certificates have been issued."
              : `${certificates.issued} of ${certificates.due} ${certificates.due === 1 ? "attendee has" : "attendees have"} a certificate${certificates.revoked ? ` (${certificates.revoked} revoked)` : ""}. Certificates are issued when the session is marked delivered (or someone is marked as attending afterwards) and emailed to those who gave an email address.`}
          </p>
          {certificates.canIssue && certificates.due > 0 ? (
            <Form action="/admin/certificates/sessions">
              <input type="hidden" name="sessionId" value={s.id} />
              <Button secondary>
                {certificates.issued < certificates.due
                  ? "Issue certificates for this session's attendees"
                  : "Download this session's certificates (ZIP)"}
              </Button>
            </Form>
          ) : null}
        </>
      ) : null}

      <h2 className="govuk-heading-m">Printouts</h2>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`/sessions/${s.id}/register`}>
            Register to tick{pupils ? ", class by class" : ", with access needs"}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/sessions/${s.id}/feedback/poster`}>
            Feedback poster with the QR code
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/sessions/${s.id}/feedback/paper`}>
            Paper questionnaire
          </Link>
        </li>
      </ul>

      <h2 className="govuk-heading-m">After the session</h2>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`/sessions/${s.id}/feedback`}>
            Feedback: the link and QR code for participants, and paper tallies
          </Link>
        </li>
        {canRecordSafeguarding ? (
          <li>
            <Link className="govuk-link" to={`/sessions/${s.id}/safeguarding`}>
              Record a safeguarding concern or referral
            </Link>
          </li>
        ) : null}
      </ul>

      {series.length > 1 ? (
        <>
          <h2 className="govuk-heading-m">The series</h2>
          <ol className="govuk-list govuk-list--number">
            {series.map((m) => (
              <li key={m.id}>
                {m.id === s.id ? (
                  <strong>{formatDateTime(m.starts_at)} (this meeting)</strong>
                ) : (
                  <Link className="govuk-link" to={`/sessions/${m.id}`}>
                    {formatDateTime(m.starts_at)}
                  </Link>
                )}{" "}
                <StatusTag status={m.status} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <Timeline events={events} />
    </>
  );
}
