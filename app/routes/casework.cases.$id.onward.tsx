import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CaseHeader, displayName } from "~/casework/CaseHeader";
import { requireCase, requireCasework } from "~/casework/access.server";
import { addOnward, caseRecord, updateOnwardOutcome } from "~/casework/cases.server";
import { labelOf, ONWARD_OUTCOMES, ONWARD_SERVICES } from "~/casework/rules";
import { OnwardIntentSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, Radios, Select } from "~/components/form";
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

// Onward referrals the caseworker develops (education, training, employment, youth services,
// CAMHS, substance misuse services...), each with its outcome.
export const meta: MetaFunction = () => pageTitle("Onward referrals");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"]);
  const record = await call(() =>
    caseRecord(getDb(), viewer, idParam(params.id), clientIp(request), "onward"),
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
  const submission = parseForm(await readForm(request), OnwardIntentSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  if (v.intent === "outcome") {
    await call(() =>
      updateOnwardOutcome(getDb(), viewer, id, v.onwardId, v.outcome, clientIp(request)),
    );
  } else {
    const result = await call(() =>
      addOnward(
        getDb(),
        viewer,
        id,
        { service: v.service, madeOn: v.madeOn, outcome: v.outcome },
        clientIp(request),
      ),
    );
    if (!result.ok)
      return formError(submission, result.field, result.message, result.field ? 400 : 409);
  }
  throw redirect(`/casework/cases/${id}/onward?saved=1`);
}

export default function Onward() {
  const { record: c, today, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      {saved ? <NotificationBanner title="Saved" heading="Saved" /> : null}
      <ErrorSummary reply={reply} />
      <CaseHeader
        id={c.id}
        name={displayName(c.youngPerson)}
        programme={c.programme}
        status={c.status}
        current="/onward"
        title="Onward referrals"
      />
      <Table
        caption="Onward referrals"
        rows={c.onward}
        rowKey={(o) => o.id}
        empty="None yet."
        columns={[
          { header: "Service", cell: (o) => labelOf(ONWARD_SERVICES, o.service) },
          { header: "Made on", cell: (o) => formatDay(o.madeOn) },
          {
            header: "Outcome",
            cell: (o) => (
              <Form className="lantern-inline-form">
                <input type="hidden" name="intent" value="outcome" />
                <input type="hidden" name="onwardId" value={o.id} />
                <Select
                  name="outcome"
                  label={
                    <span className="govuk-visually-hidden">
                      Outcome of the referral to {labelOf(ONWARD_SERVICES, o.service)}
                    </span>
                  }
                  options={[...ONWARD_OUTCOMES]}
                  defaultValue={o.outcome}
                />
                <Button secondary>
                  Update
                  <span className="govuk-visually-hidden">
                    {" "}
                    the outcome of the referral to {labelOf(ONWARD_SERVICES, o.service)}
                  </span>
                </Button>
              </Form>
            ),
          },
        ]}
      />
      {c.status === "open" ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">Record an onward referral</h2>
            <Form reply={reply} key={c.onward.length}>
              <input type="hidden" name="intent" value="add" />
              <Select
                name="service"
                label="Service"
                placeholder="Choose a service"
                options={[...ONWARD_SERVICES]}
              />
              <DateInput name="madeOn" label="Date" defaultValue={today} />
              <Radios
                name="outcome"
                label="Outcome so far"
                options={[...ONWARD_OUTCOMES]}
                defaultValue="pending"
              />
              <Button>Record onward referral</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
