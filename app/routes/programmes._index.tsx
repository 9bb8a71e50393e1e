import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listProgrammes } from "~/sessions/programmes.server";
import { formatDay } from "~/utils/dates";
import { Table } from "~/components/table";

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
      <Table
        caption="All programmes"
        rows={programmes}
        rowKey={(p) => p.id}
        columns={[
          {
            header: "Programme",
            cell: (p) => (
              <Link className="govuk-link" to={`/programmes/${p.id}`}>
                {p.name}
              </Link>
            ),
          },
          { header: "Delivered by", cell: (p) => p.partner_name ?? "—" },
          {
            header: "Runs",
            cell: (p) => (
              <>
                {formatDay(p.starts_on)} to {formatDay(p.ends_on)}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
