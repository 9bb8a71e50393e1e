import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { RecoveryCodeList } from "~/auth/recovery-codes";
import { hasEverHadRecoveryCodes, issueFirstRecoveryCodes } from "~/auth/two-factor.server";
import { Button, Form } from "~/components/form";
import { pageTitle, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => pageTitle("Your recovery codes");

// Straight after set-up: makes the first ten recovery codes and shows them once, in the answer to
// a POST (never in a page that could be reloaded or cached). Later sets need a code (account page).
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account");
  return {
    enabled: user.twoFactorEnabled,
    alreadyMade: await hasEverHadRecoveryCodes(getDb(), user.id),
    redirectTo,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const form = await readForm(request);
  if ([...form.keys()].length > 0)
    throw new Response("This form takes no fields.", { status: 400 });
  const codes = await issueFirstRecoveryCodes(getDb(), { userId: user.id, ip: clientIp(request) });
  if (!codes)
    throw new Response(
      "Recovery codes have already been made. Make new ones from your account page.",
      { status: 409 },
    );
  return { recoveryCodes: codes };
}

export default function RecoveryCodes() {
  const { enabled, alreadyMade, redirectTo } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (reply?.recoveryCodes) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Your recovery codes</h1>
          <p className="govuk-body">
            If you lose your phone, each of these codes lets you sign in once instead of a code from
            the app. Keep them somewhere safe, such as a password manager or a printed copy locked
            away.
          </p>
          <WarningText>Lantern will not show these codes again.</WarningText>
          <RecoveryCodeList codes={reply.recoveryCodes} />
          <Link to={redirectTo} className="govuk-button" data-module="govuk-button">
            I have saved my recovery codes
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">
          {enabled ? "Two-step sign-in is on" : "Two-step sign-in is off"}
        </h1>
        {enabled && !alreadyMade ? (
          <>
            <p className="govuk-body">
              Next, make your recovery codes: ten codes that each let you sign in once if you lose
              your phone. Lantern shows them only once, so have somewhere ready to keep them.
            </p>
            <Form>
              <Button>Show my recovery codes</Button>
            </Form>
          </>
        ) : (
          <p className="govuk-body">
            You can make a new set of recovery codes from{" "}
            <Link className="govuk-link" to="/account">
              your account page
            </Link>
            .
          </p>
        )}
      </div>
    </div>
  );
}
