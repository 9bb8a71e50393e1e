import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { statusLabel, timeRange } from "~/sessions/components";
import { mondayOf, weekOf } from "~/sessions/delivery.server";
import { addDays } from "~/utils/dates";
import { viewerOf } from "~/sessions/scope.server";
import { now } from "~/utils/clock.server";
import {
  formatDay,
  formatShortDayMonth,
  formatWeekday,
  londonParts,
  londonToday,
} from "~/utils/dates";

export const meta: MetaFunction = () => pageTitle("Week view");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const viewer = viewerOf(auth);
  const url = new URL(request.url);
  const asked = url.searchParams.get("week");
  const today = londonToday(now());
  const monday = mondayOf(asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : today);
  const { days, sessions } = await weekOf(getDb(), viewer, monday);
  return {
    monday,
    previous: addDays(monday, -7),
    next: addDays(monday, 7),
    today,
    days,
    all: viewer.all,
    sessions: sessions.map((s) => ({ ...s, day: londonParts(s.starts_at).date })),
  };
}

function dayParts(iso: string) {
  return { weekday: formatWeekday(iso), date: formatShortDayMonth(iso) };
}

export default function Week() {
  const { monday, previous, next, today, days, sessions, all } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Week beginning {formatDay(monday)}</h1>
      <nav aria-label="Weeks" className="govuk-body">
        <Link className="govuk-link" to={`/sessions/week?week=${previous}`} rel="prev">
          Previous week
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to="/sessions/week">
          This week
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to={`/sessions/week?week=${next}`} rel="next">
          Next week
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to="/sessions">
          {all ? "All sessions as a list" : "My schedule as a list"}
        </Link>
      </nav>
      <p className="govuk-body">
        {sessions.length === 0
          ? "No sessions this week."
          : `${sessions.length} ${sessions.length === 1 ? "session" : "sessions"} this week.`}
      </p>
      <div className="lantern-week">
        {days.map((d, i) => {
          const p = dayParts(d);
          const mine = sessions.filter((s) => s.day === d);
          return (
            <section
              key={d}
              aria-labelledby={`day-${d}`}
              className={`lantern-week__day${i >= 5 ? " lantern-week__day--weekend" : ""}${d === today ? " lantern-week__day--today" : ""}`}
            >
              <h2 className="lantern-week__heading" id={`day-${d}`}>
                {p.weekday} <span className="lantern-week__date">{p.date}</span>
                {d === today ? <span className="govuk-visually-hidden"> (today)</span> : null}
              </h2>
              {mine.length ? (
                <ul className="lantern-week__list">
                  {mine.map((s) => (
                    <li key={s.id}>
                      <Link
                        to={`/sessions/${s.id}`}
                        className={`lantern-week__session lantern-week__session--${s.status}`}
                      >
                        <span className="lantern-week__time">
                          {timeRange(s.starts_at, s.ends_at)}
                        </span>
                        {s.title}
                        {s.series_index ? ` (${s.series_index} of ${s.series_length})` : ""}
                        <span className="govuk-!-display-block">{s.setting_name ?? s.venue}</span>
                        {all && s.trainers.length ? (
                          <span className="govuk-!-display-block">{s.trainers.join(", ")}</span>
                        ) : null}
                        {s.status !== "scheduled" ? (
                          <span className="govuk-!-display-block govuk-!-font-weight-bold">
                            {statusLabel(s.status)}
                          </span>
                        ) : null}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="lantern-week__empty">Nothing booked</p>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
