// Small-number suppression for anything that leaves the programme (CSV, the printed return).
//
// Primary: a count of people from 1 to 4 is shown as "fewer than 5".
// Secondary: a table publishes its row totals, column totals and grand total, so a lone hidden
// cell in a row could be worked out by subtraction. Think of the table with its margins as a
// bipartite graph — one node per row (plus the totals row), one per column (plus the totals
// column), one edge per published figure. Each node carries one equation ("the row adds up to its
// total"), so a hidden figure can be worked out from the others exactly when its edge is a bridge
// of the graph of hidden figures (an edge on no cycle). We withhold the fewest further figures
// that leave no bridge (decision 120): a search over sets of further figures in increasing size,
// trying the cheapest first — a non-zero figure before a zero, inside the table before a total,
// the smaller figure first.

export type ShownCell =
  { kind: "value"; value: number } | { kind: "primary" } | { kind: "secondary" };

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

/**
 * The figures that join no cycle of the hidden figures, grouped into what hangs off them: the
 * hidden graph's 2-edge-connected blocks (found through its bridges, Tarjan's low-link), and of
 * those the leaves (a block with one bridge). A block is a set of node ids: rows 0..rows−1, then
 * columns rows..rows+cols−1. Edge id r × cols + c.
 */
function leafBlocks(rows: number, cols: number, on: boolean[]): number[][] {
  const nodes = rows + cols;
  const adj: [number, number][][] = Array.from({ length: nodes }, () => []);
  // Stryker disable next-line EqualityOperator: on[] past the last row is undefined, so an extra row adds no edge
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++)
      if (on[r * cols + c]) {
        adj[r].push([rows + c, r * cols + c]);
        adj[rows + c].push([r, r * cols + c]);
      }
  const order = new Array<number>(nodes).fill(-1);
  // Stryker disable next-line ArrayDeclaration: every low[n] is set when n is visited, before it is read
  const low = new Array<number>(nodes).fill(0);
  const bridge = new Set<number>();
  let time = 0;
  const visit = (n: number, via: number) => {
    order[n] = low[n] = time++;
    for (const [m, e] of adj[n]) {
      if (e === via) continue;
      if (order[m] === -1) {
        visit(m, e);
        low[n] = Math.min(low[n], low[m]);
        if (low[m] > order[n]) bridge.add(e);
      } else low[n] = Math.min(low[n], order[m]);
    }
  };
  // Stryker disable next-line EqualityOperator,ConditionalExpression: order[nodes] is undefined (no node); visiting a node again finds every neighbour visited, so it adds no bridge
  for (let n = 0; n < nodes; n++) if (order[n] === -1) visit(n, -1);
  // Blocks: what stays joined without the bridges; a leaf is a block that one bridge touches.
  const block = new Array<number>(nodes).fill(-1);
  // Stryker disable next-line ArrayDeclaration: an extra first entry is a block no node belongs to, with no bridge, so never a leaf
  const members: number[][] = [];
  for (let n = 0; n < nodes; n++) {
    if (block[n] >= 0) continue;
    const id = members.length;
    const stack = [n];
    block[n] = id;
    // Stryker disable next-line ArrayDeclaration: an extra member is a string no node id equals; it only makes every leaf look bigger, which weakens the bound (see fewestFurther)
    members.push([]);
    while (stack.length) {
      const x = stack.pop()!;
      members[id].push(x);
      for (const [m, e] of adj[x])
        if (!bridge.has(e) && block[m] < 0) {
          block[m] = id;
          stack.push(m);
        }
    }
  }
  const bridgesAt = new Array<number>(members.length).fill(0);
  for (let n = 0; n < nodes; n++)
    for (const [, e] of adj[n]) if (bridge.has(e)) bridgesAt[block[n]]++;
  return members.filter((_, id) => bridgesAt[id] === 1);
}

/**
 * The fewest further figures to withhold so that the hidden ones form a graph with no bridge, and of
 * the sets that small the first found trying the cheapest figure first. Iterative deepening: try
 * every set of k further figures for k = 0, 1, 2, … A leaf block's bridge can only join a cycle
 * through a further figure with exactly one end in the leaf, so each step tries just those (at the
 * leaf with the fewest). It gives up on a branch when it cannot finish within k: each further
 * figure has two ends, so it serves at most two leaves, and at most one leaf that is a lone row
 * (a row can only be joined to a column) and one that is a lone column. That bound is close, so a
 * branch rarely fails below its first step: a memory of sets already tried (decision 120) never
 * once answered on over 100,000 random tables, the benchmark's among them, and was removed (issue
 * 20). It could not change the result: a search depends only on the figures hidden so far and k.
 */
function fewestFurther(
  rows: number,
  cols: number,
  primary: boolean[],
  cheaper: (a: number, b: number) => number,
): boolean[] {
  const on = [...primary];
  // Stryker disable next-line ArrowFunction,ConditionalExpression: keeping no leaf as single counts no lone leaf, a weaker bound: it only lets through branches that cannot succeed within k, so the same first set is found (keeping every leaf, and `!==`, are killed: docs/MUTATION.md)
  const single = (leaves: number[][]) => leaves.filter((b) => b.length === 1);
  // Stryker disable ArrowFunction,ConditionalExpression,EqualityOperator: counting none weakens the bound (as above); lone rows and lone columns swapped give the same maximum (`<=` and the other conditions are killed: docs/MUTATION.md)
  const lone = (leaves: number[][], row: boolean) =>
    single(leaves).filter((b) => b[0] < rows === row).length;
  // Stryker restore ArrowFunction,ConditionalExpression,EqualityOperator
  function search(k: number): boolean {
    const leaves = leafBlocks(rows, cols, on);
    if (!leaves.length) return true;
    // Stryker disable next-line ConditionalExpression,BooleanLiteral,EqualityOperator: a weaker bound (none, or one kind of lone leaf counted twice) finds the same first set, more slowly; `>= k` makes round k + 1 try exactly what round k tried, so the same first set is found a round later (`<= k` is killed)
    if (Math.max(lone(leaves, true), lone(leaves, false), Math.ceil(leaves.length / 2)) > k)
      return false;
    let ways: number[] | null = null;
    for (const leaf of leaves) {
      const inLeaf = new Set(leaf);
      // Stryker disable next-line ArrayDeclaration: a stray first way is no figure: choosing it changes no edge and spends one of k, so it cannot succeed in a round before the first that can, and the real ways follow in the same order
      const out: number[] = [];
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++)
          if (!on[r * cols + c] && inLeaf.has(r) !== inLeaf.has(rows + c)) out.push(r * cols + c);
      if (!ways || out.length < ways.length) ways = out;
    }
    for (const e of ways!.sort(cheaper)) {
      on[e] = true;
      if (search(k - 1)) return true;
      on[e] = false;
    }
    return false;
  }
  // Stryker disable next-line EqualityOperator: at most rows × cols − 1 further figures are ever needed (a small count is already hidden)
  for (let k = 0; k <= rows * cols; k++) if (search(k)) return on;
  // Only a table without two rows and two columns (with its totals) has no such set.
  return on.map(() => true);
}

export function suppressTable(t: CountTable): SuppressedTable {
  const R = t.cells.length;
  const C = t.colTotals.length;
  const rows = R + 1;
  const cols = C + 1;
  const at = (e: number) => valueAt(t, Math.floor(e / cols), e % cols);
  const primary = Array.from({ length: rows * cols }, (_, e) => isSmall(at(e)));
  // Cheapest: a non-zero figure before a zero (no count is below zero, so a hidden zero on a cycle
  // can narrow what the others on it can be), a figure inside the table before a total (the
  // totals are the figures funders read first), the smaller figure first, then reading order.
  const rank = (e: number) => [
    at(e) === 0 ? 1 : 0,
    Math.floor(e / cols) === R || e % cols === C ? 1 : 0,
    at(e),
    e,
  ];
  const cheaper = (a: number, b: number) => {
    const x = rank(a);
    const y = rank(b);
    // Stryker disable next-line EqualityOperator: past the end both are undefined, which are equal
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  };
  const hidden = fewestFurther(rows, cols, primary, cheaper);
  const shown = (r: number, c: number): ShownCell =>
    primary[r * cols + c]
      ? { kind: "primary" }
      : hidden[r * cols + c]
        ? { kind: "secondary" }
        : { kind: "value", value: valueAt(t, r, c) };
  return {
    cells: t.cells.map((row, r) => row.map((_, c) => shown(r, c))),
    rowTotals: t.cells.map((_, r) => shown(r, C)),
    colTotals: t.colTotals.map((_, c) => shown(R, c)),
    grand: shown(R, C),
  };
}
