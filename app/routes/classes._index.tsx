import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listClasses } from "~/sessions/classes.server";
import { viewerOf, yearGroupLabel } from "~/sessions/scope.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => pageTitle("Your classes");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "class:manage:own-school");
  const viewer = viewerOf(auth);
  const classes = await listClasses(getDb(), viewer.schoolIds);
  return {
    classes: classes.map((c) => ({ ...c, yearLabel: yearGroupLabel(c.year_group) })),
    manySchools: viewer.schoolIds.length > 1,
  };
}

export default function Classes() {
  const { classes, manySchools } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1 className="govuk-heading-l">Your classes</h1>
      <p className="govuk-body">
        Register the classes you want to book sessions for. Pupils are counted, never named.
      </p>
      {params.get("saved") ? (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          The class has been saved.
        </p>
      ) : null}
      <p className="govuk-body">
        <Link to="/classes/new" className="govuk-button govuk-!-margin-bottom-0">
          Add a class
        </Link>{" "}
        <Link to="/bookings/new" className="govuk-link govuk-!-margin-left-3">
          Request a session
        </Link>{" "}
        <Link to="/school-details" className="govuk-link govuk-!-margin-left-3">
          Details for trainers’ visits
        </Link>
      </p>
      {classes.length ? (
        <TableScroll>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Classes</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {manySchools ? (
                  <th scope="col" className="govuk-table__header">
                    School
                  </th>
                ) : null}
                <th scope="col" className="govuk-table__header">
                  Year group
                </th>
                <th scope="col" className="govuk-table__header">
                  Class
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Pupils
                </th>
                <th scope="col" className="govuk-table__header">
                  Access needs
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {classes.map((c) => (
                <tr className="govuk-table__row" key={c.id}>
                  {manySchools ? <td className="govuk-table__cell">{c.setting_name}</td> : null}
                  <td className="govuk-table__cell">{c.yearLabel}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/classes/${c.id}`}>
                      {c.name}
                    </Link>
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{c.pupil_count}</td>
                  <td className="govuk-table__cell">{c.access_needs ?? "None recorded"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">You have not added any classes yet.</p>
      )}
    </>
  );
}
