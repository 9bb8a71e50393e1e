import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listQuestionnaires } from "~/feedback/questionnaires.server";
import { formatDate } from "~/utils/dates";
import { Table } from "~/components/table";

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
      <Table
        caption="Questionnaires"
        rows={questionnaires}
        rowKey={(q) => q.id}
        columns={[
          {
            header: "Name",
            cell: (q) => (
              <>
                <Link className="govuk-link" to={`/admin/questionnaires/${q.id}`}>
                  {q.name}
                </Link>{" "}
                {q.archived_at ? <Tag colour="grey">Archived</Tag> : null}
              </>
            ),
          },
          {
            header: "Style",
            cell: (q) => (q.style === "pupil" ? "Pupils: plain words, picture scale" : "Adults"),
          },
          { header: "Questions", cell: (q) => q.items, numeric: true },
          { header: "Offerings using it", cell: (q) => q.offerings, numeric: true },
          { header: "Last changed", cell: (q) => formatDate(q.updated_at) },
        ]}
      />
    </>
  );
}
