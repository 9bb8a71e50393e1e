import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
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
import { classLabel, listClasses, schoolsOf } from "~/sessions/classes.server";
import { BackLink } from "~/sessions/components";
import { listOfferings } from "~/sessions/offerings.server";
import { createPackageRequest, schoolsBook } from "~/sessions/requests.server";
import { RequestSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction = () => pageTitle("Request a session");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "booking:request:own-school");
  const viewer = viewerOf(auth);
  const offerings = await listOfferings(getDb());
  const classes = await listClasses(getDb(), viewer.schoolIds);
  return {
    schools: await schoolsOf(getDb(), viewer.schoolIds),
    offerings: offerings.filter(schoolsBook).map((o) => ({
      value: o.id,
      label: o.title,
      hint: [
        `${o.audience_label}; ${o.format_label}; ${o.duration_minutes} minutes`,
        o.series_length > 1
          ? `books as a series of ${o.series_length} weekly meetings with the same group`
          : null,
        o.audience === "pupils" ? `up to ${o.capacity} pupils` : `up to ${o.capacity} people`,
      ]
        .filter(Boolean)
        .join("; "),
    })),
    classes: classes.map((c) => ({
      value: c.id,
      label: classLabel(c),
      hint: `${c.pupil_count} pupils${viewer.schoolIds.length > 1 ? `, ${c.setting_name}` : ""}`,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "booking:request:own-school");
  const viewer = viewerOf(auth);
  const submission = parseForm(await readForm(request), RequestSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
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
      offeringIds: v.offeringIds,
      classIds: v.classIds,
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
  const { schools, offerings, classes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/bookings">Your booking requests</BackLink>
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Request a session</h1>
        <p className="govuk-body">
          You can ask for your school&apos;s whole package at once — pupil sessions, a staff session
          and a parents&apos; session. A programme lead will confirm the date, time and trainer.
        </p>
        <Form reply={reply}>
          {schools.length > 1 ? (
            <Select
              name="settingId"
              label="School"
              options={schools.map((s) => ({ value: s.id, label: s.name }))}
            />
          ) : (
            <input type="hidden" name="settingId" value={schools[0]?.id ?? ""} />
          )}
          <Checkboxes
            name="offeringIds"
            label="What would you like to book?"
            hint="Choose all that apply."
            options={offerings}
          />
          {classes.length ? (
            <Checkboxes
              name="classIds"
              label="Which classes are the pupil sessions for?"
              hint="Needed for pupil sessions. Staff and parents' sessions do not need classes."
              options={classes}
            />
          ) : (
            <p className="govuk-body">
              To book pupil sessions, first{" "}
              <Link className="govuk-link" to="/classes/new">
                add your classes
              </Link>
              .
            </p>
          )}
          <h2 className="govuk-heading-m">When would suit you?</h2>
          <p className="govuk-body">Give up to three preferred dates. A time is optional.</p>
          {[1, 2, 3].map((i) => (
            <div className="govuk-grid-row" key={i}>
              <div className="govuk-grid-column-one-half">
                <TextInput
                  name={`date${i}`}
                  label={
                    i === 1
                      ? "First preferred date"
                      : i === 2
                        ? "Second preferred date (optional)"
                        : "Third preferred date (optional)"
                  }
                  type="date"
                />
              </div>
              <div className="govuk-grid-column-one-half">
                <TextInput
                  name={`time${i}`}
                  label={`Time on the ${i === 1 ? "first" : i === 2 ? "second" : "third"} date (optional)`}
                  type="time"
                  width="5"
                />
              </div>
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
      </div>
    </div>
  );
}
