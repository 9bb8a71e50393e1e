import { describe, expect, it } from "vitest";
import {
  financialQuarter,
  formatDate,
  formatShortDate,
  formatWeekday,
  londonToday,
  londonToUtc,
} from "~/utils/dates";
import { addDays, nextMonthDay, weekdayOf } from "../support/time";

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

  it("names every month and weekday", () => {
    const months = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map(
      (mm) => nextMonthDay(`${mm}-15`),
    );
    expect(months.map((d) => formatDate(londonToUtc(d, "12:00")).replace(/ \d{4}$/, ""))).toEqual([
      "15 January",
      "15 February",
      "15 March",
      "15 April",
      "15 May",
      "15 June",
      "15 July",
      "15 August",
      "15 September",
      "15 October",
      "15 November",
      "15 December",
    ]);
    expect(
      months.map((d) => formatShortDate(londonToUtc(d, "12:00")).replace(/ \d{4}$/, "")),
    ).toEqual([
      "15 Jan",
      "15 Feb",
      "15 Mar",
      "15 Apr",
      "15 May",
      "15 Jun",
      "15 Jul",
      "15 Aug",
      "15 Sept",
      "15 Oct",
      "15 Nov",
      "15 Dec",
    ]);
    const week = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(SEPT, i));
    const names = week.map(formatWeekday);
    expect([...names].sort()).toEqual([
      "Friday",
      "Monday",
      "Saturday",
      "Sunday",
      "Thursday",
      "Tuesday",
      "Wednesday",
    ]);
    expect(names.map((n, i) => [n, weekdayOf(week[i])])).toEqual(
      names.map((n) => [
        n,
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"].indexOf(n),
      ]),
    );
  });

  it("writes a financial year with two digits for the second year", () => {
    expect(financialQuarter("2009-01-10")).toEqual({
      year: "2008-09",
      quarter: 4,
      startYear: 2008,
    });
    expect(financialQuarter("2099-04-01")).toEqual({
      year: "2099-00",
      quarter: 1,
      startYear: 2099,
    });
  });
});
