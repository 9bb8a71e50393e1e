import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import {
  achievementDetail,
  achievementOf,
  getCertificateFor,
} from "~/certificates/certificates.server";
import { viewerOf } from "~/certificates/access.server";
import { call } from "~/utils/errors.server";
import { formatCode } from "~/certificates/codes";
import { StatusTag } from "~/certificates/components";
import { pageTitle, SummaryList, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDate, formatDay } from "~/utils/dates";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data: d }) =>
  pageTitle(d ? `Certificate ${d.serial}` : "Certificate");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "certificate:own",
    "certificate:view:own-organisation",
    "certificate:manage:any",
  ]);
  const cert = await call(() => getCertificateFor(getDb(), viewerOf(auth), idParam(params.id)));
  return {
    id: cert.id,
    serial: cert.serial,
    code: formatCode(cert.code),
    verifyPath: `/verify/${cert.code}`,
    holderName: cert.holder_name,
    title: cert.achievement_title,
    detail: achievementDetail(achievementOf(cert)),
    kind: cert.kind,
    date: formatDay(cert.achieved_on),
    issuer: `${cert.issuer_name}, ${cert.programme_name}`,
    issuedAt: formatDate(cert.issued_at),
    status: cert.status,
    revokedAt: cert.revoked_at ? formatDate(cert.revoked_at) : null,
    own: cert.holder_user_id === auth.user.id,
  };
}

export default function CertificatePage() {
  const c = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Certificate {c.serial}</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      {c.status === "revoked" ? (
        <WarningText>
          This certificate was revoked on {c.revokedAt}. It is no longer valid.
        </WarningText>
      ) : null}
      <SummaryList
        rows={[
          { key: "Status", value: <StatusTag status={c.status} /> },
          { key: "Awarded to", value: c.holderName },
          {
            key: c.kind === "module" ? "Completed" : "Attended",
            value: c.detail ? `${c.title} (${c.detail})` : c.title,
          },
          { key: "Date", value: c.date },
          { key: "Issued by", value: c.issuer },
          { key: "Certificate number", value: c.serial },
          { key: "Verification code", value: c.code },
        ]}
      />
      {c.status === "valid" ? (
        <>
          <a className="govuk-button" href={`/certificates/${c.id}/pdf`} download>
            Download certificate (PDF)
          </a>
          <p className="govuk-body">
            Anyone can check this certificate at{" "}
            <Link className="govuk-link" to={c.verifyPath}>
              its verification page
            </Link>{" "}
            by scanning its QR code or entering its verification code.
          </p>
        </>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/certificates">
          Back to {c.own ? "your certificates" : "certificates"}
        </Link>
      </p>
    </>
  );
}
