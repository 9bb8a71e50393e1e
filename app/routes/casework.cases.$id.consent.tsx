import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CaseHeader, displayName } from "~/casework/CaseHeader";
import { requireCase, requireCasework } from "~/casework/access.server";
import { caseRecord, recordConsent, withdrawConsent } from "~/casework/cases.server";
import { CONSENT_GIVERS, CONSENT_HOW, CONSENT_PURPOSES, labelOf } from "~/casework/rules";
import { ConsentIntentSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, Radios, TextInput } from "~/components/form";
import { DateInput } from "~/components/date-input";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { now } from "~/utils/clock.server";
import { formatDay, londonToday } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

// Consent, per purpose (support, sharing with the school, evaluation), from the young person and
// a parent or carer where the programme asks for one at their age. No case opens without the
// support consent it needs; withdrawing it closes the case at once.
export const meta: MetaFunction = () => pageTitle("Consent");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"]);
  const record = await call(() =>
    caseRecord(getDb(), viewer, idParam(params.id), clientIp(request), "consent"),
  );
  const url = new URL(request.url);
  return { record, today: londonToday(now()), done: url.searchParams.get("done") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { viewer } = await requireCase(request, getDb(), id);
  const submission = parseForm(await readForm(request), ConsentIntentSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const db = getDb();
  if (v.intent === "withdraw") {
    const { closed } = await call(() =>
      withdrawConsent(db, viewer, id, v.consentId, clientIp(request)),
    );
    throw redirect(
      closed
        ? `/casework/cases/${id}?saved=withdrawn`
        : `/casework/cases/${id}/consent?done=withdrawn`,
    );
  }
  const result = await call(() =>
    recordConsent(
      db,
      viewer,
      id,
      {
        purpose: v.purpose,
        givenBy: v.givenBy,
        givenOn: v.givenOn,
        how: v.how,
        present: v.present || null,
      },
      clientIp(request),
    ),
  );
  if (!result.ok) return formError(submission, result.field, result.message);
  throw redirect(`/casework/cases/${id}/consent?done=${result.opened ? "opened" : "recorded"}`);
}

export default function Consent() {
  const { record: c, today, done } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      {done ? (
        <NotificationBanner
          title="Saved"
          heading={
            done === "opened"
              ? "Consent recorded: the case is now open"
              : done === "withdrawn"
                ? "The withdrawal has been recorded"
                : "Consent recorded"
          }
        />
      ) : null}
      <ErrorSummary reply={reply} />
      <CaseHeader
        id={c.id}
        name={displayName(c.youngPerson)}
        programme={c.programme}
        status={c.status}
        current="/consent"
        title="Consent"
      />
      {c.status === "awaiting_consent" ? (
        <div className="govuk-inset-text">
          The case opens when consent to support is recorded from{" "}
          {c.missingConsent
            .map((m) => (m === "young_person" ? "the young person" : "a parent or carer"))
            .join(" and from ")}
          .
          {c.parentConsentNeeded
            ? " This programme asks for a parent's or carer's consent at this young person's age."
            : ""}
        </div>
      ) : null}
      <p className="govuk-body">
        Consent to take part is not the basis for sharing safeguarding information: where a child is
        at risk, share as your safeguarding procedure says, with or without consent.
      </p>
      <Table
        caption="Consent recorded"
        rows={c.consents}
        rowKey={(k) => k.id}
        empty="None yet."
        columns={[
          { header: "For", cell: (k) => labelOf(CONSENT_PURPOSES, k.purpose) },
          {
            header: "Given by",
            cell: (k) => (
              <>
                {labelOf(CONSENT_GIVERS, k.givenBy)}
                {k.present ? <span className="govuk-body-s"> (present: {k.present})</span> : null}
              </>
            ),
          },
          {
            header: "On, and how",
            cell: (k) => (
              <>
                {formatDay(k.givenOn)}, {labelOf(CONSENT_HOW, k.how).toLowerCase()}
              </>
            ),
          },
          {
            header: "Withdrawn",
            cell: (k) =>
              k.withdrawnOn ? (
                formatDay(k.withdrawnOn)
              ) : c.status !== "closed" ? (
                <Form>
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="consentId" value={k.id} />
                  <Button warning>
                    Record withdrawal
                    <span className="govuk-visually-hidden">
                      {" "}
                      of consent: {labelOf(CONSENT_PURPOSES, k.purpose).toLowerCase()}
                    </span>
                  </Button>
                </Form>
              ) : (
                "No"
              ),
          },
        ]}
      />
      {c.consents.some((k) => k.purpose === "support" && !k.withdrawnOn) && c.status === "open" ? (
        <p className="govuk-body-s">
          Recording the withdrawal of consent to support closes the case at once.
        </p>
      ) : null}
      {c.status !== "closed" ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">Record consent</h2>
            <Form reply={reply}>
              <input type="hidden" name="intent" value="record" />
              <Radios
                name="purpose"
                label="What is the consent for?"
                options={[...CONSENT_PURPOSES]}
              />
              <Radios name="givenBy" label="Who gave it?" options={[...CONSENT_GIVERS]} />
              <DateInput name="givenOn" label="Date given" defaultValue={today} />
              <Radios name="how" label="How was it given?" inline options={[...CONSENT_HOW]} />
              <TextInput
                name="present"
                label="Who else was present (optional)"
                hint="For example: the school's safeguarding lead. Who judged the young person able to consent."
              />
              <Button>Record consent</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
