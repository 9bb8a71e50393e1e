import type { CellValue, Column, Table } from "./tables";
import { formatFixed, formatNumber } from "./tables";
import { formatDay } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

// A dashboard table on the page: GOV.UK table with a caption, numbers right-aligned, the totals row
// last, and a link to the same table as CSV. Each figure carries data-figure="table:row:column".

function show(v: CellValue, c: Column) {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "number")
    return (
      (c.decimals !== undefined ? formatFixed(v, c.decimals, c.signed) : formatNumber(v)) +
      (c.key.endsWith("_percent") ? "%" : "")
    );
  return c.date ? formatDay(v) : v;
}

export function ReportTable({
  table,
  csvHref,
  caption,
  hideColumns = [],
}: {
  table: Table;
  csvHref?: string;
  caption?: string;
  hideColumns?: string[];
}) {
  const cols = table.columns.filter((c) => !hideColumns.includes(c.key));
  return (
    <div className="lantern-table-wrap">
      <TableScroll>
        <table className="govuk-table govuk-!-font-size-16" data-table={table.id}>
          <caption className="govuk-table__caption govuk-table__caption--s">
            {caption ?? table.title}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {cols.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`govuk-table__header${c.numeric ? " govuk-table__header--numeric" : ""}`}
                >
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {table.rows.length === 0 ? (
              <tr className="govuk-table__row">
                <td className="govuk-table__cell" colSpan={cols.length}>
                  None.
                </td>
              </tr>
            ) : null}
            {table.rows.map((r) => (
              <tr
                className={`govuk-table__row${r.subtotal ? " lantern-subtotal" : ""}`}
                key={r.key}
              >
                {cols.map((c, i) =>
                  i === 0 ? (
                    <th
                      key={c.key}
                      scope="row"
                      className={`govuk-table__header${r.subtotal ? "" : " govuk-!-font-weight-regular"}`}
                    >
                      {c.groupLabel && r.group !== undefined && !r.subtotal ? (
                        <span className="govuk-visually-hidden">{show(r.cells[c.key], c)}</span>
                      ) : (
                        show(r.cells[c.key], c)
                      )}
                    </th>
                  ) : (
                    <td
                      key={c.key}
                      className={`govuk-table__cell${c.numeric ? " govuk-table__cell--numeric" : ""}${r.subtotal ? " govuk-!-font-weight-bold" : ""}`}
                      data-figure={`${table.id}:${r.key}:${c.key}`}
                    >
                      {c.groupLabel && r.group !== undefined && !r.subtotal ? (
                        <span className="govuk-visually-hidden">{show(r.cells[c.key], c)}</span>
                      ) : (
                        show(r.cells[c.key], c)
                      )}
                    </td>
                  ),
                )}
              </tr>
            ))}
            {table.total ? (
              <tr className="govuk-table__row">
                {cols.map((c, i) =>
                  i === 0 ? (
                    <th key={c.key} scope="row" className="govuk-table__header">
                      {show(table.total![c.key], c)}
                    </th>
                  ) : (
                    <td
                      key={c.key}
                      className={`govuk-table__cell govuk-!-font-weight-bold${c.numeric ? " govuk-table__cell--numeric" : ""}`}
                      data-figure={`${table.id}:total:${c.key}`}
                    >
                      {table.total![c.key] === undefined ? "" : show(table.total![c.key], c)}
                    </td>
                  ),
                )}
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableScroll>
      {csvHref ? (
        <p className="govuk-body-s lantern-no-print">
          <a className="govuk-link" href={csvHref} download>
            Download “{table.title}” as CSV
            <span className="govuk-visually-hidden"> (small numbers suppressed)</span>
          </a>
        </p>
      ) : null}
    </div>
  );
}
