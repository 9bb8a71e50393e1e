import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { achievedOnFromForm, achievementFromForm } from "~/certificates/achievement-form";
import { AchievementFields } from "~/certificates/achievement-fields";
import { issueCertificate, issuerNames } from "~/certificates/certificates.server";
import { IssueFormSchema } from "~/certificates/schemas";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction = () => pageTitle("Issue a certificate");

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
  const submission = parseForm(await readForm(request), IssueFormSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const issuers = await issuerNames(getDb());
  if (!issuers.includes(v.issuerName))
    return formError(submission, "issuerName", "Select who issues the certificate");
  // The form's one-time request id makes a double submission return the same certificate.
  const { certificate } = await issueCertificate(getDb(), {
    sourceKey: `manual:${v.requestId}`,
    holder: { name: v.holderName, email: v.holderEmail ?? null },
    achievement: achievementFromForm(v),
    achievedOn: achievedOnFromForm(v, londonToday(new Date(nowIso()))),
    issuerName: v.issuerName,
    programmeName: v.programmeName,
    issuedByUserId: user.id,
    baseUrl: publicUrl(request),
  });
  throw redirect(`/admin/certificates/${certificate.id}?issued=1`);
}

export default function IssueCertificate() {
  const { issuers, today, requestId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Issue a certificate</h1>
        <p className="govuk-body">
          Certificates for completed modules and attended sessions are issued automatically. Use
          this page for anything else, such as training recorded on paper.
        </p>
        <Form reply={reply}>
          <TextInput
            name="holderName"
            label="Holder's full name"
            hint="As it should appear on the certificate"
            autoComplete="off"
          />
          <TextInput
            name="holderEmail"
            label="Holder's email address (optional)"
            hint="If they have a Lantern account, the certificate appears in their list"
            type="email"
            autoComplete="off"
            spellCheck={false}
          />
          <AchievementFields issuers={issuers} today={today} requestId={requestId} />
          <Button>Issue certificate</Button>
        </Form>
      </div>
    </div>
  );
}
