import { stringify } from "csv-stringify/sync";
import { suppressedCells } from "./export-suppression";
import type { CellValue, Table } from "./tables";

// CSV exports: RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark so Excel opens it
// as UTF-8 (a field holding a bare line break is quoted too: csv-stringify only quotes its own
// record delimiter), ISO dates, and no cell that a spreadsheet would run as a formula. Counts of people
// are suppressed (1–4 → "fewer than 5", plus secondary suppression) because exports leave the
// programme.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell starting with = + - @ tab or CR is prefixed with ' so a spreadsheet shows it as text. */
export function neutralise(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(header: string[], rows: CellValue[][]): string {
  return "\uFEFF" + stringify([header, ...rows.map((r) => r.map(neutralise))], { record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
}

export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

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
