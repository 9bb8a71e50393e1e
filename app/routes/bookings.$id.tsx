import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Textarea } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink, requestStatus, StatusTag, Timeline, timeRange } from "~/sessions/components";
import { cancelRequest, getRequest, parsePreferred } from "~/sessions/requests.server";
import { CancelSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { formatClockTime, formatDay, formatLongDate } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { TableScroll } from "~/components/table-scroll";
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
  return { request: found, preferred: parsePreferred(found.preferred_dates), lead: viewer.all };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "booking:request:own-school",
    "booking:schedule:any",
  ]);
  const viewer = viewerOf(auth);
  const submission = parseForm(await readForm(request), CancelSchema);
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

export default function BookingRequest() {
  const { request: r, preferred, lead } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const live = r.sessions.filter((s) => s.status === "scheduled" || s.status === "postponed");
  const canCancel = r.status === "requested" || (r.status === "scheduled" && live.length > 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={lead ? "/schedule" : "/bookings"}>
          {lead ? "Requests to schedule" : "Your booking requests"}
        </BackLink>
        {params.get("cancelled") ? (
          <NotificationBanner>
            <p className="govuk-notification-banner__heading">The request has been cancelled.</p>
          </NotificationBanner>
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
        {r.sessions.length ? (
          <TableScroll>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m">
                {r.sessions.length > 1 ? "Meetings" : "Session"}
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Date
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Time
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Status
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Calendar
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {r.sessions.map((s) => (
                  <tr className="govuk-table__row" key={s.id}>
                    <td className="govuk-table__cell">
                      {lead ? (
                        <Link className="govuk-link" to={`/sessions/${s.id}`}>
                          {formatLongDate(s.starts_at).replace(",", "")}
                        </Link>
                      ) : (
                        formatLongDate(s.starts_at).replace(",", "")
                      )}
                    </td>
                    <td className="govuk-table__cell">{timeRange(s.starts_at, s.ends_at)}</td>
                    <td className="govuk-table__cell">
                      <StatusTag status={s.status} />
                    </td>
                    <td className="govuk-table__cell">
                      {s.status === "scheduled" ? (
                        <a className="govuk-link" href={`/sessions/${s.id}/session.ics`} download>
                          Add to calendar
                          <span className="govuk-visually-hidden">
                            {" "}
                            ({formatLongDate(s.starts_at)})
                          </span>
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        {lead && r.status === "requested" ? (
          <p className="govuk-body">
            <Link className="govuk-button" to={`/schedule/${r.id}`}>
              Schedule this request
            </Link>
          </p>
        ) : null}
        <Timeline events={r.events} />
        {canCancel ? (
          <>
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
          </>
        ) : null}
      </div>
    </div>
  );
}
