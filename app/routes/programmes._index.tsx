import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listProgrammes } from "~/sessions/programmes.server";
import { formatDay } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => pageTitle("Programmes");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  return { programmes: await listProgrammes(getDb()) };
}

export default function Programmes() {
  const { programmes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Programmes</h1>
      <p className="govuk-body">
        Each programme has a period and targets for sessions and people reached, by audience.
      </p>
      <p className="govuk-body">
        <Link to="/programmes/new" className="govuk-button govuk-!-margin-bottom-0">
          Add a programme
        </Link>{" "}
        <Link to="/offerings" className="govuk-link govuk-!-margin-left-3">
          Offerings
        </Link>{" "}
        ·{" "}
        <Link to="/term-dates" className="govuk-link">
          Term dates
        </Link>{" "}
        ·{" "}
        <Link to="/trainers" className="govuk-link">
          Trainers&apos; checks
        </Link>
      </p>
      <TableScroll>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">All programmes</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Programme
              </th>
              <th scope="col" className="govuk-table__header">
                Delivered by
              </th>
              <th scope="col" className="govuk-table__header">
                Runs
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {programmes.map((p) => (
              <tr className="govuk-table__row" key={p.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/programmes/${p.id}`}>
                    {p.name}
                  </Link>
                </td>
                <td className="govuk-table__cell">{p.partner_name ?? "—"}</td>
                <td className="govuk-table__cell">
                  {formatDay(p.starts_on)} to {formatDay(p.ends_on)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
