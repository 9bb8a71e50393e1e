// Named `$id_` so it never nests inside a `sessions.$id` page (the run-sheet) that has no <Outlet />.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Form, Radios, Select, Textarea, TextInput } from "~/components/form";
import { NotificationBanner, pageTitle, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { canSeeSafeguarding } from "~/safeguarding/access.server";
import { requireSessionStaff } from "~/sessions/access.server";
import { recordSafeguarding, viewSessionRecords } from "~/safeguarding/records.server";
import {
  CATEGORIES,
  CONSENT,
  DESTINATIONS,
  labelOf,
  SafeguardingRecordSchema,
  YEAR_GROUPS,
} from "~/safeguarding/safeguarding";
import { formatDateTime, formatLongDate } from "~/utils/dates";
import { forbidden } from "~/utils/errors.server";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";
import { idParam } from "~/utils/params";

// A session's safeguarding log: concerns raised and referrals made. Safeguarding-cleared leads,
// and cleared trainers assigned to the session, only; every view is audited.
export const meta: MetaFunction = () => pageTitle("Safeguarding log");

async function authorise(request: Request, sessionId: string) {
  const db = getDb();
  const { auth, session } = await requireSessionStaff(db, request, sessionId);
  if (!(await canSeeSafeguarding(db, auth, session.id))) {
    forbidden("Only staff with safeguarding clearance can see or record safeguarding concerns.");
  }
  return { auth, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, session } = await authorise(request, idParam(params.id));
  const records = await viewSessionRecords(getDb(), session.id, {
    userId: auth.user.id,
    ip: clientIp(request),
  });
  return {
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.starts_at,
      place: session.setting_name ?? session.venue,
    },
    recorded: new URL(request.url).searchParams.get("recorded") === "1",
    records: records.map((r) => ({
      id: r.id,
      kind: r.kind,
      category: labelOf(CATEGORIES, r.category),
      destination: r.destination ? labelOf(DESTINATIONS, r.destination) : "Not referred",
      initials: r.initials,
      yearGroup: labelOf(YEAR_GROUPS, r.year_group),
      consent: labelOf(CONSENT, r.consent),
      notes: r.notes,
      by: r.recorded_by_name,
      at: r.created_at,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, session } = await authorise(request, idParam(params.id));
  const submission = parseForm(await readForm(request), SafeguardingRecordSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  await recordSafeguarding(getDb(), {
    sessionId: session.id,
    kind: v.kind,
    category: v.category,
    destination: v.destination === "none" ? null : v.destination,
    initials: v.initials,
    yearGroup: v.yearGroup,
    consent: v.consent,
    notes: v.notes || null,
    userId: auth.user.id,
    ip: clientIp(request),
  });
  throw redirect(`/sessions/${session.id}/safeguarding?recorded=1`);
}

export default function SessionSafeguarding() {
  const { session, records, recorded } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      {recorded ? (
        <NotificationBanner title="Recorded" heading="The safeguarding record has been saved" />
      ) : null}
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">
        {session.title}, {formatLongDate(session.startsAt)}
        {session.place ? ` · ${session.place}` : ""}
      </span>
      <h1 className="govuk-heading-l">Safeguarding log</h1>
      <WarningText>
        Your viewing of this page is recorded in the audit log. Follow your organisation&apos;s
        safeguarding procedure first: this log does not replace a referral.
      </WarningText>
      <Table
        caption="Records for this session"
        rows={records}
        rowKey={(r) => r.id}
        empty="No concerns or referrals recorded for this session."
        columns={[
          {
            header: "Recorded",
            cell: (r) => (
              <>
                {formatDateTime(r.at)}
                <br />
                <span className="govuk-body-s">by {r.by}</span>
              </>
            ),
          },
          {
            header: "Type",
            cell: (r) => (
              <>
                {`${r.kind === "referral" ? "Referral" : "Concern"}: ${r.category}`}
                {r.notes ? (
                  <>
                    <br />
                    <span className="govuk-body-s">{r.notes}</span>
                  </>
                ) : null}
              </>
            ),
          },
          { header: "Young person", cell: (r) => `${r.initials}, ${r.yearGroup}` },
          { header: "Passed to", cell: (r) => r.destination },
          { header: "Consent", cell: (r) => r.consent },
        ]}
      />

      <h2 className="govuk-heading-m">Record a concern or referral</h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {/* Keyed by the number of records, so the form empties once a record is saved. */}
          <Form key={records.length} reply={reply}>
            <Radios
              name="kind"
              label="What are you recording?"
              options={[
                {
                  value: "concern",
                  label: "A concern raised",
                  hint: "For example a disclosure, or something seen or heard",
                },
                { value: "referral", label: "A referral made" },
              ]}
            />
            <Select
              name="category"
              label="Category"
              placeholder="Choose a category"
              options={[...CATEGORIES]}
            />
            <Radios
              name="destination"
              label="Passed to"
              hint="Choose “Not referred” only for a concern you have recorded without passing it on."
              options={[...DESTINATIONS, { value: "none", label: "Not referred" }]}
            />
            <TextInput
              name="initials"
              label="Young person's initials"
              hint="Initials only, like JB. Never write a name."
              width="4"
              autoComplete="off"
              spellCheck={false}
            />
            <Select
              name="yearGroup"
              label="Year group"
              placeholder="Choose a year group"
              options={YEAR_GROUPS}
            />
            <Radios name="consent" label="Was consent given to share?" options={[...CONSENT]} />
            <Textarea
              name="notes"
              label="Notes (optional)"
              hint="Keep to what is needed to follow up, in a few words. Do not write names, addresses or other details that identify anyone."
              rows={3}
            />
            <Button>Save record</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
