import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseStatusTag } from "~/casework/CaseHeader";
import { requireCasework } from "~/casework/access.server";
import { caseload } from "~/casework/cases.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { formatDay } from "~/utils/dates";
import { Table } from "~/components/table";

// The caseload: a caseworker's own cases; every case for a cleared casework manager, with the
// flags that need attention (assessment overdue, follow-up after a missed contact, quiet cases).
export const meta: MetaFunction = () => pageTitle("Caseload");

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"], "forbid");
  const cases = await call(() => caseload(getDb(), viewer));
  return { manager: viewer.kind === "manager", cases };
}

export default function Caseload() {
  const { manager, cases } = useLoaderData<typeof loader>();
  const open = cases.filter((c) => c.status !== "closed");
  const closed = cases.filter((c) => c.status === "closed");
  return (
    <>
      <h1 className="govuk-heading-l">{manager ? "Caseload: every case" : "Your caseload"}</h1>
      {manager ? (
        <p className="govuk-body">
          <Link to="/casework/referrals" className="govuk-link">
            Referrals waiting for triage
          </Link>{" "}
          ·{" "}
          <Link to="/casework/referrals/new" className="govuk-link">
            Record a MACE panel referral
          </Link>{" "}
          ·{" "}
          <Link to="/reports/casework" className="govuk-link">
            Casework figures
          </Link>{" "}
          ·{" "}
          <Link to="/casework/subject-access" className="govuk-link">
            Subject access and retention
          </Link>{" "}
          ·{" "}
          <Link to="/casework/programmes" className="govuk-link">
            Programmes and assessments
          </Link>
        </p>
      ) : null}
      <CaseTable
        caption={`Open and awaiting consent (${open.length})`}
        cases={open}
        manager={manager}
      />
      {closed.length ? (
        <CaseTable caption={`Closed (${closed.length})`} cases={closed} manager={manager} />
      ) : null}
    </>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["cases"][number];

function CaseTable({
  caption,
  cases,
  manager,
}: {
  caption: string;
  cases: Row[];
  manager: boolean;
}) {
  return (
    <Table
      caption={caption}
      rows={cases}
      rowKey={(c) => c.id}
      empty="No cases."
      columns={[
        {
          header: "Young person",
          cell: (c) => (
            <>
              <Link to={`/casework/cases/${c.id}`} className="govuk-link">
                {c.name}
              </Link>
              {c.school ? (
                <>
                  <br />
                  <span className="govuk-body-s">{c.school}</span>
                </>
              ) : null}
            </>
          ),
        },
        { header: "Programme", cell: (c) => c.programme },
        manager && { header: "Caseworker", cell: (c) => c.caseworker ?? "Not allocated" },
        { header: "Status", cell: (c) => <CaseStatusTag status={c.status} /> },
        {
          header: "Last attended contact",
          cell: (c) => (c.lastAttendedOn ? formatDay(c.lastAttendedOn) : "None yet"),
        },
        {
          header: "Needs attention",
          cell: (c) => (
            <ul className="govuk-list govuk-!-margin-bottom-0">
              {c.status === "awaiting_consent" ? <li>Record consent</li> : null}
              {c.assessment ? (
                <li>
                  {c.assessment.overdue ? (
                    <Tag colour="red">Assessment overdue</Tag>
                  ) : (
                    `Assessment due ${formatDay(c.assessment.dueOn)}`
                  )}
                </li>
              ) : null}
              {c.followUpNeeded ? (
                <li>
                  {c.escalate ? (
                    <Tag colour="red">Missed contacts: escalate</Tag>
                  ) : (
                    <Tag colour="orange">Follow up a missed contact</Tag>
                  )}
                </li>
              ) : null}
              {c.quiet ? (
                <li>
                  <Tag colour="yellow">Quiet</Tag>
                </li>
              ) : null}
            </ul>
          ),
        },
      ]}
    />
  );
}
