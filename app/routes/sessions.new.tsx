import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DateInput } from "~/components/date-input";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import {
  Button,
  Checkboxes,
  ErrorSummary,
  Form,
  Select,
  Textarea,
  TextInput,
} from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink, ClashReport, type ProblemReport } from "~/sessions/components";
import { createSession, creatableOfferings, districtOptions } from "~/sessions/create.server";
import { trainerOptions } from "~/sessions/route-helpers.server";
import { NewSessionSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

// A lead creates a session that did not start as a school's request (a parents' evening, a VCSE
// training, an online briefing) and, if its offering is open to the public, publishes it.

export const meta: MetaFunction = () => pageTitle("Create a session");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "booking:schedule:any");
  const db = getDb();
  const offeringId = new URL(request.url).searchParams.get("offering") ?? undefined;
  return {
    offerings: await creatableOfferings(db),
    districts: await districtOptions(db),
    trainers: await trainerOptions(db),
    offeringId,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "booking:schedule:any");
  const submission = parseForm(await readForm(request), NewSessionSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const outcome = await createSession(
    getDb(),
    viewerOf(auth),
    {
      offeringId: v.offeringId,
      date: v.date,
      time: v.time,
      durationMinutes: v.durationMinutes,
      venue: v.venue || null,
      address: v.address || null,
      postcode: v.postcode || null,
      joiningLink: v.joiningLink || null,
      room: v.room || null,
      districtId: v.districtId || null,
      capacity: v.capacity,
      trainerIds: v.trainerIds,
      publish: v.publish === "yes",
      overrideReason: v.overrideReason || null,
    },
    publicUrl(request),
  );
  if (outcome === "not_found") throw new Response("Not found", { status: 404 });
  if (!outcome.ok && "field" in outcome)
    return formError(submission, outcome.field, outcome.message);
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
  throw redirect(`/sessions/${outcome.sessionIds[0]}/bookers?created=1`);
}

export default function NewSession() {
  const { offerings, districts, trainers, offeringId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const report = (result as { report?: ProblemReport } | undefined)?.report ?? null;
  const showOverride = !!report && report.warnings.length > 0 && report.refusals.length === 0;
  const chosen = offerings.find((o) => o.id === offeringId);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/sessions">Sessions</BackLink>
        <h1 className="govuk-heading-l">Create a session</h1>
        <p className="govuk-body">
          For sessions that are not a school's request: a parents' evening, a training for voluntary
          and community organisations, an online briefing. Pupils' sessions are scheduled from the
          school's request.
        </p>
        <ClashReport report={report} />
        <ErrorSummary reply={result ?? null} />
        <Form reply={result ?? null}>
          <Select
            name="offeringId"
            label="Offering"
            hint="Offerings marked “public” can be published on the open sessions page."
            placeholder="Choose an offering"
            defaultValue={offeringId}
            options={offerings.map((o) => ({
              value: o.id,
              label: `${o.title} — ${o.audience_label}, ${o.duration_minutes} minutes${o.series_length > 1 ? `, ${o.series_length} meetings` : ""}${o.publishable ? " (public)" : ""} · ${o.programme_name}`,
            }))}
          />
          <DateInput
            name="date"
            label="Date"
            hint={
              offerings.some((o) => o.series_length > 1)
                ? "For a series, the date of the first meeting. For example, 27 3 2027"
                : undefined
            }
          />
          <TextInput
            name="time"
            label="Start time"
            type="time"
            width="5"
            hint="24-hour clock, London time, for example 18:30"
          />
          <TextInput
            name="durationMinutes"
            label="Length in minutes"
            inputMode="numeric"
            width="3"
            defaultValue={chosen?.duration_minutes}
          />
          <TextInput
            name="capacity"
            label="Number of places"
            inputMode="numeric"
            width="4"
            defaultValue={chosen?.capacity}
          />
          <TextInput
            name="venue"
            label="Venue"
            hint="The name people will look for, for example Norwich Youth Harbour hall. Leave empty for an online session."
          />
          <TextInput
            name="address"
            label="Street address (optional)"
            hint="For example 12 Magpie Road, Norwich"
          />
          <TextInput
            name="postcode"
            label="Postcode"
            width="10"
            hint="Needed for a session in person: the public page links it to a map."
            autoComplete="postal-code"
          />
          <TextInput name="room" label="Room (optional)" width="20" />
          <TextInput
            name="joiningLink"
            label="Joining link (online sessions)"
            hint="Starts https://. Only people with a place are sent it, with their confirmation and the day before."
          />
          <Select
            name="districtId"
            label="District (optional)"
            hint="People filter the open sessions page by district."
            placeholder="No district"
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
          <Checkboxes
            name="trainerIds"
            label="Trainers"
            hint="Choose one or more. Clashes and lapsed checks are shown before anything is saved."
            options={trainers}
          />
          <Checkboxes
            name="publish"
            label="Public list"
            options={[
              {
                value: "yes",
                label: "Publish it on the open sessions page now",
                hint: "You can publish it or take it off later.",
              },
            ]}
          />
          {showOverride ? <input type="hidden" name="overrideAsked" value="yes" /> : null}
          {showOverride ? (
            <Textarea
              name="overrideReason"
              label="Reason for booking despite the warnings"
              hint="This is recorded with the session."
              rows={3}
            />
          ) : null}
          <Button>{showOverride ? "Create despite the warnings" : "Create the session"}</Button>
        </Form>
      </div>
    </div>
  );
}
