import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Form } from "~/components/form";
import { InsetText, NotificationBanner, pageTitle, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink } from "~/sessions/components";
import { feedStatus, resetFeedToken, stopFeed } from "~/sessions/feeds.server";
import { formatDateTime } from "~/utils/dates";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction = () => pageTitle("Your calendar feed");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "session:deliver:assigned");
  const feed = await feedStatus(getDb(), user.id);
  return { createdAt: feed?.created_at ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "session:deliver:assigned");
  const { intent } = parseButtonForm(
    await readForm(request),
    z.object({ intent: z.enum(["stop", "reset"]) }).strict(),
  );
  if (intent === "stop") {
    await stopFeed(getDb(), user.id, clientIp(request));
    return { stopped: true as const, url: null };
  }
  if (intent !== "reset") throw new Response("Unknown action", { status: 400 });
  const token = await resetFeedToken(getDb(), user.id, clientIp(request));
  return { stopped: false as const, url: `${publicUrl(request)}/calendar/${token}/lantern.ics` };
}

export default function CalendarFeed() {
  const { createdAt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const active = result ? !!result.url : !!createdAt;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/sessions">My schedule</BackLink>
        <h1 className="govuk-heading-l">Your calendar feed</h1>
        <p className="govuk-body">
          Subscribe to your private link in Outlook, Google Calendar or Apple Calendar and your
          sessions appear there, updated as they change.
        </p>
        {result?.url ? (
          <NotificationBanner title="Your new link" success>
            <p className="govuk-body">
              Copy this link into your calendar app now. For your privacy, Lantern will not show it
              again.
            </p>
            <p className="govuk-body">
              <code className="lantern-feed-url" data-testid="feed-url">
                {result.url}
              </code>
            </p>
          </NotificationBanner>
        ) : null}
        {result?.stopped ? (
          <NotificationBanner heading="Your calendar link has been switched off." />
        ) : null}
        <WarningText>
          Anyone with the link can see where and when your sessions are. Do not share it.
        </WarningText>
        {active ? (
          <>
            {createdAt && !result ? (
              <InsetText>You made your current link on {formatDateTime(createdAt)}.</InsetText>
            ) : null}
            <p className="govuk-body">
              If you have lost the link, or think someone else has it, reset it: the old link stops
              working at once.
            </p>
            <Form>
              <Button name="intent" value="reset">
                Reset the link
              </Button>{" "}
              <Button secondary name="intent" value="stop">
                Switch the feed off
              </Button>
            </Form>
          </>
        ) : (
          <Form>
            <Button name="intent" value="reset">
              Create my calendar link
            </Button>
          </Form>
        )}
      </div>
    </div>
  );
}
