import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Select } from "~/components/form";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { certificateSessions, sessionCertificateBatch } from "~/sessions/certificates.server";
import { formatDateTime } from "~/utils/dates";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

export const meta: MetaFunction = () => pageTitle("Certificates for a session's attendees");

const SessionBatchSchema = z
  .object({
    sessionId: z.string({ error: "Select a session" }).trim().min(1, "Select a session").max(64),
  })
  .strict();

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "certificate:manage:any");
  const sessions = await certificateSessions(getDb());
  const chosen = new URL(request.url).searchParams.get("session") ?? "";
  return {
    chosen,
    sessions: sessions.map((s) => ({
      id: s.id,
      label: `${s.title} — ${formatDateTime(s.starts_at)}${s.district_name ? `, ${s.district_name}` : ""} (${s.attendees} attended)`,
    })),
  };
}

// A delivered session's attendees' certificates, issued where missing, gathered into one batch
// (rendered in the worker pool) and downloaded from the batch page as one ZIP.
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "certificate:manage:any");
  const submission = parseForm(await readForm(request), SessionBatchSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const batch = await sessionCertificateBatch(getDb(), submission.value.sessionId, {
    baseUrl: publicUrl(request),
    byUserId: user.id,
  });
  if (!batch.ok) return problemReply(submission, batch);
  throw redirect(`/admin/certificates/batches/${batch.batchId}`);
}

export default function SessionCertificates() {
  const { sessions, chosen } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Certificates for a session's attendees</h1>
        <p className="govuk-body">
          Everyone recorded by name as attending a delivered session for teachers and school staff
          or for VCSE staff and volunteers gets a certificate when the session is marked delivered.
          Choose a session to download all of its certificates as one ZIP file. Anyone missing one
          is issued it now; no one is issued a second.
        </p>
        {sessions.length ? (
          <Form reply={reply}>
            <Select
              name="sessionId"
              label="Session"
              hint="Delivered sessions with named attendees, newest first."
              defaultValue={chosen}
              placeholder="Select a session"
              options={sessions.map((s) => ({ value: s.id, label: s.label }))}
            />
            <Button>Issue and download certificates</Button>
          </Form>
        ) : (
          <InsetText>
            No delivered session for teachers or VCSE staff has named attendees yet.
          </InsetText>
        )}
        <p className="govuk-body">
          To issue the same certificate to a list of people instead,{" "}
          <Link className="govuk-link" to="/admin/certificates/bulk">
            paste their names
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
