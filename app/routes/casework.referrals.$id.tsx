import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCasework } from "~/casework/access.server";
import { caseworkerOptions, decideReferral, referralForTriage } from "~/casework/referrals.server";
import {
  DECISIONS,
  labelOf,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  RISK_INDICATORS,
} from "~/casework/rules";
import { TriageSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, Radios, Select, Textarea } from "~/components/form";
import { pageTitle, SummaryList, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { YEAR_GROUPS } from "~/safeguarding/safeguarding";
import { formatDateTime, formatDay } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// Triage of one referral by a cleared casework manager: accept and allocate a caseworker (whose
// DBS and safeguarding training are in date), decline with a reason, or signpost elsewhere.
export const meta: MetaFunction = () => pageTitle("Triage a referral");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager"]);
  const db = getDb();
  const r = await call(() => referralForTriage(db, viewer, idParam(params.id), clientIp(request)));
  const workers = await caseworkerOptions(db);
  return {
    referral: {
      id: r.id,
      who: r.young_person_name ?? `${r.initials} (initials only until the school is contacted)`,
      dateOfBirth: r.date_of_birth,
      yearGroup: labelOf(YEAR_GROUPS, r.year_group),
      school: r.school_name,
      programme: r.programme_name,
      source: labelOf(REFERRAL_SOURCES, r.source),
      by: r.referred_by_name,
      at: r.created_at,
      reason: r.reason,
      indicators: r.riskIndicators.map((i) => labelOf(RISK_INDICATORS, i)),
      maceKnown: r.mace_known,
      parentAware: r.parent_aware,
      session: r.session_title
        ? { id: r.session_id!, title: r.session_title, startsAt: r.session_starts_at! }
        : null,
      status: r.status,
      statusLabel: labelOf(REFERRAL_STATUSES, r.status),
      decisionReason: r.decision_reason,
      caseId: r.case_id,
      warnings: r.warnings,
    },
    workers: workers.map((w) => ({
      value: w.id,
      label: w.lapsed ? `${w.name} (cannot take new cases: ${w.lapsed} lapsed)` : w.name,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager"]);
  const id = idParam(params.id);
  const submission = parseForm(await readForm(request), TriageSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const result = await call(() =>
    decideReferral(
      getDb(),
      viewer,
      id,
      { decision: v.decision, reason: v.reason || null, caseworkerId: v.caseworkerId ?? null },
      clientIp(request),
    ),
  );
  if (!result.ok) return formError(submission, result.field, result.message);
  throw redirect(result.caseId ? `/casework/cases/${result.caseId}` : "/casework/referrals");
}

export default function Triage() {
  const { referral: r, workers } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const yesNo = (v: number | null) => (v == null ? "Not asked" : v ? "Yes" : "No");
  return (
    <>
      <Link to="/casework/referrals" className="govuk-back-link">
        Referrals
      </Link>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{r.programme}</span>
      <h1 className="govuk-heading-l">Referral: {r.who}</h1>
      <WarningText>
        This referral names a child. Your viewing of it is recorded in the audit log.
      </WarningText>
      {r.warnings.length ? (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">Eligibility</h2>
          <ul className="govuk-list govuk-list--bullet">
            {r.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <SummaryList
        rows={[
          {
            key: "Status",
            value: r.statusLabel + (r.decisionReason ? `: ${r.decisionReason}` : ""),
          },
          { key: "From", value: `${r.source}${r.by ? `, ${r.by}` : ""}` },
          { key: "Received", value: formatDateTime(r.at) },
          ...(r.session
            ? [
                {
                  key: "Session",
                  value: (
                    <Link to={`/sessions/${r.session.id}/safeguarding`} className="govuk-link">
                      {r.session.title}, {formatDateTime(r.session.startsAt)}
                    </Link>
                  ),
                },
              ]
            : []),
          { key: "School", value: r.school ?? "Not given" },
          {
            key: "Date of birth",
            value: r.dateOfBirth ? formatDay(r.dateOfBirth) : "Not yet known",
          },
          { key: "Year group", value: r.yearGroup },
          { key: "Why", value: r.reason ?? "Not given" },
          {
            key: "Risk indicators",
            value: r.indicators.length ? r.indicators.join("; ") : "None given",
          },
          { key: "MACE panel knows", value: yesNo(r.maceKnown) },
          { key: "Parent or carer aware", value: yesNo(r.parentAware) },
        ]}
      />
      {r.caseId ? (
        <p className="govuk-body">
          <Link to={`/casework/cases/${r.caseId}`} className="govuk-link">
            Open the case
          </Link>
        </p>
      ) : null}
      {r.status === "pending" ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">Decide</h2>
            <Form reply={reply}>
              <Radios
                name="decision"
                label="What happens to this referral?"
                options={[...DECISIONS]}
              />
              <Select
                name="caseworkerId"
                label="Caseworker (when accepting)"
                placeholder="Choose a caseworker"
                options={workers}
              />
              <Textarea
                name="reason"
                label="Reason (when declining or signposting)"
                hint="The school sees this reason with the decision. Do not include details about the young person."
                rows={3}
              />
              <Button>Save decision</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
