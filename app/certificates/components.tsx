import { Link } from "@remix-run/react";
import { Tag } from "~/components/page";
import { formatDay } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

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
    <TableScroll>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Certificate
            </th>
            {showHolder ? (
              <th scope="col" className="govuk-table__header">
                Holder
              </th>
            ) : null}
            {showOrganisation ? (
              <th scope="col" className="govuk-table__header">
                Organisation
              </th>
            ) : null}
            <th scope="col" className="govuk-table__header">
              For
            </th>
            <th scope="col" className="govuk-table__header">
              Date
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={`${r.id}-${r.organisation_name ?? ""}`}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={hrefFor(r.id)}>
                  {r.serial}
                </Link>
              </td>
              {showHolder ? <td className="govuk-table__cell">{r.holder_name}</td> : null}
              {showOrganisation ? (
                <td className="govuk-table__cell">{r.organisation_name}</td>
              ) : null}
              <td className="govuk-table__cell">{r.achievement_title}</td>
              <td className="govuk-table__cell">{formatDay(r.achieved_on)}</td>
              <td className="govuk-table__cell">
                <StatusTag status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
