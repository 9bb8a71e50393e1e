import { describe, expect, it } from "vitest";
import {
  formatClockTime,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatShortDayMonth,
  formatTime,
  formatWeekday,
  londonParts,
  londonToUtc,
} from "~/utils/dates";
import { dayMonthYearText, longDateText, nextMonthDay } from "../support/time";

// Issue 12, item 2: noon printed as "0pm" on the server (Node's ICU, en-GB's 11-hour cycle) and
// "12pm" in the browser, so every page with a noon time failed to hydrate; long dates came with
// and without a comma. Expected texts are written out here by hand, never by the code under test.

const SUMMER = nextMonthDay("07-08"); // British Summer Time, UTC+1
const WINTER = nextMonthDay("01-12"); // Greenwich Mean Time

const CLOCK: [string, string][] = [
  ["00:00", "12am"],
  ["00:30", "12:30am"],
  ["09:05", "9:05am"],
  ["10:00", "10am"],
  ["12:00", "12pm"],
  ["12:30", "12:30pm"],
  ["13:00", "1pm"],
  ["23:59", "11:59pm"],
];

describe("times and dates in the GOV.UK style, the same on every runtime", () => {
  for (const [season, day] of [
    ["summer", SUMMER],
    ["winter", WINTER],
  ] as const) {
    for (const [wall, text] of CLOCK) {
      it(`writes ${wall} London time in ${season} as "${text}"`, () => {
        const at = londonToUtc(day, wall);
        expect(londonParts(at)).toEqual({ date: day, time: wall });
        expect(formatTime(at)).toBe(text);
        expect(formatTime(at.toISOString())).toBe(text);
        expect(formatDateTime(at)).toBe(`${dayMonthYearText(day)} at ${text}`);
        expect(formatLongDate(at)).toBe(longDateText(day));
        expect(formatDate(at)).toBe(dayMonthYearText(day));
        expect(formatClockTime(wall)).toBe(text);
      });
    }
  }

  it("never puts a comma after the weekday, and names days and short months by hand", () => {
    for (const day of [SUMMER, WINTER]) {
      expect(formatLongDate(londonToUtc(day, "12:00"))).not.toContain(",");
      expect(formatWeekday(day)).toBe(longDateText(day).split(" ")[0]);
      const [, m, d] = day.split("-").map(Number);
      expect(formatShortDayMonth(day)).toBe(`${d} ${m === 7 ? "Jul" : "Jan"}`);
    }
  });
});
