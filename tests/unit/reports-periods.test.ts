import { describe, expect, it } from "vitest";
import {
  monthBuckets,
  monthName,
  percentOf,
  periodsOf,
  proRataTarget,
  project,
  quarterBuckets,
  resolvePeriod,
  utcRange,
} from "~/reports/periods";

describe("reporting periods", () => {
  it("lists financial years (April–March) and quarters clipped to the programme", () => {
    const { years, quarters } = periodsOf("2025-09-01", "2028-08-31");
    expect(years.map((y) => y.value)).toEqual(["fy-2025", "fy-2026", "fy-2027", "fy-2028"]);
    expect(years[0]).toMatchObject({ from: "2025-09-01", to: "2026-03-31" });
    expect(quarters[0]).toMatchObject({ value: "q-2025-2", from: "2025-09-01", to: "2025-09-30" });
    expect(quarters.find((q) => q.value === "q-2026-4")).toMatchObject({
      from: "2027-01-01",
      to: "2027-03-31",
    });
    expect(quarters.at(-1)).toMatchObject({
      value: "q-2028-2",
      from: "2028-07-01",
      to: "2028-08-31",
    });
    expect(resolvePeriod("nonsense", "2025-09-01", "2028-08-31").value).toBe("all");
  });

  it("turns London days into UTC instants across British Summer Time", () => {
    expect(utcRange({ from: "2026-04-01", to: "2026-06-30" })).toEqual({
      fromUtc: "2026-03-31T23:00:00.000Z",
      toUtc: "2026-06-30T23:00:00.000Z",
    });
    expect(utcRange({ from: "2026-01-01", to: "2026-01-31" })).toEqual({
      fromUtc: "2026-01-01T00:00:00.000Z",
      toUtc: "2026-02-01T00:00:00.000Z",
    });
  });

  it("buckets months and financial quarters", () => {
    expect(monthBuckets("2026-03-15", "2026-05-02").map((b) => [b.key, b.from, b.to])).toEqual([
      ["2026-03", "2026-03-15", "2026-03-31"],
      ["2026-04", "2026-04-01", "2026-04-30"],
      ["2026-05", "2026-05-01", "2026-05-02"],
    ]);
    expect(quarterBuckets("2026-03-01", "2026-10-01").map((b) => b.key)).toEqual([
      "2025-26 Q4",
      "2026-27 Q1",
      "2026-27 Q2",
      "2026-27 Q3",
    ]);
  });

  it("projects to the end of the period at the pace so far, and pro-rates targets by days", () => {
    // 100 days in, 50 done, 200-day period → 100.
    expect(project(50, { from: "2026-01-01", to: "2026-07-19" }, "2026-04-10")).toEqual({
      projected: 100,
      elapsed: 0.5,
    });
    expect(project(50, { from: "2026-01-01", to: "2026-01-31" }, "2026-03-01").projected).toBe(50);
    expect(project(0, { from: "2027-01-01", to: "2027-01-31" }, "2026-03-01").projected).toBeNull();
    expect(
      proRataTarget(
        120,
        { from: "2026-04-01", to: "2026-06-30" },
        { from: "2025-09-01", to: "2028-08-31" },
      ),
    ).toBe(10);
    expect(percentOf(199, 200)).toBe(99);
    expect(percentOf(5, 0)).toBeNull();
  });

  it("keeps December in the month buckets of a range that crosses the new year (issue 20)", () => {
    expect(
      monthBuckets("2026-11-10", "2027-02-05").map((b) => [b.key, b.label, b.from, b.to]),
    ).toEqual([
      ["2026-11", "Nov 2026", "2026-11-10", "2026-11-30"],
      ["2026-12", "Dec 2026", "2026-12-01", "2026-12-31"],
      ["2027-01", "Jan 2027", "2027-01-01", "2027-01-31"],
      ["2027-02", "Feb 2027", "2027-02-01", "2027-02-05"],
    ]);
  });

  it("resolves a real quarter or year to its own dates, clipped to the programme", () => {
    expect(resolvePeriod("q-2026-3", "2025-09-01", "2028-08-31")).toEqual({
      value: "q-2026-3",
      label: "Q3 2026-27 (Oct–Dec 2026)",
      from: "2026-10-01",
      to: "2026-12-31",
    });
    expect(resolvePeriod("q-2026-4", "2025-09-01", "2028-08-31")).toMatchObject({
      label: "Q4 2026-27 (Jan–Mar 2027)",
      from: "2027-01-01",
      to: "2027-03-31",
    });
    expect(resolvePeriod("fy-2025", "2025-09-01", "2028-08-31")).toEqual({
      value: "fy-2025",
      label: "Financial year 2025-26",
      from: "2025-09-01",
      to: "2026-03-31",
    });
    expect(resolvePeriod(null, "2025-09-01", "2028-08-31")).toEqual({
      value: "all",
      label: "Whole programme",
      from: "2025-09-01",
      to: "2028-08-31",
    });
  });

  it("pro-rates a target by the exact number of days (1,096 over a 1,096-day programme is one a day)", () => {
    const programme = { from: "2025-09-01", to: "2028-08-31" };
    expect(proRataTarget(1096, { from: "2026-04-01", to: "2026-06-30" }, programme)).toBe(91);
    expect(proRataTarget(1096, { from: "2026-04-01", to: "2026-04-01" }, programme)).toBe(1);
    expect(proRataTarget(1096, { from: "2025-01-01", to: "2025-09-10" }, programme)).toBe(10);
    expect(proRataTarget(1096, { from: "2028-08-30", to: "2029-12-31" }, programme)).toBe(2);
    expect(proRataTarget(1096, { from: "2030-01-01", to: "2030-12-31" }, programme)).toBe(0);
    expect(proRataTarget(1096, programme, programme)).toBe(1096);
  });

  it("names every month, short in buckets and in full by key", () => {
    const buckets = monthBuckets("2026-01-01", "2026-12-31");
    expect(buckets.map((b) => b.label)).toEqual([
      "Jan 2026",
      "Feb 2026",
      "Mar 2026",
      "Apr 2026",
      "May 2026",
      "Jun 2026",
      "Jul 2026",
      "Aug 2026",
      "Sep 2026",
      "Oct 2026",
      "Nov 2026",
      "Dec 2026",
    ]);
    expect(buckets.map((b) => monthName(b.key))).toEqual([
      "January 2026",
      "February 2026",
      "March 2026",
      "April 2026",
      "May 2026",
      "June 2026",
      "July 2026",
      "August 2026",
      "September 2026",
      "October 2026",
      "November 2026",
      "December 2026",
    ]);
  });

  it("gives a range ending on the first of a month that month's one day", () => {
    expect(monthBuckets("2026-11-15", "2026-12-01").map((b) => [b.key, b.from, b.to])).toEqual([
      ["2026-11", "2026-11-15", "2026-11-30"],
      ["2026-12", "2026-12-01", "2026-12-01"],
    ]);
  });

  it("gives whole financial years their April-to-March dates, and a programme ending in April its last year", () => {
    const { years, quarters } = periodsOf("2025-09-01", "2028-04-15");
    expect(years[1]).toEqual({
      value: "fy-2026",
      label: "Financial year 2026-27",
      from: "2026-04-01",
      to: "2027-03-31",
    });
    expect(years.at(-1)).toEqual({
      value: "fy-2028",
      label: "Financial year 2028-29",
      from: "2028-04-01",
      to: "2028-04-15",
    });
    expect(quarters.at(-1)).toMatchObject({
      value: "q-2028-1",
      label: "Q1 2028-29 (Apr–Jun 2028)",
      from: "2028-04-01",
      to: "2028-04-15",
    });
    expect(periodsOf("2026-04-01", "2026-06-30").years.map((y) => y.value)).toEqual(["fy-2026"]);
  });

  it("labels quarter buckets by financial year", () => {
    expect(
      quarterBuckets("2026-12-01", "2027-04-02").map((b) => [b.key, b.label, b.from, b.to]),
    ).toEqual([
      ["2026-27 Q3", "2026-27 Q3", "2026-12-01", "2026-12-31"],
      ["2026-27 Q4", "2026-27 Q4", "2027-01-01", "2027-03-31"],
      ["2027-28 Q1", "2027-28 Q1", "2027-04-01", "2027-04-02"],
    ]);
  });

  it("projects on the first and last day of a period", () => {
    expect(project(10, { from: "2026-01-01", to: "2026-01-10" }, "2026-01-01")).toEqual({
      projected: 100,
      elapsed: 0.1,
    });
    expect(project(10, { from: "2026-01-01", to: "2026-01-10" }, "2026-01-10")).toEqual({
      projected: 10,
      elapsed: 1,
    });
  });

  it("has no years or quarters for a programme that ends before it starts", () => {
    expect(periodsOf("2026-05-01", "2026-04-15")).toMatchObject({ years: [], quarters: [] });
  });
});
