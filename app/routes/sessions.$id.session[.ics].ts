import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { CALENDAR_CONTENT_TYPE } from "~/sessions/calendar.server";
import { getSession } from "~/sessions/delivery.server";
import { icsForSessions } from "~/sessions/feeds.server";
import { viewerOf } from "~/sessions/scope.server";
import { notFound } from "~/utils/errors.server";
import { publicUrl } from "~/utils/url.server";
import { idParam } from "~/utils/params";

// A session's .ics download, for anyone allowed to see the session: its trainers, leads, and the
// coordinator of the school it is at.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const found = await getSession(getDb(), viewerOf(auth), idParam(params.id));
  if (!found) notFound("session");
  const ics = await icsForSessions(
    getDb(),
    [found.session.id],
    publicUrl(request),
    found.session.title,
  );
  return new Response(ics, {
    headers: {
      "Content-Type": CALENDAR_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="lantern-session-${found.session.starts_at.slice(0, 10)}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
