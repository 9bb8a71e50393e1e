import { describe, expect, it } from "vitest";
import { columnsFromTooFewSessions, suppressedCells } from "~/reports/export-suppression";
import { FEWER_THAN_5, WITHHELD } from "~/reports/suppression";
import type { Column, Table, TableRow } from "~/reports/tables";

// What each figure of a report table becomes when it leaves the programme (a CSV export, the
// printed return): the exact cell a reader gets, for each kind of column (issue 20).

const F = FEWER_THAN_5;
const W = WITHHELD;

/** What a reader sees: every row's cells in column order, then the totals row's. */
function exported(t: Table) {
  const s = suppressedCells(t);
  return {
    rows: s.rows.map((r) => t.columns.map((c) => r[c.key])),
    total: s.total && t.columns.map((c) => s.total![c.key]),
  };
}

const AUDIENCES = ["pupils", "parents", "teachers"];
/** People by audience (the grid), each row's total of them ("all") and, if asked, the totals row. */
function gridTable(cells: (number | null)[][], withTotal: boolean): Table {
  const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
  return {
    id: "grid",
    title: "People by audience",
    columns: [
      { key: "name", label: "Name" },
      ...AUDIENCES.map((a) => ({ key: a, label: a, people: true, grid: true })),
      { key: "all", label: "All", people: true },
    ],
    rows: cells.map((r, i) => ({
      key: `r${i}`,
      cells: {
        name: `r${i}`,
        ...Object.fromEntries(AUDIENCES.map((a, j) => [a, r[j]])),
        all: sum(r),
      },
    })),
    total: withTotal
      ? {
          name: "Total",
          ...Object.fromEntries(AUDIENCES.map((a, j) => [a, sum(cells.map((r) => r[j]))])),
          all: sum(cells.flat()),
        }
      : undefined,
    rowTotal: "all",
  };
}

describe("a grid of people by audience with its row totals", () => {
  it("withholds the cheapest rectangle through a small count, and shows every total as its number", () => {
    const cells = [
      [3, 20, 12],
      [9, 14, 30],
      [11, 7, 25],
    ];
    expect(exported(gridTable(cells, true))).toEqual({
      rows: [
        ["r0", F, 20, W, 35],
        ["r1", W, 14, W, 53],
        ["r2", 11, 7, 25, 43],
      ],
      total: ["Total", 23, 41, 67, 131],
    });
    // Without a totals row the same figures are withheld (the totals are still worked out and
    // protected: a reader can add the rows up).
    expect(exported(gridTable(cells, false))).toEqual({
      rows: [
        ["r0", F, 20, W, 35],
        ["r1", W, 14, W, 53],
        ["r2", 11, 7, 25, 43],
      ],
      total: undefined,
    });
  });

  it("hides a row total that is itself a small count, and the figures that would give it away", () => {
    const cells = [
      [2, 0, 0],
      [9, 14, 30],
      [11, 7, 25],
    ];
    const shown = [
      ["r0", F, 0, 0, F],
      ["r1", W, 14, 30, W],
      ["r2", 11, 7, 25, 43],
    ];
    expect(exported(gridTable(cells, true))).toEqual({
      rows: shown,
      total: ["Total", 22, 21, 55, 98],
    });
    expect(exported(gridTable(cells, false))).toEqual({ rows: shown, total: undefined });
  });

  it("leaves a blank (an audience not counted) blank, counting it as none", () => {
    expect(
      exported(
        gridTable(
          [
            [3, 20, null],
            [9, 14, 30],
            [11, 7, 25],
          ],
          true,
        ),
      ),
    ).toEqual({
      rows: [
        ["r0", F, W, null, 23],
        ["r1", W, W, 30, 53],
        ["r2", 11, 7, 25, 43],
      ],
      total: ["Total", 23, 41, 55, 119],
    });
  });

  it("when the row total is the grid's only column, a hidden count or a hidden total hides it", () => {
    const table = (withTotal: boolean): Table => ({
      id: "targets",
      title: "Targets",
      columns: [
        { key: "audience", label: "Audience" },
        { key: "people", label: "People", people: true, grid: true },
        { key: "percent", label: "%", derivedFrom: "people" },
      ],
      rows: [3, 40, 90].map((n, i) => ({
        key: `r${i}`,
        cells: { audience: `r${i}`, people: n, percent: n / 2 },
      })),
      total: withTotal ? { audience: "All", people: 133, percent: 66 } : undefined,
      rowTotal: "people",
    });
    const rows = [
      ["r0", F, W],
      ["r1", W, W],
      ["r2", 90, 45],
    ];
    expect(exported(table(true))).toEqual({ rows, total: ["All", 133, 66] });
    expect(exported(table(false))).toEqual({ rows, total: undefined });
  });
});

describe("a grid's totals row", () => {
  const columns: Column[] = [
    { key: "name", label: "Name" },
    { key: "p", label: "Pupils", people: true, grid: true },
    { key: "q", label: "Parents", people: true, grid: true },
    { key: "t", label: "Teachers", people: true, grid: true },
    { key: "all", label: "All", people: true },
  ];
  const table = (cells: number[][], total: number[] | undefined, rowTotal?: string): Table => ({
    id: "x",
    title: "x",
    columns,
    rows: cells.map(([p, q, t], i) => ({
      key: `r${i}`,
      cells: { name: `r${i}`, p, q, t, all: p + q + t },
    })),
    total: total && { name: "Total", p: total[0], q: total[1], t: total[2], all: total[3] },
    rowTotal,
  });

  it("shows the totals row's own figures (people counted once), not the rows added up, and hides a small one", () => {
    // 20 teachers in all, though the rows add up to 23: one teacher came from two settings.
    expect(
      exported(
        table(
          [
            [2, 0, 6],
            [1, 0, 9],
            [0, 3, 8],
          ],
          [3, 3, 20, 24],
          "all",
        ),
      ),
    ).toEqual({
      rows: [
        ["r0", F, 0, W, 8],
        ["r1", F, 0, W, 10],
        ["r2", 0, F, W, 11],
      ],
      total: ["Total", F, F, 20, 24],
    });
  });

  it("hides a grand total of fewer than 5", () => {
    expect(
      exported(
        table(
          [
            [1, 1, 0],
            [0, 1, 0],
          ],
          [1, 2, 0, 3],
          "all",
        ),
      ),
    ).toEqual({
      rows: [
        ["r0", F, F, 0, F],
        ["r1", 0, F, 0, F],
      ],
      total: ["Total", F, F, 0, F],
    });
  });

  it("without a row-total column, protects each people column on its own", () => {
    expect(
      exported(
        table(
          [
            [3, 20, 12],
            [9, 14, 30],
            [11, 7, 25],
          ],
          [23, 41, 67, 131],
        ),
      ),
    ).toEqual({
      rows: [
        ["r0", F, 20, 12, 35],
        ["r1", W, 14, 30, 53],
        ["r2", 11, 7, 25, 43],
      ],
      total: ["Total", 23, 41, 67, 131],
    });
  });

  it("leaves a grid column that is not a count of people (sessions by audience) as it is, and a missing figure missing", () => {
    const t: Table = {
      id: "x",
      title: "x",
      columns: [
        { key: "name", label: "Name" },
        { key: "p", label: "Pupils", people: true, grid: true },
        { key: "s", label: "Sessions", grid: true },
        { key: "all", label: "All", people: true },
      ],
      rows: [
        { key: "r0", cells: { name: "r0", p: 12, s: 3, all: 12 } },
        { key: "r1", cells: { name: "r1", all: 20 } },
      ],
      total: { name: "Total", p: 12, s: 3, all: 32 },
      rowTotal: "all",
    };
    const s = suppressedCells(t);
    expect(s.rows[0]).toEqual({ name: "r0", p: 12, s: 3, all: 12 });
    expect(s.rows[1]).toEqual({ name: "r1", all: 20 });
    expect(s.total).toEqual({ name: "Total", p: 12, s: 3, all: 32 });
  });
});

describe("people columns outside a grid, and what is worked out from them", () => {
  const table = (withTotal: boolean): Table => ({
    id: "columns",
    title: "Columns",
    columns: [
      { key: "name", label: "Name" },
      { key: "n", label: "Learners", people: true },
      { key: "m", label: "Parents", people: true },
      { key: "mean", label: "Mean", derivedFrom: ["n", "m"] },
      { key: "place", label: "Places" },
    ],
    rows: [
      [3, 10],
      [10, 0],
      [12, 12],
      [0, null],
    ].map(([n, m], i) => ({
      key: `r${i}`,
      cells: { name: `r${i}`, n, m, mean: i === 3 ? null : 1.5, place: 2 },
    })),
    total: withTotal ? { name: "All", n: 25, m: 22, mean: 1.5, place: 8 } : undefined,
  });

  it("protects each people column on its own against its total; withholds a figure worked out from any hidden one; leaves other columns and blanks alone", () => {
    const rows = [
      ["r0", F, 10, W, 2],
      ["r1", W, 0, W, 2],
      ["r2", 12, 12, 1.5, 2],
      ["r3", 0, null, null, 2],
    ];
    expect(exported(table(true))).toEqual({ rows, total: ["All", 25, 22, 1.5, 8] });
    expect(exported(table(false))).toEqual({ rows, total: undefined });
  });

  it("leaves a blank or missing figure worked out from a hidden count blank", () => {
    const t: Table = {
      id: "d",
      title: "d",
      columns: [
        { key: "name", label: "Name" },
        { key: "n", label: "Learners", people: true },
        { key: "mean", label: "Mean", derivedFrom: "n" },
      ],
      rows: [
        { key: "a", cells: { name: "a", n: 3, mean: null } },
        { key: "b", cells: { name: "b", n: 10 } },
        { key: "c", cells: { name: "c", n: 12, mean: 2.5 } },
      ],
      total: { name: "All", n: 25 },
    };
    const s = suppressedCells(t);
    expect(s.rows).toEqual([
      { name: "a", n: F, mean: null },
      { name: "b", n: W },
      { name: "c", n: 12, mean: 2.5 },
    ]);
    expect(s.total).toEqual({ name: "All", n: 25 });
  });

  it("withholds a figure worked out from a hidden count in the totals row too", () => {
    const t: Table = {
      id: "small-total",
      title: "A small total",
      columns: [
        { key: "name", label: "Name" },
        { key: "n", label: "Learners", people: true },
        { key: "percent", label: "%", derivedFrom: "n" },
      ],
      rows: [
        { key: "a", cells: { name: "a", n: 0, percent: 0 } },
        { key: "b", cells: { name: "b", n: 4, percent: 100 } },
        { key: "c", cells: { name: "c", n: 0, percent: null } },
      ],
      total: { name: "All", n: 4, percent: 50 },
    };
    expect(exported(t).total).toEqual(["All", F, W]);
    // The count and the total are both "fewer than 5"; the zeros beside them give neither away.
    expect(exported(t).rows).toEqual([
      ["a", 0, 0],
      ["b", F, W],
      ["c", 0, null],
    ]);
  });
});

describe("grouped rows (a district's organisations, a statement's audiences)", () => {
  const row = (key: string, group: string, n: number | null, subtotal = false) => ({
    key,
    group,
    subtotal,
    cells: { name: key, n },
  });
  const columns: Column[] = [
    { key: "name", label: "Name" },
    { key: "n", label: "Learners", people: true },
  ];

  it("protects the groups' totals against the table's, then each group's rows against its total", () => {
    const rows = [
      row("A", "A", 13, true),
      row("a1", "A", 3),
      row("a2", "A", 10),
      row("B", "B", 2, true),
      row("b1", "B", 2),
      row("C", "C", 20, true),
      row("c1", "C", 20),
      row("c2", "C", 0),
      row("D", "D", null, true),
    ];
    expect(exported({ id: "g", title: "g", columns, rows, total: { name: "All", n: 35 } })).toEqual(
      {
        rows: [
          ["A", W],
          ["a1", F],
          ["a2", W],
          ["B", F],
          ["b1", F],
          ["C", 20],
          ["c1", 20],
          ["c2", 0],
          ["D", null],
        ],
        total: ["All", 35],
      },
    );
    // With no table total there is nothing to protect the groups' totals against.
    expect(exported({ id: "g", title: "g", columns, rows }).rows).toEqual([
      ["A", 13],
      ["a1", F],
      ["a2", W],
      ["B", F],
      ["b1", F],
      ["C", 20],
      ["c1", 20],
      ["c2", 0],
      ["D", null],
    ]);
  });

  it("when a group's total is withheld and none of its rows is, withholds its smallest non-zero row so the total cannot be added up", () => {
    const rows = [
      row("X", "X", 13, true),
      row("x0", "X", 0),
      row("x1", "X", 7),
      row("x2", "X", 6),
      row("Y", "Y", 2, true),
      row("y1", "Y", 2),
      row("Z", "Z", 20, true),
      row("z1", "Z", 20),
    ];
    expect(exported({ id: "g", title: "g", columns, rows, total: { name: "All", n: 35 } })).toEqual(
      {
        rows: [
          ["X", W],
          ["x0", 0],
          ["x1", 7],
          ["x2", W],
          ["Y", F],
          ["y1", F],
          ["Z", 20],
          ["z1", 20],
        ],
        total: ["All", 35],
      },
    );
  });

  /** A people column "n" only, grouped as given: what each row and the totals row show. */
  const shownN = (rows: TableRow[], total?: Record<string, number | null>) => {
    const s = suppressedCells({
      id: "g",
      title: "g",
      columns,
      rows,
      total: total && { name: "All", ...total },
    });
    return { rows: s.rows.map((r) => [r.name, r.n]), total: s.total?.n };
  };
  const loose = (key: string, n: number | null, subtotal = false) => ({
    key,
    subtotal,
    cells: { name: key, n },
  });

  it("works out a group's total from its rows when it has no total row", () => {
    // X's rows add up to 3, a small count: it is protected among the groups by withholding Y's
    // 29, and Y's smallest row with it.
    expect(
      shownN([row("x1", "X", 1), row("x2", "X", 2), row("y1", "Y", 9), row("y2", "Y", 20)], {
        n: 32,
      }),
    ).toEqual({
      rows: [
        ["x1", F],
        ["x2", F],
        ["y1", W],
        ["y2", 20],
      ],
      total: 32,
    });
  });

  it("protects the groups against the totals row's own figure (people counted once), not the groups added up", () => {
    expect(
      shownN(
        [
          row("X", "X", 3, true),
          row("x1", "X", 1),
          row("x2", "X", 2),
          row("Y", "Y", 29, true),
          row("y1", "Y", 9),
          row("y2", "Y", 20),
        ],
        { n: 30 },
      ),
    ).toEqual({
      rows: [
        ["X", F],
        ["x1", F],
        ["x2", F],
        ["Y", W],
        ["y1", W],
        ["y2", 20],
      ],
      total: 30,
    });
  });

  it("protects rows outside any group as a group of their own, with their own total row if they have one", () => {
    // Within X the 6 and 9 need nothing; the 3 outside X is protected by the 20 beside it.
    expect(
      shownN([row("x1", "X", 6), row("x2", "X", 9), loose("y", 3), loose("z", 20)], { n: 38 }),
    ).toEqual({
      rows: [
        ["x1", 6],
        ["x2", 9],
        ["y", F],
        ["z", W],
      ],
      total: 38,
    });
    expect(
      shownN(
        [
          row("X", "X", 15, true),
          row("x1", "X", 6),
          row("x2", "X", 9),
          loose("Others", 3, true),
          loose("y", 1),
          loose("z", 2),
        ],
        { n: 18 },
      ),
    ).toEqual({
      rows: [
        ["X", W],
        ["x1", W],
        ["x2", 9],
        ["Others", F],
        ["y", F],
        ["z", F],
      ],
      total: 18,
    });
  });

  it("withholds a group's total that protects its own small count, even when the groups' level shows it", () => {
    // X's total (6) counts 3 people of no known audience; the 3 can only be protected by it.
    expect(
      shownN(
        [
          row("X", "X", 6, true),
          row("x1", "X", 3),
          row("x2", "X", 0),
          row("Y", "Y", 20, true),
          row("y1", "Y", 20),
        ],
        { n: 26 },
      ),
    ).toEqual({
      rows: [
        ["X", W],
        ["x1", F],
        ["x2", 0],
        ["Y", 20],
        ["y1", 20],
      ],
      total: 26,
    });
  });

  it("hides no further row of a group whose total is withheld when one of its rows already is", () => {
    expect(
      shownN(
        [
          row("A", "A", 25, true),
          row("a1", "A", 3),
          row("a2", "A", 10),
          row("a3", "A", 12),
          row("B", "B", 2, true),
          row("b1", "B", 2),
          row("C", "C", 30, true),
          row("c1", "C", 30),
          row("c2", "C", 0),
        ],
        { n: 57 },
      ),
    ).toEqual({
      rows: [
        ["A", W],
        ["a1", F],
        ["a2", W],
        ["a3", 12],
        ["B", F],
        ["b1", F],
        ["C", 30],
        ["c1", 30],
        ["c2", 0],
      ],
      total: 57,
    });
  });

  it("hides no row of a withheld group total whose rows are all zero, and leaves a blank totals row blank", () => {
    expect(
      shownN(
        [
          row("X", "X", 7, true),
          row("x1", "X", 0),
          row("x2", "X", 0),
          row("Y", "Y", 2, true),
          row("y1", "Y", 2),
          row("Z", "Z", 30, true),
          row("z1", "Z", 30),
        ],
        { n: 39 },
      ),
    ).toEqual({
      rows: [
        ["X", W],
        ["x1", 0],
        ["x2", 0],
        ["Y", F],
        ["y1", F],
        ["Z", 30],
        ["z1", 30],
      ],
      total: 39,
    });
    // No figure in the totals row: the groups are protected against their sum (2, a small
    // count, which protects X's 2 so that Y's 0 can be shown).
    expect(
      shownN(
        [row("X", "X", 2, true), row("x1", "X", 2), row("Y", "Y", 0, true), row("y1", "Y", 0)],
        {
          n: null,
        },
      ),
    ).toEqual({
      rows: [
        ["X", F],
        ["x1", F],
        ["Y", 0],
        ["y1", 0],
      ],
      total: null,
    });
    // No figure in the totals row: the groups are protected against their sum, 27.
    expect(
      shownN([row("x1", "X", 2), row("Y", "Y", 25, true), row("y1", "Y", 25)], { n: null }),
    ).toEqual({
      rows: [
        ["x1", F],
        ["Y", W],
        ["y1", W],
      ],
      total: null,
    });
  });

  it("leaves a row with no figure for the column without one", () => {
    const s = suppressedCells({
      id: "g",
      title: "g",
      columns,
      rows: [
        row("x1", "X", 3),
        row("x2", "X", 10),
        { key: "x3", group: "X", cells: { name: "x3" } },
      ],
    });
    expect(s.rows).toEqual([{ name: "x1", n: F }, { name: "x2", n: W }, { name: "x3" }]);
  });
});

describe("safeguarding columns from too few sessions (decision 072)", () => {
  const table = (
    sessions: Record<string, number>,
    rowTotal: string | undefined = "all",
  ): Table => ({
    id: "s",
    title: "Safeguarding",
    columns: [
      { key: "name", label: "Name" },
      ...Object.entries(sessions).map(([key, n]) => ({ key, label: key, sessions: n })),
      { key: "plain", label: "Plain" },
    ],
    rows: [],
    rowTotal,
  });
  const hidden = (sessions: Record<string, number>, rowTotal?: string) =>
    columnsFromTooFewSessions(table(sessions, rowTotal));

  it("withholds nothing when no column says how many sessions it comes from, or every one comes from 3 or more", () => {
    expect(
      columnsFromTooFewSessions({
        id: "x",
        title: "x",
        columns: [{ key: "a", label: "a" }],
        rows: [],
      }),
    ).toEqual([]);
    expect(hidden({ a: 3, b: 4, c: 0, all: 7 })).toEqual([]);
  });

  it("withholds everything when the whole table comes from fewer than 3 sessions", () => {
    expect(hidden({ a: 1, b: 1, c: 0, all: 2 })).toEqual(["a", "b", "c", "all"]);
    expect(hidden({ a: 3, all: 3 })).toEqual([]);
  });

  it("withholds a column from 1 or 2 sessions, and the next smallest until those withheld cover 3 (a column from none reveals no one)", () => {
    expect(hidden({ a: 1, b: 5, c: 4, d: 0, all: 10 })).toEqual(["a", "c"]);
    expect(hidden({ a: 2, b: 3, all: 5 })).toEqual(["a", "b"]);
    expect(hidden({ a: 1, b: 1, c: 10, all: 12 })).toEqual(["a", "b", "c"]);
    expect(hidden({ a: 1, b: 2, c: 7, all: 10 })).toEqual(["a", "b"]);
    // The next smallest column, never the row totals while a column is left.
    expect(hidden({ a: 1, all: 4, b: 4 })).toEqual(["a", "b"]);
  });

  it("withholds the row totals too when the other columns cannot make up 3 sessions", () => {
    expect(hidden({ a: 1, d: 0, all: 4 })).toEqual(["a", "all"]);
    expect(hidden({ a: 1, d: 0 }, undefined)).toEqual(["a"]);
  });

  it("shows such a column as withheld in every row and the totals row, zeros too, and leaves blanks blank", () => {
    const t: Table = {
      id: "s",
      title: "Safeguarding",
      columns: [
        { key: "name", label: "Name" },
        { key: "s1", label: "S1", sessions: 2 },
        { key: "s2", label: "S2", sessions: 5 },
        { key: "s3", label: "S3", sessions: 0 },
        { key: "all", label: "All", sessions: 7 },
      ],
      rows: [
        { key: "r0", cells: { name: "r0", s1: 0, s2: 6, s3: 0, all: 6 } },
        { key: "r1", cells: { name: "r1", s1: 7, s2: null, s3: 0, all: 7 } },
        { key: "r2", cells: { name: "r2", s1: 0, s2: 3, s3: 0, all: 3 } },
        { key: "r3", cells: { name: "r3", s3: 0, all: 0 } },
      ],
      total: { name: "All", s1: 7, s2: 9, s3: 0, all: 16 },
      rowTotal: "all",
    };
    expect(exported(t)).toEqual({
      rows: [
        ["r0", W, W, 0, 6],
        ["r1", W, null, 0, 7],
        ["r2", W, W, 0, 3],
        ["r3", undefined, undefined, 0, 0],
      ],
      total: ["All", W, W, 0, 16],
    });
    expect(exported({ ...t, total: undefined })).toEqual({
      rows: [
        ["r0", W, W, 0, 6],
        ["r1", W, null, 0, 7],
        ["r2", W, W, 0, 3],
        ["r3", undefined, undefined, 0, 0],
      ],
      total: undefined,
    });
  });
});

describe("people columns without a totals row", () => {
  it("protects the figures against their sum, which a reader can work out", () => {
    const column = (values: number[]): Table => ({
      id: "c",
      title: "c",
      columns: [{ key: "n", label: "Learners", people: true }],
      rows: values.map((n, i) => ({ key: `r${i}`, cells: { n } })),
    });
    // 3 is the whole column: shown as "fewer than 5", the zeros as they are.
    expect(suppressedCells(column([0, 3, 0])).rows).toEqual([{ n: 0 }, { n: F }, { n: 0 }]);
    // Against a totals row of distinct people (24, not 25).
    expect(suppressedCells({ ...column([3, 10, 12]), total: { n: 24 } })).toEqual({
      rows: [{ n: F }, { n: W }, { n: 12 }],
      total: { n: 24 },
    });
  });

  it("protects a grid against its columns' sums", () => {
    const grid = (cells: number[][]): Table => ({
      id: "g",
      title: "g",
      columns: [
        { key: "p", label: "Pupils", people: true, grid: true },
        { key: "q", label: "Parents", people: true, grid: true },
        { key: "all", label: "All", people: true },
      ],
      rows: cells.map(([p, q], i) => ({ key: `r${i}`, cells: { p, q, all: p + q } })),
      rowTotal: "all",
    });
    const shown = (t: Table) => suppressedCells(t).rows.map((r) => [r.p, r.q, r.all]);
    expect(
      shown(
        grid([
          [16, 3],
          [2, 1],
        ]),
      ),
    ).toEqual([
      [W, F, 19],
      [F, F, F],
    ]);
    // The first column adds up to 3: protected as a small count, so the row total 6 is withheld.
    expect(
      suppressedCells({
        id: "g",
        title: "g",
        columns: [
          { key: "a", label: "A", people: true, grid: true },
          { key: "b", label: "B", people: true, grid: true },
          { key: "c", label: "C", people: true, grid: true },
          { key: "all", label: "All", people: true },
        ],
        rows: [
          { key: "r0", cells: { a: 2, b: 0, c: 0, all: 2 } },
          { key: "r1", cells: { a: 1, b: 4, c: 1, all: 6 } },
        ],
        rowTotal: "all",
      }).rows,
    ).toEqual([
      { a: F, b: 0, c: 0, all: F },
      { a: F, b: F, c: F, all: W },
    ]);
    // The parents' column adds up to 4, itself protected.
    expect(
      shown(
        grid([
          [6, 0],
          [0, 4],
        ]),
      ),
    ).toEqual([
      [6, 0, 6],
      [0, F, F],
    ]);
  });
});
