// Named `$id_` so it is not nested in the session page. A resource route: the session's .ics.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/db.server";
import { CALENDAR_CONTENT_TYPE } from "~/sessions/calendar.server";
import { sessionInvite } from "~/sessions/open-emails.server";
import { getOpenSession, OPEN_AUDIENCES } from "~/sessions/open.server";
import { notFound } from "~/utils/errors.server";
import { idParam } from "~/utils/params";

export async function loader({ params }: LoaderFunctionArgs) {
  const s = await getOpenSession(getDb(), idParam(params.id));
  if (!s || !OPEN_AUDIENCES.includes(s.audience)) notFound("session");
  const invite = sessionInvite(
    {
      id: s.id,
      title: s.title,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      location: s.location,
      revision: s.revision,
    },
    { cancelled: s.status === "cancelled" || s.status === "postponed" },
  );
  return new Response(invite.content, {
    headers: {
      "Content-Type": CALENDAR_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="lantern-session.ics"`,
    },
  });
}
