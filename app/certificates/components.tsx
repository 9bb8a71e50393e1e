import { Link } from "@remix-run/react";
import { Tag } from "~/components/page";
import { formatDay } from "~/utils/dates";
import { Table } from "~/components/table";

// A table of certificates, shared by the holder's, the manager's and the lead's lists.
export interface CertificateListRow {
  id: string;
  serial: string;
  holder_name: string;
  achievement_title: string;
  achieved_on: string;
  status: "valid" | "revoked";
  organisation_name?: string;
}

export function StatusTag({ status }: { status: "valid" | "revoked" }) {
  return status === "valid" ? <Tag colour="green">Valid</Tag> : <Tag colour="red">Revoked</Tag>;
}

export function CertificateTable({
  caption,
  rows,
  hrefFor,
  showHolder = true,
  showOrganisation = false,
}: {
  caption: string;
  rows: CertificateListRow[];
  hrefFor: (id: string) => string;
  showHolder?: boolean;
  showOrganisation?: boolean;
}) {
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => `${r.id}-${r.organisation_name ?? ""}`}
      columns={[
        {
          header: "Certificate",
          cell: (r) => (
            <Link className="govuk-link" to={hrefFor(r.id)}>
              {r.serial}
            </Link>
          ),
        },
        showHolder && { header: "Holder", cell: (r) => r.holder_name },
        showOrganisation && { header: "Organisation", cell: (r) => r.organisation_name },
        { header: "For", cell: (r) => r.achievement_title },
        { header: "Date", cell: (r) => formatDay(r.achieved_on) },
        { header: "Status", cell: (r) => <StatusTag status={r.status} /> },
      ]}
    />
  );
}
