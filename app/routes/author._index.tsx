import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listModulesForAuthor, STATUS_LABELS } from "~/learning/authoring.server";
import { formatShortDate } from "~/utils/dates";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Write e-learning");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  const modules = await listModulesForAuthor(getDb());
  return { modules: modules.map((m) => ({ ...m, statusLabel: STATUS_LABELS[m.latestStatus] })) };
}

const COLOURS = {
  draft: "yellow",
  published: "green",
  superseded: "grey",
  archived: "grey",
} as const;

export default function AuthorHome() {
  const { modules } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Write e-learning</h1>
      <div className="govuk-button-group">
        <Link className="govuk-button" role="button" to="/author/modules/new">
          Create a module
        </Link>
        <Link className="govuk-link" to="/author/images">
          Images
        </Link>
        <Link className="govuk-link" to="/learning/help">
          Where to get help: contacts
        </Link>
      </div>
      <Table
        caption="Modules"
        rows={modules}
        rowKey={(m) => m.moduleId}
        columns={[
          {
            header: "Module",
            cell: (m) => (
              <Link className="govuk-link" to={`/author/modules/${m.moduleId}`}>
                {m.title}
              </Link>
            ),
          },
          {
            header: "Newest version",
            cell: (m) => (
              <>
                {m.latestVersion} <Tag colour={COLOURS[m.latestStatus]}>{m.statusLabel}</Tag>
              </>
            ),
          },
          { header: "Published version", cell: (m) => m.publishedVersion ?? "None" },
          { header: "Enrolments", cell: (m) => m.enrolments, numeric: true },
          { header: "Last changed", cell: (m) => formatShortDate(m.updatedAt) },
        ]}
      />
    </>
  );
}
