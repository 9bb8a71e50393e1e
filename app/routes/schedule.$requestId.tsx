import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Form, Textarea, TextInput } from "~/components/form";
import { DateInput } from "~/components/date-input";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink, type ProblemReport } from "~/sessions/components";
import {
  declineRequest,
  getRequest,
  parsePreferred,
  proposeDates,
} from "~/sessions/requests.server";
import { trainerOptions } from "~/sessions/route-helpers.server";
import { ScheduleForm } from "~/sessions/schedule-form";
import { confirmRequest } from "~/sessions/scheduling.server";
import { DeclineSchema, FreeCheckSchema, ProposeSchema, ScheduleSchema } from "~/sessions/schemas";
import {
  whoIsFreeForRequest,
  type WhoIsFree as WhoIsFreeResult,
} from "~/sessions/availability.server";
import { WhoIsFree } from "~/sessions/who-is-free";
import { viewerOf, type Viewer } from "~/sessions/scope.server";
import { formatClockTime, formatDay } from "~/utils/dates";
import { call, notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction = () => pageTitle("Schedule a request");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "booking:schedule:any");
  const found = await getRequest(getDb(), viewerOf(auth), idParam(params.requestId));
  if (!found) notFound("booking request");
  return {
    request: found,
    preferred: parsePreferred(found.preferred_dates),
    trainers: await trainerOptions(getDb()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "booking:schedule:any");
  const form = await readForm(request);
  if (form.get("intent") === "propose")
    return propose(form, viewerOf(auth), request, idParam(params.requestId));
  if (form.get("intent") === "decline") {
    const declining = parseForm(form, DeclineSchema);
    if (declining.status !== "success") return invalidForm(declining.reply());
    const outcome = await call(() =>
      declineRequest(
        getDb(),
        viewerOf(auth),
        idParam(params.requestId),
        declining.value.declineReason,
        publicUrl(request),
      ),
    );
    if (!outcome.ok) return problemReply(declining, outcome);
    throw redirect(`/schedule?declined=${params.requestId}`);
  }
  if (form.get("intent") === "check-free") return checkWhoIsFree(form, auth, params.requestId);
  const submission = parseForm(form, ScheduleSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const outcome = await confirmRequest(
    getDb(),
    viewerOf(auth),
    idParam(params.requestId),
    {
      date: v.date,
      time: v.time,
      durationMinutes: v.durationMinutes,
      venue: v.venue,
      room: v.room || null,
      trainerIds: v.trainerIds,
      overrideReason: v.overrideReason || null,
    },
    publicUrl(request),
  );
  if (outcome === "not_found") notFound("booking request");
  if (outcome === "not_waiting")
    return formError(submission, "", "This request has already been scheduled or cancelled.", 409);
  if (!outcome.ok) {
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
  }
  throw redirect(`/schedule?scheduled=${outcome.sessionIds[0]}`);
}

/** "Check who is free": the form comes back with what was entered and the free trainers. */
async function checkWhoIsFree(
  form: FormData,
  auth: Parameters<typeof viewerOf>[0],
  requestId: string | undefined,
) {
  const checking = parseForm(form, FreeCheckSchema);
  if (checking.status !== "success") return invalidForm(checking.reply());
  const availability = await call(() =>
    whoIsFreeForRequest(getDb(), viewerOf(auth), idParam(requestId), checking.value),
  );
  return { ...checking.reply(), availability };
}

/** Other dates for the school to accept or refuse (issue 17, item 3). */
async function propose(form: FormData, viewer: Viewer, request: Request, requestId: string) {
  const proposing = parseForm(form, ProposeSchema);
  if (proposing.status !== "success") return invalidForm(proposing.reply());
  const v = proposing.value;
  const dates = (
    [
      [v.proposed1, v.proposedTime1],
      [v.proposed2, v.proposedTime2],
      [v.proposed3, v.proposedTime3],
    ] as const
  ).map(([date, time]) => (date ? { date, time: time ?? null } : null));
  const outcome = await call(() =>
    proposeDates(
      getDb(),
      viewer,
      requestId,
      { dates, note: v.proposalNote || null },
      publicUrl(request),
    ),
  );
  if (!outcome.ok) return problemReply(proposing, outcome);
  throw redirect(`/schedule?proposed=${requestId}`);
}

export default function ScheduleRequest() {
  const { request: r, preferred, trainers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const report = (result as { report?: ProblemReport } | undefined)?.report ?? null;
  const first = preferred[0];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/schedule">Requests to schedule</BackLink>
        <span className="govuk-caption-l">{r.setting_name}</span>
        <h1 className="govuk-heading-l">Schedule: {r.offering_title}</h1>
        <SummaryList
          rows={[
            {
              key: "Classes",
              value: r.classes.length
                ? r.classes
                    .map(
                      (c) =>
                        `${c.label} (${c.pupilCount} pupils${c.accessNeeds ? `; access needs: ${c.accessNeeds}` : ""})`,
                    )
                    .join(", ")
                : "Not needed",
            },
            {
              key: "Preferred dates",
              value:
                preferred
                  .map(
                    (p) => `${formatDay(p.date)}${p.time ? ` at ${formatClockTime(p.time)}` : ""}`,
                  )
                  .join("; ") || "None given",
            },
            { key: "Notes", value: r.notes ?? "None" },
            { key: "Requested by", value: `${r.requested_by_name ?? "—"}` },
            ...(r.series_length > 1
              ? [
                  {
                    key: "Series",
                    value: `${r.series_length} meetings, every ${r.series_interval_days === 7 ? "week" : `${r.series_interval_days} days`}: each is checked`,
                  },
                ]
              : []),
          ]}
        />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/bookings/${r.id}`}>
            See the request and its history
          </Link>
        </p>
        <h2 className="govuk-heading-m">
          {r.series_length > 1 ? "First meeting" : "Date, time and trainers"}
        </h2>
        <ScheduleForm
          reply={result ?? null}
          report={report}
          trainers={trainers}
          beforeTrainers={
            <WhoIsFree
              availability={
                (result as { availability?: WhoIsFreeResult } | undefined)?.availability
              }
            />
          }
          submit={
            r.series_length > 1
              ? `Schedule all ${r.series_length} meetings`
              : "Schedule the session"
          }
          defaults={{
            date: first?.date,
            time: first?.time ?? undefined,
            durationMinutes: r.duration_minutes,
            venue: r.format === "online" ? "Online" : r.setting_name,
          }}
        />
        {r.status === "requested" ? (
          <ProposeDates
            reply={result ?? null}
            waiting={!!r.proposed_dates}
            coordinator={r.requested_by_name}
          />
        ) : null}
        {r.status === "requested" ? (
          <>
            <h2 className="govuk-heading-m">Decline the request</h2>
            <p className="govuk-body">
              If the programme cannot take it on. {r.requested_by_name ?? "The coordinator"} is
              emailed your reason.
            </p>
            <Form reply={result ?? null}>
              <input type="hidden" name="intent" value="decline" />
              <Textarea
                name="declineReason"
                label="Why it is declined"
                hint="For example: no trainer is free before the end of term; please request dates after half term."
                rows={3}
              />
              <Button warning>Decline the request</Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}

/** The lead's form for other dates; says so when the school has not answered the last ones. */
function ProposeDates({
  reply,
  waiting,
  coordinator,
}: {
  reply: Parameters<typeof Form>[0]["reply"];
  waiting: boolean;
  coordinator: string | null;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">Propose other dates</h2>
      <p className="govuk-body">
        {waiting
          ? "Other dates have been proposed and the school has not answered yet. Proposing again replaces them."
          : `If none of the dates asked for can be met. ${coordinator ?? "The coordinator"} is emailed and can accept one or say why none suits.`}
      </p>
      <Form reply={reply}>
        <input type="hidden" name="intent" value="propose" />
        {[1, 2, 3].map((i) => (
          <div key={i}>
            <DateInput
              name={`proposed${i}`}
              label={i === 1 ? "A date you can offer" : `Another date you can offer (optional)`}
            />
            <TextInput
              name={`proposedTime${i}`}
              label="Time (optional)"
              hint="24-hour clock, for example 09:30"
              type="time"
              width="5"
            />
          </div>
        ))}
        <Textarea name="proposalNote" label="A note for the school (optional)" rows={3} />
        <Button secondary>Propose these dates</Button>
      </Form>
    </>
  );
}
