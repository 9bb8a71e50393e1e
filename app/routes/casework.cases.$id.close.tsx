import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CaseHeader, displayName } from "~/casework/CaseHeader";
import { requireCase, requireCasework } from "~/casework/access.server";
import { caseRecord, closeCase } from "~/casework/cases.server";
import { CLOSURE_REASONS, labelOf, RISK_CHANGES } from "~/casework/rules";
import { CloseSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, Radios } from "~/components/form";
import { pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { formatDateTime } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// Closing a case: why (planned or not) and the outcomes at close — in education, employment or
// training; risk lower, the same or higher than at the start; exploitation exited. The retention
// clock starts here.
export const meta: MetaFunction = () => pageTitle("Close the case");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"]);
  const record = await call(() =>
    caseRecord(getDb(), viewer, idParam(params.id), clientIp(request), "close"),
  );
  return { record };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { viewer } = await requireCase(request, getDb(), id);
  const submission = parseForm(await readForm(request), CloseSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const result = await call(() =>
    closeCase(
      getDb(),
      viewer,
      id,
      { reason: v.reason, ending: v.ending, eet: v.eet, risk: v.risk, exited: v.exited },
      clientIp(request),
    ),
  );
  if (!result.ok) return formError(submission, result.field, result.message);
  throw redirect(`/casework/cases/${id}?saved=closed`);
}

export default function Close() {
  const { record: c } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const yes = [
    { value: "yes", label: "Yes" },
    { value: "no", label: "No" },
  ];
  return (
    <>
      <ErrorSummary reply={reply} />
      <CaseHeader
        id={c.id}
        name={displayName(c.youngPerson)}
        programme={c.programme}
        status={c.status}
        current="/close"
        title="Close the case"
      />
      {c.closure ? (
        <SummaryList
          rows={[
            { key: "Closed", value: formatDateTime(c.closedAt!) },
            { key: "Reason", value: labelOf(CLOSURE_REASONS, c.closure.reason) },
            { key: "In education, employment or training", value: c.closure.eet ? "Yes" : "No" },
            {
              key: "Risk compared with the start",
              value: c.closure.risk ? labelOf(RISK_CHANGES, c.closure.risk) : "Not recorded",
            },
            { key: "Exited exploitation", value: c.closure.exited ? "Yes" : "No" },
          ]}
        />
      ) : (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <p className="govuk-body">
              There is no time limit on support: close the case only when the work has ended. Take a
              closure assessment first if you can.
            </p>
            <Form reply={reply}>
              <Radios
                name="reason"
                label="Why is the case closing?"
                options={[...CLOSURE_REASONS]}
              />
              <Radios
                name="ending"
                label="Was the ending planned?"
                inline
                options={[
                  { value: "planned", label: "Planned" },
                  { value: "unplanned", label: "Unplanned" },
                ]}
              />
              <Radios
                name="eet"
                label="Is the young person in education, employment or training?"
                inline
                options={yes}
              />
              <Radios
                name="risk"
                label="Compared with the start, is their risk…"
                options={[...RISK_CHANGES]}
              />
              <Radios
                name="exited"
                label="Has the young person exited exploitation?"
                inline
                options={yes}
              />
              <Button warning>Close the case</Button>
            </Form>
          </div>
        </div>
      )}
    </>
  );
}
