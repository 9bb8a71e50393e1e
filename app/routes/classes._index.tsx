import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listClasses } from "~/sessions/classes.server";
import { viewerOf, yearGroupLabel } from "~/sessions/scope.server";
import { Table } from "~/components/table";

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
        </Link>
      </p>
      {classes.length ? (
        <Table
          caption="Classes"
          rows={classes}
          rowKey={(c) => c.id}
          columns={[
            manySchools && { header: "School", cell: (c) => c.setting_name },
            { header: "Year group", cell: (c) => c.yearLabel },
            {
              header: "Class",
              cell: (c) => (
                <Link className="govuk-link" to={`/classes/${c.id}`}>
                  {c.name}
                </Link>
              ),
            },
            { header: "Pupils", cell: (c) => c.pupil_count, numeric: true },
            { header: "Access needs", cell: (c) => c.access_needs ?? "None recorded" },
          ]}
        />
      ) : (
        <p className="govuk-body">You have not added any classes yet.</p>
      )}
    </>
  );
}
