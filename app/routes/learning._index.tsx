import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { STATUS_TAG } from "~/learning/components";
import { catalogue } from "~/learning/learn.server";

export const meta: MetaFunction = () => pageTitle("E-learning modules");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  return { modules: await catalogue(getDb(), user.id) };
}

export default function Catalogue() {
  const { modules } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">E-learning modules</h1>
      <p className="govuk-body-l">
        Short modules from Momentum for staff and volunteers in Norfolk&apos;s voluntary and
        community organisations, on recognising and responding to child criminal exploitation.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/learning/my">
          See the modules you have started and finished
        </Link>
      </p>
      {modules.length === 0 ? (
        <p className="govuk-body">There are no modules published yet.</p>
      ) : null}
      <ul className="govuk-list">
        {modules.map((m) => (
          <li
            key={m.moduleId}
            className="govuk-!-margin-bottom-6"
            style={{ borderTop: "1px solid #b1b4b6", paddingTop: 15 }}
          >
            <h2 className="govuk-heading-m govuk-!-margin-bottom-2">
              <Link className="govuk-link" to={`/learning/modules/${m.moduleId}`}>
                {m.title}
              </Link>
            </h2>
            <p className="govuk-body govuk-!-margin-bottom-2">{m.summary}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-2">
              For {m.audience} · {m.lessons} {m.lessons === 1 ? "lesson" : "lessons"} and a quiz ·
              about {m.estimatedMinutes} minutes
            </p>
            <Tag colour={STATUS_TAG[m.status].colour}>{STATUS_TAG[m.status].text}</Tag>
          </li>
        ))}
      </ul>
    </>
  );
}
