import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { has, requireAnyPermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { ownOrganisations } from "~/learning/oversight.server";

export const meta: MetaFunction = () => pageTitle("Staff learning");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "learning:oversee:own-organisation",
    "learning:oversee:any",
  ]);
  const own = ownOrganisations(auth.user);
  if (has(auth, "learning:oversee:any") && own.length === 0) throw redirect("/learning/oversight");
  if (own.length === 1) throw redirect(`/learning/organisations/${own[0].id}`);
  return { organisations: own };
}

export default function StaffLearningOrganisations() {
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Staff learning</h1>
      {organisations.length === 0 ? (
        <p className="govuk-body">You do not manage an organisation in Lantern.</p>
      ) : (
        <ul className="govuk-list">
          {organisations.map((o) => (
            <li key={o.id}>
              <Link className="govuk-link" to={`/learning/organisations/${o.id}`}>
                {o.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
