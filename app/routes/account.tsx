import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { RecoveryCodeList } from "~/auth/recovery-codes";
import { AccountActionSchema } from "~/auth/schemas";
import { clearSessionCookieHeader, signOutEverywhere, listSessions } from "~/auth/session.server";
import {
  checkSecondFactor,
  disableTwoFactor,
  regenerateRecoveryCodes,
  remainingRecoveryCodes,
} from "~/auth/two-factor.server";
import { twoFactorEnforced } from "~/auth/two-factor-policy.server";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDateTime } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retry = actionHeaders.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

/** Whether policy would demand two-step sign-in of this person even if they turned it off. */
function requiredByRole(user: { memberships: { role: string; safeguardingCleared: boolean }[] }) {
  return (
    twoFactorEnforced() &&
    user.memberships.some((m) => m.role === "programme_lead" || m.safeguardingCleared)
  );
}

export const meta: MetaFunction = () => pageTitle("Your account");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request);
  const sessions = await listSessions(getDb(), user.id);
  const used = new URL(request.url).searchParams.get("recoveryCodeUsed");
  const passwordChanged = new URL(request.url).searchParams.get("passwordChanged") !== null;
  return {
    user: { name: user.name, email: user.email, twoFactorEnabled: user.twoFactorEnabled },
    passwordChanged,
    twoFactor: {
      enabled: user.twoFactorEnabled,
      required: requiredByRole(user),
      recoveryCodesLeft: user.twoFactorEnabled ? await remainingRecoveryCodes(getDb(), user.id) : 0,
      justUsedRecoveryCode: used !== null,
    },
    memberships: user.memberships.map((m) => ({
      organisation: m.organisationName,
      role: ROLE_LABELS[m.role],
      cleared: m.safeguardingCleared,
    })),
    sessions: sessions.map((s) => ({
      current: s.id === session.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      userAgent: s.user_agent,
      ip: s.ip,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const submission = parseForm(await readForm(request), AccountActionSchema);
  if (submission.status !== "success")
    return invalidForm(submission.reply({ hideFields: ["code"] }));
  const db = getDb();
  const ip = clientIp(request);
  const input = submission.value;
  if (input.intent === "new-recovery-codes" || input.intent === "turn-off-two-factor") {
    if (!user.twoFactorEnabled)
      return formError(submission, "", "Two-step sign-in is not on.", 409);
    if (input.intent === "turn-off-two-factor" && requiredByRole(user)) {
      return formError(
        submission,
        "",
        "Your role needs two-step sign-in, so it cannot be turned off.",
        403,
      );
    }
    // A current code each time: a session left open on a shared computer cannot do either.
    const check = await checkSecondFactor(db, { userId: user.id, code: input.code, ip });
    if (!check.ok && check.reason === "throttled") {
      return formError(submission, "code", "Too many wrong codes. Wait and try again.", 429, {
        "Retry-After": String(check.retryAfterSeconds),
      });
    }
    if (!check.ok)
      return data(
        submission.reply({
          fieldErrors: { code: ["The code is not right, or it has already been used"] },
          hideFields: ["code"],
        }),
        { status: 400 },
      );
    if (input.intent === "new-recovery-codes") {
      return { recoveryCodes: await regenerateRecoveryCodes(db, { userId: user.id, ip }) };
    }
    await disableTwoFactor(db, { userId: user.id, actorUserId: user.id, ip });
    throw redirect("/account?twoFactorOff=1");
  }
  await signOutEverywhere(getDb(), { userId: user.id, ip: clientIp(request) });
  throw redirect("/sign-in?signedOut=everywhere", {
    headers: {
      "Set-Cookie": await clearSessionCookieHeader(),
      "Clear-Site-Data": '"cache", "cookies", "storage"',
    },
  });
}

function describeAgent(ua: string | null) {
  if (!ua) return "Unknown browser";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Chrome\//.test(ua)
      ? "Chrome"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Safari\//.test(ua)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Mac OS X/.test(ua)
      ? "Mac"
      : /Android/.test(ua)
        ? "Android"
        : /iPhone|iPad/.test(ua)
          ? "iPhone or iPad"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}

function TwoFactorSection() {
  const { twoFactor } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (reply && "recoveryCodes" in reply) {
    return (
      <>
        <h2 className="govuk-heading-m">Your new recovery codes</h2>
        <p className="govuk-body">
          Your old recovery codes no longer work. Each of these lets you sign in once without your
          phone.
        </p>
        <WarningText>Lantern will not show these codes again.</WarningText>
        <RecoveryCodeList codes={reply.recoveryCodes} />
      </>
    );
  }
  const formReply = reply && !("recoveryCodes" in reply) ? reply : undefined;
  return (
    <>
      <h2 className="govuk-heading-m">Two-step sign-in</h2>
      {twoFactor.enabled ? (
        <>
          <p className="govuk-body">
            You sign in with your password and a code from your authenticator app. You have{" "}
            {twoFactor.recoveryCodesLeft} unused recovery code
            {twoFactor.recoveryCodesLeft === 1 ? "" : "s"}.
          </p>
          <ErrorSummary reply={formReply} />
          <Form reply={formReply}>
            <TextInput
              name="code"
              label="Code from your authenticator app"
              autoComplete="one-time-code"
              inputMode="numeric"
              width="10"
              hint="Needed to make new recovery codes or to turn two-step sign-in off."
            />
            <div className="govuk-button-group">
              <Button secondary name="intent" value="new-recovery-codes">
                Make new recovery codes
              </Button>
              {twoFactor.required ? null : (
                <Button warning name="intent" value="turn-off-two-factor">
                  Turn off two-step sign-in
                </Button>
              )}
            </div>
          </Form>
        </>
      ) : (
        <>
          <p className="govuk-body">
            Two-step sign-in asks for a code from an app on your phone as well as your password, so
            nobody can sign in as you with your password alone.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/two-factor/set-up?redirectTo=%2Faccount">
              Set up two-step sign-in
            </Link>
          </p>
        </>
      )}
    </>
  );
}

export default function Account() {
  const { user, memberships, sessions, twoFactor, passwordChanged } =
    useLoaderData<typeof loader>();
  return (
    <>
      {passwordChanged ? (
        <NotificationBanner title="Success" success heading="Your password has been changed">
          <p className="govuk-body">You have been signed out everywhere else.</p>
        </NotificationBanner>
      ) : null}
      {twoFactor.justUsedRecoveryCode ? (
        <NotificationBanner
          title="Important"
          success={false}
          heading={
            <>You signed in with a recovery code. You have {twoFactor.recoveryCodesLeft} left.</>
          }
        >
          <p className="govuk-body">
            If you have lost your phone, set up your app again and make new recovery codes.
          </p>
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">Your account</h1>
      <SummaryList
        rows={[
          { key: "Name", value: user.name },
          { key: "Email address", value: user.email },
          { key: "Two-step sign-in", value: user.twoFactorEnabled ? "On" : "Off" },
        ]}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to="/account/password">
          Change your password
        </Link>
      </p>
      <TwoFactorSection />
      <h2 className="govuk-heading-m">Your roles</h2>
      <Table
        caption="Your roles"
        captionSize="hidden"
        rows={memberships}
        rowKey={(m, i) => i}
        columns={[
          { header: "Organisation", cell: (m) => m.organisation },
          { header: "Role", cell: (m) => m.role },
          { header: "Safeguarding clearance", cell: (m) => (m.cleared ? "Yes" : "No") },
        ]}
      />
      <h2 className="govuk-heading-m">Where you are signed in</h2>
      <Table
        caption="Active sessions"
        captionSize="hidden"
        rows={sessions}
        rowKey={(s, i) => i}
        columns={[
          {
            header: "Device",
            cell: (s) => (
              <>
                {describeAgent(s.userAgent)}
                {s.current ? " (this device)" : ""}
              </>
            ),
          },
          { header: "Signed in", cell: (s) => formatDateTime(s.createdAt) },
          { header: "Last active", cell: (s) => formatDateTime(s.lastSeenAt) },
        ]}
      />
      <Form>
        <Button warning name="intent" value="sign-out-everywhere">
          Sign out everywhere
        </Button>
      </Form>
    </>
  );
}
