import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { ProgressBar } from "~/learning/components";
import { myAssignments } from "~/learning/assignments.server";
import { myLearning } from "~/learning/learn.server";
import { trainingRecord } from "~/learning/record.server";
import { formatDate, formatDay } from "~/utils/dates";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("My learning");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const all = await myLearning(getDb(), user.id);
  return {
    inProgress: all.filter((e) => !e.completedAt),
    done: all.filter((e) => e.completedAt),
    assigned: await myAssignments(getDb(), user.id),
    record: await trainingRecord(getDb(), { id: user.id, email: user.email }),
  };
}

export default function MyLearning() {
  const { inProgress, done, assigned, record } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">My learning</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/learning">
          See all e-learning modules
        </Link>
      </p>
      {assigned.length ? (
        <>
          <h2 className="govuk-heading-m">Asked of you</h2>
          <ul className="govuk-list">
            {assigned.map((a) => (
              <li key={a.id}>
                <Link className="govuk-link" to={`/learning/modules/${a.module_id}`}>
                  {a.title ?? "A module no longer published"}
                </Link>{" "}
                — by {formatDay(a.due_on)}, for {a.organisation_name}{" "}
                {a.state === "overdue" ? <Tag colour="red">Overdue</Tag> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="govuk-heading-m">My training record</h2>
      <p className="govuk-body">
        E-learning you have completed and training sessions you attended, with their certificates.
        Sessions count when the trainer recorded you as attending, booked with your email address.
      </p>
      <dl className="govuk-summary-list" data-record="summary">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">E-learning modules completed</dt>
          <dd className="govuk-summary-list__value" data-record="modules">
            {record.modules.length}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Training sessions attended</dt>
          <dd className="govuk-summary-list__value" data-record="sessions">
            {record.sessions.length}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Certificates</dt>
          <dd className="govuk-summary-list__value" data-record="certificates">
            {record.certificates}
          </dd>
        </div>
      </dl>
      <h3 className="govuk-heading-s">Training sessions attended</h3>
      {record.sessions.length === 0 ? (
        <p className="govuk-body">No training sessions recorded yet.</p>
      ) : (
        // The wrapper names the table for the tests (Table takes no attributes of its own).
        <div data-record="sessions-table">
          <Table
            caption="Training sessions you attended"
            captionSize="hidden"
            rows={record.sessions}
            rowKey={(x, i) => `${x.sessionId ?? "c"}-${i}`}
            columns={[
              { header: "Session", cell: (x) => x.title },
              { header: "Date", cell: (x) => formatDay(x.date) },
              {
                header: "Certificate",
                cell: (x) =>
                  x.certificate ? (
                    x.certificate.status === "revoked" ? (
                      "Revoked"
                    ) : (
                      <a
                        className="govuk-link"
                        href={`/certificates/${x.certificate.id}/pdf`}
                        download
                      >
                        Download
                        <span className="govuk-visually-hidden">
                          {" "}
                          your certificate for {x.title}
                        </span>{" "}
                        (PDF)
                      </a>
                    )
                  ) : (
                    "None"
                  ),
              },
            ]}
          />
        </div>
      )}
      <h2 className="govuk-heading-m">In progress</h2>
      {inProgress.length === 0 ? (
        <p className="govuk-body">
          You have no modules in progress.{" "}
          <Link className="govuk-link" to="/learning">
            Find a module to start
          </Link>
          .
        </p>
      ) : (
        <ul className="govuk-list">
          {inProgress.map((e) => (
            <li key={e.enrolmentId} className="govuk-!-margin-bottom-6">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{e.title}</h3>
              <ProgressBar done={e.lessonsRead} total={e.lessonsTotal} />
              <p className="govuk-body">
                <Link className="govuk-link" to={`/learning/modules/${e.moduleId}/continue`}>
                  Continue {e.title}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2 className="govuk-heading-m">E-learning completed</h2>
      {done.length === 0 ? (
        <p className="govuk-body">You have not completed a module yet.</p>
      ) : (
        <Table
          caption="Completed modules"
          captionSize="hidden"
          rows={done}
          rowKey={(e) => e.enrolmentId}
          columns={[
            {
              header: "Module",
              cell: (e) => (
                <>
                  <Link className="govuk-link" to={`/learning/modules/${e.moduleId}`}>
                    {e.title}
                  </Link>{" "}
                  <span className="govuk-body-s">(version {e.version})</span>
                </>
              ),
            },
            { header: "Completed on", cell: (e) => formatDate(e.completedAt!) },
            { header: "Best score", numeric: true, cell: (e) => `${e.bestScore}%` },
            {
              header: "Certificate",
              cell: (e) =>
                e.certificate ? (
                  e.certificate.status === "revoked" ? (
                    <Link className="govuk-link" to={`/certificates/${e.certificate.id}`}>
                      Revoked
                      <span className="govuk-visually-hidden"> certificate for {e.title}</span>
                    </Link>
                  ) : (
                    <a
                      className="govuk-link"
                      href={`/certificates/${e.certificate.id}/pdf`}
                      download
                    >
                      Download
                      <span className="govuk-visually-hidden">
                        {" "}
                        your certificate for {e.title}
                      </span>{" "}
                      (PDF)
                    </a>
                  )
                ) : (
                  "None"
                ),
            },
          ]}
        />
      )}
    </>
  );
}
