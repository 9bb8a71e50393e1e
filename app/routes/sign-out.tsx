import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAuth } from "~/auth/guard.server";
import { clearSessionCookieHeader, signOut } from "~/auth/session.server";
import { Button, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => pageTitle("Sign out");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (!auth) throw redirect("/sign-in");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  if (auth) {
    await signOut(getDb(), {
      sessionId: auth.session.id,
      userId: auth.user.id,
      ip: clientIp(request),
    });
  }
  throw redirect("/sign-in?signedOut=1", {
    headers: {
      "Set-Cookie": await clearSessionCookieHeader(),
      // Browsers drop cached pages and storage for this site as well as the cookie.
      "Clear-Site-Data": '"cache", "cookies", "storage"',
    },
  });
}

export default function SignOut() {
  return (
    <>
      <h1 className="govuk-heading-l">Sign out</h1>
      <p className="govuk-body">Sign out of Lantern on this device.</p>
      <Form>
        <Button>Sign out</Button>
      </Form>
    </>
  );
}
