import { Link } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { Tag } from "~/components/page";
import { formatDateTime, formatTime } from "~/utils/dates";

// UI pieces the scheduling pages share: status tags, the lifecycle timeline, the clash report.

const STATUS: Record<
  string,
  { label: string; colour: "grey" | "green" | "red" | "yellow" | "blue" | "orange" | "purple" }
> = {
  requested: { label: "Waiting to be scheduled", colour: "yellow" },
  scheduled: { label: "Scheduled", colour: "blue" },
  delivered: { label: "Delivered", colour: "green" },
  cancelled: { label: "Cancelled", colour: "red" },
  postponed: { label: "Postponed", colour: "orange" },
};

export function StatusTag({ status }: { status: string }) {
  const s = STATUS[status] ?? { label: status, colour: "grey" as const };
  return <Tag colour={s.colour}>{s.label}</Tag>;
}

/** A request's status as a school sees it: "delivered" once every session it led to has been delivered. */
export function requestStatus(status: string, sessions: { status: string }[]) {
  const live = sessions.filter((s) => s.status !== "cancelled");
  if (status === "scheduled" && live.length && live.every((s) => s.status === "delivered"))
    return "delivered";
  return status;
}

export function statusLabel(status: string) {
  return STATUS[status]?.label ?? status;
}

const EVENT_LABELS: Record<string, string> = {
  requested: "Requested",
  scheduled: "Scheduled",
  rescheduled: "Moved to a new time",
  postponed: "Postponed",
  cancelled: "Cancelled",
  delivered: "Marked delivered",
  declined: "Declined",
  dates_proposed: "Other dates proposed",
  dates_accepted: "Proposed date accepted",
  dates_refused: "Proposed dates refused",
  attendance_recorded: "Attendance recorded",
  classes_added: "Classes added",
  published: "Published on the public list",
  withdrawn: "Taken off the public list",
  places_changed: "Places changed",
  booking_cancelled: "Booking cancelled by staff",
  moved_from_waiting_list: "Moved from the waiting list by staff",
  bookers_emailed: "Everyone booked was emailed",
};

export interface TimelineEvent {
  id: string;
  event: string;
  reason: string | null;
  overridden_warnings: string | null;
  at: string;
  actor_name: string | null;
  session_id?: string | null;
}

/** The lifecycle of a request or session: who did what, when and why (GOV.UK timeline pattern as a list). */
export function Timeline({
  events,
  heading = "History",
}: {
  events: TimelineEvent[];
  heading?: string;
}) {
  if (!events.length) return null;
  return (
    <section className="lantern-history">
      <h2 className="govuk-heading-m">{heading}</h2>
      <ol className="lantern-timeline">
        {events.map((e) => {
          const overridden = e.overridden_warnings
            ? (JSON.parse(e.overridden_warnings) as string[])
            : [];
          return (
            <li key={e.id} className="lantern-timeline__item">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                {EVENT_LABELS[e.event] ?? e.event}
              </h3>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                {formatDateTime(e.at)}
                {e.actor_name ? ` by ${e.actor_name}` : ""}
              </p>
              {e.reason ? <p className="govuk-body govuk-!-margin-bottom-1">{e.reason}</p> : null}
              {overridden.length ? (
                <div className="govuk-body-s">
                  Warnings overridden:
                  <ul className="govuk-list govuk-list--bullet govuk-body-s">
                    {overridden.map((w, i) => (
                      <li key={i}>{w}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export interface ProblemReport {
  refusals: { message: string }[];
  warnings: { message: string }[];
}

/** Refusals as an error summary (they must be fixed); warnings listed for the lead to override or fix. */
export function ClashReport({
  report,
  focusId,
}: {
  report: ProblemReport | null | undefined;
  focusId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Like the error summary: focus moves to the report when it appears, so it is read first.
  useEffect(() => {
    if (report?.refusals.length) ref.current?.focus();
  }, [report]);
  if (!report) return null;
  return (
    <>
      {report.refusals.length ? (
        <div className="govuk-error-summary" tabIndex={-1} id={focusId} ref={ref}>
          <div role="alert">
            <h2 className="govuk-error-summary__title">This cannot be booked</h2>
            <div className="govuk-error-summary__body">
              <ul className="govuk-list govuk-error-summary__list">
                {report.refusals.map((p, i) => (
                  <li key={i}>
                    <a href="#f-trainerIds">{p.message}</a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      ) : null}
      {report.warnings.length ? (
        <div className="govuk-warning-text" role={report.refusals.length ? undefined : "alert"}>
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              Check before booking:
            </p>
            <ul className="govuk-list govuk-list--bullet">
              {report.warnings.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
            {report.refusals.length ? null : (
              <p className="govuk-body">
                To book anyway, give your reason below and confirm again.
              </p>
            )}
          </div>
        </div>
      ) : null}
    </>
  );
}

export function timeRange(startsAt: string, endsAt: string) {
  return `${formatTime(startsAt)} to ${formatTime(endsAt)}`;
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}
