import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listModulesForAuthor, STATUS_LABELS } from "~/learning/authoring.server";
import { formatShortDate } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

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
      <TableScroll>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Modules</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Module
              </th>
              <th scope="col" className="govuk-table__header">
                Newest version
              </th>
              <th scope="col" className="govuk-table__header">
                Published version
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Enrolments
              </th>
              <th scope="col" className="govuk-table__header">
                Last changed
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {modules.map((m) => (
              <tr key={m.moduleId} className="govuk-table__row">
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/author/modules/${m.moduleId}`}>
                    {m.title}
                  </Link>
                </td>
                <td className="govuk-table__cell">
                  {m.latestVersion} <Tag colour={COLOURS[m.latestStatus]}>{m.statusLabel}</Tag>
                </td>
                <td className="govuk-table__cell">{m.publishedVersion ?? "None"}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{m.enrolments}</td>
                <td className="govuk-table__cell">{formatShortDate(m.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
