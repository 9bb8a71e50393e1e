import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { achievedOnFromForm, achievementFromForm } from "~/certificates/achievement-form";
import { AchievementFields } from "~/certificates/achievement-fields";
import { issueBatch, issuerNames } from "~/certificates/certificates.server";
import { BulkFormSchema, parseHolderLines } from "~/certificates/schemas";
import { Button, ErrorSummary, Form, Textarea } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction = () => pageTitle("Issue certificates in bulk");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "certificate:manage:any");
  return {
    issuers: await issuerNames(getDb()),
    today: londonToday(new Date(nowIso())),
    requestId: newId(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "certificate:manage:any");
  const submission = parseForm(await readForm(request), BulkFormSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const { holders, errors } = parseHolderLines(v.holders);
  if (errors.length) return formError(submission, "holders", errors.slice(0, 3).join(". "));
  if (!holders.length)
    return formError(
      submission,
      "holders",
      "Enter at least one person: a name, then a comma and their email address",
    );
  if (!(await issuerNames(getDb())).includes(v.issuerName))
    return formError(submission, "issuerName", "Select who issues the certificate");
  const achievement = achievementFromForm(v);
  const baseUrl = publicUrl(request);
  // One key per person in this submission: sending the form twice issues nothing twice.
  const { batchId } = await issueBatch(getDb(), {
    label: `${v.title} (${holders.length} ${holders.length === 1 ? "person" : "people"})`,
    createdByUserId: user.id,
    items: holders.map((h, i) => ({
      sourceKey: `bulk:${v.requestId}:${h.email ?? `${i}:${h.name.toLowerCase()}`}`,
      holder: { name: h.name, email: h.email },
      achievement,
      achievedOn: achievedOnFromForm(v, londonToday(new Date(nowIso()))),
      issuerName: v.issuerName,
      programmeName: v.programmeName,
      issuedByUserId: user.id,
      baseUrl,
    })),
  });
  throw redirect(`/admin/certificates/batches/${batchId}`);
}

export default function BulkIssue() {
  const { issuers, today, requestId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Issue certificates in bulk</h1>
        <p className="govuk-body">
          Issue the same certificate to many people at once, then download them all as one ZIP file.
          Anyone who already has this certificate from this form is not issued a second one.
        </p>
        <p className="govuk-body">
          For the people who attended a delivered session, you do not need a list:{" "}
          <Link className="govuk-link" to="/admin/certificates/sessions">
            issue and download a session's certificates
          </Link>
          .
        </p>
        <Form reply={reply}>
          <Textarea
            name="holders"
            label="People"
            hint="One person a line: their full name, a comma, then their email address (optional). You can paste two columns from a spreadsheet."
            rows={10}
          />
          <AchievementFields issuers={issuers} today={today} requestId={requestId} />
          <Button>Issue certificates</Button>
        </Form>
      </div>
    </div>
  );
}
