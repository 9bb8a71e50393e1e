import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import {
  Button,
  Checkboxes,
  ErrorSummary,
  Form,
  Radios,
  Textarea,
  TextInput,
} from "~/components/form";
import { DateInput } from "~/components/date-input";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { classLabel } from "~/sessions/class-order";
import { BackLink } from "~/sessions/components";
import { createPackageRequest, onePerClass, requestFormFor } from "~/sessions/requests.server";
import { RequestSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

// A school's whole package in one request (issue 17, item 5), in steps that work without
// JavaScript: which school (when the coordinator has several), what to book (only what suits the
// school's phase, each with its description), then each pupil session's own classes and the dates.
// The first steps are GET forms, so each step is a page with its own address and Back works.

export const meta: MetaFunction = () => pageTitle("Request a session");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "booking:request:own-school");
  const url = new URL(request.url);
  const form = await requestFormFor(getDb(), viewerOf(auth), url.searchParams.get("settingId"));
  const wanted = url.searchParams.getAll("offeringIds");
  // Only offerings the school is offered reach the second step; the action checks again.
  const chosen = wanted
    .map((id) => form.offerings.find((o) => o.id === id))
    .filter((o): o is (typeof form.offerings)[number] => !!o);
  const choosing = !chosen.length || url.searchParams.has("change");
  return {
    schools: form.schools.map((s) => ({ value: s.id, label: s.name })),
    school: form.school ? { id: form.school.id, name: form.school.name } : null,
    step: !form.school ? "school" : choosing ? "offerings" : "details",
    // "Continue" with nothing ticked comes back here with `offeringIds` empty.
    nothingChosen: url.searchParams.has("chosen") && !wanted.length,
    offerings: form.offerings.map((o) => ({
      value: o.id,
      label: o.title,
      hint: [
        o.description,
        [
          `${o.format_label}, ${o.duration_minutes} minutes`,
          o.series_length > 1
            ? `a series of ${o.series_length} weekly meetings with the same group`
            : null,
          onePerClass(o)
            ? `one class of up to ${o.capacity} pupils: each class you choose gets its own`
            : o.format === "assembly"
              ? "a year group together"
              : o.audience === "pupils"
                ? `up to ${o.capacity} pupils`
                : `up to ${o.capacity} people`,
        ]
          .filter(Boolean)
          .join("; "),
      ]
        .filter(Boolean)
        // The description is the offering's own words; the logistics follow as a sentence.
        .map((t) => (/[.!?]$/.test(t!) ? t : `${t}.`))
        .join(" "),
    })),
    chosen: chosen.map((o) => ({
      id: o.id,
      title: o.title,
      forPupils: o.audience === "pupils",
      classHint: onePerClass(o)
        ? "Each class you choose gets its own workshop."
        : o.format === "assembly"
          ? "Choose the classes of the year group; the assembly is for them together."
          : `Together, up to ${o.capacity} pupils.`,
    })),
    classes: form.classes.map((c) => ({
      value: c.id,
      label: classLabel(c),
      hint: `${c.pupil_count} pupils`,
    })),
    query: url.search,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "booking:request:own-school");
  const viewer = viewerOf(auth);
  const submission = parseForm(await readForm(request), RequestSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const classesOf = (i: number) =>
    (v as unknown as Record<string, string[] | undefined>)[`classes${i}`] ?? [];
  const preferred = (
    [
      ["date1", "time1"],
      ["date2", "time2"],
      ["date3", "time3"],
    ] as const
  ).map(([d, t]) => (v[d] ? { date: v[d], time: v[t] ?? null } : null));
  const settingId = v.settingId ?? (viewer.schoolIds.length === 1 ? viewer.schoolIds[0] : "");
  const result = await createPackageRequest(
    getDb(),
    viewer,
    {
      settingId,
      sessions: v.offeringIds.map((offeringId, i) => ({ offeringId, classIds: classesOf(i) })),
      preferredDates: preferred,
      notes: v.notes || null,
    },
    publicUrl(request),
  );
  if (!result.ok)
    return formError(
      submission,
      result.field,
      result.message,
      result.field === "settingId" ? 403 : 400,
    );
  throw redirect(`/bookings?sent=${result.requestIds.length}`);
}

export default function NewRequest() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { school, step } = data;
  const getError = data.nothingChosen
    ? { error: { offeringIds: ["Choose at least one session to book"] } }
    : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/bookings">Your booking requests</BackLink>
        <ErrorSummary reply={reply ?? getError} />
        {school && data.schools.length > 1 ? (
          <span className="govuk-caption-l">{school.name}</span>
        ) : null}
        <h1 className="govuk-heading-l">Request a session</h1>
        {step === "school" ? (
          <Form method="get" action="/bookings/new" reply={null}>
            <Radios name="settingId" label="Which school is it for?" options={data.schools} />
            <Button>Continue</Button>
          </Form>
        ) : step === "offerings" ? (
          <>
            <p className="govuk-body">
              You can ask for your school&apos;s whole package at once — an assembly, a workshop for
              each class, a staff session and a parents&apos; session. A programme lead will confirm
              the date, time and trainer.
            </p>
            <Form method="get" action="/bookings/new" reply={getError}>
              <input type="hidden" name="settingId" value={school!.id} />
              <input type="hidden" name="chosen" value="1" />
              <Checkboxes
                name="offeringIds"
                label="What would you like to book?"
                hint="Choose all that apply. You choose the classes for each pupil session next."
                options={data.offerings}
                defaultValue={data.chosen.map((c) => c.id)}
              />
              <Button>Continue</Button>
            </Form>
          </>
        ) : (
          <>
            <h2 className="govuk-heading-m">What you are booking</h2>
            <ul className="govuk-list govuk-list--bullet">
              {data.chosen.map((c) => (
                <li key={c.id}>{c.title}</li>
              ))}
            </ul>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/bookings/new${data.query}&change=1`}>
                Change what you are booking
              </Link>
            </p>
            <Form reply={reply} action={`/bookings/new${data.query}`}>
              <input type="hidden" name="settingId" value={school!.id} />
              {data.chosen.map((c) => (
                <input key={c.id} type="hidden" name="offeringIds" value={c.id} />
              ))}
              {data.chosen.some((c) => c.forPupils) && !data.classes.length ? (
                <p className="govuk-body">
                  To book pupil sessions, first{" "}
                  <Link className="govuk-link" to="/classes/new">
                    add your classes
                  </Link>
                  .
                </p>
              ) : null}
              {data.chosen.map((c, i) =>
                c.forPupils && data.classes.length ? (
                  <Checkboxes
                    key={c.id}
                    name={`classes${i}`}
                    label={`Which classes is “${c.title}” for?`}
                    hint={c.classHint}
                    options={data.classes}
                  />
                ) : null,
              )}
              <h2 className="govuk-heading-m">When would suit you?</h2>
              <p className="govuk-body">Give up to three preferred dates. A time is optional.</p>
              {[1, 2, 3].map((i) => (
                <div key={i}>
                  <DateInput
                    name={`date${i}`}
                    label={
                      i === 1
                        ? "First preferred date"
                        : i === 2
                          ? "Second preferred date (optional)"
                          : "Third preferred date (optional)"
                    }
                  />
                  <TextInput
                    name={`time${i}`}
                    label={`Time on the ${i === 1 ? "first" : i === 2 ? "second" : "third"} date (optional)`}
                    hint="For example, 09:30 or 14:00"
                    type="time"
                    width="5"
                  />
                </div>
              ))}
              <Textarea
                name="notes"
                label="Anything else we should know? (optional)"
                hint="For example the room, the length of your lessons, or what prompted the request"
                rows={4}
              />
              <Button>Send the request</Button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
