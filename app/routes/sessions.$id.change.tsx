import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Textarea } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink, timeRange, type ProblemReport } from "~/sessions/components";
import { getSession } from "~/sessions/delivery.server";
import { trainerOptions } from "~/sessions/route-helpers.server";
import { ScheduleForm } from "~/sessions/schedule-form";
import {
  cancelSession,
  postponeSession,
  rescheduleSession,
  sessionFormDefaults,
} from "~/sessions/scheduling.server";
import { ChangeSessionSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { formatLongDate } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction = () => pageTitle("Move, postpone or cancel a session");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "booking:schedule:any");
  const found = await getSession(getDb(), viewerOf(auth), idParam(params.id));
  if (!found) notFound("session");
  return {
    ...found,
    defaults: sessionFormDefaults(found.session),
    trainerChoices: await trainerOptions(getDb()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "booking:schedule:any");
  const viewer = viewerOf(auth);
  const submission = parseForm(await readForm(request), ChangeSessionSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const base = publicUrl(request);
  if (v.intent === "cancel" || v.intent === "postpone") {
    const result =
      v.intent === "cancel"
        ? await cancelSession(getDb(), viewer, idParam(params.id), v.cancelReason, base)
        : await postponeSession(getDb(), viewer, idParam(params.id), v.postponeReason, base);
    if (result === "not_found") notFound("session");
    if (result === "closed")
      return formError(submission, "", "This session can no longer be changed.", 409);
    throw redirect(`/sessions/${params.id}?changed=1`);
  }
  const outcome = await rescheduleSession(
    getDb(),
    viewer,
    idParam(params.id),
    {
      date: v.date,
      time: v.time,
      durationMinutes: v.durationMinutes,
      venue: v.venue,
      room: v.room || null,
      trainerIds: v.trainerIds,
      overrideReason: v.overrideReason || null,
      reason: v.reason,
    },
    base,
  );
  if (outcome === "not_found") notFound("session");
  if (outcome === "closed")
    return formError(submission, "", "This session can no longer be changed.", 409);
  if (!outcome.ok)
    return data(
      {
        ...submission.reply(
          !outcome.refusals.length && v.overrideAsked && !v.overrideReason
            ? {
                fieldErrors: {
                  overrideReason: ["Enter your reason for booking despite the warnings"],
                },
              }
            : undefined,
        ),
        report: { refusals: outcome.refusals, warnings: outcome.warnings },
      },
      { status: outcome.refusals.length ? 409 : 400 },
    );
  throw redirect(`/sessions/${params.id}?changed=1`);
}

export default function ChangeSession() {
  const { session: s, trainers, defaults, trainerChoices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const report = (result as { report?: ProblemReport } | undefined)?.report ?? null;
  const intent = (result?.initialValue as Record<string, unknown> | undefined)?.intent;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/sessions/${s.id}`}>Back to the session</BackLink>
        <span className="govuk-caption-l">
          {s.title}
          {s.setting_name ? `, ${s.setting_name}` : ""}
        </span>
        <h1 className="govuk-heading-l">Move, postpone or cancel</h1>
        <p className="govuk-body">
          Now: {formatLongDate(s.starts_at).replace(",", "")}, {timeRange(s.starts_at, s.ends_at)}.
          The school contact and the trainers are emailed about any change.
        </p>
        <h2 className="govuk-heading-m">Move to a new time</h2>
        <ScheduleForm
          reply={intent === "reschedule" || report ? result : null}
          report={report}
          trainers={trainerChoices}
          submit="Move the session"
          defaults={{ ...defaults, trainerIds: trainers.map((t) => t.id) }}
        >
          <input type="hidden" name="intent" value="reschedule" />
          <Textarea name="reason" label="Reason for the change" rows={2} />
        </ScheduleForm>
        {s.status === "scheduled" ? (
          <>
            <h2 className="govuk-heading-m">Postpone</h2>
            <p className="govuk-body">
              The session comes out of calendars until you move it to a new date.
            </p>
            {intent === "postpone" ? <ErrorSummary reply={result} /> : null}
            <Form reply={intent === "postpone" ? result : null}>
              <input type="hidden" name="intent" value="postpone" />
              <Textarea name="postponeReason" label="Reason for postponing" rows={2} />
              <Button secondary>Postpone the session</Button>
            </Form>
          </>
        ) : null}
        <h2 className="govuk-heading-m">Cancel</h2>
        {intent === "cancel" ? <ErrorSummary reply={result} /> : null}
        <Form reply={intent === "cancel" ? result : null}>
          <input type="hidden" name="intent" value="cancel" />
          <Textarea name="cancelReason" label="Reason for cancelling" rows={2} />
          <Button warning>Cancel the session</Button>
        </Form>
      </div>
    </div>
  );
}
