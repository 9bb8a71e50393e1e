import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { ListPages } from "~/components/filters";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { StatusTag, timeRange } from "~/sessions/components";
import { scheduleListing, type ListedSession } from "~/sessions/delivery.server";
import { viewerOf } from "~/sessions/scope.server";
import { formatLongDate } from "~/utils/dates";
import { pageFrom } from "~/utils/paging";
import { Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.all ? "Sessions" : "My schedule");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const viewer = viewerOf(auth);
  const url = new URL(request.url);
  const past = url.searchParams.get("when") === "past";
  const listing = await scheduleListing(getDb(), viewer, { past, page: pageFrom(url) });
  return { ...listing, past, all: viewer.all, trainer: viewer.trainer };
}

function SessionTable({
  caption,
  sessions,
  showTrainers,
}: {
  caption: string;
  sessions: ListedSession[];
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
              {s.place ?? "—"}
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
