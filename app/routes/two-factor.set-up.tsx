import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getAuth } from "~/auth/guard.server";
import { TwoFactorSetupSchema } from "~/auth/schemas";
import { sessionCookieHeader } from "~/auth/session.server";
import {
  beginTotpSetup,
  completeTwoFactorSignIn,
  confirmTotpSetup,
} from "~/auth/two-factor.server";
import { twoFactorRequiredFor } from "~/auth/two-factor-policy.server";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => pageTitle("Set up two-step sign-in");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retry = actionHeaders.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

// Setting up an authenticator app: required for programme leads and safeguarding-cleared staff
// (the guard sends them here), offered to everyone else from their account page.
async function setupAuth(request: Request) {
  const auth = await getAuth(request);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "/account");
  if (!auth) throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  if (auth.user.twoFactorEnabled) {
    throw redirect(
      auth.session.twoFactorVerified
        ? "/account"
        : `/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`,
    );
  }
  return { auth, redirectTo };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { auth, redirectTo } = await setupAuth(request);
  const details = await beginTotpSetup(getDb(), auth.user);
  if (!details) throw redirect("/account");
  return {
    keyText: details.keyText,
    qrSvg: details.qrSvg,
    redirectTo,
    required: twoFactorRequiredFor(auth.user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { auth } = await setupAuth(request);
  const submission = parseForm(await readForm(request), TwoFactorSetupSchema);
  if (submission.status !== "success")
    return invalidForm(submission.reply({ hideFields: ["code"] }));
  const db = getDb();
  const ip = clientIp(request);
  const result = await confirmTotpSetup(db, {
    userId: auth.user.id,
    code: submission.value.code,
    ip,
  });
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return formError(
      submission,
      "",
      `Too many wrong codes. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
      429,
      {
        "Retry-After": String(result.retryAfterSeconds),
      },
    );
  }
  if (!result.ok) {
    return data(
      submission.reply({
        fieldErrors: { code: ["The code is not right. Enter the code your app shows now"] },
        hideFields: ["code"],
      }),
      { status: 400 },
    );
  }
  // Proving the new app works counts as the second step for this sign-in.
  const { token, session } = await completeTwoFactorSignIn(db, {
    userId: auth.user.id,
    sessionId: auth.session.id,
    ip,
    userAgent: request.headers.get("user-agent"),
    method: "totp",
  });
  const next = `/two-factor/recovery-codes?redirectTo=${encodeURIComponent(safeRedirect(submission.value.redirectTo, "/account"))}`;
  throw redirect(next, {
    headers: { "Set-Cookie": await sessionCookieHeader(token, session.expiresAt) },
  });
}

export default function TwoFactorSetUp() {
  const { keyText, qrSvg, redirectTo, required } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formReply = reply;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={formReply} />
        <h1 className="govuk-heading-l">Set up two-step sign-in</h1>
        {required ? (
          <InsetText>
            Because you can see safeguarding information or manage the programme, you need a code
            from your phone as well as your password each time you sign in.
          </InsetText>
        ) : null}
        <h2 className="govuk-heading-m">1. Add Lantern to an authenticator app</h2>
        <p className="govuk-body">
          Use an authenticator app on your phone, such as Microsoft Authenticator, Google
          Authenticator or 1Password. Scan this QR code with it.
        </p>
        <div
          className="lantern-qr"
          role="img"
          aria-label="QR code for your authenticator app"
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <p className="govuk-body">
          If you cannot scan it, enter this key in the app instead (spaces do not matter):
        </p>
        <p className="govuk-body">
          <code className="lantern-key" id="totp-key">
            {keyText}
          </code>
        </p>
        <h2 className="govuk-heading-m">2. Enter the code the app shows</h2>
        <Form reply={formReply}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextInput
            name="code"
            label="Code from your app"
            autoComplete="one-time-code"
            inputMode="numeric"
            spellCheck={false}
            width="5"
            hint="6 digits, for example 123456"
          />
          <Button>Turn on two-step sign-in</Button>
        </Form>
      </div>
    </div>
  );
}
