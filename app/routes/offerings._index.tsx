import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listOfferings } from "~/sessions/offerings.server";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Offerings");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const url = new URL(request.url);
  const archived = url.searchParams.get("archived") === "1";
  return { offerings: await listOfferings(getDb(), { includeArchived: archived }), archived };
}

export default function Offerings() {
  const { offerings, archived } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1 className="govuk-heading-l">Offerings</h1>
      <p className="govuk-body">What schools, parents, teachers and VCSE organisations can book.</p>
      <p className="govuk-body">
        <Link to="/offerings/new" className="govuk-button govuk-!-margin-bottom-0">
          Add an offering
        </Link>{" "}
        <Link
          to={archived ? "/offerings" : "/offerings?archived=1"}
          className="govuk-link govuk-!-margin-left-3"
        >
          {archived ? "Hide archived offerings" : "Show archived offerings"}
        </Link>
      </p>
      {params.get("saved") ? (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          The offering has been saved.
        </p>
      ) : null}
      <Table
        caption={archived ? "All offerings" : "Current offerings"}
        rows={offerings}
        rowKey={(o) => o.id}
        columns={[
          {
            header: "Offering",
            cell: (o) => (
              <>
                <Link className="govuk-link" to={`/offerings/${o.id}`}>
                  {o.title}
                </Link>
                {o.series_length > 1 ? (
                  <span className="govuk-body-s govuk-!-display-block">
                    Series of {o.series_length}, every{" "}
                    {o.series_interval_days === 7 ? "week" : `${o.series_interval_days} days`}
                  </span>
                ) : null}
                {o.open_to_public ? (
                  <span className="govuk-body-s govuk-!-display-block">Open to the public</span>
                ) : null}
                {o.archived_at ? <Tag colour="grey">Archived</Tag> : null}
              </>
            ),
          },
          { header: "Programme", cell: (o) => o.programme_name },
          { header: "Audience", cell: (o) => o.audience_label },
          { header: "Format", cell: (o) => o.format_label },
          { header: "Minutes", cell: (o) => o.duration_minutes, numeric: true },
          { header: "Capacity", cell: (o) => o.capacity, numeric: true },
          { header: "Questionnaire", cell: (o) => o.questionnaire_name ?? "None" },
        ]}
      />
    </>
  );
}
