// Small-number suppression for anything that leaves the programme (CSV, the printed return).
//
// Primary: a count of people from 1 to 4 is shown as "fewer than 5".
// Secondary: a table publishes its row totals, column totals and grand total, so a lone hidden
// cell in a row could be worked out by subtraction. Think of the table with its margins as a
// bipartite graph — one node per row (plus the totals row), one per column (plus the totals
// column), one edge per published figure. Each node carries one equation ("the row adds up to its
// total"), so a hidden figure can be worked out from the others exactly when its edge is a bridge
// of the graph of hidden figures (an edge on no cycle). We therefore keep hiding the cheapest
// further figure that puts every hidden figure on a cycle. Cheapest: the smallest non-zero figure
// inside the table, before any total, before any zero.

export type ShownCell = { kind: "value"; value: number } | { kind: "primary" } | { kind: "secondary" };

export interface CountTable {
  /** cells[row][column] */
  cells: number[][];
  rowTotals: number[];
  colTotals: number[];
  grand: number;
}

export interface SuppressedTable {
  cells: ShownCell[][];
  rowTotals: ShownCell[];
  colTotals: ShownCell[];
  grand: ShownCell;
}

export const FEWER_THAN_5 = "fewer than 5";
/**
 * Safeguarding figures from fewer sessions than this are withheld whole when published, zeros
 * too: beside zeros, even "fewer than 5" says that someone at one known session was referred
 * (issue 11, finding 6; decision 072).
 */
export const MIN_SESSIONS_PER_CELL = 3;
export const WITHHELD = "withheld";

export function isSmall(n: number) {
  return n >= 1 && n <= 4;
}

/** The text of a cell in an export. */
export function shownText(c: ShownCell): string {
  return c.kind === "value" ? String(c.value) : c.kind === "primary" ? FEWER_THAN_5 : WITHHELD;
}

/** A single count on its own (no totals to protect), for figures printed one by one. */
export function suppressCount(n: number): ShownCell {
  return isSmall(n) ? { kind: "primary" } : { kind: "value", value: n };
}

/** Edges: row r in 0..R (R = totals row), column c in 0..C (C = totals column). */
function valueAt(t: CountTable, r: number, c: number): number {
  const R = t.cells.length;
  const C = t.colTotals.length;
  if (r < R && c < C) return t.cells[r][c];
  if (r < R) return t.rowTotals[r];
  if (c < C) return t.colTotals[c];
  return t.grand;
}

export function suppressTable(t: CountTable): SuppressedTable {
  const R = t.cells.length;
  const C = t.colTotals.length;
  const rows = R + 1;
  const cols = C + 1;
  // hidden[r][c]: 0 shown, 1 primary, 2 secondary
  const hidden: number[][] = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (isSmall(valueAt(t, r, c)) ? 1 : 0)));

  // Node ids: rows 0..rows-1, columns rows..rows+cols-1.
  const colNode = (c: number) => rows + c;

  function adjacency(): number[][] {
    const adj: number[][] = Array.from({ length: rows + cols }, () => []);
    for (let r = 0; r < rows; r++)
      // Stryker disable next-line EqualityOperator: hidden[r][cols] is undefined (falsy), so the extra column adds no edge
      for (let c = 0; c < cols; c++)
        if (hidden[r][c]) {
          adj[r].push(colNode(c));
          adj[colNode(c)].push(r);
        }
    return adj;
  }

  /** The nodes reachable from `start` over hidden edges, not using the edge (r, c). */
  function reach(adj: number[][], start: number, r: number, c: number): Set<number> {
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length) {
      const n = stack.pop()!;
      for (const m of adj[n]) {
        if ((n === r && m === colNode(c)) || (m === r && n === colNode(c))) continue;
        if (!seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
      }
    }
    return seen;
  }

  function cost(r: number, c: number): number[] {
    const v = valueAt(t, r, c);
    const isTotal = r === R || c === C ? 1 : 0;
    return [v === 0 ? 1 : 0, isTotal, v, r, c];
  }
  function cheaper(a: number[], b: number[]) {
    // Stryker disable next-line EqualityOperator: past the end both are undefined (equal); a[i] < b[i] is only asked when they differ
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }

  // Stryker disable next-line EqualityOperator,ArithmeticOperator,UpdateOperator: the loop ends by `break` when no bridge is left; each round hides one of at most rows × cols − 1 shown figures, so any of these bounds (or none) gives the same table
  for (let guard = 0; guard < rows * cols + 1; guard++) {
    const adj = adjacency();
    let bridge: { r: number; c: number; a: Set<number>; b: Set<number> } | null = null;
    outer: for (let r = 0; r < rows; r++)
      // Stryker disable next-line EqualityOperator: hidden[r][cols] is undefined, so the extra column is skipped
      for (let c = 0; c < cols; c++) {
        if (!hidden[r][c]) continue;
        const a = reach(adj, r, r, c);
        if (!a.has(colNode(c))) {
          bridge = { r, c, a, b: reach(adj, colNode(c), r, c) };
          break outer;
        }
      }
    if (!bridge) break;
    const { a, b } = bridge;
    // Best: a shown figure joining the two sides closes a cycle through the bridge.
    let best: { r: number; c: number; k: number[] } | null = null;
    for (let r = 0; r < rows; r++)
      // Stryker disable next-line EqualityOperator: colNode(cols) is no node, so it is on neither side and never joins them
      for (let c = 0; c < cols; c++) {
        if (hidden[r][c]) continue;
        const cn = colNode(c);
        if ((a.has(r) && b.has(cn)) || (b.has(r) && a.has(cn))) {
          const k = cost(r, c);
          if (!best || cheaper(k, best.k)) best = { r, c, k };
        }
      }
    if (!best) {
      // Otherwise grow one side by a shown figure touching it; the next round can then close the cycle.
      const side = new Set([...a, ...b]);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          if (hidden[r][c]) continue;
          if (side.has(r) !== side.has(colNode(c))) {
            const k = cost(r, c);
            if (!best || cheaper(k, best.k)) best = { r, c, k };
          }
        }
    }
    // Stryker disable next-line ConditionalExpression: unreachable (see the comment): a bridge in a complete table always has a shown figure touching its sides
    if (!best) break; // cannot happen in a complete table of two or more rows and columns
    hidden[best.r][best.c] = 2;
  }

  const shown = (r: number, c: number): ShownCell =>
    hidden[r][c] === 1 ? { kind: "primary" } : hidden[r][c] === 2 ? { kind: "secondary" } : { kind: "value", value: valueAt(t, r, c) };
  return {
    cells: t.cells.map((row, r) => row.map((_, c) => shown(r, c))),
    rowTotals: t.cells.map((_, r) => shown(r, C)),
    colTotals: t.colTotals.map((_, c) => shown(R, c)),
    grand: shown(R, C),
  };
}
