import { londonParts, londonToUtc } from "~/utils/dates";

// Time in tests (decision 063). Every test builds its world relative to the real now — "a
// session five weekdays from now at 10:00 London time" — never on a calendar date, so the suite
// passes on any day and at any hour (`npm run test:anytime` runs it under faketime to prove it).
// A test that needs the server at another moment moves the app's clock with `freezeServerAt`,
// which refuses moments so far in the past that the session cookie the server sets would already
// have expired for the real browser.

const DAY_MS = 24 * 3600_000;

/** The London calendar day (YYYY-MM-DD) `offset` days after today's (by the real clock, or `from`). */
export function londonDay(offset = 0, from: Date = new Date()): string {
  return addDays(londonParts(from).date, offset);
}

/** A calendar day (YYYY-MM-DD) moved by whole days; noon UTC keeps clear of every clock change. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant of London wall-clock `time` (HH:MM) on the day `offset` days from today. */
export function londonAt(offset: number, time: string, from?: Date): Date {
  return londonToUtc(londonDay(offset, from), time);
}

/** ISO text of `londonAt`, for columns that store text. */
export function londonAtIso(offset: number, time: string, from?: Date): string {
  return londonAt(offset, time, from).toISOString();
}

/** 0 = Sunday … 6 = Saturday, for a calendar day. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** The first weekday (Monday to Friday) at least `offset` days from today. */
export function weekdayFromToday(offset: number, from?: Date): string {
  return weekdayOnOrAfter(londonDay(offset, from));
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * "Wednesday 9 December 2026", written out here by hand so that an expected text never comes from
 * the formatting code under test.
 */
export function longDateText(day: string, opts: { year?: boolean } = {}): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${WEEKDAYS[weekdayOf(day)]} ${d} ${MONTHS[m - 1]}${opts.year === false ? "" : ` ${y}`}`;
}

/** "9 December 2026". */
export function dayMonthYearText(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The UK financial year (April–March) holding a calendar day, as its first calendar year. */
export function financialYearStart(day: string): number {
  const [y, m] = day.split("-").map(Number);
  return m >= 4 ? y : y - 1;
}

/**
 * Term dates around today, for a test's own database: the migrations seed real terms for a few
 * academic years, which a run a year ahead would fall outside. One long term from `before` days ago
 * to `after` days ahead makes every weekday in that span a term day.
 */
export async function termsAroundToday(db: import("~/db/db.server").DB, before = 400, after = 400) {
  await setTerms(db, [[londonDay(-before), londonDay(after)]]);
}

/** Replaces the term dates with the given [first day, last day] ranges (a test's own database only). */
export async function setTerms(db: import("~/db/db.server").DB, ranges: [string, string][]) {
  await db.deleteFrom("term_dates").execute();
  await db
    .insertInto("term_dates")
    .values(
      ranges.map(([starts_on, ends_on], i) => ({
        id: `test-term-${i + 1}`,
        academic_year: "test",
        name: `Test term ${i + 1}`,
        starts_on,
        ends_on,
      })),
    )
    .execute();
}

/** The first weekday on or after a calendar day. */
export function weekdayOnOrAfter(day: string): string {
  while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day = addDays(day, 1);
  return day;
}

/**
 * Freezes the app's clock (server side) at `at`. Refuses a moment more than six days before the real
 * now: the server sets the session cookie's lifetime from its own clock, and a browser at the real
 * time would drop a cookie that has already expired for it.
 */
export async function freezeServerAt(at: Date) {
  if (at.getTime() < Date.now() - 6 * DAY_MS) {
    throw new Error(
      `freezeServerAt(${at.toISOString()}): more than six days before now; build the moment relative to now instead`,
    );
  }
  const { clock } = await import("~/utils/clock.server");
  clock.freeze(at);
}

/** Back to the real clock. */
export async function resetServerClock() {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
}

/** The first day on or after `minOffset` days from today that falls on month-day `mmdd` ("07-08"). */
export function nextMonthDay(mmdd: string, minOffset = 2): string {
  let day = londonDay(minOffset);
  while (day.slice(5) !== mmdd) day = addDays(day, 1);
  return day;
}

/** The first day of the calendar month holding the day `offset` days from today. */
export function monthStartFromToday(offset: number): string {
  return `${londonDay(offset).slice(0, 7)}-01`;
}

/** The last day of the calendar month that begins on `first` (YYYY-MM-01). */
export function monthEnd(first: string): string {
  const d = new Date(`${first}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}
