// npx tsx scripts/bench/suppression.ts
// Times secondary suppression (decision 120: the fewest further figures, by a search) on random
// tables of the sizes Lantern publishes and larger, with many small counts, and prints the mean and
// the slowest table per size. Random but repeatable (a fixed seed), so runs can be compared.
import { suppressTable, type CountTable } from "../../app/reports/suppression";

function tableOf(cells: number[][]): CountTable {
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = cells[0].map((_, c) => cells.reduce((a, r) => a + r[c], 0));
  return { cells, rowTotals, colTotals, grand: rowTotals.reduce((a, b) => a + b, 0) };
}

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const sizes: [rows: number, cols: number, small: number][] = [
  [7, 4, 0.1],
  [7, 4, 0.2],
  [7, 5, 0.35],
  [8, 6, 0.05],
  [8, 6, 0.1],
  [8, 6, 0.2],
  [10, 6, 0.15],
  [40, 1, 0.1],
  [200, 1, 0.01],
  [12, 8, 0.1],
  [20, 10, 0.03],
];
const runs = 30;
console.log("rows × columns, share of small counts: mean ms, slowest ms (of 30 random tables)");
for (const [R, C, p] of sizes) {
  let sum = 0;
  let worst = 0;
  for (let i = 0; i < runs; i++) {
    const cells = Array.from({ length: R }, () =>
      Array.from({ length: C }, () =>
        random() < p
          ? 1 + Math.floor(random() * 4)
          : random() < 0.2
            ? 0
            : 5 + Math.floor(random() * 40),
      ),
    );
    const t0 = performance.now();
    suppressTable(tableOf(cells));
    const ms = performance.now() - t0;
    sum += ms;
    worst = Math.max(worst, ms);
  }
  console.log(`${R} × ${C}, ${p}: ${(sum / runs).toFixed(2)} ms, ${worst.toFixed(1)} ms`);
}
