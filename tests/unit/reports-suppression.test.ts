import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FEWER_THAN_5,
  shownText,
  suppressCount,
  suppressTable,
  WITHHELD,
  type CountTable,
  type SuppressedTable,
} from "~/reports/suppression";
import { recoverable } from "../support/suppression-check";

function tableOf(cells: number[][]): CountTable {
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = cells[0].map((_, c) => cells.reduce((a, r) => a + r[c], 0));
  return { cells, rowTotals, colTotals, grand: rowTotals.reduce((a, b) => a + b, 0) };
}

const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }) },
);
const tables = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }))
  .chain(([r, c]) =>
    fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
  )
  .map(tableOf);

describe("small-number suppression", () => {
  it("shows an exported cell of 3 as 'fewer than 5' and hides another cell of its row and column so it cannot be worked out", () => {
    const t = tableOf([
      [3, 20, 12],
      [9, 14, 30],
      [11, 7, 25],
    ]);
    const s = suppressTable(t);
    expect(shownText(s.cells[0][0])).toBe(FEWER_THAN_5);
    // Row 0 and column 0 each need a second hidden figure.
    expect(s.cells[0].filter((c) => c.kind !== "value").length).toBeGreaterThanOrEqual(2);
    expect(
      s.cells.map((r) => r[0]).filter((c) => c.kind !== "value").length,
    ).toBeGreaterThanOrEqual(2);
    expect(s.cells.flat().map(shownText)).toContain(WITHHELD);
    // Totals stay as they are.
    expect(s.grand).toEqual({ kind: "value", value: t.grand });
    expect(recoverable(t, s)).toEqual([]);
  });

  it("without secondary suppression the lone cell would be recoverable (the check can fail)", () => {
    const t = tableOf([
      [3, 20],
      [9, 14],
    ]);
    const naive: SuppressedTable = {
      cells: t.cells.map((r) =>
        r.map((v) =>
          v === 3 ? { kind: "primary" as const } : { kind: "value" as const, value: v },
        ),
      ),
      rowTotals: t.rowTotals.map((value) => ({ kind: "value" as const, value })),
      colTotals: t.colTotals.map((value) => ({ kind: "value" as const, value })),
      grand: { kind: "value", value: t.grand },
    };
    expect(recoverable(t, naive)).toEqual(["0,0"]);
    expect(recoverable(t, suppressTable(t))).toEqual([]);
  });

  it("leaves a table with no small counts untouched", () => {
    const t = tableOf([
      [0, 20],
      [9, 5],
    ]);
    const s = suppressTable(t);
    expect(s.cells.flat().every((c) => c.kind === "value")).toBe(true);
  });

  it("property: every 1–4 is hidden, every shown figure is true, and no hidden figure can be worked out from the totals", () => {
    fc.assert(
      fc.property(tables, (t) => {
        const s = suppressTable(t);
        const R = t.cells.length;
        const C = t.colTotals.length;
        const all: [number, ReturnType<typeof suppressTable>["grand"]][] = [
          ...t.cells.flatMap((row, r) =>
            row.map((v, c) => [v, s.cells[r][c]] as [number, typeof s.grand]),
          ),
          ...t.rowTotals.map((v, r) => [v, s.rowTotals[r]] as [number, typeof s.grand]),
          ...t.colTotals.map((v, c) => [v, s.colTotals[c]] as [number, typeof s.grand]),
          [t.grand, s.grand],
        ];
        for (const [v, shown] of all) {
          if (v >= 1 && v <= 4) expect(shown.kind).toBe("primary");
          if (shown.kind === "value") expect(shown.value).toBe(v);
          if (shown.kind === "primary") expect(v >= 1 && v <= 4).toBe(true);
        }
        expect(recoverable(t, s), `table ${JSON.stringify(t.cells)} R=${R} C=${C}`).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("exports a shown figure as its own number, and only small counts and withheld figures as words (issue 20)", () => {
    expect(shownText({ kind: "value", value: 20 })).toBe("20");
    expect(shownText({ kind: "value", value: 0 })).toBe("0");
    expect(shownText({ kind: "primary" })).toBe(FEWER_THAN_5);
    expect(shownText({ kind: "secondary" })).toBe(WITHHELD);
    const t = tableOf([
      [0, 20],
      [9, 5],
    ]);
    const s = suppressTable(t);
    expect(s.cells.map((row) => row.map(shownText))).toEqual([
      ["0", "20"],
      ["9", "5"],
    ]);
    expect(s.rowTotals.map(shownText)).toEqual(["20", "14"]);
    expect(s.colTotals.map(shownText)).toEqual(["9", "25"]);
    expect(shownText(s.grand)).toBe("34");
  });

  it("withholds the other three cells of a 2×2 table with one small count, and keeps every total", () => {
    const t = tableOf([
      [3, 20],
      [9, 14],
    ]);
    const s = suppressTable(t);
    expect(s.cells.map((row) => row.map(shownText))).toEqual([
      [FEWER_THAN_5, WITHHELD],
      [WITHHELD, WITHHELD],
    ]);
    expect(s.cells[1][1]).toEqual({ kind: "secondary" });
    expect(s.cells[0][0]).toEqual({ kind: "primary" });
    expect(s.rowTotals.map(shownText)).toEqual(["23", "23"]);
    expect(s.colTotals.map(shownText)).toEqual(["12", "34"]);
    expect(shownText(s.grand)).toBe("46");
  });

  it("property: withholds no more further figures than the fewest that any choice could (brute force over every set, tables up to 4×4), and those protect every small count", () => {
    const small = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain(([r, c]) =>
        fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
      )
      .map(tableOf);
    fc.assert(
      fc.property(small, (t) => {
        const s = suppressTable(t);
        const further = [...s.cells.flat(), ...s.rowTotals, ...s.colTotals, s.grand].filter(
          (c) => c.kind === "secondary",
        ).length;
        expect(further, `table ${JSON.stringify(t.cells)}`).toBe(fewestByBruteForce(t));
        expect(recoverable(t, s)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("withholds three further figures, not five, for one small count in a 3×3 table (issue 20's example)", () => {
    const t = tableOf([
      [3, 20, 12],
      [9, 14, 30],
      [11, 7, 25],
    ]);
    const s = suppressTable(t);
    // The cheapest 2×2 rectangle through the small count: the smallest figures beside it in its
    // row (12) and column (9), and where their row and column cross (30). Totals all shown.
    expect(s.cells.map((row) => row.map(shownText))).toEqual([
      [FEWER_THAN_5, "20", WITHHELD],
      [WITHHELD, "14", WITHHELD],
      ["11", "7", "25"],
    ]);
    expect(s.rowTotals.map(shownText)).toEqual(["35", "53", "43"]);
    expect(s.colTotals.map(shownText)).toEqual(["23", "41", "67"]);
    expect(shownText(s.grand)).toBe("131");
  });

  it("withholds the same figures every time: which ones, in two tables where another choice of as few would do (issue 20)", () => {
    const text = (s: SuppressedTable) => [
      s.cells.map((row) => row.map(shownText)),
      s.rowTotals.map(shownText),
      s.colTotals.map(shownText),
      shownText(s.grand),
    ];
    // Three small counts; withholding 7, 5 and the grand total protects them (so would 5, the row's
    // total 13 and the column's total 8: as few, found later).
    expect(
      text(
        suppressTable(
          tableOf([
            [1, 7, 5],
            [0, 1, 1],
          ]),
        ),
      ),
    ).toEqual([
      [
        [FEWER_THAN_5, WITHHELD, WITHHELD],
        ["0", FEWER_THAN_5, FEWER_THAN_5],
      ],
      ["13", FEWER_THAN_5],
      [FEWER_THAN_5, "8", "6"],
      WITHHELD,
    ]);
    // One small count in a 2×2 table: the three other cells, every total shown.
    expect(
      text(
        suppressTable(
          tableOf([
            [5, 0],
            [1, 5],
          ]),
        ),
      ),
    ).toEqual([
      [
        [WITHHELD, WITHHELD],
        [FEWER_THAN_5, WITHHELD],
      ],
      ["5", "6"],
      ["6", "5"],
      "11",
    ]);
  });

  it("withholds a figure inside the table rather than a smaller total, where either protects as well (issue 20)", () => {
    // Two blocks of small counts, joined by one small count (3): one further figure protects them,
    // and either row 0's total (12) or the 30 beside the first block would do. Funders read the
    // totals first, so the 30 is withheld although it is larger.
    const cells = [
      [1, 2, 3, 6],
      [2, 1, 30, 50],
      [0, 0, 2, 0],
      [0, 0, 3, 0],
      [20, 25, 30, 60],
    ];
    const t = tableOf(cells);
    const s = suppressTable(t);
    expect(s.cells.map((row) => row.map(shownText))).toEqual([
      [FEWER_THAN_5, FEWER_THAN_5, FEWER_THAN_5, "6"],
      [FEWER_THAN_5, FEWER_THAN_5, WITHHELD, "50"],
      ["0", "0", FEWER_THAN_5, "0"],
      ["0", "0", FEWER_THAN_5, "0"],
      ["20", "25", "30", "60"],
    ]);
    expect(s.rowTotals.map(shownText)).toEqual(["12", "83", FEWER_THAN_5, FEWER_THAN_5, "135"]);
    expect(s.colTotals.map(shownText)).toEqual(["23", "28", "68", "116"]);
    expect(shownText(s.grand)).toBe("235");
    expect(recoverable(t, s)).toEqual([]);
    expect(fewestByBruteForce(t)).toBe(1);

    // The same table turned on its side: a column's total (12) against the 30 beside the block.
    const turned = tableOf(cells[0].map((_, c) => cells.map((row) => row[c])));
    const u = suppressTable(turned);
    expect(u.cells.map((row) => row.map(shownText))).toEqual([
      [FEWER_THAN_5, FEWER_THAN_5, "0", "0", "20"],
      [FEWER_THAN_5, FEWER_THAN_5, "0", "0", "25"],
      [FEWER_THAN_5, WITHHELD, FEWER_THAN_5, FEWER_THAN_5, "30"],
      ["6", "50", "0", "0", "60"],
    ]);
    expect(u.rowTotals.map(shownText)).toEqual(["23", "28", "68", "116"]);
    expect(u.colTotals.map(shownText)).toEqual(["12", "83", FEWER_THAN_5, FEWER_THAN_5, "135"]);
    expect(shownText(u.grand)).toBe("235");
    expect(recoverable(turned, u)).toEqual([]);
  });

  it("withholds every total of a table with no rows whose totals hold a small count (nothing else could protect it)", () => {
    const s = suppressTable({ cells: [], rowTotals: [], colTotals: [3, 20], grand: 23 });
    expect(s.colTotals.map(shownText)).toEqual([FEWER_THAN_5, WITHHELD]);
    expect(shownText(s.grand)).toBe(WITHHELD);
  });

  it("shows a single count of 1 to 4 as 'fewer than 5', and 0 or 5 as themselves", () => {
    expect([0, 1, 2, 3, 4, 5, 12].map((n) => shownText(suppressCount(n)))).toEqual([
      "0",
      FEWER_THAN_5,
      FEWER_THAN_5,
      FEWER_THAN_5,
      FEWER_THAN_5,
      "5",
      "12",
    ]);
  });
});

/**
 * The fewest further figures that leave no hidden figure recoverable, by trying every set of shown
 * figures in increasing size. Independent of the rule: a hidden figure is recoverable when taking it
 * away disconnects its row from its column among the hidden figures (checked by a plain search).
 */
function fewestByBruteForce(t: CountTable): number {
  const R = t.cells.length;
  const C = t.colTotals.length;
  const rows = R + 1;
  const cols = C + 1;
  const value = (r: number, c: number) =>
    r < R && c < C ? t.cells[r][c] : r < R ? t.rowTotals[r] : c < C ? t.colTotals[c] : t.grand;
  const all: [number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) all.push([r, c]);
  const smallOnes = all.filter(([r, c]) => value(r, c) >= 1 && value(r, c) <= 4);
  const others = all.filter(([r, c]) => !(value(r, c) >= 1 && value(r, c) <= 4));
  const safe = (hidden: [number, number][]) =>
    hidden.every(([r, c], i) => {
      // Is column c reachable from row r over the other hidden figures?
      const rest = hidden.filter((_, j) => j !== i);
      const seen = new Set([`r${r}`]);
      const queue = [`r${r}`];
      while (queue.length) {
        const n = queue.shift()!;
        for (const [a, b] of rest) {
          const [x, y] = [`r${a}`, `c${b}`];
          const next = n === x ? y : n === y ? x : null;
          if (next && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      return seen.has(`c${c}`);
    });
  const choose = (from: number, k: number, picked: [number, number][]): boolean =>
    k === 0
      ? safe([...smallOnes, ...picked])
      : others.slice(from).some((e, i) => choose(from + i + 1, k - 1, [...picked, e]));
  for (let k = 0; k <= others.length; k++) if (choose(0, k, [])) return k;
  throw new Error("no set protects the table");
}
