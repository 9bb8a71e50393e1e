import type { CountTable, SuppressedTable } from "~/reports/suppression";

// The equations a reader of the export has: every row adds up to its total, every column to its
// total, the totals to the grand total. Written out here independently of the graph the
// suppression uses, and solved by Gaussian elimination.
function unknownsOf(t: CountTable, s: SuppressedTable) {
  const R = t.cells.length;
  const C = t.colTotals.length;
  const ids = new Map<string, number>();
  const hiddenAt = (r: number, c: number) => {
    const cell =
      r < R && c < C ? s.cells[r][c] : r < R ? s.rowTotals[r] : c < C ? s.colTotals[c] : s.grand;
    return cell.kind !== "value";
  };
  for (let r = 0; r <= R; r++)
    for (let c = 0; c <= C; c++) if (hiddenAt(r, c)) ids.set(`${r},${c}`, ids.size);
  // Equation per line: sum of the line's cells minus its total = 0 (only unknown coefficients matter).
  const eqs: number[][] = [];
  const line = (entries: [number, number, number][]) => {
    const row = new Array(ids.size).fill(0);
    for (const [r, c, coef] of entries) {
      const id = ids.get(`${r},${c}`);
      if (id !== undefined) row[id] += coef;
    }
    eqs.push(row);
  };
  for (let r = 0; r <= R; r++)
    line([
      ...Array.from({ length: C }, (_, c) => [r, c, 1] as [number, number, number]),
      [r, C, -1],
    ]);
  for (let c = 0; c <= C; c++)
    line([
      ...Array.from({ length: R }, (_, r) => [r, c, 1] as [number, number, number]),
      [R, c, -1],
    ]);
  return { ids, eqs };
}

function rank(m: number[][]): number {
  const a = m.map((r) => [...r]);
  let rk = 0;
  const cols = a[0]?.length ?? 0;
  for (let c = 0; c < cols && rk < a.length; c++) {
    let p = -1;
    for (let r = rk; r < a.length; r++)
      if (Math.abs(a[r][c]) > 1e-9) {
        p = r;
        break;
      }
    if (p < 0) continue;
    [a[rk], a[p]] = [a[p], a[rk]];
    for (let r = 0; r < a.length; r++) {
      if (r === rk) continue;
      const f = a[r][c] / a[rk][c];
      if (f) for (let k = c; k < cols; k++) a[r][k] -= f * a[rk][k];
    }
    rk++;
  }
  return rk;
}

/** The hidden figures a reader could work out exactly from the published ones. */
export function recoverable(t: CountTable, s: SuppressedTable): string[] {
  const { ids, eqs } = unknownsOf(t, s);
  if (!ids.size) return [];
  const base = rank(eqs);
  const out: string[] = [];
  for (const [key, id] of ids) {
    const unit = new Array(ids.size).fill(0);
    unit[id] = 1;
    if (rank([...eqs, unit]) === base) out.push(key);
  }
  return out;
}
