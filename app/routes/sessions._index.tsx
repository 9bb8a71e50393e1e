import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { ListPages } from "~/components/filters";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { StatusTag, timeRange } from "~/sessions/components";
import { countSessions, listSessions } from "~/sessions/delivery.server";
import { viewerOf } from "~/sessions/scope.server";
import { nowIso } from "~/utils/clock.server";
import { formatLongDate } from "~/utils/dates";
import { PAGE_SIZE, pageFrom, pageWindow } from "~/utils/paging";
import { Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.all ? "Sessions" : "My schedule");

// Two hundred a page: a term's sessions for a lead fit on one or two.
const SESSIONS_PAGE = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const viewer = viewerOf(auth);
  const url = new URL(request.url);
  const past = url.searchParams.get("when") === "past";
  const page = pageFrom(url);
  const t = nowIso();
  // Past sessions newest first, upcoming soonest first, a page at a time with the whole count, so
  // nothing drops off the end unsaid (issue 12, item 8; issue 16, item 4).
  const filter = past ? { to: t } : { from: t, statuses: ["scheduled", "postponed"] };
  const [rows, total] = await Promise.all([
    listSessions(getDb(), viewer, {
      ...filter,
      newestFirst: past,
      ...pageWindow(page, SESSIONS_PAGE),
    }),
    countSessions(getDb(), viewer, filter),
  ]);
  // A trainer's "to do" is the past sessions not yet marked delivered, newest first (on page 1).
  const toRecordFilter = { to: t, statuses: ["scheduled"] };
  const [toRecord, toRecordTotal] =
    past || page > 1
      ? [[], 0]
      : await Promise.all([
          listSessions(getDb(), viewer, { ...toRecordFilter, newestFirst: true, limit: PAGE_SIZE }),
          countSessions(getDb(), viewer, toRecordFilter),
        ]);
  return {
    sessions: { rows, page, pageSize: SESSIONS_PAGE, total },
    toRecord,
    toRecordTotal,
    past,
    all: viewer.all,
    trainer: viewer.trainer,
  };
}

function SessionTable({
  caption,
  sessions,
  showTrainers,
}: {
  caption: string;
  sessions: ReturnType<typeof useLoaderData<typeof loader>>["sessions"]["rows"];
  showTrainers: boolean;
}) {
  return (
    <Table
      caption={caption}
      rows={sessions}
      rowKey={(s) => s.id}
      columns={[
        {
          header: "When",
          cell: (s) => (
            <>
              {formatLongDate(s.starts_at)}
              <span className="govuk-!-display-block">{timeRange(s.starts_at, s.ends_at)}</span>
            </>
          ),
        },
        {
          header: "Session",
          cell: (s) => (
            <>
              <Link className="govuk-link" to={`/sessions/${s.id}`}>
                {s.title}
              </Link>
              {s.series_index ? (
                <span className="govuk-body-s govuk-!-display-block">
                  Meeting {s.series_index} of {s.series_length}
                </span>
              ) : null}
            </>
          ),
        },
        {
          header: "Where",
          cell: (s) => (
            <>
              {s.setting_name ?? s.venue ?? "—"}
              {s.district_name ? (
                <span className="govuk-body-s govuk-!-display-block">{s.district_name}</span>
              ) : null}
            </>
          ),
        },
        showTrainers && { header: "Trainers", cell: (s) => s.trainers.join(", ") || "—" },
        { header: "Status", cell: (s) => <StatusTag status={s.status} /> },
      ]}
    />
  );
}

export default function MySchedule() {
  const { sessions, toRecord, toRecordTotal, past, all, trainer } = useLoaderData<typeof loader>();
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
      {toRecord.length ? (
        <SessionTable
          caption={
            toRecordTotal > toRecord.length
              ? `Waiting for attendance (the latest ${toRecord.length} of ${toRecordTotal.toLocaleString("en-GB")})`
              : "Waiting for attendance"
          }
          sessions={toRecord}
          showTrainers={all}
        />
      ) : null}
      {sessions.rows.length ? (
        <SessionTable
          caption={past ? "Past sessions, newest first" : "Coming up"}
          sessions={sessions.rows}
          showTrainers={all}
        />
      ) : (
        <p className="govuk-body">
          {sessions.total
            ? "Nothing on this page."
            : past
              ? "No past sessions."
              : "Nothing scheduled."}
        </p>
      )}
      <ListPages
        label={past ? "Past sessions" : "Sessions coming up"}
        noun="sessions"
        paged={sessions}
      />
    </>
  );
}
