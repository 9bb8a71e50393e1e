import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CaseHeader, displayName } from "~/casework/CaseHeader";
import { requireCase, requireCasework } from "~/casework/access.server";
import { addRisk, caseRecord } from "~/casework/cases.server";
import { labelOf, NRM_STATUSES, RISK_LEVELS, RISK_SOURCES } from "~/casework/rules";
import { RiskSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, Radios, Select, Textarea, TextInput } from "~/components/form";
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

// Risk is a history, not a flag: each entry is dated, with its level, its source, the reason, MACE
// involvement, missing episodes, police contacts and National Referral Mechanism status (sealed).
export const meta: MetaFunction = () => pageTitle("Risk");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"]);
  const record = await call(() =>
    caseRecord(getDb(), viewer, idParam(params.id), clientIp(request), "risk"),
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
  const submission = parseForm(await readForm(request), RiskSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const result = await call(() =>
    addRisk(getDb(), viewer, id, submission.value, clientIp(request)),
  );
  if (!result.ok)
    return formError(submission, result.field, result.message, result.field ? 400 : 409);
  throw redirect(`/casework/cases/${id}/risk?saved=1`);
}

export default function Risk() {
  const { record: c, today, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      {saved ? (
        <NotificationBanner title="Saved" heading="The risk assessment has been recorded" />
      ) : null}
      <ErrorSummary reply={reply} />
      <CaseHeader
        id={c.id}
        name={displayName(c.youngPerson)}
        programme={c.programme}
        status={c.status}
        current="/risk"
        title="Risk"
      />
      <Table
        caption="Risk history, latest first"
        rows={c.risks}
        rowKey={(r) => r.id}
        empty="No risk recorded yet."
        columns={[
          { header: "Date", cell: (r) => formatDay(r.recordedOn) },
          {
            header: "Level",
            cell: (r) => (
              <>
                {labelOf(RISK_LEVELS, r.level)}
                <br />
                <span className="govuk-body-s">
                  by {labelOf(RISK_SOURCES, r.source).toLowerCase()}
                </span>
              </>
            ),
          },
          { header: "Reason", cell: (r) => r.reason },
          { header: "MACE", cell: (r) => (r.maceInvolved ? "Involved" : "No") },
          { header: "Missing episodes", cell: (r) => r.missingEpisodes, numeric: true },
          { header: "Police contacts", cell: (r) => r.policeContacts, numeric: true },
          { header: "NRM", cell: (r) => labelOf(NRM_STATUSES, r.nrmStatus) },
        ]}
      />
      {c.status !== "closed" ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">Record risk</h2>
            <Form reply={reply} key={c.risks.length}>
              <DateInput name="recordedOn" label="Date" defaultValue={today} />
              <Radios name="level" label="Risk level" inline options={[...RISK_LEVELS]} />
              <Radios
                name="source"
                label="Whose assessment?"
                inline
                options={[...RISK_SOURCES]}
                defaultValue="worker"
              />
              <Textarea name="reason" label="Reason" rows={3} />
              <Radios
                name="maceInvolved"
                label="Is the MACE panel involved?"
                inline
                options={[
                  { value: "yes", label: "Yes" },
                  { value: "no", label: "No" },
                ]}
              />
              <TextInput
                name="missingEpisodes"
                label="Missing episodes since the last entry"
                type="number"
                inputMode="numeric"
                width="4"
                defaultValue="0"
              />
              <TextInput
                name="policeContacts"
                label="Police contacts since the last entry"
                type="number"
                inputMode="numeric"
                width="4"
                defaultValue="0"
              />
              <Select
                name="nrmStatus"
                label="National Referral Mechanism"
                options={[...NRM_STATUSES]}
                defaultValue="not_referred"
              />
              <Button>Record risk</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
