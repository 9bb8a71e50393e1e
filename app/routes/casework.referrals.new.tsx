import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCasework } from "~/casework/access.server";
import { programmeOptions, referralWarnings, settingOptions } from "~/casework/programmes.server";
import { createReferral } from "~/casework/referrals.server";
import { RISK_INDICATORS } from "~/casework/rules";
import { ReferralSchema } from "~/casework/schemas";
import {
  Button,
  Checkboxes,
  ErrorSummary,
  Form,
  Radios,
  Select,
  Textarea,
  TextInput,
} from "~/components/form";
import { DateInput } from "~/components/date-input";
import { pageTitle, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { YEAR_GROUPS } from "~/safeguarding/safeguarding";
import { now } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// Refer a young person for 1-2-1 support: a school's safeguarding lead for a pupil of their own
// school, or a casework manager recording a MACE panel referral. Eligibility (age, area) warns
// before sending; the manager decides at triage.
export const meta: MetaFunction = () => pageTitle("Refer a young person");

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "school"], "forbid");
  const db = getDb();
  const programmes = await programmeOptions(db);
  const schools = await settingOptions(db, viewer.kind === "school" ? viewer.schoolIds : undefined);
  return {
    mace: viewer.kind === "manager",
    programmes: programmes.map((p) => ({
      value: p.id,
      label: `${p.name} (${p.area}${p.max_age != null ? `, aged ${p.max_age} and under` : ""})`,
    })),
    schools: schools.map((s) => ({ value: s.id, label: s.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager", "school"], "forbid");
  const submission = parseForm(await readForm(request), ReferralSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const db = getDb();
  if (viewer.kind === "school" && !v.schoolId)
    return formError(submission, "schoolId", "Choose the school");
  if (!(await programmeOptions(db)).some((p) => p.id === v.programmeId))
    return formError(submission, "programmeId", "Choose a programme");
  const today = londonToday(now());
  if (v.dateOfBirth >= today)
    return formError(submission, "dateOfBirth", "The date of birth must be in the past");
  if (!v.confirmWarnings) {
    const warnings = await referralWarnings(
      db,
      v.programmeId,
      { dateOfBirth: v.dateOfBirth, schoolId: v.schoolId ?? null },
      today,
    );
    if (warnings.length) return data({ ...submission.reply(), warnings }, { status: 200 });
  }
  await call(() =>
    createReferral(
      db,
      viewer,
      {
        programmeId: v.programmeId,
        source: viewer.kind === "school" ? "school" : "mace",
        schoolId: v.schoolId ?? null,
        name: v.name,
        dateOfBirth: v.dateOfBirth,
        yearGroup: v.yearGroup,
        reason: v.reason,
        riskIndicators: v.riskIndicators,
        maceKnown: v.maceKnown,
        parentAware: v.parentAware,
      },
      clientIp(request),
    ),
  );
  throw redirect(
    viewer.kind === "school" ? "/casework/referrals?referred=1" : "/casework/referrals",
  );
}

export default function NewReferral() {
  const { mace, programmes, schools } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const warnings = reply && "warnings" in reply ? (reply.warnings as string[]) : [];
  return (
    <>
      <Link to="/casework/referrals" className="govuk-back-link">
        Referrals
      </Link>
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">
        {mace ? "Record a MACE panel referral" : "Refer a young person for 1-2-1 support"}
      </h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Follow your safeguarding procedure first: if a child is in immediate danger, call 999;
            make any referral to MASH as usual. This form asks for 1-2-1 support from a caseworker
            or mentor.
          </p>
          {warnings.length ? (
            <div className="govuk-inset-text" role="status">
              <h2 className="govuk-heading-s">Check before you send</h2>
              <ul className="govuk-list govuk-list--bullet">
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              <p className="govuk-body">
                You can still send the referral: the casework manager decides whether to accept it.
              </p>
            </div>
          ) : null}
          <Form reply={reply}>
            <Select
              name="programmeId"
              label="Programme"
              placeholder="Choose a programme"
              options={programmes}
            />
            <Select
              name="schoolId"
              label={mace ? "School or setting (optional)" : "School"}
              placeholder={mace ? "None, or not known" : "Choose the school"}
              options={schools}
              defaultValue={!mace && schools.length === 1 ? schools[0]!.value : undefined}
            />
            <TextInput
              name="name"
              label="Young person's full name"
              autoComplete="off"
              spellCheck={false}
            />
            <DateInput name="dateOfBirth" label="Date of birth" />
            <Select
              name="yearGroup"
              label="Year group"
              placeholder="Choose a year group"
              options={YEAR_GROUPS}
            />
            <Textarea
              name="reason"
              label="Why are you referring them?"
              hint="What you have seen or heard, and why you think 1-2-1 support would help."
              rows={5}
            />
            <Checkboxes
              name="riskIndicators"
              label="Risk indicators"
              hint="Select all that apply."
              options={[...RISK_INDICATORS]}
            />
            <Radios
              name="maceKnown"
              label="Does the Multi-Agency Child Exploitation (MACE) panel know about this young person?"
              inline
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No, or not known" },
              ]}
              defaultValue={mace ? "yes" : undefined}
            />
            <Radios
              name="parentAware"
              label="Does a parent or carer know about this referral?"
              inline
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
            />
            <WarningText>
              The young person will be asked for their consent before any support begins.
            </WarningText>
            {warnings.length ? <input type="hidden" name="confirmWarnings" value="yes" /> : null}
            <Button>{warnings.length ? "Send the referral anyway" : "Send referral"}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
