import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { ListPages } from "~/components/filters";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { parsePreferred, requestQueue } from "~/sessions/requests.server";
import { checksNeedingAttention } from "~/sessions/route-helpers.server";
import { formatClockTime, formatDate, formatDay } from "~/utils/dates";
import { pageFrom } from "~/utils/paging";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Requests to schedule");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "booking:schedule:any");
  const queue = await requestQueue(getDb(), pageFrom(new URL(request.url)));
  const checks = await checksNeedingAttention(getDb());
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
        <NotificationBanner
          heading={
            <>
              Scheduled.{" "}
              <Link
                className="govuk-notification-banner__link"
                to={`/sessions/${params.get("scheduled")}`}
              >
                Open the session
              </Link>
              . The school and the trainers have been emailed.
            </>
          }
        />
      ) : null}
      {params.get("declined") ? (
        <NotificationBanner heading="The request is declined, and the school's coordinator has been emailed your reason." />
      ) : null}
      {params.get("proposed") ? (
        <NotificationBanner heading="The other dates are proposed, and the school's coordinator has been emailed them." />
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
      {checks.total ? (
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
              {checks.named.map((c) => (
                <li key={c.id}>
                  <Link className="govuk-link" to={`/trainers/${c.id}`}>
                    {c.name}
                  </Link>
                  : {c.note}
                </li>
              ))}
            </ul>
            {checks.total > checks.named.length ? (
              <p className="govuk-body govuk-!-margin-bottom-0">
                <Link className="govuk-link" to="/trainers">
                  {(checks.total - checks.named.length).toLocaleString("en-GB")} more{" "}
                  {checks.total - checks.named.length === 1 ? "trainer" : "trainers"} in
                  trainers&apos; checks
                </Link>
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
      {queue.rows.length ? (
        <Table
          caption={`${queue.total.toLocaleString("en-GB")} ${queue.total === 1 ? "request" : "requests"} waiting`}
          rows={queue.rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: "Request",
              cell: (r) => (
                <>
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
                </>
              ),
            },
            {
              header: "School",
              cell: (r) => (
                <>
                  {r.setting_name}
                  {r.district_name ? (
                    <span className="govuk-body-s govuk-!-display-block">{r.district_name}</span>
                  ) : null}
                </>
              ),
            },
            {
              header: "Preferred dates",
              cell: (r) =>
                r.preferred
                  .map(
                    (p) => `${formatDay(p.date)}${p.time ? ` at ${formatClockTime(p.time)}` : ""}`,
                  )
                  .join("; ") || "—",
            },
            { header: "Received", cell: (r) => formatDate(r.created_at) },
          ]}
        />
      ) : (
        <p className="govuk-body">
          {queue.total ? "There are no requests on this page." : "There are no requests waiting."}
        </p>
      )}
      <ListPages label="Requests to schedule" noun="requests" paged={queue} />
    </>
  );
}
