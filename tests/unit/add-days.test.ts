import { describe, expect, it } from "vitest";
import { addDays } from "~/utils/dates";

// The one calendar-day arithmetic every capability uses (issue 15, item 3: it was written six
// times). Calendar days, not 24-hour steps: a day across a clock change is still one day.
describe("addDays", () => {
  it("counts forward and back across month, year and leap-day edges", () => {
    expect(addDays("2027-01-31", 1)).toBe("2027-02-01");
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2027-06-15", 0)).toBe("2027-06-15");
    expect(addDays("2027-06-15", 365)).toBe("2028-06-14");
  });

  it("steps one calendar day over the clock changes in London", () => {
    // The last Sundays of March and October: 23 and 25 hours long.
    expect(addDays("2027-03-27", 1)).toBe("2027-03-28");
    expect(addDays("2027-03-28", 1)).toBe("2027-03-29");
    expect(addDays("2027-10-30", 1)).toBe("2027-10-31");
    expect(addDays("2027-10-31", 1)).toBe("2027-11-01");
  });

  it("writes months and days with two digits", () => {
    expect(addDays("2027-09-30", 1)).toBe("2027-10-01");
    expect(addDays("2027-10-01", -1)).toBe("2027-09-30");
  });
});
