import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { TableScroll } from "~/components/table-scroll";
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
        <TableScroll>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Classes</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Class
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Pupils in the class
                </th>
                <th scope="col" className="govuk-table__header">
                  Access needs
                </th>
                <th scope="col" className="govuk-table__header">
                  Class here
                </th>
                <th scope="col" className="govuk-table__header">
                  Pupils who came
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {classes.map((c) => (
                <tr className="govuk-table__row" key={c.id}>
                  <th scope="row" className="govuk-table__header">
                    {c.label}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{c.pupilCount}</td>
                  <td className="govuk-table__cell">{c.accessNeeds ?? "None recorded"}</td>
                  <td className="govuk-table__cell">
                    <Tick />
                  </td>
                  <td className="govuk-table__cell">
                    <span className="lantern-write-in" />
                  </td>
                </tr>
              ))}
              {classes.length === 0 ? (
                <tr className="govuk-table__row">
                  <td className="govuk-table__cell" colSpan={5}>
                    No classes are linked to this session yet. Write in the classes that come.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <>
          <TableScroll>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m">
                Booked ({bookers.filter((b) => !b.walkIn).length})
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Organisation
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Access needs
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Here
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {bookers.map((b) => (
                  <tr className="govuk-table__row" key={b.id}>
                    <th scope="row" className="govuk-table__header">
                      {b.name}
                      {b.walkIn ? " (walk-in)" : ""}
                    </th>
                    <td className="govuk-table__cell">{b.organisation ?? ""}</td>
                    <td className="govuk-table__cell">{b.accessNeeds ?? "None given"}</td>
                    <td className="govuk-table__cell">
                      <Tick />
                    </td>
                  </tr>
                ))}
                {bookers.length === 0 ? (
                  <tr className="govuk-table__row">
                    <td className="govuk-table__cell" colSpan={4}>
                      Nobody has booked a place.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll>
            <table className="govuk-table lantern-register__blank">
              <caption className="govuk-table__caption govuk-table__caption--m">
                Walk-ins: write in anyone who comes without booking
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    {certificates ? "Email (for a certificate)" : "Email"}
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Organisation
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Access needs
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {Array.from({ length: BLANK_ROWS }, (_, i) => (
                  <tr className="govuk-table__row" key={i}>
                    <td className="govuk-table__cell">
                      <span className="govuk-visually-hidden">Walk-in {i + 1}</span>
                    </td>
                    <td className="govuk-table__cell" />
                    <td className="govuk-table__cell" />
                    <td className="govuk-table__cell" />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}
