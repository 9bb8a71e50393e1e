// Named `$id_.feedback_` so it is a page of its own, not nested in the feedback page (no <Outlet />).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { ensureFeedbackLink } from "~/feedback/responses.server";
import { requireSessionStaff } from "~/sessions/access.server";
import { BackLink } from "~/sessions/components";
import { formatLongDate } from "~/utils/dates";
import { idParam } from "~/utils/params";
import { publicUrl } from "~/utils/url.server";

// The feedback poster a trainer prints or shows on a slide (issue 17, item 7): a large QR code for
// the session's anonymous feedback link, a few short words for the people in the room, and the
// address printed once for anyone without a camera. Printing drops everything else (app.scss).

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Feedback poster: ${data.session.title}` : "Feedback poster");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { session } = await requireSessionStaff(db, request, idParam(params.id));
  const link = await ensureFeedbackLink(db, session.id);
  const url = `${publicUrl(request)}/feedback/${link!.token}`;
  // Quartile error correction: a poster gets folded, pinned and photographed from across a room.
  const qr = await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "Q" });
  return {
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.starts_at,
      pupils: session.audience === "pupils",
    },
    url,
    qr,
  };
}

export default function FeedbackPoster() {
  const { session, url, qr } = useLoaderData<typeof loader>();
  return (
    <div className="lantern-printout">
      <BackLink to={`/sessions/${session.id}/feedback`}>Back to feedback</BackLink>
      <p className="govuk-body lantern-no-print">
        Print this poster (Ctrl and P, or Print in your browser’s menu), or show it on a screen.
      </p>
      <div className="lantern-poster">
        <h1 className="govuk-heading-xl lantern-poster__heading">
          {session.pupils ? "What did you think?" : "Tell us what you think"}
        </h1>
        <div className="lantern-poster__qr" role="img" aria-label="QR code for the feedback page">
          <div dangerouslySetInnerHTML={{ __html: qr }} />
        </div>
        <p className="govuk-body lantern-poster__words">Point your phone’s camera at the code.</p>
        <p className="govuk-body lantern-poster__words">
          {session.pupils
            ? "Answer a few questions now, and again at the end. You do not put your name."
            : "Answer a few questions now and again at the end. It takes two minutes, and you do not give your name."}
        </p>
        <p className="govuk-body">No camera? Type this address:</p>
        <p className="govuk-body lantern-poster__url">{url}</p>
        <p className="govuk-body-s">
          {session.title}, {formatLongDate(session.startsAt).replace(",", "")}
        </p>
      </div>
    </div>
  );
}
