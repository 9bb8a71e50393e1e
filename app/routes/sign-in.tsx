import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { signIn } from "~/auth/accounts.server";
import { getAuth } from "~/auth/guard.server";
import { SignInSchema } from "~/auth/schemas";
import { invalidateSession, sessionCookieHeader } from "~/auth/session.server";
import { twoFactorEnforced } from "~/auth/two-factor-policy.server";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { env } from "~/utils/env.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { knownDeviceCookieHeader, readKnownDevice } from "~/auth/devices.server";

export const meta: MetaFunction = () => pageTitle("Sign in");

// Passes the action's Retry-After on to the page when sign-in is throttled.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  const headers = new Headers();
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const url = new URL(request.url);
  if (auth) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return {
    redirectTo: url.searchParams.get("redirectTo") ?? "",
    demo: !!env().DEMO_MODE,
    twoFactorOff: !twoFactorEnforced(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), SignInSchema);
  if (submission.status !== "success")
    return invalidForm(submission.reply({ hideFields: ["password"] }));
  const result = await signIn(getDb(), {
    email: submission.value.email,
    password: submission.value.password,
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent"),
    device: await readKnownDevice(request),
  });
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return formError(
      submission,
      "",
      `Too many failed attempts to sign in. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or reset your password.`,
      429,
      { "Retry-After": String(result.retryAfterSeconds) },
    );
  }
  if (!result.ok) {
    return data(
      submission.reply({
        fieldErrors: { email: ["Enter a correct email address and password"] },
        hideFields: ["password"],
      }),
      { status: 400 },
    );
  }
  // Whatever session this browser held before ends here: one token per sign-in, never two.
  const prior = await getAuth(request);
  if (prior) await invalidateSession(getDb(), prior.session.id);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(result.token, result.expiresAt));
  headers.append(
    "Set-Cookie",
    await knownDeviceCookieHeader(result.userId, await readKnownDevice(request)),
  );
  throw redirect(safeRedirect(submission.value.redirectTo), { headers });
}

export default function SignIn() {
  const { redirectTo, demo, twoFactorOff } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Sign in to Lantern</h1>
        {demo ? (
          <InsetText>
            This is a demonstration. Demo accounts use the password <code>lantern-demo-2026</code>
            {twoFactorOff ? ", and two-step sign-in is switched off for them." : "."}
          </InsetText>
        ) : null}
        <Form reply={reply}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
          />
          <TextInput
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
          />
          <Button>Sign in</Button>
        </Form>
        <p className="govuk-body">
          <Link to="/forgot-password" className="govuk-link">
            I have forgotten my password
          </Link>
        </p>
        <p className="govuk-body">
          Accounts are by invitation. If you need one, ask your programme lead or your
          organisation&apos;s manager.
        </p>
      </div>
    </div>
  );
}
