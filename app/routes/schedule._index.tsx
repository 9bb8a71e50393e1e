import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { ListPages } from "~/components/filters";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { parsePreferred, requestQueue } from "~/sessions/requests.server";
import { trainerOptions } from "~/sessions/route-helpers.server";
import { formatClockTime, formatDate, formatDay } from "~/utils/dates";
import { pageFrom } from "~/utils/paging";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => pageTitle("Requests to schedule");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "booking:schedule:any");
  const queue = await requestQueue(getDb(), pageFrom(new URL(request.url)));
  // Trainers whose checks have lapsed or run out soon, so leads see it before they need them.
  const checks = (await trainerOptions(getDb()))
    .filter((t) => !t.hint.startsWith("Checks valid"))
    .map((t) => ({ id: t.value, name: t.label, note: t.hint }));
  return {
    queue: {
      ...queue,
      rows: queue.rows.map((r) => ({ ...r, preferred: parsePreferred(r.preferred_dates) })),
    },
    checks,
  };
}

export default function Schedule() {
  const { queue, checks } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("scheduled") ? (
        <NotificationBanner>
          <p className="govuk-notification-banner__heading">
            Scheduled.{" "}
            <Link
              className="govuk-notification-banner__link"
              to={`/sessions/${params.get("scheduled")}`}
            >
              Open the session
            </Link>
            . The school and the trainers have been emailed.
          </p>
        </NotificationBanner>
      ) : null}
      {params.get("declined") ? (
        <NotificationBanner>
          <p className="govuk-notification-banner__heading">
            The request is declined, and the school's coordinator has been emailed your reason.
          </p>
        </NotificationBanner>
      ) : null}
      {params.get("proposed") ? (
        <NotificationBanner>
          <p className="govuk-notification-banner__heading">
            The other dates are proposed, and the school&apos;s coordinator has been emailed them.
          </p>
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">Requests to schedule</h1>
      <p className="govuk-body">
        Oldest first. Also:{" "}
        <Link className="govuk-link" to="/sessions">
          all sessions
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to="/trainers">
          trainers&apos; checks
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to="/term-dates">
          term dates
        </Link>
      </p>
      {checks.length ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              Trainers&apos; checks need attention:
            </p>
            <ul className="govuk-list govuk-list--bullet">
              {checks.map((c) => (
                <li key={c.id}>
                  <Link className="govuk-link" to={`/trainers/${c.id}`}>
                    {c.name}
                  </Link>
                  : {c.note}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {queue.rows.length ? (
        <TableScroll>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">
              {queue.total.toLocaleString("en-GB")} {queue.total === 1 ? "request" : "requests"}{" "}
              waiting
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Request
                </th>
                <th scope="col" className="govuk-table__header">
                  School
                </th>
                <th scope="col" className="govuk-table__header">
                  Preferred dates
                </th>
                <th scope="col" className="govuk-table__header">
                  Received
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {queue.rows.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/schedule/${r.id}`}>
                      {r.offering_title}
                      <span className="govuk-visually-hidden"> for {r.setting_name}</span>
                    </Link>
                    {r.classes.length ? (
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                        {r.classes.map((c) => c.label).join(", ")}
                      </span>
                    ) : null}
                    {r.series_length > 1 ? (
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                        Series of {r.series_length}
                      </span>
                    ) : null}
                    {r.package_id ? (
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                        Part of a package of {r.package_size} from this school
                      </span>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">
                    {r.setting_name}
                    {r.district_name ? (
                      <span className="govuk-body-s govuk-!-display-block">{r.district_name}</span>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">
                    {r.preferred
                      .map(
                        (p) =>
                          `${formatDay(p.date)}${p.time ? ` at ${formatClockTime(p.time)}` : ""}`,
                      )
                      .join("; ") || "—"}
                  </td>
                  <td className="govuk-table__cell">{formatDate(r.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">
          {queue.total ? "There are no requests on this page." : "There are no requests waiting."}
        </p>
      )}
      <ListPages label="Requests to schedule" noun="requests" paged={queue} />
    </>
  );
}
