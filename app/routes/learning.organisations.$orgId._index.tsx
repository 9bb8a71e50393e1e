import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { has, requireAnyPermission } from "~/auth/guard.server";
import { NotificationBanner, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { STATUS_TAG } from "~/learning/components";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { organisationAssignments } from "~/learning/assignments.server";
import { assertCanOversee, organisationProgress } from "~/learning/oversight.server";
import { staffTrainingRecords } from "~/learning/record.server";
import { formatShortDate } from "~/utils/dates";
import { Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Staff learning – ${data.organisation.name}` : "Staff learning");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "learning:oversee:own-organisation",
    "learning:oversee:any",
  ]);
  const orgId = idParam(params.orgId);
  await call(async () => assertCanOversee(auth, orgId));
  const p = await call(() => organisationProgress(getDb(), orgId));
  const assignments = await call(() => organisationAssignments(getDb(), auth, orgId));
  const assigned = new URL(request.url).searchParams.get("assigned");
  return {
    ...p,
    ...(await staffTrainingRecords(getDb(), p.rows)),
    assignments,
    assigned,
    canInvite: has(auth, "people:invite:own-organisation") || has(auth, "people:invite:any"),
    isLead: has(auth, "learning:oversee:any"),
  };
}

export default function OrganisationLearning() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      {d.isLead ? (
        <Link className="govuk-back-link" to="/learning/oversight">
          Back to every organisation
        </Link>
      ) : null}
      <span className="govuk-caption-l">{d.organisation.name}</span>
      <h1 className="govuk-heading-l">Staff learning</h1>
      <p className="govuk-body">
        {d.rows.length} {d.rows.length === 1 ? "person" : "people"} at {d.organisation.name}
        {d.organisation.district ? ` (${d.organisation.district})` : ""}.{" "}
        {d.canInvite ? (
          <Link className="govuk-link" to="/admin/people">
            Invite staff to Lantern
          </Link>
        ) : null}
      </p>

      {d.assigned ? (
        <NotificationBanner>
          Assigned to {d.assigned} {d.assigned === "1" ? "person" : "people"}, who{" "}
          {d.assigned === "1" ? "has" : "have"} been emailed.
        </NotificationBanner>
      ) : null}
      <h2 className="govuk-heading-m">Assigned modules</h2>
      <p className="govuk-body">
        <Link
          className="govuk-button govuk-button--secondary"
          to={`/learning/organisations/${d.organisation.id}/assign`}
        >
          Assign a module
        </Link>
      </p>
      {d.assignments.length ? (
        <Table
          caption="Modules assigned to staff, overdue first"
          captionSize="hidden"
          rows={d.assignments}
          rowKey={(a) => a.id}
          columns={[
            { header: "Person", cell: (a) => a.name },
            { header: "Module", cell: (a) => a.title },
            { header: "Due by", cell: (a) => formatShortDate(`${a.due_on}T12:00:00Z`) },
            {
              header: "Status",
              cell: (a) =>
                a.state === "overdue" ? (
                  <Tag colour="red">Overdue</Tag>
                ) : a.state === "done" ? (
                  <Tag colour="green">Completed</Tag>
                ) : (
                  <Tag colour="blue">Due</Tag>
                ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body">No modules assigned yet.</p>
      )}

      <h2 className="govuk-heading-m">Training passport</h2>
      <p className="govuk-body">
        The share of your staff who have completed each module, and who have attended each training
        session.
      </p>
      <Table
        caption="Training passport: completions by module"
        captionSize="hidden"
        rows={d.passport}
        rowKey={(m) => m.moduleId}
        columns={[
          { header: "Module", cell: (m) => m.title, rowHeader: true },
          {
            header: "Completed",
            cell: (m) => (
              <>
                {m.completed} of {m.staff}
              </>
            ),
            numeric: true,
          },
          { header: "In progress", cell: (m) => m.inProgress, numeric: true },
          {
            header: "Share of staff completed",
            cell: (m) => (
              <>
                <span
                  style={{
                    display: "inline-block",
                    width: 120,
                    height: 12,
                    border: "1px solid #0b0c0c",
                    verticalAlign: "middle",
                    marginRight: 8,
                  }}
                  aria-hidden="true"
                >
                  <span
                    style={{
                      display: "block",
                      height: "100%",
                      width: `${m.percent}%`,
                      background: "#00703c",
                    }}
                  />
                </span>
                {m.percent}%
              </>
            ),
          },
        ]}
      />

      {d.sessionPassport.length ? (
        // The wrappers name the tables for the tests (Table takes no attributes of its own).
        <div data-record="session-passport">
          <Table
            caption="Training sessions: staff who attended"
            captionSize="s"
            rows={d.sessionPassport}
            rowKey={(x) => x.title}
            columns={[
              { header: "Session", cell: (x) => x.title, rowHeader: true },
              {
                header: "Attended",
                cell: (x) => (
                  <>
                    {x.attended} of {d.rows.length}
                  </>
                ),
                numeric: true,
              },
              { header: "Share of staff", cell: (x) => `${x.percent}%`, numeric: true },
            ]}
          />
        </div>
      ) : null}

      <h2 className="govuk-heading-m">Training record by person</h2>
      <p className="govuk-body">
        Each person&apos;s e-learning completed and training sessions attended, with their
        certificates: the record they see on their own learning page.
      </p>
      <div data-record="staff-records">
        <Table
          caption="Training record of each member of staff"
          captionSize="hidden"
          rows={d.records}
          rowKey={(r) => r.userId}
          columns={[
            {
              header: "Name",
              cell: (r) => <span data-record-person={r.email}>{r.name}</span>,
              rowHeader: true,
            },
            {
              header: "E-learning completed",
              cell: (r) =>
                r.modules.length ? (
                  <ul className="govuk-list govuk-!-margin-bottom-0">
                    {r.modules.map((m) => (
                      <li key={m.moduleId} className="govuk-body-s govuk-!-margin-bottom-1">
                        {m.title}, {formatShortDate(m.completedAt)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "None"
                ),
            },
            {
              header: "Training sessions attended",
              cell: (r) =>
                r.sessions.length ? (
                  <ul className="govuk-list govuk-!-margin-bottom-0">
                    {r.sessions.map((x, i) => (
                      <li
                        key={`${x.sessionId ?? "c"}-${i}`}
                        className="govuk-body-s govuk-!-margin-bottom-1"
                      >
                        {x.title}, {formatShortDate(`${x.date}T12:00:00Z`)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "None"
                ),
            },
            { header: "Certificates", cell: (r) => r.certificates, numeric: true },
          ]}
        />
      </div>

      <h2 className="govuk-heading-m">Progress by person</h2>
      <p className="govuk-body">
        <a
          className="govuk-link"
          href={`/learning/organisations/${d.organisation.id}/export.csv`}
          download
        >
          Download this table as a spreadsheet (CSV)
        </a>
      </p>
      <div
        style={{ overflowX: "auto" }}
        tabIndex={0}
        role="region"
        aria-label="Staff by module table, scrolls sideways"
      >
        <Table
          caption="Each person's status in each module"
          captionSize="hidden"
          className="govuk-table--small-text-until-tablet"
          rows={d.rows}
          rowKey={(r) => r.userId}
          columns={[
            {
              header: "Name",
              rowHeader: true,
              cell: (r) => (
                <>
                  {r.name}
                  <br />
                  <span className="govuk-body-s" style={{ fontWeight: 400 }}>
                    {r.email}
                  </span>
                </>
              ),
            },
            // One column per module, in the order the loader lists them; each row's cells follow it.
            ...d.modules.map((m, i) => ({
              header: m.title,
              cell: (r: (typeof d.rows)[number]) => {
                const c = r.cells[i];
                return (
                  <>
                    <Tag colour={STATUS_TAG[c.status].colour}>{STATUS_TAG[c.status].text}</Tag>
                    {c.bestScore !== null ? (
                      <div className="govuk-body-s govuk-!-margin-0">Best score {c.bestScore}%</div>
                    ) : null}
                    {c.completedAt ? (
                      <div className="govuk-body-s govuk-!-margin-0">
                        Completed {formatShortDate(c.completedAt)}
                      </div>
                    ) : null}
                  </>
                );
              },
            })),
          ]}
        />
      </div>
    </>
  );
}
