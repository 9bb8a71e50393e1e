import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { Table } from "~/components/table";
import { getDb } from "~/db/db.server";
import { audienceLabel } from "~/sessions/audiences";
import { BackLink, timeRange } from "~/sessions/components";
import { earnsCertificates } from "~/sessions/certificates.server";
import { getSession } from "~/sessions/delivery.server";
import { placeOf } from "~/sessions/format";
import { viewerOf } from "~/sessions/scope.server";
import { formatLongDate } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { idParam } from "~/utils/params";

// The trainer's printed register (issue 17, item 7): the session's classes with their pupil counts,
// or its bookers with their access needs, and boxes to tick on the day; blank rows to write in
// walk-ins. Attendance is then entered on the attendance page. Printing drops everything but the
// register (app.scss, @media print).

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Register: ${data.session.title}` : "Register");

/** Rows left blank for walk-ins to be written in. */
const BLANK_ROWS = 8;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const found = await getSession(getDb(), viewerOf(auth), idParam(params.id));
  if (!found || found.access === "read") notFound("session");
  const { session: s, place, trainers, classes, registrations } = found;
  return {
    session: {
      id: s.id,
      title: s.title,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      audience: s.audience,
      place: placeOf(s),
      address: place.address,
      postcode: place.postcode,
      // placeOf names the setting already when the session has no venue of its own.
      setting: s.venue && s.setting_name && s.setting_name !== s.venue ? s.setting_name : null,
    },
    trainers: trainers.map((t) => t.name),
    certificates: earnsCertificates(s.audience),
    classes,
    // Bookers whose details were removed under the retention rules are still a place to tick.
    bookers: registrations.map((r) => ({
      id: r.id,
      name: r.anonymised_at ? "A booker (details removed)" : r.name,
      organisation: r.anonymised_at ? null : r.organisation_name,
      accessNeeds: r.anonymised_at ? null : r.access_needs,
      walkIn: !!r.is_walk_in,
    })),
  };
}

function Tick() {
  return <span className="lantern-tick" aria-hidden="true" />;
}

export default function Register() {
  const { session: s, trainers, certificates, classes, bookers } = useLoaderData<typeof loader>();
  const pupils = s.audience === "pupils";
  return (
    <div className="lantern-printout lantern-register">
      <BackLink to={`/sessions/${s.id}`}>Back to the run-sheet</BackLink>
      <span className="govuk-caption-l">
        {formatLongDate(s.startsAt).replace(",", "")}, {timeRange(s.startsAt, s.endsAt)}
      </span>
      <h1 className="govuk-heading-l">Register: {s.title}</h1>
      <p className="govuk-body">
        {s.place}
        {s.setting ? `, ${s.setting}` : ""}
        {s.address ? `, ${s.address.replace(/\s*\n\s*/g, ", ")}` : ""}
        {s.postcode ? `, ${s.postcode}` : ""}
        <br />
        {audienceLabel(s.audience)} · Trainers: {trainers.join(", ") || "none assigned"}
      </p>
      <p className="govuk-body lantern-no-print">
        Print this page (Ctrl and P, or Print in your browser’s menu) and tick on the day. Then
        enter attendance on the run-sheet.
      </p>
      {pupils ? (
        <Table
          caption="Classes"
          columns={[
            { header: "Class", rowHeader: true, cell: (c) => c.label },
            { header: "Pupils in the class", numeric: true, cell: (c) => c.pupilCount },
            { header: "Access needs", cell: (c) => c.accessNeeds ?? "None recorded" },
            { header: "Class here", cell: () => <Tick /> },
            { header: "Pupils who came", cell: () => <span className="lantern-write-in" /> },
          ]}
          rows={classes}
          rowKey={(c) => c.id}
          empty="No classes are linked to this session yet. Write in the classes that come."
        />
      ) : (
        <>
          <Table
            caption={`Booked (${bookers.filter((b) => !b.walkIn).length})`}
            columns={[
              {
                header: "Name",
                rowHeader: true,
                cell: (b) => `${b.name}${b.walkIn ? " (walk-in)" : ""}`,
              },
              { header: "Organisation", cell: (b) => b.organisation ?? "" },
              { header: "Access needs", cell: (b) => b.accessNeeds ?? "None given" },
              { header: "Here", cell: () => <Tick /> },
            ]}
            rows={bookers}
            rowKey={(b) => b.id}
            empty="Nobody has booked a place."
          />
          {/* Rows left empty to write in, tall enough for handwriting (app.scss). */}
          <div className="lantern-register__blank">
            <Table
              caption="Walk-ins: write in anyone who comes without booking"
              columns={[
                {
                  header: "Name",
                  cell: (n) => <span className="govuk-visually-hidden">Walk-in {n}</span>,
                },
                { header: certificates ? "Email (for a certificate)" : "Email", cell: () => null },
                { header: "Organisation", cell: () => null },
                { header: "Access needs", cell: () => null },
              ]}
              rows={Array.from({ length: BLANK_ROWS }, (_, i) => i + 1)}
              rowKey={(n) => n}
            />
          </div>
        </>
      )}
    </div>
  );
}
