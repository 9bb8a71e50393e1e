import { stringify } from "csv-stringify/sync";
import { FEWER_THAN_5, shownText, suppressTable, WITHHELD, type ShownCell } from "./suppression";
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

function num(v: CellValue): number {
  return typeof v === "number" ? v : 0;
}

/**
 * The table's cells as they may leave the programme: people columns suppressed. The grid (people
 * by audience, their row total and the totals row) is protected together; any other people
 * column is protected as one column with its total.
 */
export function suppressedCells(table: Table): { rows: Record<string, CellValue>[]; total?: Record<string, CellValue> } {
  const rows = table.rows.map((r) => ({ ...r.cells }));
  const total = table.total ? { ...table.total } : undefined;
  const put = (target: Record<string, CellValue>, key: string, cell: ShownCell) => {
    target[key] = cell.kind === "value" ? cell.value : shownText(cell);
  };
  const grid = table.columns.filter((c) => c.people && c.grid).map((c) => c.key);
  const rowTotal = table.rowTotal;
  const handled = new Set<string>();
  if (grid.length && rowTotal) {
    const s = suppressTable({
      cells: table.rows.map((r) => grid.map((k) => num(r.cells[k]))),
      rowTotals: table.rows.map((r) => num(r.cells[rowTotal])),
      colTotals: grid.map((k) => num(table.total?.[k] ?? table.rows.reduce((a, r) => a + num(r.cells[k]), 0))),
      grand: num(table.total?.[rowTotal] ?? table.rows.reduce((a, r) => a + num(r.cells[rowTotal]), 0)),
    });
    rows.forEach((row, i) => {
      grid.forEach((k, j) => put(row, k, s.cells[i][j]));
      // When the row total is itself the only grid column, the cell decides.
      if (!grid.includes(rowTotal)) put(row, rowTotal, s.rowTotals[i]);
      else {
        const j = grid.indexOf(rowTotal);
        const a = s.cells[i][j];
        const b = s.rowTotals[i];
        put(row, rowTotal, a.kind !== "value" ? a : b);
      }
    });
    if (total) {
      grid.forEach((k, j) => put(total, k, s.colTotals[j]));
      if (!grid.includes(rowTotal)) put(total, rowTotal, s.grand);
    }
    for (const k of grid) handled.add(k);
    handled.add(rowTotal);
  }
  for (const c of table.columns) {
    if (!c.people || handled.has(c.key)) continue;
    const s = suppressTable({
      cells: table.rows.map((r) => [num(r.cells[c.key])]),
      rowTotals: table.rows.map((r) => num(r.cells[c.key])),
      colTotals: [num(table.total?.[c.key] ?? table.rows.reduce((a, r) => a + num(r.cells[c.key]), 0))],
      grand: num(table.total?.[c.key] ?? table.rows.reduce((a, r) => a + num(r.cells[c.key]), 0)),
    });
    rows.forEach((row, i) => put(row, c.key, s.cells[i][0]));
    if (total) put(total, c.key, s.colTotals[0]);
  }
  // Percentages and projections of a hidden count would give it away: withhold them too.
  for (const c of table.columns) {
    if (!c.derivedFrom) continue;
    for (const target of total ? [...rows, total] : rows) {
      const source = target[c.derivedFrom];
      if ((source === FEWER_THAN_5 || source === WITHHELD) && target[c.key] !== null) target[c.key] = WITHHELD;
    }
  }
  return { rows, total };
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
