import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { has, requireAnyPermission } from "~/auth/guard.server";
import { Pagination } from "~/components/filters";
import { pageTitle, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { canSeeSafeguarding } from "~/safeguarding/access.server";
import { RECORDS_PAGE, viewRecords } from "~/safeguarding/records.server";
import {
  CATEGORIES,
  CONSENT,
  DESTINATIONS,
  labelOf,
  YEAR_GROUPS,
} from "~/safeguarding/safeguarding";
import { formatDateTime, formatShortDate } from "~/utils/dates";
import { forbidden } from "~/utils/errors.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

// All safeguarding records a cleared person may see: leads every session's, trainers their own
// sessions'. The view is audited with the records shown.
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
  const n = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const page = Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  const { rows, older } = await viewRecords(
    db,
    { userId: auth.user.id, ip: clientIp(request), allSessions },
    page,
  );
  return {
    allSessions,
    page,
    older,
    first: (page - 1) * RECORDS_PAGE + 1,
    records: rows.map((r) => ({
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
  };
}

export default function SafeguardingLog() {
  const { records, allSessions, page, older, first } = useLoaderData<typeof loader>();
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
          page > 1 || older
            ? `Records ${first} to ${first + records.length - 1}, newest first${older ? " (older records on the next page)" : ""}`
            : `${records.length} ${records.length === 1 ? "record" : "records"}`
        }
        rows={records}
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
      <Pagination
        label="Pages of records"
        previous={page > 1 ? { to: `/safeguarding?page=${page - 1}`, text: "Newer records" } : null}
        next={older ? { to: `/safeguarding?page=${page + 1}`, text: "Older records" } : null}
      />
    </>
  );
}
