import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { requestStatus, StatusTag } from "~/sessions/components";
import { listRequestsForSchools } from "~/sessions/requests.server";
import { viewerOf } from "~/sessions/scope.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

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
        <NotificationBanner>
          <p className="govuk-notification-banner__heading">
            {sent === 1 ? "Your request has been sent." : `Your ${sent} requests have been sent.`}{" "}
            We have emailed you a copy.
          </p>
        </NotificationBanner>
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
        <TableScroll>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">
              Requests, newest first
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Session
                </th>
                <th scope="col" className="govuk-table__header">
                  Classes
                </th>
                <th scope="col" className="govuk-table__header">
                  Requested
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header">
                  When
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {requests.map((r) => {
                const live = r.sessions.filter((s) => s.status !== "cancelled");
                return (
                  <tr className="govuk-table__row" key={r.id}>
                    <td className="govuk-table__cell">
                      <Link className="govuk-link" to={`/bookings/${r.id}`}>
                        {r.offering_title}
                      </Link>
                      {r.package_id ? (
                        <span className="govuk-body-s govuk-!-display-block">
                          Part of a package
                        </span>
                      ) : null}
                    </td>
                    <td className="govuk-table__cell">
                      {r.classes.length ? r.classes.map((c) => c.label).join(", ") : "—"}
                    </td>
                    <td className="govuk-table__cell">{formatDate(r.created_at)}</td>
                    <td className="govuk-table__cell">
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
                    </td>
                    <td className="govuk-table__cell">
                      {live.length === 0
                        ? "—"
                        : live.length === 1
                          ? formatDateTime(live[0].starts_at)
                          : `${live.length} meetings from ${formatDate(live[0].starts_at)}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">You have not requested any sessions yet.</p>
      )}
    </>
  );
}
