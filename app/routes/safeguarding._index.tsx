import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { has, requireAnyPermission } from "~/auth/guard.server";
import { ListPages } from "~/components/filters";
import { pageTitle, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { canSeeSafeguarding } from "~/safeguarding/access.server";
import { viewRecords } from "~/safeguarding/records.server";
import {
  CATEGORIES,
  CONSENT,
  DESTINATIONS,
  labelOf,
  YEAR_GROUPS,
} from "~/safeguarding/safeguarding";
import { formatDateTime, formatShortDate } from "~/utils/dates";
import { forbidden } from "~/utils/errors.server";
import { pageFrom } from "~/utils/paging";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

// All safeguarding records a cleared person may see, a page at a time, newest first: leads every
// session's, trainers their own sessions'. The view is audited with the records shown.
export const meta: MetaFunction = () => pageTitle("Safeguarding log");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:view:any",
    "safeguarding:record:assigned",
  ]);
  const db = getDb();
  if (!(await canSeeSafeguarding(db, auth, null)))
    forbidden("Only staff with safeguarding clearance can see safeguarding records.");
  const allSessions = has(auth, "session:view:any");
  const listed = await viewRecords(
    db,
    { userId: auth.user.id, ip: clientIp(request), allSessions },
    pageFrom(new URL(request.url)),
  );
  return {
    allSessions,
    records: {
      ...listed,
      rows: listed.rows.map((r) => ({
        id: r.id,
        sessionId: r.session_id,
        session: `${r.title}, ${formatShortDate(r.starts_at)}`,
        place: r.setting_name ?? r.venue,
        kind: r.kind,
        category: labelOf(CATEGORIES, r.category),
        destination: r.destination ? labelOf(DESTINATIONS, r.destination) : "Not referred",
        person: `${r.initials}, ${labelOf(YEAR_GROUPS, r.year_group)}`,
        consent: labelOf(CONSENT, r.consent),
        at: r.created_at,
        by: r.recorded_by_name,
      })),
    },
  };
}

export default function SafeguardingLog() {
  const { records, allSessions } = useLoaderData<typeof loader>();
  const onePage = records.page === 1 && records.total <= records.pageSize;
  return (
    <>
      <h1 className="govuk-heading-l">Safeguarding log</h1>
      <WarningText>Your viewing of this page is recorded in the audit log.</WarningText>
      <p className="govuk-body">
        {allSessions
          ? "Concerns and referrals recorded after every session."
          : "Concerns and referrals recorded after the sessions you deliver."}{" "}
        To add a record, open the session&apos;s safeguarding log.
      </p>
      <Table
        caption={
          onePage
            ? `${records.total} ${records.total === 1 ? "record" : "records"}, newest first`
            : "Records, newest first"
        }
        rows={records.rows}
        rowKey={(r) => r.id}
        columns={[
          {
            header: "Recorded",
            cell: (r) => (
              <>
                {formatDateTime(r.at)}
                <br />
                <span className="govuk-body-s">by {r.by}</span>
              </>
            ),
          },
          {
            header: "Session",
            cell: (r) => (
              <>
                <Link className="govuk-link" to={`/sessions/${r.sessionId}/safeguarding`}>
                  {r.session}
                </Link>
                {r.place ? <span className="govuk-body-s"> · {r.place}</span> : null}
              </>
            ),
          },
          {
            header: "Type",
            cell: (r) => `${r.kind === "referral" ? "Referral" : "Concern"}: ${r.category}`,
          },
          { header: "Young person", cell: (r) => r.person },
          { header: "Passed to", cell: (r) => r.destination },
          { header: "Consent", cell: (r) => r.consent },
        ]}
      />
      <ListPages label="Pages of safeguarding records" noun="records" paged={records} />
    </>
  );
}
