import {
  FEWER_THAN_5,
  MIN_SESSIONS_PER_CELL,
  shownText,
  suppressTable,
  WITHHELD,
  type ShownCell,
} from "./suppression";
import type { CellValue, Table } from "./tables";

// Which figures of a report table may leave the programme, and as what (issue 20 moved these rules
// here from csv.server.ts, unchanged, so they are unit-tested and mutation-tested on their own):
// counts of people 1–4 → "fewer than 5" with secondary suppression (decisions 006, 061, 120),
// columns from too few sessions withheld whole (decision 072), and figures worked out from a hidden
// count withheld with it. The CSV export and the printed return both use it.

function num(v: CellValue): number {
  return typeof v === "number" ? v : 0;
}

/**
 * The table's cells as they may leave the programme: people columns suppressed. The grid (people
 * by audience, their row total and the totals row) is protected together; any other people
 * column is protected as one column with its total.
 */
export function suppressedCells(table: Table): {
  rows: Record<string, CellValue>[];
  total?: Record<string, CellValue>;
} {
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
      colTotals: grid.map((k) =>
        num(table.total?.[k] ?? table.rows.reduce((a, r) => a + num(r.cells[k]), 0)),
      ),
      grand: num(
        // Stryker disable next-line ArrowFunction: without a totals row the grand total is never printed, and made 0 it changes only whether the search counts it small and where it falls in the search's order; no printed figure differed over every 1×2 to 3×2 grid of 0, 1, 2, 3, 5, 8, 20 (238,483 tables) and 150,000 random grids up to 4×4 whose row totals count people once (7 December)
        table.total?.[rowTotal] ?? table.rows.reduce((a, r) => a + num(r.cells[rowTotal]), 0),
      ),
    });
    // When the row total is itself the grid's only column, its cell and its row total are one
    // figure twice over, and always hidden or shown together: a row (or the totals row) of just
    // those two figures cannot hide one alone, which would leave it recoverable. So writing the
    // row total after the cell changes nothing (issue 20 removed a branch that chose between them).
    rows.forEach((row, i) => {
      grid.forEach((k, j) => put(row, k, s.cells[i][j]));
      put(row, rowTotal, s.rowTotals[i]);
    });
    if (total) {
      grid.forEach((k, j) => put(total, k, s.colTotals[j]));
      put(total, rowTotal, s.grand);
    }
    for (const k of grid) handled.add(k);
    handled.add(rowTotal);
  }
  // Stryker disable next-line ConditionalExpression: an ungrouped table taken as one group (no total row) is protected the same way, as long as its totals row counts at least as many as any row and no more than all of them
  const grouped = table.rows.some((r) => r.group !== undefined);
  for (const c of table.columns) {
    if (!c.people || handled.has(c.key) || !grouped) continue;
    suppressGroupedColumn(table, c.key, rows, total);
    handled.add(c.key);
  }
  for (const c of table.columns) {
    if (!c.people || handled.has(c.key)) continue;
    const values = table.rows.map((r) => num(r.cells[c.key]));
    // Stryker disable ArithmeticOperator: the sum stands in only when there is no totals row, so it is never shown; made negative it is never small and is still tried after every non-zero figure and before the zeros, so the same figures are withheld
    const s = suppressColumn(
      values,
      num(table.total?.[c.key] ?? values.reduce((a, b) => a + b, 0)),
    );
    // Stryker restore ArithmeticOperator
    rows.forEach((row, i) => put(row, c.key, s.cells[i]));
    if (total) put(total, c.key, s.total);
  }
  for (const key of columnsFromTooFewSessions(table)) {
    for (const target of total ? [...rows, total] : rows)
      if (target[key] !== null && target[key] !== undefined) target[key] = WITHHELD;
  }
  // Percentages and projections of a hidden count would give it away: withhold them too.
  for (const c of table.columns) {
    // Stryker disable next-line ConditionalExpression: a column worked out from nothing would read its sources as [undefined], and no figure is keyed "undefined", so nothing is withheld either way
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
  const all = covered.find((c) => c.key === table.rowTotal);
  if (all && all.sessions! < MIN_SESSIONS_PER_CELL) return covered.map((c) => c.key);
  const parts = covered
    .filter((c) => c !== all && c.sessions! > 0)
    .sort((a, b) => a.sessions! - b.sessions!);
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
export function suppressColumn(
  values: number[],
  total: number,
): { cells: ShownCell[]; total: ShownCell } {
  const s = suppressTable({
    cells: values.map((v) => [v]),
    rowTotals: values,
    colTotals: [total],
    grand: total,
  });
  return { cells: s.cells.map((r) => r[0]), total: s.colTotals[0] };
}

/**
 * A people column of a table whose rows come in groups, each with its own subtotal row (a
 * district's organisations, a statement's audiences). Two levels: the subtotals against the
 * table's total (when it has one), then each group's rows against its subtotal. A subtotal hidden
 * at the first level could be added up from its group's rows, so one of them is hidden too.
 */
function suppressGroupedColumn(
  table: Table,
  key: string,
  rows: Record<string, CellValue>[],
  total: Record<string, CellValue> | undefined,
) {
  const put = (target: Record<string, CellValue>, cell: ShownCell) => {
    if (target[key] === null || target[key] === undefined) return;
    target[key] = cell.kind === "value" ? cell.value : shownText(cell);
  };
  const groups = [...new Set(table.rows.map((r) => r.group ?? ""))];
  const members = (g: string) =>
    table.rows.map((r, i) => ({ r, i })).filter((x) => (x.r.group ?? "") === g && !x.r.subtotal);
  const subtotalOf = (g: string) =>
    table.rows.map((r, i) => ({ r, i })).find((x) => (x.r.group ?? "") === g && x.r.subtotal);
  const value = (g: string) => {
    const sub = subtotalOf(g);
    return sub ? num(sub.r.cells[key]) : members(g).reduce((a, x) => a + num(x.r.cells[key]), 0);
  };
  // Level 1: the groups' subtotals against the table's total.
  const hiddenSub = new Map<string, ShownCell>();
  if (total) {
    const s = suppressColumn(
      groups.map(value),
      // Stryker disable next-line ArithmeticOperator: the groups' sum stands in only for a blank in the totals row, which stays blank; made negative it is never small and is tried in the same order (as for a single column above)
      num(total[key] ?? groups.reduce((a, g) => a + value(g), 0)),
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
      const candidates = ms
        .filter((x) => num(x.r.cells[key]) > 0)
        .sort((a, b) => num(a.r.cells[key]) - num(b.r.cells[key]));
      if (candidates.length) rows[candidates[0].i][key] = WITHHELD;
    }
  }
}
