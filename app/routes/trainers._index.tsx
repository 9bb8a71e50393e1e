import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { FilterButtons, FilterSearch, ListPages } from "~/components/filters";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { trainerListing } from "~/sessions/scheduling.server";
import { schedulingSettings } from "~/sessions/scope.server";
import { now } from "~/utils/clock.server";
import { formatDay, londonToday } from "~/utils/dates";
import { pageFrom } from "~/utils/paging";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Trainers' checks");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "booking:schedule:any");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const { complianceWarningDays } = await schedulingSettings(getDb());
  const today = londonToday(now());
  const [y, m, d] = today.split("-").map(Number);
  const soon = new Date(Date.UTC(y, m - 1, d + complianceWarningDays)).toISOString().slice(0, 10);
  const trainers = await trainerListing(getDb(), { search: q, page: pageFrom(url) });
  return { trainers, q, today, soon, complianceWarningDays };
}

function State({ date, today, soon }: { date: string | null; today: string; soon: string }) {
  if (!date) return <Tag colour="red">Not recorded</Tag>;
  if (date < today)
    return (
      <>
        <Tag colour="red">Lapsed</Tag> {formatDay(date)}
      </>
    );
  if (date <= soon)
    return (
      <>
        <Tag colour="orange">Runs out soon</Tag> {formatDay(date)}
      </>
    );
  return <>{formatDay(date)}</>;
}

export default function Trainers() {
  const { trainers, q, today, soon, complianceWarningDays } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1 className="govuk-heading-l">Trainers&apos; checks</h1>
      <p className="govuk-body">
        Lantern will not assign a trainer whose enhanced DBS check or safeguarding training has
        lapsed or runs out before the session, and warns
        {` ${complianceWarningDays}`} days ahead.
      </p>
      {params.get("saved") ? (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          The trainer&apos;s checks have been saved.
        </p>
      ) : null}
      <form method="get" action="/trainers" role="search" aria-label="Search trainers">
        <FilterSearch name="q" label="Name or email address" value={q} width="two-thirds" />
        <FilterButtons clearTo="/trainers" filtered={!!q} plural={false} />
      </form>
      <Table
        caption={q ? `Trainers matching “${q}”, by name` : "Trainers, by name"}
        rows={trainers.rows}
        empty={
          trainers.total
            ? "Nothing on this page."
            : q
              ? `No trainers match “${q}”.`
              : "No trainers yet."
        }
        rowKey={(t) => t.id}
        columns={[
          {
            header: "Trainer",
            cell: (t) => (
              <>
                <Link className="govuk-link" to={`/trainers/${t.id}`}>
                  {t.name}
                </Link>
                <span className="govuk-body-s govuk-!-display-block">{t.organisation_name}</span>
              </>
            ),
          },
          {
            header: "DBS check runs out",
            cell: (t) => <State date={t.dbs_expires_on} today={today} soon={soon} />,
          },
          {
            header: "Safeguarding training runs out",
            cell: (t) => <State date={t.safeguarding_expires_on} today={today} soon={soon} />,
          },
        ]}
      />
      <ListPages label="Pages of trainers" noun="trainers" paged={trainers} />
    </>
  );
}
