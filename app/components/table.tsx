import type { Key, ReactNode } from "react";
import { TableScroll } from "./table-scroll";

/** One column of a GOV.UK table: its heading and how a row fills its cell. */
export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** Figures line up on the right, as the Design System's numeric columns do. */
  numeric?: boolean;
  /** The cell names its row (`<th scope="row">`), so a screen reader announces it with each figure. */
  rowHeader?: boolean;
  /** Extra classes on the column's cells (say `lantern-nowrap` for dates). */
  className?: string;
  /** Attributes on each of the column's cells (say a `data-figure` that tests read a figure by). */
  cellProps?: (row: Row, index: number) => DataAttributes;
}

/** Hooks for tests and scripts on the table, a row or a cell; `data-…` attributes only. */
type DataAttributes = Record<`data-${string}`, string>;

const CAPTION = {
  m: "govuk-table__caption govuk-table__caption--m",
  s: "govuk-table__caption govuk-table__caption--s",
  hidden: "govuk-table__caption govuk-visually-hidden",
} as const;

/**
 * The Design System's table inside its own scrolling region (TableScroll), written once: every
 * list in Lantern is a caption, a row of headings and a row per record, and 40-odd hand-written
 * copies had drifted in their classes (issue 15, item 7). A table whose rows are not one record
 * each (totals rows, grouped rows) adds them through `foot`.
 */
export function Table<Row>({
  caption,
  captionSize = "m",
  columns: given,
  rows,
  rowKey,
  empty,
  foot,
  label,
  className,
  tableProps,
  rowProps,
}: {
  caption: ReactNode;
  /** "hidden" keeps the caption for screen readers where a heading above already says it. */
  captionSize?: keyof typeof CAPTION;
  /** A column that only some viewers see is written `condition && { … }`; a falsy entry leaves it out. */
  columns: (Column<Row> | false | null | undefined)[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => Key;
  /** Said in one cell across the table when there are no rows (otherwise the body is empty). */
  empty?: ReactNode;
  /** Rows after the records (a totals row), already written as `<tr>`s. */
  foot?: ReactNode;
  /** Names the scrolling region when the caption is not plain text. */
  label?: string;
  /** Extra classes on the table (say `govuk-table--small-text-until-tablet` for a wide grid). */
  className?: string;
  /** Test hooks on the table itself, and on each row from its record. */
  tableProps?: DataAttributes;
  rowProps?: (row: Row, index: number) => DataAttributes;
}) {
  const columns = given.filter((c): c is Column<Row> => !!c);
  return (
    <TableScroll label={label}>
      <table className={`govuk-table${className ? ` ${className}` : ""}`} {...tableProps}>
        <caption className={CAPTION[captionSize]}>{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((c, i) => (
              <th
                key={i}
                scope="col"
                className={`govuk-table__header${c.numeric ? " govuk-table__header--numeric" : ""}`}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.length === 0 && empty !== undefined ? (
            <tr className="govuk-table__row">
              <td
                className="govuk-table__cell"
                colSpan={columns.length > 1 ? columns.length : undefined}
              >
                {empty}
              </td>
            </tr>
          ) : null}
          {rows.map((row, r) => (
            <tr className="govuk-table__row" key={rowKey(row, r)} {...rowProps?.(row, r)}>
              {columns.map((c, i) => {
                const cellClass = [
                  c.rowHeader ? "govuk-table__header" : "govuk-table__cell",
                  c.numeric ? "govuk-table__cell--numeric" : "",
                  c.className ?? "",
                ]
                  .filter(Boolean)
                  .join(" ");
                return c.rowHeader ? (
                  <th key={i} scope="row" className={cellClass} {...c.cellProps?.(row, r)}>
                    {c.cell(row, r)}
                  </th>
                ) : (
                  <td key={i} className={cellClass} {...c.cellProps?.(row, r)}>
                    {c.cell(row, r)}
                  </td>
                );
              })}
            </tr>
          ))}
          {foot}
        </tbody>
      </table>
    </TableScroll>
  );
}
