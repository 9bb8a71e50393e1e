import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCasework } from "~/casework/access.server";
import { listProgrammesForManager } from "~/casework/programmes.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { Table } from "~/components/table";

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
      <Table
        caption="Programmes"
        rows={programmes}
        rowKey={(p) => p.id}
        columns={[
          {
            header: "Programme",
            cell: (p) => (
              <Link to={`/casework/programmes/${p.id}`} className="govuk-link">
                {p.name}
              </Link>
            ),
          },
          { header: "Area", cell: (p) => p.area },
          {
            header: "Target young people",
            cell: (p) => p.target_young_people ?? "–",
            numeric: true,
          },
          {
            header: "Weeks between assessments",
            cell: (p) => p.assessment_interval_weeks,
            numeric: true,
          },
        ]}
      />
    </>
  );
}
