import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatCode, normaliseCode } from "~/certificates/codes";
import { verifyCode } from "~/certificates/verify.server";
import { pageTitle, SummaryList, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  ...pageTitle(
    d?.outcome.result === "valid"
      ? "Certificate is valid"
      : d?.outcome.result === "revoked"
        ? "Certificate has been revoked"
        : d?.outcome.result === "throttled"
          ? "Too many codes tried"
          : "Certificate not found",
  ),
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const typed = params.code ?? "";
  const outcome = await verifyCode(getDb(), { code: typed, ip: clientIp(request) });
  const code = normaliseCode(typed);
  const shown = code ? formatCode(code) : typed.slice(0, 40);
  const headers = new Headers({ "X-Robots-Tag": "noindex" });
  if (outcome.result === "throttled") {
    headers.set("Retry-After", String(outcome.retryAfterSeconds));
    return data({ outcome, shown }, { status: 429, headers });
  }
  return data({ outcome, shown }, { status: outcome.result === "not_found" ? 404 : 200, headers });
}

export default function VerifyCode() {
  const { outcome, shown } = useLoaderData<typeof loader>();
  if (outcome.result === "throttled") {
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
    return (
      <>
        <h1 className="govuk-heading-l">Too many codes tried</h1>
        <p className="govuk-body">
          Too many codes that do not match a certificate have been tried from your connection, so
          Lantern has paused checks from it. Wait {minutes} minute{minutes === 1 ? "" : "s"} and try
          again.
        </p>
        <p className="govuk-body">
          If you are checking a certificate someone gave you, copy the code exactly as it is printed
          beside the QR code, or scan the QR code.
        </p>
      </>
    );
  }
  if (outcome.result === "not_found") {
    return (
      <>
        <h1 className="govuk-heading-l">Certificate not found</h1>
        <p className="govuk-body">
          No Lantern certificate has the verification code <strong>{shown}</strong>.
        </p>
        <p className="govuk-body">
          Check the code against the certificate: it has 16 letters and numbers in four groups.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/verify">
            Check another code
          </Link>
        </p>
      </>
    );
  }
  const valid = outcome.result === "valid";
  return (
    <>
      {valid ? (
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Certificate is valid</h1>
          <div className="govuk-panel__body">
            This is a genuine certificate issued through Lantern
          </div>
        </div>
      ) : (
        <>
          <h1 className="govuk-heading-l">Certificate has been revoked</h1>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              This certificate was issued through Lantern but{" "}
              {outcome.revokedOn ? `was revoked on ${outcome.revokedOn}` : "has been revoked"}. It
              is no longer valid.
            </strong>
          </div>
        </>
      )}
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Certificate details</h2>
      <SummaryList
        rows={[
          {
            key: "Status",
            value: valid ? <Tag colour="green">Valid</Tag> : <Tag colour="red">Revoked</Tag>,
          },
          { key: "Awarded to", value: outcome.holderName },
          {
            key: outcome.kind === "module" ? "Completed" : "Attended",
            value: (
              <>
                {outcome.achievement}
                {outcome.achievementDetail ? (
                  <div className="govuk-hint govuk-!-margin-0">{outcome.achievementDetail}</div>
                ) : null}
              </>
            ),
          },
          { key: "Date", value: outcome.date },
          { key: "Issued by", value: `${outcome.issuerName}, ${outcome.programmeName}` },
          { key: "Verification code", value: <span>{shown}</span> },
        ]}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to="/verify">
          Check another certificate
        </Link>
      </p>
    </>
  );
}
