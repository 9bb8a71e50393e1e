import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/db.server";
import { CALENDAR_CONTENT_TYPE } from "~/sessions/calendar.server";
import { feedForToken } from "~/sessions/feeds.server";
import { publicUrl } from "~/utils/url.server";

// A trainer's private calendar feed. The unguessable token in the path is the only key (calendar
// apps cannot sign in); only its hash is stored, and the trainer can reset it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ics = await feedForToken(getDb(), params.token ?? "", publicUrl(request));
  if (!ics)
    throw new Response("This calendar link is not valid. It may have been reset.", { status: 404 });
  return new Response(ics, {
    headers: {
      "Content-Type": CALENDAR_CONTENT_TYPE,
      "Content-Disposition": 'inline; filename="lantern.ics"',
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
}
