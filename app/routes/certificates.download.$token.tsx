import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { downloadLinkStatus } from "~/certificates/download-links.server";
import { pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDay } from "~/utils/dates";

// The page a holder without an account reaches from their certificate email (public: the token
// in the address is the credential).
export const meta: MetaFunction = () => [
  ...pageTitle("Your certificate"),
  { name: "robots", content: "noindex" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const status = await downloadLinkStatus(getDb(), params.token ?? "");
  return data(
    { status, token: params.token ?? "" },
    { status: status.result === "unknown" ? 404 : status.result === "revoked" ? 410 : 200 },
  );
}

export default function CertificateDownload() {
  const { status, token } = useLoaderData<typeof loader>();
  if (status.result === "unknown") {
    return (
      <>
        <h1 className="govuk-heading-l">This link does not work</h1>
        <p className="govuk-body">
          Check you copied the whole link from your certificate email. If it still does not work,
          ask whoever ran your session to send you the certificate.
        </p>
      </>
    );
  }
  const rows = [
    { key: "Name", value: status.holderName },
    { key: "Achievement", value: status.achievementTitle },
    { key: "Date", value: formatDay(status.achievedOn) },
    { key: "Issued by", value: status.issuerName },
    { key: "Serial", value: status.serial },
  ];
  if (status.result === "revoked") {
    return (
      <>
        <h1 className="govuk-heading-l">This certificate has been revoked</h1>
        <p className="govuk-body">
          Certificate {status.serial} is no longer valid, so it cannot be downloaded. If you think
          this is a mistake, contact {status.issuerName}.
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="govuk-heading-l">Your certificate</h1>
      <SummaryList rows={rows} />
      <a
        className="govuk-button"
        data-module="govuk-button"
        href={`/certificates/download/${token}/pdf`}
        download
      >
        Download the PDF
      </a>
      <p className="govuk-body">
        Keep your certificate email: this page is only reached through its link.
      </p>
    </>
  );
}
