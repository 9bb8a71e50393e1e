import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { Pagination } from "~/components/filters";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { StatusTag, timeRange } from "~/sessions/components";
import { listSessions } from "~/sessions/delivery.server";
import { viewerOf } from "~/sessions/scope.server";
import { nowIso } from "~/utils/clock.server";
import { formatLongDate } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.all ? "Sessions" : "My schedule");

const PAST_PAGE = 200;

function pageParam(url: URL) {
  const n = Number(url.searchParams.get("page") ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, ["session:deliver:assigned", "session:view:any"]);
  const viewer = viewerOf(auth);
  const url = new URL(request.url);
  const past = url.searchParams.get("when") === "past";
  const page = pageParam(url);
  const t = nowIso();
  // Past sessions newest first, a page at a time (one more row read tells whether an older page exists).
  const rows = await listSessions(getDb(), viewer, past ? { to: t, newestFirst: true, limit: PAST_PAGE + 1, offset: (page - 1) * PAST_PAGE } : { from: t, statuses: ["scheduled", "postponed"] });
  const sessions = past ? rows.slice(0, PAST_PAGE) : rows;
  // A trainer's "to do" is the past sessions not yet marked delivered, newest first.
  const toRecord = past ? [] : await listSessions(getDb(), viewer, { to: t, statuses: ["scheduled"], newestFirst: true });
  return { sessions, toRecord, past, page, older: past && rows.length > PAST_PAGE, all: viewer.all, trainer: viewer.trainer };
}

function SessionTable({ caption, sessions, showTrainers }: { caption: string; sessions: ReturnType<typeof useLoaderData<typeof loader>>["sessions"]; showTrainers: boolean }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">When</th>
          <th scope="col" className="govuk-table__header">Session</th>
          <th scope="col" className="govuk-table__header">Where</th>
          {showTrainers ? <th scope="col" className="govuk-table__header">Trainers</th> : null}
          <th scope="col" className="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {sessions.map((s) => (
          <tr className="govuk-table__row" key={s.id}>
            <td className="govuk-table__cell">
              {formatLongDate(s.starts_at)}
              <span className="govuk-!-display-block">{timeRange(s.starts_at, s.ends_at)}</span>
            </td>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/sessions/${s.id}`}>
                {s.title}
              </Link>
              {s.series_index ? <span className="govuk-body-s govuk-!-display-block">Meeting {s.series_index} of {s.series_length}</span> : null}
            </td>
            <td className="govuk-table__cell">
              {s.setting_name ?? s.venue ?? "—"}
              {s.district_name ? <span className="govuk-body-s govuk-!-display-block">{s.district_name}</span> : null}
            </td>
            {showTrainers ? <td className="govuk-table__cell">{s.trainers.join(", ") || "—"}</td> : null}
            <td className="govuk-table__cell">
              <StatusTag status={s.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function MySchedule() {
  const { sessions, toRecord, past, page, older, all, trainer } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">{all ? "Sessions" : "My schedule"}</h1>
      {all ? (
        <Link className="govuk-button" to="/sessions/new">
          Create a session
        </Link>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/sessions/week">
          Week view
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to={past ? "/sessions" : "/sessions?when=past"}>
          {past ? "Upcoming sessions" : "Past sessions"}
        </Link>
        {trainer ? (
          <>
            {" "}
            ·{" "}
            <Link className="govuk-link" to="/sessions/calendar-feed">
              Calendar feed
            </Link>
          </>
        ) : null}
        {all ? (
          <>
            {" "}
            ·{" "}
            <Link className="govuk-link" to="/schedule">
              Requests to schedule
            </Link>
          </>
        ) : null}
      </p>
      {toRecord.length ? <SessionTable caption="Waiting for attendance" sessions={toRecord} showTrainers={all} /> : null}
      {sessions.length ? (
        <SessionTable
          caption={past ? (page > 1 || older ? `Past sessions, newest first (page ${page})` : "Past sessions, newest first") : "Coming up"}
          sessions={sessions}
          showTrainers={all}
        />
      ) : (
        <p className="govuk-body">{past ? "No past sessions." : "Nothing scheduled."}</p>
      )}
      {past ? (
        <Pagination
          label="Past sessions"
          previous={page > 1 ? { to: `/sessions?when=past&page=${page - 1}`, text: "Newer sessions" } : null}
          next={older ? { to: `/sessions?when=past&page=${page + 1}`, text: "Older sessions" } : null}
        />
      ) : null}
    </>
  );
}
