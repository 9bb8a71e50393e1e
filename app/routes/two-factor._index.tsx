import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getAuth } from "~/auth/guard.server";
import { TwoFactorSchema } from "~/auth/schemas";
import { sessionCookieHeader } from "~/auth/session.server";
import { checkSecondFactor, completeTwoFactorSignIn } from "~/auth/two-factor.server";
import { twoFactorRequiredFor } from "~/auth/two-factor-policy.server";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => pageTitle("Enter your security code");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retry = actionHeaders.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

// The second step of signing in: after the password, a code from the authenticator app (or a
// recovery code). Reached by the guard's redirect while the session is not yet verified.
async function pendingAuth(request: Request) {
  const auth = await getAuth(request);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (!auth) throw redirect(`/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`);
  if (auth.session.twoFactorVerified || !twoFactorRequiredFor(auth.user))
    throw redirect(redirectTo);
  if (!auth.user.twoFactorEnabled)
    throw redirect(`/two-factor/set-up?redirectTo=${encodeURIComponent(redirectTo)}`);
  return { auth, redirectTo };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { redirectTo } = await pendingAuth(request);
  return { redirectTo };
}

export async function action({ request }: ActionFunctionArgs) {
  const { auth } = await pendingAuth(request);
  const submission = parseForm(await readForm(request), TwoFactorSchema);
  if (submission.status !== "success")
    return invalidForm(submission.reply({ hideFields: ["code"] }));
  const db = getDb();
  const ip = clientIp(request);
  const check = await checkSecondFactor(db, {
    userId: auth.user.id,
    code: submission.value.code,
    ip,
  });
  if (!check.ok && check.reason === "throttled") {
    const minutes = Math.ceil(check.retryAfterSeconds / 60);
    return formError(
      submission,
      "",
      `Too many wrong codes. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
      429,
      {
        "Retry-After": String(check.retryAfterSeconds),
      },
    );
  }
  if (!check.ok) {
    return data(
      submission.reply({
        fieldErrors: {
          code: [
            "The code is not right, or it has already been used. Enter the current code from your app",
          ],
        },
        hideFields: ["code"],
      }),
      { status: 400 },
    );
  }
  const { token, session } = await completeTwoFactorSignIn(db, {
    userId: auth.user.id,
    sessionId: auth.session.id,
    ip,
    userAgent: request.headers.get("user-agent"),
    method: check.method,
  });
  const to =
    check.method === "recovery"
      ? `/account?recoveryCodeUsed=${check.recoveryCodesLeft}`
      : safeRedirect(submission.value.redirectTo);
  throw redirect(to, {
    headers: { "Set-Cookie": await sessionCookieHeader(token, session.expiresAt) },
  });
}

export default function TwoFactor() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <Form reply={reply}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextInput
            name="code"
            label="Enter your security code"
            pageHeading
            autoComplete="one-time-code"
            inputMode="numeric"
            spellCheck={false}
            width="10"
            hint="The 6-digit code from your authenticator app. If you do not have your phone, enter one of your recovery codes instead."
          />
          <Button>Continue</Button>
        </Form>
        <p className="govuk-body">
          If you have lost your phone and your recovery codes, ask a programme lead to reset your
          two-step sign-in.
        </p>
        <form method="post" action="/sign-out">
          <button
            type="submit"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
