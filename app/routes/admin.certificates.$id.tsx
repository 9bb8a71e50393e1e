import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { viewerOf } from "~/certificates/access.server";
import { call } from "~/utils/errors.server";
import {
  achievementDetail,
  achievementOf,
  getCertificateFor,
  reissueCertificate,
  revokeCertificate,
  serialsOfRelated,
} from "~/certificates/certificates.server";
import { formatCode } from "~/certificates/codes";
import { StatusTag } from "~/certificates/components";
import { ReissueFormSchema, RevokeFormSchema } from "~/certificates/schemas";
import { Button, ErrorSummary, Form, TextInput, Textarea } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDate, formatDateTime, formatDay } from "~/utils/dates";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { publicUrl } from "~/utils/url.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data: d }) =>
  pageTitle(d ? `Certificate ${d.serial}` : "Certificate");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "certificate:manage:any");
  const db = getDb();
  const cert = await call(() => getCertificateFor(db, viewerOf(auth), idParam(params.id)));
  const related = await serialsOfRelated(db, cert);
  const serialOf = (id: string | null) => (id ? (related.get(id) ?? id) : null);
  const url = new URL(request.url);
  return {
    id: cert.id,
    serial: cert.serial,
    code: formatCode(cert.code),
    verifyPath: `/verify/${cert.code}`,
    holderName: cert.holder_name,
    holderEmail: cert.holder_email,
    title: cert.achievement_title,
    detail: achievementDetail(achievementOf(cert)),
    date: formatDay(cert.achieved_on),
    issuer: `${cert.issuer_name}, ${cert.programme_name}`,
    issuedAt: formatDateTime(cert.issued_at),
    sourceKey: cert.source_origin,
    status: cert.status,
    revoked: cert.revoked_at
      ? { at: formatDate(cert.revoked_at), by: cert.revoked_by_name, reason: cert.revoked_reason }
      : null,
    replaces: cert.replaces_id
      ? { id: cert.replaces_id, serial: serialOf(cert.replaces_id) }
      : null,
    replacedBy: cert.replaced_by_id
      ? { id: cert.replaced_by_id, serial: serialOf(cert.replaced_by_id) }
      : null,
    banner: url.searchParams.get("issued")
      ? "issued"
      : url.searchParams.get("revoked")
        ? "revoked"
        : url.searchParams.get("reissued")
          ? "reissued"
          : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "certificate:manage:any");
  const form = await readForm(request);
  const db = getDb();
  const cert = await call(() => getCertificateFor(db, viewerOf(auth), idParam(params.id)));
  if (form.get("intent") === "revoke") {
    const submission = parseForm(form, RevokeFormSchema);
    if (submission.status !== "success") return invalidForm(submission.reply());
    const revoked = await call(() =>
      revokeCertificate(db, {
        id: cert.id,
        reason: submission.value.revokeReason,
        byUserId: auth.user.id,
        byName: auth.user.name,
        ip: clientIp(request),
      }),
    );
    if (!revoked.ok) return problemReply(submission, revoked);
    throw redirect(`/admin/certificates/${cert.id}?revoked=1`);
  }
  if (form.get("intent") === "reissue") {
    const submission = parseForm(form, ReissueFormSchema);
    if (submission.status !== "success") return invalidForm(submission.reply());
    const reissued = await call(() =>
      reissueCertificate(db, {
        id: cert.id,
        reason: submission.value.reissueReason,
        holderName: submission.value.holderName,
        holderEmail: submission.value.holderEmail ?? null,
        byUserId: auth.user.id,
        byName: auth.user.name,
        baseUrl: publicUrl(request),
        ip: clientIp(request),
      }),
    );
    if (!reissued.ok) return problemReply(submission, reissued);
    throw redirect(`/admin/certificates/${reissued.certificate.id}?reissued=1`);
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function AdminCertificate() {
  const c = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary reply={reply} />
      {c.banner === "issued" ? (
        <NotificationBanner>Certificate {c.serial} has been issued.</NotificationBanner>
      ) : null}
      {c.banner === "revoked" ? (
        <NotificationBanner>Certificate {c.serial} has been revoked.</NotificationBanner>
      ) : null}
      {c.banner === "reissued" ? (
        <NotificationBanner>
          Certificate {c.serial} has been issued in place of {c.replaces?.serial}, which is now
          revoked.
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">Certificate {c.serial}</span>
      <h1 className="govuk-heading-l">{c.holderName}</h1>
      <SummaryList
        rows={[
          { key: "Status", value: <StatusTag status={c.status} /> },
          {
            key: "Holder",
            value: c.holderEmail ? `${c.holderName} (${c.holderEmail})` : c.holderName,
          },
          { key: "For", value: c.detail ? `${c.title} (${c.detail})` : c.title },
          { key: "Date", value: c.date },
          { key: "Issued by", value: c.issuer },
          { key: "Issued", value: c.issuedAt },
          {
            key: "Verification code",
            value: (
              <Link className="govuk-link" to={c.verifyPath}>
                {c.code}
              </Link>
            ),
          },
          { key: "Source", value: <code>{c.sourceKey}</code> },
          ...(c.revoked
            ? [
                {
                  key: "Revoked",
                  value: `${c.revoked.at} by ${c.revoked.by ?? "unknown"}: ${c.revoked.reason ?? ""}`,
                },
              ]
            : []),
          ...(c.replaces
            ? [
                {
                  key: "Replaces",
                  value: (
                    <Link className="govuk-link" to={`/admin/certificates/${c.replaces.id}`}>
                      {c.replaces.serial}
                    </Link>
                  ),
                },
              ]
            : []),
          ...(c.replacedBy
            ? [
                {
                  key: "Replaced by",
                  value: (
                    <Link className="govuk-link" to={`/admin/certificates/${c.replacedBy.id}`}>
                      {c.replacedBy.serial}
                    </Link>
                  ),
                },
              ]
            : []),
        ]}
      />
      <a
        className="govuk-button govuk-button--secondary"
        href={`/certificates/${c.id}/pdf`}
        download
      >
        Download PDF
      </a>
      {!c.replacedBy ? (
        <>
          <h2 className="govuk-heading-m">Re-issue</h2>
          <p className="govuk-body">
            Revokes this certificate and issues a new one for the same achievement, with a new
            number and code, that records which certificate it replaces. Use it to correct a name.
          </p>
          <Form reply={reply}>
            <input type="hidden" name="intent" value="reissue" />
            <TextInput
              name="holderName"
              label="Holder's full name on the new certificate"
              defaultValue={c.holderName}
            />
            <TextInput
              name="holderEmail"
              label="Holder's email address (optional)"
              type="email"
              defaultValue={c.holderEmail ?? ""}
              spellCheck={false}
            />
            <Textarea
              name="reissueReason"
              label="Why is it being re-issued?"
              hint="Recorded with your name; not shown on the public verification page"
              rows={2}
            />
            <Button secondary>Re-issue certificate</Button>
          </Form>
        </>
      ) : null}
      {c.status === "valid" ? (
        <>
          <h2 className="govuk-heading-m">Revoke</h2>
          <WarningText>
            Once revoked, the verification page says this certificate is no longer valid. This
            cannot be undone.
          </WarningText>
          <Form reply={reply}>
            <input type="hidden" name="intent" value="revoke" />
            <Textarea
              name="revokeReason"
              label="Why is it being revoked?"
              hint="Recorded with your name; not shown on the public verification page"
              rows={2}
            />
            <Button warning>Revoke certificate</Button>
          </Form>
        </>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/certificates">
          Back to certificates
        </Link>
      </p>
    </>
  );
}
