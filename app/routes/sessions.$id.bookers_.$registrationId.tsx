import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Textarea } from "~/components/form";
import { pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import {
  cancelBookingForSomeone,
  listBookers,
  moveFromWaitingList,
} from "~/sessions/bookers.server";
import { BackLink } from "~/sessions/components";
import { BookersActionSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { formatLongDate } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { idParam } from "~/utils/params";

// One person's booking, for a lead: cancel it for them (they rang), or give someone waiting a
// place out of turn.

export const meta: MetaFunction = () => pageTitle("Change a booking");

async function load(request: Request, sessionId: string, registrationId: string) {
  const auth = await requirePermission(request, "booking:schedule:any");
  const found = await listBookers(getDb(), viewerOf(auth), sessionId);
  const person = found && [...found.booked, ...found.waiting].find((p) => p.id === registrationId);
  if (!found || !person) notFound("booking");
  return { auth, found, person };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found, person } = await load(request, idParam(params.id), idParam(params.registrationId));
  const position =
    person.status === "waiting" ? found.waiting.findIndex((p) => p.id === person.id) + 1 : null;
  return { session: found.session, person, position };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth } = await load(request, idParam(params.id), idParam(params.registrationId));
  const submission = parseForm(await readForm(request), BookersActionSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  if (v.intent !== "cancelBooking" && v.intent !== "moveUp")
    throw new Response("The form could not be read. Go back and try again.", { status: 400 });
  if (v.registrationId !== params.registrationId)
    throw new Response("The form could not be read. Go back and try again.", { status: 400 });
  const outcome =
    v.intent === "cancelBooking"
      ? await cancelBookingForSomeone(
          getDb(),
          viewerOf(auth),
          idParam(params.id),
          v.registrationId,
          v.cancelReason,
          publicUrl(request),
        )
      : await moveFromWaitingList(
          getDb(),
          viewerOf(auth),
          idParam(params.id),
          v.registrationId,
          v.moveReason,
          publicUrl(request),
        );
  if (outcome === "not_found") notFound("booking");
  if (outcome === "closed")
    return formError(
      submission,
      "",
      "This session has started, been delivered or been cancelled, so its bookings can no longer change.",
      409,
    );
  if (outcome !== "done") return formError(submission, "", outcome.message, 409);
  throw redirect(
    `/sessions/${params.id}/bookers?changed=${v.intent === "cancelBooking" ? "cancelled" : "moved"}`,
  );
}

export default function ChangeBooking() {
  const { session: s, person: p, position } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/sessions/${s.id}/bookers`}>Bookings</BackLink>
        <ErrorSummary reply={result ?? null} />
        <span className="govuk-caption-l">
          {s.title}, {formatLongDate(s.starts_at)}
        </span>
        <h1 className="govuk-heading-l">{p.name}</h1>
        <SummaryList
          rows={[
            {
              key: "Status",
              value: p.status === "waiting" ? `Waiting: number ${position} in the queue` : "Booked",
            },
            { key: "Organisation", value: p.organisation_name ?? "—" },
            { key: "Email", value: p.email ?? "—" },
            { key: "Access needs", value: p.access_needs ?? "None given" },
          ]}
        />
        {p.status === "waiting" ? (
          <>
            <h2 className="govuk-heading-m">Give them a place now</h2>
            <p className="govuk-body">
              Out of turn: the session gains a place for them if it is full. They are emailed with a
              calendar invitation.
            </p>
            <Form reply={result ?? null}>
              <input type="hidden" name="intent" value="moveUp" />
              <input type="hidden" name="registrationId" value={p.id} />
              <Textarea
                name="moveReason"
                label="Why they are given a place out of turn"
                hint="Recorded in the session's history."
                rows={3}
              />
              <Button>Give them a place</Button>
            </Form>
          </>
        ) : null}
        <h2 className="govuk-heading-m">
          {p.status === "waiting" ? "Take them off the waiting list" : "Cancel their booking"}
        </h2>
        <p className="govuk-body">
          They are emailed to say so.
          {p.status === "confirmed" ? " Their place goes to the first person waiting." : ""}
        </p>
        <Form reply={result ?? null}>
          <input type="hidden" name="intent" value="cancelBooking" />
          <input type="hidden" name="registrationId" value={p.id} />
          <Textarea
            name="cancelReason"
            label="Why it is cancelled"
            hint="For example: rang to say they cannot come. They see this in the email."
            rows={3}
          />
          <Button warning>
            {p.status === "waiting" ? "Take them off the waiting list" : "Cancel the booking"}
          </Button>
        </Form>
      </div>
    </div>
  );
}
