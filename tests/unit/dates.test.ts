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

  it("gives every minute's London wall clock as Intl does, across the clock changes, though it asks Intl once an hour", () => {
    const intl = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const expected = (at: Date) => {
      const p: Record<string, string> = {};
      for (const x of intl.formatToParts(at)) p[x.type] = x.value;
      const hour = String(Number(p.hour) % 24).padStart(2, "0");
      return { date: `${p.year}-${p.month}-${p.day}`, time: `${hour}:${p.minute}` };
    };
    // Every 7 minutes (so every minute of the hour is met) over the next two years from today,
    // which hold four or five clock changes, and the minutes either side of each change.
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    const mismatches: string[] = [];
    let changes = 0;
    let last = expected(new Date(start));
    for (let t = start; t < start + 2 * 366 * 86_400_000; t += 7 * 60_000) {
      const at = new Date(t);
      const want = expected(at);
      const got = londonParts(at.toISOString());
      if (got.date !== want.date || got.time !== want.time)
        mismatches.push(`${at.toISOString()}: ${JSON.stringify(got)}`);
      // A change: the wall clock moved by other than the 7 minutes the instant did.
      const moved =
        (Date.parse(`${want.date}T${want.time}Z`) - Date.parse(`${last.date}T${last.time}Z`)) /
        60_000;
      if (moved !== 7) {
        changes += 1;
        for (let m = -61; m <= 61; m++) {
          const near = new Date(t + m * 60_000);
          const nearGot = londonParts(near);
          const nearWant = expected(near);
          if (nearGot.date !== nearWant.date || nearGot.time !== nearWant.time)
            mismatches.push(`${near.toISOString()}: ${JSON.stringify(nearGot)}`);
        }
      }
      last = want;
    }
    expect(changes).toBeGreaterThanOrEqual(4);
    expect(mismatches).toEqual([]);
  });

  it("puts dates in the UK financial year and quarter (April to March)", () => {
    expect(financialQuarter("2026-04-01")).toMatchObject({ year: "2026-27", quarter: 1 });
    expect(financialQuarter("2026-09-30")).toMatchObject({ year: "2026-27", quarter: 2 });
    expect(financialQuarter("2026-12-31")).toMatchObject({ year: "2026-27", quarter: 3 });
    expect(financialQuarter("2027-03-31")).toMatchObject({ year: "2026-27", quarter: 4 });
  });
});
