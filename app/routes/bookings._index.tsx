import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { requestStatus, StatusTag } from "~/sessions/components";
import { listRequestsForSchools } from "~/sessions/requests.server";
import { viewerOf } from "~/sessions/scope.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Your booking requests");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "booking:request:own-school");
  return { requests: await listRequestsForSchools(getDb(), viewerOf(auth).schoolIds) };
}

export default function Bookings() {
  const { requests } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const sent = Number(params.get("sent") ?? 0);
  return (
    <>
      {sent ? (
        <NotificationBanner
          heading={
            <>
              {sent === 1 ? "Your request has been sent." : `Your ${sent} requests have been sent.`}{" "}
              We have emailed you a copy.
            </>
          }
        />
      ) : null}
      <h1 className="govuk-heading-l">Your booking requests</h1>
      <p className="govuk-body">
        <Link to="/bookings/new" className="govuk-button govuk-!-margin-bottom-0">
          Request a session
        </Link>{" "}
        <Link to="/classes" className="govuk-link govuk-!-margin-left-3">
          Your classes
        </Link>
      </p>
      {requests.length ? (
        <Table
          caption="Requests, newest first"
          rows={requests}
          rowKey={(r) => r.id}
          columns={[
            {
              header: "Session",
              cell: (r) => (
                <>
                  <Link className="govuk-link" to={`/bookings/${r.id}`}>
                    {r.offering_title}
                  </Link>
                  {r.package_id ? (
                    <span className="govuk-body-s govuk-!-display-block">Part of a package</span>
                  ) : null}
                </>
              ),
            },
            {
              header: "Classes",
              cell: (r) => (r.classes.length ? r.classes.map((c) => c.label).join(", ") : "—"),
            },
            { header: "Requested", cell: (r) => formatDate(r.created_at) },
            {
              header: "Status",
              cell: (r) => (
                <>
                  <StatusTag status={requestStatus(r.status, r.sessions)} />
                  {r.status === "requested" && r.proposed_dates ? (
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">
                      Other dates proposed:{" "}
                      <Link className="govuk-link" to={`/bookings/${r.id}`}>
                        answer
                        <span className="govuk-visually-hidden"> for {r.offering_title}</span>
                      </Link>
                    </span>
                  ) : null}
                </>
              ),
            },
            {
              header: "When",
              cell: (r) => {
                const live = r.sessions.filter((s) => s.status !== "cancelled");
                return live.length === 0
                  ? "—"
                  : live.length === 1
                    ? formatDateTime(live[0].starts_at)
                    : `${live.length} meetings from ${formatDate(live[0].starts_at)}`;
              },
            },
          ]}
        />
      ) : (
        <p className="govuk-body">You have not requested any sessions yet.</p>
      )}
    </>
  );
}
