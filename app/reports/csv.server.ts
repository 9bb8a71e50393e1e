import { toCsv } from "~/utils/csv.server";
import { FEWER_THAN_5, MIN_SESSIONS_PER_CELL, shownText, suppressTable, WITHHELD, type ShownCell } from "./suppression";
import type { CellValue, Table } from "./tables";

// Report CSVs, written by the one CSV writer (utils/csv.server.ts: RFC 4180, UTF-8 with a BOM, no
// formula cells), with ISO dates. Counts of people are suppressed (1–4 → "fewer than 5", plus
// secondary suppression) because exports leave the programme.

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
    // A blank (a question not asked) stays blank.
    if (target[key] === null || target[key] === undefined) return;
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
  const grouped = table.rows.some((r) => r.group !== undefined);
  for (const c of table.columns) {
    if (!c.people || handled.has(c.key) || !grouped) continue;
    suppressGroupedColumn(table, c.key, rows, total);
    handled.add(c.key);
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
  for (const key of columnsFromTooFewSessions(table)) {
    for (const target of total ? [...rows, total] : rows) if (target[key] !== null && target[key] !== undefined) target[key] = WITHHELD;
  }
  // Percentages and projections of a hidden count would give it away: withhold them too.
  for (const c of table.columns) {
    if (!c.derivedFrom) continue;
    const sources = Array.isArray(c.derivedFrom) ? c.derivedFrom : [c.derivedFrom];
    for (const target of total ? [...rows, total] : rows) {
      const hidden = sources.some((k) => target[k] === FEWER_THAN_5 || target[k] === WITHHELD);
      if (hidden && target[c.key] !== null && target[c.key] !== undefined) target[c.key] = WITHHELD;
    }
  }
  return { rows, total };
}

/**
 * Columns to withhold whole because their figures come from too few sessions (decision 072): any
 * column from 1 to MIN_SESSIONS_PER_CELL − 1 sessions (a column from none reveals no one). The
 * row-total column less the columns shown would give the hidden ones' sum, so while the hidden
 * columns together cover fewer sessions than the minimum, the next smallest is hidden too, and
 * failing that the row totals. Everything, when the whole table comes from too few.
 */
export function columnsFromTooFewSessions(table: Table): string[] {
  const covered = table.columns.filter((c) => c.sessions !== undefined);
  if (!covered.length) return [];
  const all = covered.find((c) => c.key === table.rowTotal);
  if (all && all.sessions! < MIN_SESSIONS_PER_CELL) return covered.map((c) => c.key);
  const parts = covered.filter((c) => c !== all && c.sessions! > 0).sort((a, b) => a.sessions! - b.sessions!);
  const hidden = parts.filter((c) => c.sessions! < MIN_SESSIONS_PER_CELL);
  if (!hidden.length) return [];
  let together = hidden.reduce((a, c) => a + c.sessions!, 0);
  for (const c of parts) {
    if (together >= MIN_SESSIONS_PER_CELL) break;
    if (hidden.includes(c)) continue;
    hidden.push(c);
    together += c.sessions!;
  }
  if (together < MIN_SESSIONS_PER_CELL && all) hidden.push(all);
  return hidden.map((c) => c.key);
}

/** One people column, protected on its own against its total: "fewer than 5", then secondary suppression. */
export function suppressColumn(values: number[], total: number): { cells: ShownCell[]; total: ShownCell } {
  const s = suppressTable({ cells: values.map((v) => [v]), rowTotals: values, colTotals: [total], grand: total });
  return { cells: s.cells.map((r) => r[0]), total: s.colTotals[0] };
}

/**
 * A people column of a table whose rows come in groups, each with its own subtotal row (a
 * district's organisations, a statement's audiences). Two levels: the subtotals against the
 * table's total (when it has one), then each group's rows against its subtotal. A subtotal hidden
 * at the first level could be added up from its group's rows, so one of them is hidden too.
 */
function suppressGroupedColumn(table: Table, key: string, rows: Record<string, CellValue>[], total: Record<string, CellValue> | undefined) {
  const put = (target: Record<string, CellValue>, cell: ShownCell) => {
    if (target[key] === null || target[key] === undefined) return;
    target[key] = cell.kind === "value" ? cell.value : shownText(cell);
  };
  const groups = [...new Set(table.rows.map((r) => r.group ?? ""))];
  const members = (g: string) => table.rows.map((r, i) => ({ r, i })).filter((x) => (x.r.group ?? "") === g && !x.r.subtotal);
  const subtotalOf = (g: string) => table.rows.map((r, i) => ({ r, i })).find((x) => (x.r.group ?? "") === g && x.r.subtotal);
  const value = (g: string) => {
    const sub = subtotalOf(g);
    return sub ? num(sub.r.cells[key]) : members(g).reduce((a, x) => a + num(x.r.cells[key]), 0);
  };
  // Level 1: the groups' subtotals against the table's total.
  const hiddenSub = new Map<string, ShownCell>();
  if (total && table.total) {
    const s = suppressColumn(
      groups.map(value),
      num(table.total[key] ?? groups.reduce((a, g) => a + value(g), 0)),
    );
    groups.forEach((g, i) => hiddenSub.set(g, s.cells[i]));
    put(total, s.total);
  }
  // Level 2: each group's rows against its subtotal.
  for (const g of groups) {
    const ms = members(g);
    const sub = subtotalOf(g);
    const s = suppressColumn(
      ms.map((x) => num(x.r.cells[key])),
      value(g),
    );
    ms.forEach((x, j) => put(rows[x.i], s.cells[j]));
    const level1 = hiddenSub.get(g);
    const subCell = level1 && level1.kind !== "value" ? level1 : s.total;
    if (sub) put(rows[sub.i], subCell);
    if (subCell.kind !== "value" && ms.length && !s.cells.some((c) => c.kind !== "value")) {
      // The subtotal is hidden: hide the group's smallest non-zero row so it cannot be added up.
      const candidates = ms.filter((x) => num(x.r.cells[key]) > 0).sort((a, b) => num(a.r.cells[key]) - num(b.r.cells[key]));
      if (candidates.length) put(rows[candidates[0].i], { kind: "secondary" });
    }
  }
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
