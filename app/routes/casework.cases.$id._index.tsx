import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CaseHeader, displayName } from "~/casework/CaseHeader";
import { requireCase, requireCasework } from "~/casework/access.server";
import { caseRecord, reallocate, recordDetails, savePlan } from "~/casework/cases.server";
import { caseworkerOptions } from "~/casework/referrals.server";
import {
  CLOSURE_REASONS,
  labelOf,
  REFERRAL_SOURCES,
  RISK_CHANGES,
  RISK_INDICATORS,
  RISK_LEVELS,
} from "~/casework/rules";
import { CaseIntentSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, Select, Textarea, TextInput } from "~/components/form";
import { DateInput } from "~/components/date-input";
import { NotificationBanner, pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { YEAR_GROUPS } from "~/safeguarding/safeguarding";
import { formatDateTime, formatDay } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// The case record: the young person, the referral, allocation history, the support plan and a
// summary of everything else. Its caseworker and cleared casework managers only; 404 for anyone
// else; every view audited.
export const meta: MetaFunction = () => pageTitle("Case record");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "worker"]);
  const db = getDb();
  const record = await call(() =>
    caseRecord(db, viewer, idParam(params.id), clientIp(request), "record"),
  );
  const workers =
    viewer.kind === "manager"
      ? (await caseworkerOptions(db)).map((w) => ({
          value: w.id,
          label: w.lapsed ? `${w.name} (${w.lapsed} lapsed)` : w.name,
        }))
      : [];
  const url = new URL(request.url);
  return {
    record,
    manager: viewer.kind === "manager",
    workers,
    saved: url.searchParams.get("saved"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { viewer } = await requireCase(request, getDb(), id);
  const submission = parseForm(await readForm(request), CaseIntentSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const db = getDb();
  const ip = clientIp(request);
  if (v.intent === "details") {
    await call(() =>
      recordDetails(db, viewer, id, { name: v.name, dateOfBirth: v.dateOfBirth }, ip),
    );
  } else if (v.intent === "plan") {
    await call(() => savePlan(db, viewer, id, v.plan, ip));
  } else {
    if (viewer.kind !== "manager")
      throw new Response("Only casework managers re-allocate cases.", { status: 403 });
    const result = await call(() => reallocate(db, viewer, id, v.caseworkerId, ip));
    if (!result.ok) return formError(submission, result.field, result.message);
  }
  throw redirect(`/casework/cases/${id}?saved=${v.intent}`);
}

export default function CasePage() {
  const { record: c, manager, workers, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const latestRisk = c.risks[0];
  return (
    <>
      {saved ? (
        <NotificationBanner
          title="Saved"
          heading={
            saved === "reallocate"
              ? "The case has been re-allocated"
              : saved === "plan"
                ? "The support plan has been saved"
                : "The young person's details have been saved"
          }
        />
      ) : null}
      <ErrorSummary reply={reply} />
      <CaseHeader
        id={c.id}
        name={displayName(c.youngPerson)}
        programme={c.programme}
        status={c.status}
        current=""
        title="Case record"
      />
      {c.status === "awaiting_consent" ? (
        <div className="govuk-inset-text">
          This case is not open yet.{" "}
          <Link to={`/casework/cases/${c.id}/consent`} className="govuk-link">
            Record the young person&apos;s consent
          </Link>{" "}
          before any contact, assessment or risk is recorded.
        </div>
      ) : null}
      {c.followUp?.needed ? (
        <div className="govuk-inset-text">
          The latest contact was missed (since {formatDay(c.followUp.since!)}): follow it up.
          {c.followUp.escalate ? " It has gone on long enough to tell the casework manager." : ""}
        </div>
      ) : null}
      {c.quiet ? (
        <div className="govuk-inset-text">
          This case has been quiet: no attended contact for several weeks.
        </div>
      ) : null}
      <h2 className="govuk-heading-m">Young person</h2>
      <SummaryList
        rows={[
          {
            key: "Name",
            value: c.youngPerson.name ?? `Not yet known (initials ${c.youngPerson.initials})`,
          },
          {
            key: "Date of birth",
            value: c.youngPerson.dateOfBirth
              ? formatDay(c.youngPerson.dateOfBirth)
              : "Not yet known",
          },
          { key: "Year group", value: labelOf(YEAR_GROUPS, c.youngPerson.yearGroup) },
          { key: "School", value: c.youngPerson.school ?? "Not given" },
          { key: "Caseworker", value: c.caseworker ?? "Not allocated" },
          {
            key: "Current risk",
            value: latestRisk
              ? `${labelOf(RISK_LEVELS, latestRisk.level)} (${formatDay(latestRisk.recordedOn)})`
              : "Not yet recorded",
          },
          ...(c.closure
            ? [
                {
                  key: "Closed",
                  value: `${formatDateTime(c.closedAt!)}: ${labelOf(CLOSURE_REASONS, c.closure.reason)} (${c.closure.ending ?? ""} ending)`,
                },
                {
                  key: "Outcomes at close",
                  value: `${c.closure.eet ? "In" : "Not in"} education, employment or training; risk ${c.closure.risk ? labelOf(RISK_CHANGES, c.closure.risk).toLowerCase() : "not recorded"}; ${c.closure.exited ? "exited exploitation" : "not exited exploitation"}`,
                },
              ]
            : []),
        ]}
      />
      {!c.youngPerson.name || !c.youngPerson.dateOfBirth ? (
        <>
          <h2 className="govuk-heading-m">Add the young person&apos;s details</h2>
          <p className="govuk-body">
            This referral came from a trainer&apos;s safeguarding record with initials only. Add the
            name and date of birth once you have spoken to the school.
          </p>
          <Form reply={reply}>
            <input type="hidden" name="intent" value="details" />
            <TextInput name="name" label="Full name" autoComplete="off" spellCheck={false} />
            <DateInput name="dateOfBirth" label="Date of birth" />
            <Button secondary>Save details</Button>
          </Form>
        </>
      ) : null}
      <h2 className="govuk-heading-m">Referral</h2>
      <SummaryList
        rows={[
          { key: "From", value: labelOf(REFERRAL_SOURCES, c.referral.source) },
          { key: "Received", value: formatDateTime(c.referral.createdAt) },
          ...(c.referral.session
            ? [
                {
                  key: "Session",
                  value: `${c.referral.session.title}, ${formatDateTime(c.referral.session.startsAt!)}`,
                },
              ]
            : []),
          { key: "Why", value: c.referral.reason ?? "Not given" },
          {
            key: "Risk indicators",
            value: c.referral.riskIndicators.length
              ? c.referral.riskIndicators.map((i) => labelOf(RISK_INDICATORS, i)).join("; ")
              : "None given",
          },
        ]}
      />
      <h2 className="govuk-heading-m">Support plan</h2>
      {c.status === "open" ? (
        <Form reply={reply}>
          <input type="hidden" name="intent" value="plan" />
          <Textarea
            name="plan"
            label="Goals"
            hint="What the young person wants to achieve, in their words, and how you will work towards it."
            defaultValue={c.plan}
            rows={6}
          />
          <Button secondary>Save plan</Button>
        </Form>
      ) : (
        <p className="govuk-body">{c.plan ?? "No plan recorded."}</p>
      )}
      <h2 className="govuk-heading-m">Allocation history</h2>
      <ul className="govuk-list">
        {c.allocations.map((a) => (
          <li key={a.id}>
            {formatDateTime(a.allocated_at)}: {a.caseworker_name ?? "(removed account)"}, by{" "}
            {a.allocated_by_name ?? "(removed account)"}
          </li>
        ))}
      </ul>
      {manager && c.status !== "closed" ? (
        <Form reply={reply}>
          <input type="hidden" name="intent" value="reallocate" />
          <Select
            name="caseworkerId"
            label="Re-allocate to"
            placeholder="Choose a caseworker"
            options={workers}
          />
          <Button secondary>Re-allocate</Button>
        </Form>
      ) : null}
      <p className="govuk-body">
        <a href={`/casework/cases/${c.id}/export.json`} className="govuk-link" download>
          Download the case file (JSON)
        </a>
      </p>
    </>
  );
}
