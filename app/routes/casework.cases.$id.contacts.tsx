import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CaseHeader, displayName } from "~/casework/CaseHeader";
import { requireCase, requireCasework } from "~/casework/access.server";
import { addContact, caseRecord } from "~/casework/cases.server";
import { CONTACT_OUTCOMES, CONTACT_PLACES, labelOf, MISSED_REASONS } from "~/casework/rules";
import { ContactSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, Radios, Textarea, TextInput } from "~/components/form";
import { DateInput } from "~/components/date-input";
import { NotificationBanner, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { now } from "~/utils/clock.server";
import { formatDay, londonToday } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

// Contacts with the young person: date, length, where, attended or not (with the reason: not
// attending is data), and a short note, sealed at rest.
export const meta: MetaFunction = () => pageTitle("Contacts");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"]);
  const record = await call(() =>
    caseRecord(getDb(), viewer, idParam(params.id), clientIp(request), "contacts"),
  );
  return {
    record,
    today: londonToday(now()),
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { viewer } = await requireCase(request, getDb(), id);
  const submission = parseForm(await readForm(request), ContactSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const result = await call(() =>
    addContact(
      getDb(),
      viewer,
      id,
      {
        contactOn: v.contactOn,
        minutes: v.minutes,
        place: v.place,
        outcome: v.outcome,
        missedReason: v.missedReason ?? null,
        note: v.note || null,
      },
      clientIp(request),
    ),
  );
  if (!result.ok)
    return formError(submission, result.field, result.message, result.field ? 400 : 409);
  throw redirect(`/casework/cases/${id}/contacts?saved=1`);
}

export default function Contacts() {
  const { record: c, today, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const attended = c.contacts.filter((k) => k.outcome === "attended");
  return (
    <>
      {saved ? <NotificationBanner title="Saved" heading="The contact has been recorded" /> : null}
      <ErrorSummary reply={reply} />
      <CaseHeader
        id={c.id}
        name={displayName(c.youngPerson)}
        programme={c.programme}
        status={c.status}
        current="/contacts"
        title="Contacts"
      />
      {c.followUp?.needed ? (
        <div className="govuk-inset-text">
          {c.followUp.escalate ? (
            <Tag colour="red">Escalate</Tag>
          ) : (
            <Tag colour="orange">Follow up</Tag>
          )}{" "}
          No attended contact since a missed one on {formatDay(c.followUp.since!)}.
        </div>
      ) : null}
      <p className="govuk-body">
        {attended.length} attended of {c.contacts.length} recorded,{" "}
        {attended.reduce((n, k) => n + k.minutes, 0)} minutes in all.
      </p>
      <Table
        caption="Contacts, latest first"
        rows={c.contacts}
        rowKey={(k) => k.id}
        empty="No contacts yet."
        columns={[
          { header: "Date", cell: (k) => formatDay(k.contactOn) },
          { header: "Where", cell: (k) => labelOf(CONTACT_PLACES, k.place) },
          {
            header: "Outcome",
            cell: (k) => (
              <>
                {labelOf(CONTACT_OUTCOMES, k.outcome)}
                {k.missedReason
                  ? ` (${labelOf(MISSED_REASONS, k.missedReason).toLowerCase()})`
                  : ""}
              </>
            ),
          },
          { header: "Minutes", cell: (k) => k.minutes, numeric: true },
          { header: "Note", cell: (k) => k.note },
        ]}
      />
      {c.status !== "closed" ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">Record a contact</h2>
            <Form reply={reply} key={c.contacts.length}>
              <DateInput name="contactOn" label="Date" defaultValue={today} />
              <TextInput
                name="minutes"
                label="How long, in minutes"
                type="number"
                inputMode="numeric"
                width="4"
              />
              <Radios name="place" label="Where" inline options={[...CONTACT_PLACES]} />
              <Radios
                name="outcome"
                label="Did the young person attend?"
                options={[...CONTACT_OUTCOMES]}
              />
              <Radios
                name="missedReason"
                label="If not, why not?"
                hint="Only when the young person did not attend or could not be contacted."
                options={[...MISSED_REASONS]}
              />
              <Textarea
                name="note"
                label="Note (optional)"
                hint="A few words on what you did and what happens next."
                rows={3}
              />
              <Button>Record contact</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
