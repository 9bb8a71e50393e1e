import { stringify } from "csv-stringify/sync";

// Every CSV Lantern writes (report tables, the quarterly return, bookers, staff learning): RFC 4180
// (CRLF, quotes doubled), UTF-8 with a byte-order mark so Excel opens it as UTF-8, a field holding a
// bare line break quoted too (csv-stringify only quotes its own record delimiter), and no cell that
// a spreadsheet would run as a formula (CSV injection). One writer, so one guard.

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell starting with = + - @ tab or CR is prefixed with ' so a spreadsheet shows it as text.
 * Numbers are written as numbers (a negative number is a number, not a formula).
 */
export function neutralise(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return (
    "\uFEFF" +
    stringify([header.map(neutralise), ...rows.map((r) => r.map(neutralise))], {
      record_delimiter: "\r\n",
      quoted_match: /[\r\n]/,
    })
  );
}

/** A CSV download: never cached by the browser or a proxy, since most hold people's names. */
export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
