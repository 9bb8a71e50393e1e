import { describe, expect, it } from "vitest";
import { formatShortDate, londonToday, londonToUtc } from "~/utils/dates";
import { addDays, nextMonthDay } from "../support/time";

// Short dates and "today" are London's, not UTC's: just after midnight in summer London is a day
// ahead of UTC. Expected texts are written out here by hand, never by the code under test.
const SEPT = nextMonthDay("09-05"); // British Summer Time, UTC+1
const FEB = nextMonthDay("02-14"); // Greenwich Mean Time
const yearOf = (day: string) => day.slice(0, 4);

describe("short dates and London's today", () => {
  it("writes short dates the GOV.UK way (Sept, not Sep), on London's calendar", () => {
    // 00:30 in London on 5 September is 23:30 UTC on the 4th.
    const justAfterMidnight = londonToUtc(SEPT, "00:30");
    expect(justAfterMidnight.getUTCDate()).toBe(4);
    expect(formatShortDate(justAfterMidnight)).toBe(`5 Sept ${yearOf(SEPT)}`);
    expect(formatShortDate(londonToUtc(FEB, "23:59").toISOString())).toBe(`14 Feb ${yearOf(FEB)}`);
  });

  it("says which day it is in London at any instant, by the given clock", () => {
    expect(londonToday(londonToUtc(SEPT, "00:30"))).toBe(SEPT);
    expect(londonToday(londonToUtc(SEPT, "23:59"))).toBe(SEPT);
    expect(londonToday(londonToUtc(addDays(SEPT, 1), "00:00"))).toBe(addDays(SEPT, 1));
    expect(londonToday(londonToUtc(FEB, "00:00"))).toBe(FEB);
  });

  it("takes the real clock when given none", () => {
    const before = londonToday(new Date());
    const today = londonToday();
    const after = londonToday(new Date());
    expect([before, after]).toContain(today);
  });
});
