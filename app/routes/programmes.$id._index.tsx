import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { NotificationBanner, pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink } from "~/sessions/components";
import { listOfferings } from "~/sessions/offerings.server";
import { getProgramme, programmeProgress } from "~/sessions/programmes.server";
import { formatDay } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.programme.name ?? "Programme");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const found = await getProgramme(getDb(), idParam(params.id));
  if (!found) notFound("programme");
  return {
    programme: found.programme,
    progress: await programmeProgress(getDb(), idParam(params.id)),
    offerings: await listOfferings(getDb(), { programmeId: idParam(params.id) }),
  };
}

const n = new Intl.NumberFormat("en-GB");

function Progress({ value, target }: { value: number; target: number | null }) {
  if (!target) return <>{n.format(value)}</>;
  const pct = Math.round((value / target) * 100);
  return (
    <>
      {`${n.format(value)} of ${n.format(target)} (${pct}%)`}
      <div className="lantern-progress" aria-hidden="true">
        <div className="lantern-progress__bar" style={{ width: `${Math.min(100, pct)}%` }} />
      </div>
    </>
  );
}

export default function ProgrammePage() {
  const { programme, progress, offerings } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <BackLink to="/programmes">Programmes</BackLink>
      {params.get("saved") ? <NotificationBanner heading="The programme has been saved." /> : null}
      <h1 className="govuk-heading-l">{programme.name}</h1>
      {programme.description ? <p className="govuk-body">{programme.description}</p> : null}
      <SummaryList
        rows={[
          {
            key: "Runs",
            value: `${formatDay(programme.starts_on)} to ${formatDay(programme.ends_on)}`,
            action: (
              <Link className="govuk-link" to={`/programmes/${programme.id}/edit`}>
                Change<span className="govuk-visually-hidden"> the programme and its targets</span>
              </Link>
            ),
          },
        ]}
      />
      <Table
        caption="Delivered against target"
        tableProps={{ "data-testid": "progress" }}
        rows={progress}
        rowKey={(p) => p.audience}
        rowProps={(p) => ({ "data-audience": p.audience })}
        columns={[
          { header: "Audience", cell: (p) => p.label, rowHeader: true },
          {
            header: "Sessions delivered",
            cell: (p) => <Progress value={p.sessionsDelivered} target={p.sessionsTarget} />,
            cellProps: () => ({ "data-figure": "sessions" }),
          },
          {
            header: "People reached",
            cell: (p) => <Progress value={p.peopleReached} target={p.peopleTarget} />,
            cellProps: () => ({ "data-figure": "people" }),
          },
          { header: "Scheduled", cell: (p) => n.format(p.sessionsScheduled), numeric: true },
        ]}
      />
      <p className="govuk-body-s">
        A series of group-work meetings counts as one session. Pupils are counted from each
        class&apos;s attendance, each class once in the programme; other audiences from bookers
        marked attended plus walk-ins.
      </p>
      <h2 className="govuk-heading-m">Offerings</h2>
      {offerings.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {offerings.map((o) => (
            <li key={o.id}>
              <Link className="govuk-link" to={`/offerings/${o.id}`}>
                {o.title}
              </Link>{" "}
              — {o.audience_label}; {o.format_label}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No offerings yet.</p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/offerings/new">
          Add an offering
        </Link>
      </p>
    </>
  );
}
