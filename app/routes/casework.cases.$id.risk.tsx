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
import { TableScroll } from "~/components/table-scroll";

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
        <NotificationBanner title="Saved">
          <p className="govuk-notification-banner__heading">
            The risk assessment has been recorded
          </p>
        </NotificationBanner>
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
      <TableScroll>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            Risk history, latest first
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Date
              </th>
              <th scope="col" className="govuk-table__header">
                Level
              </th>
              <th scope="col" className="govuk-table__header">
                Reason
              </th>
              <th scope="col" className="govuk-table__header">
                MACE
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Missing episodes
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Police contacts
              </th>
              <th scope="col" className="govuk-table__header">
                NRM
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {c.risks.length === 0 ? (
              <tr className="govuk-table__row">
                <td className="govuk-table__cell" colSpan={7}>
                  No risk recorded yet.
                </td>
              </tr>
            ) : (
              c.risks.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">{formatDay(r.recordedOn)}</td>
                  <td className="govuk-table__cell">
                    {labelOf(RISK_LEVELS, r.level)}
                    <br />
                    <span className="govuk-body-s">
                      by {labelOf(RISK_SOURCES, r.source).toLowerCase()}
                    </span>
                  </td>
                  <td className="govuk-table__cell">{r.reason}</td>
                  <td className="govuk-table__cell">{r.maceInvolved ? "Involved" : "No"}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {r.missingEpisodes}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {r.policeContacts}
                  </td>
                  <td className="govuk-table__cell">{labelOf(NRM_STATUSES, r.nrmStatus)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableScroll>
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
