import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { tableCsv } from "~/reports/csv.server";
import { csvResponse, neutralise, toCsv } from "~/utils/csv.server";
import type { Table } from "~/reports/tables";

describe("CSV exports", () => {
  it("writes RFC 4180 with a BOM and CRLF, quoting commas, quotes and line breaks", () => {
    const csv = toCsv(
      ["name", "n"],
      [
        ['Alder "High", School', 3],
        ["two\nlines", null],
      ],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe('\uFEFFname,n\r\n"Alder ""High"", School",3\r\n"two\nlines",\r\n');
    expect(parse(csv.slice(1))).toEqual([
      ["name", "n"],
      ['Alder "High", School', "3"],
      ["two\nlines", ""],
    ]);
  });

  it("neutralises text a spreadsheet would run as a formula, and leaves numbers alone", () => {
    for (const bad of ["=SUM(A1)", "+1", "-cmd", "@x", "\tx", "\rx"])
      expect(neutralise(bad)).toBe(`'${bad}`);
    expect(neutralise("Alder")).toBe("Alder");
    expect(neutralise("a=b")).toBe("a=b");
    expect(neutralise("x-1")).toBe("x-1");
    expect(neutralise(-3)).toBe("-3");
    expect(neutralise(0)).toBe("0");
    expect(neutralise(null)).toBe("");
    expect(neutralise(undefined as unknown as null)).toBe("");
  });

  it("sends a CSV as a private download whose file name holds only safe characters", () => {
    const res = csvResponse('Alder "High"\r\n2026/27.csv', "a,b\r\n");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(
      'attachment; filename="Alder--High---2026-27.csv"',
    );
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("writes a table's labels as its header and its totals row last, and no totals row when it has none", () => {
    const table: Table = {
      id: "t",
      title: "t",
      columns: [
        { key: "name", label: "Setting" },
        { key: "n", label: "Sessions" },
      ],
      rows: [{ key: "a", cells: { name: "Alder", n: 2 } }],
      total: { name: "All" },
    };
    expect(tableCsv(table)).toBe("\uFEFFSetting,Sessions\r\nAlder,2\r\nAll,\r\n");
    expect(tableCsv({ ...table, total: undefined })).toBe("\uFEFFSetting,Sessions\r\nAlder,2\r\n");
  });

  it("suppresses a people count of 3 and withholds the percentage and projection worked out from it", () => {
    const table: Table = {
      id: "targets",
      title: "t",
      columns: [
        { key: "audience", label: "Audience" },
        { key: "people", label: "People reached", people: true, grid: true, numeric: true },
        { key: "people_percent", label: "%", numeric: true, derivedFrom: "people" },
      ],
      rows: [
        { key: "teachers", cells: { audience: "Teachers", people: 3, people_percent: 1 } },
        { key: "parents", cells: { audience: "Parents", people: 40, people_percent: 20 } },
        { key: "pupils", cells: { audience: "Pupils", people: 90, people_percent: 30 } },
      ],
      total: { audience: "All", people: 133 },
      rowTotal: "people",
    };
    const rows = parse(tableCsv(table).slice(1)) as string[][];
    expect(rows[1]).toEqual(["Teachers", "fewer than 5", "withheld"]);
    // A second figure is withheld so 3 cannot be worked out as 133 − 40 − 90.
    expect(rows.slice(2, 4).some((r) => r[1] === "withheld")).toBe(true);
    expect(rows[4]).toEqual(["All", "133", ""]);
  });

  it("suppresses grouped rows against their group's total, and the group totals against the table's, so nothing is recovered by subtraction", () => {
    const row = (key: string, group: string, n: number | null, subtotal = false) => ({
      key,
      group,
      subtotal,
      cells: { name: key, n, mean: n ? 3.5 : null },
    });
    const table: Table = {
      id: "grouped",
      title: "t",
      columns: [
        { key: "name", label: "Name" },
        { key: "n", label: "Learners", people: true, numeric: true },
        { key: "mean", label: "Mean", numeric: true, derivedFrom: "n" },
      ],
      rows: [
        row("A", "A", 13, true),
        row("a1", "A", 3),
        row("a2", "A", 10),
        row("B", "B", 2, true),
        row("b1", "B", 2),
        row("C", "C", 20, true),
        row("c1", "C", 20),
        row("D", "D", null, true),
      ],
      total: { name: "All", n: 35, mean: null },
    };
    const rows = parse(tableCsv(table).slice(1)) as string[][];
    const n = Object.fromEntries(rows.slice(1).map((r) => [r[0], r[1]]));
    // a1's 3 is primary; a2 is withheld too, or 3 = 13 − 10.
    expect(n.a1).toBe("fewer than 5");
    expect(n.a2).toBe("withheld");
    expect(rows.find((r) => r[0] === "a1")![2]).toBe("withheld");
    // B's 2 is primary; another group total is withheld so 2 ≠ 35 − 13 − 20, and that group's only row with it.
    expect(n.B).toBe("fewer than 5");
    expect(n.A === "withheld" || n.C === "withheld").toBe(true);
    if (n.A === "withheld") expect([n.a1, n.a2]).not.toContain("13");
    if (n.C === "withheld") expect(n.c1).toBe("withheld");
    // A blank stays blank.
    expect(n.D).toBe("");
    expect(n.All).toBe("35");
  });
});
