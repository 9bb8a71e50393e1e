import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listQuestionnaires } from "~/feedback/questionnaires.server";
import { formatDate } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => pageTitle("Feedback questionnaires");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  return { questionnaires: await listQuestionnaires(getDb()) };
}

export default function Questionnaires() {
  const { questionnaires } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Feedback questionnaires</h1>
      <p className="govuk-body">
        Each offering uses one questionnaire. People answer its statements before and after a
        session on a 1 to 5 scale, then rate the session and can add a comment. The pupil style uses
        plain words and a picture scale.
      </p>
      <p className="govuk-body">
        <Link className="govuk-button" to="/admin/questionnaires/new">
          Create a questionnaire
        </Link>
      </p>
      <TableScroll>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Questionnaires</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Style
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Questions
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Offerings using it
              </th>
              <th scope="col" className="govuk-table__header">
                Last changed
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {questionnaires.map((q) => (
              <tr className="govuk-table__row" key={q.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/admin/questionnaires/${q.id}`}>
                    {q.name}
                  </Link>{" "}
                  {q.archived_at ? <Tag colour="grey">Archived</Tag> : null}
                </td>
                <td className="govuk-table__cell">
                  {q.style === "pupil" ? "Pupils: plain words, picture scale" : "Adults"}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{q.items}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{q.offerings}</td>
                <td className="govuk-table__cell">{formatDate(q.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
