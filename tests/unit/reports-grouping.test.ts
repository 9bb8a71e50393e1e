import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byReach, groupFacts, quarterOf, type FineRow, type GroupedRow } from "~/reports/grouping";
import { quarterBuckets } from "~/reports/periods";

// The breakdowns are made from fine rows the database has summed. These tests pin how the rows are
// added up: which key each breakdown uses, what counts as a setting reached, the ranking and the cut.

const FY = quarterBuckets("2026-04-01", "2027-03-31");

function row(over: Partial<FineRow>): FineRow {
  return {
    audience: "pupils",
    districtId: "D1",
    settingId: "S1",
    monthKey: "2026-05",
    sessions: 1,
    people: 10,
    ...over,
  };
}

const zeroBy = { pupils: 0, teachers: 0, parents: 0, vcse_staff: 0 };

describe("the quarter a month falls in", () => {
  it("is the quarter that starts in or before the month", () => {
    expect(quarterOf(FY, "2026-04")).toBe("2026-27 Q1");
    expect(quarterOf(FY, "2026-06")).toBe("2026-27 Q1");
    expect(quarterOf(FY, "2026-07")).toBe("2026-27 Q2");
    expect(quarterOf(FY, "2026-12")).toBe("2026-27 Q3");
    expect(quarterOf(FY, "2027-01")).toBe("2026-27 Q4");
    expect(quarterOf(FY, "2027-03")).toBe("2026-27 Q4");
  });

  it("is the first quarter for a month before them all, and none when there are no quarters", () => {
    expect(quarterOf(FY, "2026-02")).toBe("2026-27 Q1");
    expect(quarterOf([], "2026-05")).toBeNull();
  });

  it("starts a clipped quarter at its own first month", () => {
    const clipped = quarterBuckets("2026-05-15", "2026-09-30");
    expect(clipped.map((q) => q.from)).toEqual(["2026-05-15", "2026-07-01"]);
    expect(quarterOf(clipped, "2026-05")).toBe("2026-27 Q1");
    expect(quarterOf(clipped, "2026-08")).toBe("2026-27 Q2");
  });
});

describe("ranking by reach", () => {
  const g = (key: string | null, people: number, sessions: number): GroupedRow => ({
    key,
    people,
    sessions,
    settings: 0,
    sessionsBy: { ...zeroBy },
    peopleBy: { ...zeroBy },
  });

  it("puts most people first, then most sessions, then the key (no key first)", () => {
    const rows = [g("b", 5, 1), g("a", 5, 1), g(null, 5, 1), g("c", 5, 2), g("d", 9, 0)];
    expect(rows.sort(byReach).map((r) => r.key)).toEqual(["d", "c", null, "a", "b"]);
  });

  it("treats equal keys as equal", () => {
    expect(byReach(g("a", 1, 1), g("a", 1, 1))).toBe(0);
    expect(byReach(g(null, 1, 1), g(null, 1, 1))).toBe(0);
    expect(byReach(g("a", 1, 1), g(null, 1, 1))).toBe(1);
  });
});

describe("grouping the facts", () => {
  const rows = [
    row({
      audience: "pupils",
      districtId: "D1",
      settingId: "S1",
      monthKey: "2026-05",
      sessions: 2,
      people: 60,
    }),
    row({
      audience: "teachers",
      districtId: "D1",
      settingId: "S1",
      monthKey: "2026-07",
      sessions: 1,
      people: 12,
    }),
    row({
      audience: "pupils",
      districtId: "D2",
      settingId: "S2",
      monthKey: "2026-07",
      sessions: 0,
      people: 30,
    }),
    row({
      audience: "parents",
      districtId: null,
      settingId: null,
      monthKey: "2026-11",
      sessions: 3,
      people: 20,
    }),
  ];

  it("adds up the whole programme, with each audience apart", () => {
    const { none } = groupFacts(rows, ["none"], FY);
    expect(none).toEqual([
      {
        key: null,
        sessions: 6,
        people: 122,
        settings: 1,
        sessionsBy: { pupils: 2, teachers: 1, parents: 3, vcse_staff: 0 },
        peopleBy: { pupils: 90, teachers: 12, parents: 20, vcse_staff: 0 },
      },
    ]);
  });

  it("keys each breakdown by its own column", () => {
    const g = groupFacts(
      rows,
      ["audience", "district", "setting", "each_setting", "month", "quarter"],
      FY,
    );
    expect(g.audience.map((r) => [r.key, r.sessions, r.people])).toEqual([
      ["pupils", 2, 90],
      ["parents", 3, 20],
      ["teachers", 1, 12],
    ]);
    expect(g.district.map((r) => [r.key, r.sessions, r.people])).toEqual([
      ["D1", 3, 72],
      ["D2", 0, 30],
      [null, 3, 20],
    ]);
    expect(g.setting.map((r) => r.key)).toEqual(["S1", "S2", null]);
    expect(g.each_setting.map((r) => r.key)).toEqual(["S1", "S2", null]);
    expect(g.month.map((r) => [r.key, r.people])).toEqual([
      ["2026-05", 60],
      ["2026-07", 42],
      ["2026-11", 20],
    ]);
    expect(g.quarter.map((r) => [r.key, r.sessions, r.people])).toEqual([
      ["2026-27 Q1", 2, 60],
      ["2026-27 Q2", 1, 42],
      ["2026-27 Q3", 3, 20],
    ]);
  });

  it("counts a setting reached only where it had a session, and only by programme, audience and district", () => {
    const g = groupFacts(rows, ["none", "audience", "district", "setting", "month", "quarter"], FY);
    // S2's pupils were counted at its class's first session (sessions 0): not a setting reached.
    expect(g.none[0].settings).toBe(1);
    expect(g.audience.find((r) => r.key === "pupils")!.settings).toBe(1);
    expect(g.audience.find((r) => r.key === "teachers")!.settings).toBe(1);
    expect(g.audience.find((r) => r.key === "parents")!.settings).toBe(0);
    expect(g.district.find((r) => r.key === "D1")!.settings).toBe(1);
    expect(g.district.find((r) => r.key === "D2")!.settings).toBe(0);
    for (const dim of ["setting", "month", "quarter"] as const)
      expect(g[dim].every((r) => r.settings === 0)).toBe(true);
  });

  it("counts a setting once however many rows it has", () => {
    const many = [
      row({ monthKey: "2026-05" }),
      row({ monthKey: "2026-06" }),
      row({ settingId: "S9" }),
    ];
    expect(groupFacts(many, ["none"], FY).none[0].settings).toBe(2);
  });

  it("cuts only the setting breakdown to the settings that reached most people", () => {
    const g = groupFacts(rows, ["setting", "each_setting", "district"], FY, { settingLimit: 2 });
    expect(g.setting.map((r) => r.key)).toEqual(["S1", "S2"]);
    expect(g.each_setting).toHaveLength(3);
    expect(g.district).toHaveLength(3);
  });

  it("answers each breakdown asked for, empty when there are no facts", () => {
    expect(groupFacts([], ["none", "month"], FY)).toEqual({ none: [], month: [] });
  });

  it("adds up to the same totals in every breakdown (any facts)", () => {
    const fine = fc.record({
      audience: fc.constantFrom(
        "pupils" as const,
        "teachers" as const,
        "parents" as const,
        "vcse_staff" as const,
      ),
      districtId: fc.constantFrom("D1", "D2", null),
      settingId: fc.constantFrom("S1", "S2", "S3", null),
      monthKey: fc.constantFrom("2026-03", "2026-04", "2026-09", "2027-02"),
      sessions: fc.nat(5),
      people: fc.nat(50),
    });
    fc.assert(
      fc.property(fc.array(fine, { maxLength: 30 }), (facts) => {
        const dims = ["none", "audience", "district", "each_setting", "month", "quarter"] as const;
        const g = groupFacts(facts, [...dims], FY);
        const people = facts.reduce((a, r) => a + r.people, 0);
        const sessions = facts.reduce((a, r) => a + r.sessions, 0);
        const reached = new Set(
          facts.filter((r) => r.sessions > 0 && r.settingId).map((r) => r.settingId),
        );
        for (const d of dims) {
          expect(g[d].reduce((a, r) => a + r.people, 0)).toBe(people);
          expect(g[d].reduce((a, r) => a + r.sessions, 0)).toBe(sessions);
          for (let i = 1; i < g[d].length; i++)
            expect(byReach(g[d][i - 1], g[d][i])).toBeLessThan(0);
        }
        expect(g.none[0]?.settings ?? 0).toBe(reached.size);
        expect(g.district.reduce((a, r) => a + r.settings, 0)).toBeGreaterThanOrEqual(reached.size);
      }),
    );
  });
});
