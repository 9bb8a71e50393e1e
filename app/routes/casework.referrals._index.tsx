import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCasework } from "~/casework/access.server";
import { schoolReferrals, triageQueue } from "~/casework/referrals.server";
import { labelOf, REFERRAL_SOURCES } from "~/casework/rules";
import { NotificationBanner, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { YEAR_GROUPS } from "~/safeguarding/safeguarding";
import { formatDateTime, formatShortDate } from "~/utils/dates";
import { Table } from "~/components/table";

// Referrals. A cleared casework manager sees the triage queue; a school's safeguarding lead sees
// only the status of the referrals their school made (never notes, assessments or risk).
export const meta: MetaFunction = () => pageTitle("1-2-1 referrals");

const SCHOOL_STATUS: Record<
  string,
  { label: string; colour: "blue" | "green" | "red" | "grey" | "yellow" }
> = {
  pending: { label: "Received", colour: "blue" },
  accepted: { label: "Accepted", colour: "green" },
  declined: { label: "Declined", colour: "red" },
  signposted: { label: "Signposted elsewhere", colour: "yellow" },
  closed: { label: "Closed", colour: "grey" },
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "school"], "forbid");
  const referred = new URL(request.url).searchParams.get("referred") === "1";
  if (viewer.kind === "school")
    return {
      kind: "school" as const,
      referred,
      rows: await call(() => schoolReferrals(getDb(), viewer)),
    };
  const { pending, decided } = await call(() => triageQueue(getDb(), viewer));
  const row = (r: (typeof pending)[number]) => ({
    id: r.id,
    who: r.young_person_name ?? `${r.initials}, ${labelOf(YEAR_GROUPS, r.year_group)}`,
    source: labelOf(REFERRAL_SOURCES, r.source),
    programme: r.programme_name,
    school: r.school_name,
    at: r.created_at,
    status: r.status,
    caseId: r.case_id,
  });
  return {
    kind: "manager" as const,
    referred,
    pending: pending.map(row),
    decided: decided.map(row),
  };
}

export default function Referrals() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      {data.referred ? (
        <NotificationBanner title="Referral sent" heading="The referral has been received" />
      ) : null}
      <h1 className="govuk-heading-l">1-2-1 referrals</h1>
      {data.kind === "school" ? (
        <>
          <p className="govuk-body">
            The status of the referrals your school has made. What happens in the young
            person&apos;s support stays between them and their caseworker.
          </p>
          <Link
            to="/casework/referrals/new"
            role="button"
            draggable={false}
            className="govuk-button"
            data-module="govuk-button"
          >
            Refer a young person
          </Link>
          <Table
            caption="Your school's referrals"
            rows={data.rows}
            rowKey={(r) => r.id}
            empty="Your school has not made any referrals."
            columns={[
              { header: "Young person", cell: (r) => r.name },
              { header: "Programme", cell: (r) => r.programme },
              { header: "Referred", cell: (r) => formatShortDate(r.referredAt) },
              {
                header: "Status",
                cell: (r) => (
                  <>
                    <Tag colour={SCHOOL_STATUS[r.status]!.colour}>
                      {SCHOOL_STATUS[r.status]!.label}
                    </Tag>
                    {r.declineReason ? (
                      <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                        {r.declineReason}
                      </p>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        </>
      ) : (
        <>
          <p className="govuk-body">
            <Link to="/casework/referrals/new" className="govuk-link">
              Record a MACE panel referral
            </Link>{" "}
            ·{" "}
            <Link to="/casework" className="govuk-link">
              Caseload
            </Link>
          </p>
          <ReferralTable
            caption={`Waiting for triage (${data.pending.length})`}
            rows={data.pending}
            empty="No referrals are waiting."
          />
          <ReferralTable caption="Recently decided" rows={data.decided} empty="No decisions yet." />
        </>
      )}
    </>
  );
}

type ManagerRow = {
  id: string;
  who: string;
  source: string;
  programme: string;
  school: string | null;
  at: string;
  status: string;
  caseId: string | null;
};

function ReferralTable({
  caption,
  rows,
  empty,
}: {
  caption: string;
  rows: ManagerRow[];
  empty: string;
}) {
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={[
        {
          header: "Young person",
          cell: (r) => (
            <Link to={`/casework/referrals/${r.id}`} className="govuk-link">
              {r.who}
            </Link>
          ),
        },
        {
          header: "From",
          cell: (r) => (
            <>
              {r.source}
              {r.school ? (
                <>
                  <br />
                  <span className="govuk-body-s">{r.school}</span>
                </>
              ) : null}
            </>
          ),
        },
        { header: "Programme", cell: (r) => r.programme },
        { header: "Received", cell: (r) => formatDateTime(r.at) },
        { header: "Status", cell: (r) => SCHOOL_STATUS[r.status]?.label ?? r.status },
      ]}
    />
  );
}
