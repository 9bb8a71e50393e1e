import { describe, expect, it } from "vitest";
import {
  financialQuarter,
  formatDate,
  formatDateTime,
  londonParts,
  londonToUtc,
} from "~/utils/dates";

describe("Europe/London dates", () => {
  it("turns a London wall-clock time into the right instant in summer (BST) and winter (GMT)", () => {
    expect(londonToUtc("2026-07-09", "10:00").toISOString()).toBe("2026-07-09T09:00:00.000Z");
    expect(londonToUtc("2026-12-09", "10:00").toISOString()).toBe("2026-12-09T10:00:00.000Z");
  });

  it("shows instants as people in England write them", () => {
    expect(formatDate("2026-07-09T09:00:00.000Z")).toBe("9 July 2026");
    expect(formatDateTime("2026-07-09T09:00:00.000Z")).toBe("9 July 2026 at 10am");
    expect(formatDateTime("2026-12-09T13:30:00.000Z")).toBe("9 December 2026 at 1:30pm");
    expect(londonParts("2026-03-29T00:30:00.000Z")).toEqual({ date: "2026-03-29", time: "00:30" });
    expect(londonParts("2026-03-29T01:30:00.000Z")).toEqual({ date: "2026-03-29", time: "02:30" });
  });

  it("puts dates in the UK financial year and quarter (April to March)", () => {
    expect(financialQuarter("2026-04-01")).toMatchObject({ year: "2026-27", quarter: 1 });
    expect(financialQuarter("2026-09-30")).toMatchObject({ year: "2026-27", quarter: 2 });
    expect(financialQuarter("2026-12-31")).toMatchObject({ year: "2026-27", quarter: 3 });
    expect(financialQuarter("2027-03-31")).toMatchObject({ year: "2026-27", quarter: 4 });
  });
});
