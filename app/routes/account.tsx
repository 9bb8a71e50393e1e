import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { audit } from "~/audit/audit.server";
import { requireUser } from "~/auth/guard.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { clearSessionCookieHeader, invalidateAllSessions, listSessions } from "~/auth/session.server";
import { Button, Form } from "~/components/form";
import { pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDateTime } from "~/utils/dates";
import { readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => pageTitle("Your account");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request);
  const sessions = await listSessions(getDb(), user.id);
  return {
    user: { name: user.name, email: user.email, twoFactorEnabled: user.twoFactorEnabled },
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
  const form = await readForm(request);
  if (form.get("intent") !== "sign-out-everywhere") throw new Response("Unknown action", { status: 400 });
  await invalidateAllSessions(getDb(), user.id);
  await audit(getDb(), { actorUserId: user.id, action: "auth.sign_out_everywhere", ip: clientIp(request) });
  throw redirect("/sign-in?signedOut=everywhere", {
    headers: { "Set-Cookie": await clearSessionCookieHeader(), "Clear-Site-Data": '"cache", "cookies", "storage"' },
  });
}

function describeAgent(ua: string | null) {
  if (!ua) return "Unknown browser";
  const browser = /Edg\//.test(ua) ? "Edge" : /Chrome\//.test(ua) ? "Chrome" : /Firefox\//.test(ua) ? "Firefox" : /Safari\//.test(ua) ? "Safari" : "Browser";
  const os = /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "Mac" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iPhone or iPad" : /Linux/.test(ua) ? "Linux" : "";
  return os ? `${browser} on ${os}` : browser;
}

export default function Account() {
  const { user, memberships, sessions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Your account</h1>
      <SummaryList
        rows={[
          { key: "Name", value: user.name },
          { key: "Email address", value: user.email },
          { key: "Two-step sign-in", value: user.twoFactorEnabled ? "On" : "Off" },
        ]}
      />
      <h2 className="govuk-heading-m">Your roles</h2>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Your roles</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Organisation</th>
            <th scope="col" className="govuk-table__header">Role</th>
            <th scope="col" className="govuk-table__header">Safeguarding clearance</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {memberships.map((m, i) => (
            <tr className="govuk-table__row" key={i}>
              <td className="govuk-table__cell">{m.organisation}</td>
              <td className="govuk-table__cell">{m.role}</td>
              <td className="govuk-table__cell">{m.cleared ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="govuk-heading-m">Where you are signed in</h2>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Active sessions</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Device</th>
            <th scope="col" className="govuk-table__header">Signed in</th>
            <th scope="col" className="govuk-table__header">Last active</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {sessions.map((s, i) => (
            <tr className="govuk-table__row" key={i}>
              <td className="govuk-table__cell">
                {describeAgent(s.userAgent)}
                {s.current ? " (this device)" : ""}
              </td>
              <td className="govuk-table__cell">{formatDateTime(s.createdAt)}</td>
              <td className="govuk-table__cell">{formatDateTime(s.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form>
        <Button warning name="intent" value="sign-out-everywhere">
          Sign out everywhere
        </Button>
      </Form>
    </>
  );
}
