import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasAnyUser } from "~/auth/accounts.server";
import { getAuth, requireUser } from "~/auth/guard.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { homeTasksFor } from "~/components/navigation";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";

export const meta: MetaFunction = () => pageTitle("Home");

export async function loader({ request }: LoaderFunctionArgs) {
  const anonymous = !(await getAuth(request));
  if (anonymous) {
    if (!(await hasAnyUser(getDb()))) throw redirect("/setup");
    return { signedIn: false as const };
  }
  const { user } = await requireUser(request);
  return {
    signedIn: true as const,
    name: user.name,
    roles: user.roles.map((r) => ROLE_LABELS[r]),
    primaryRole: user.roles[0] ?? null,
    tasks: homeTasksFor(user),
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  if (!data.signedIn) {
    return (
      <>
        <h1 className="govuk-heading-xl">Lantern</h1>
        <p className="govuk-body-l">
          Booking, delivering and reporting St Giles Trust&apos;s SOS+ sessions and Momentum&apos;s
          training on child criminal exploitation in Norfolk.
        </p>
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to="/sign-in">
              Sign in
            </Link>{" "}
            if you have an account
          </li>
          <li>
            <Link className="govuk-link" to="/sessions/open">
              Book a place at an open session
            </Link>{" "}
            for parents, carers, teachers and community organisations
          </li>
          <li>
            <Link className="govuk-link" to="/verify">
              Check a certificate
            </Link>
          </li>
        </ul>
      </>
    );
  }
  return (
    <>
      <span className="govuk-caption-l">{data.roles.join(", ")}</span>
      <h1 className="govuk-heading-l">Welcome, {data.name}</h1>
      {data.tasks.length ? (
        <ul className="govuk-list">
          {data.tasks.map((t) => (
            <li key={t.href} className="govuk-!-margin-bottom-4">
              <Link
                className="govuk-link govuk-!-font-weight-bold govuk-!-font-size-24"
                to={t.href}
              >
                {t.label}
              </Link>
              <p className="govuk-body govuk-!-margin-0">{t.description}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">There is nothing for you to do here yet.</p>
      )}
    </>
  );
}
