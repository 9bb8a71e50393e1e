import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCasework } from "~/casework/access.server";
import { listProgrammesForManager } from "~/casework/programmes.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { TableScroll } from "~/components/table-scroll";

// The casework programmes, for cleared casework managers: each one's rules, targets and the
// characteristics its assessments score.
export const meta: MetaFunction = () => pageTitle("Casework programmes");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCasework(request, ["manager"], "forbid");
  return { programmes: await listProgrammesForManager(getDb()) };
}

export default function CaseworkProgrammes() {
  const { programmes } = useLoaderData<typeof loader>();
  return (
    <>
      <Link to="/casework" className="govuk-back-link">
        Caseload
      </Link>
      <h1 className="govuk-heading-l">Casework programmes</h1>
      <TableScroll>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Programmes</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Programme
              </th>
              <th scope="col" className="govuk-table__header">
                Area
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Target young people
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Weeks between assessments
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {programmes.map((p) => (
              <tr className="govuk-table__row" key={p.id}>
                <td className="govuk-table__cell">
                  <Link to={`/casework/programmes/${p.id}`} className="govuk-link">
                    {p.name}
                  </Link>
                </td>
                <td className="govuk-table__cell">{p.area}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {p.target_young_people ?? "–"}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {p.assessment_interval_weeks}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
