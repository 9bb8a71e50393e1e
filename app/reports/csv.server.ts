import { toCsv } from "~/utils/csv.server";
import { suppressedCells } from "./export-suppression";
import type { Table } from "./tables";

// A report table as CSV: written by the one CSV writer (utils/csv.server.ts: RFC 4180, UTF-8 with a
// BOM, no formula cells), with ISO dates. Counts of people are suppressed (1–4 → "fewer than 5",
// plus secondary suppression; export-suppression.ts) because exports leave the programme.

/** The CSV of a dashboard table, with its totals row last. */
export function tableCsv(table: Table): string {
  const { rows, total } = suppressedCells(table);
  const body = rows.map((r) => table.columns.map((c) => r[c.key] ?? null));
  if (total) body.push(table.columns.map((c) => total[c.key] ?? null));
  return toCsv(
    table.columns.map((c) => c.label),
    body,
  );
}
