import { TZDate } from "@date-fns/tz";

// Europe/London, as people in England write dates (the GOV.UK style: "Friday 4 December 2026",
// "10am", "12pm", "9:30am"). The one place dates and times become text, on the server, in emails
// and in the browser alike.
//
// Only numbers are taken from Intl (the London wall-clock parts, in a 24-hour cycle); the words
// and the 12-hour clock are written here. Intl's own words differ with the ICU data a runtime
// carries: Node printed noon as "0pm" (en-GB's h11 cycle) where Chromium printed "12pm", and some
// builds put a comma after the weekday, so pages failed to hydrate (issue 12, item 2). The
// formatter is built once: one per call costs about 80 µs against 1–2 µs for a cached one.
export const LONDON = "Europe/London";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** The months' full names, January first (report periods use them too). */
export const MONTHS = [
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
/** The GOV.UK style guide's short month names. */
const SHORT_MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sept",
  "Oct",
  "Nov",
  "Dec",
];

function toDate(value: string | Date) {
  // Stryker disable next-line ConditionalExpression: new Date(aDate) is the same instant
  return typeof value === "string" ? new Date(value) : value;
}

const HOUR_MS = 3_600_000;
/** London's offset from UTC, by UTC hour since 1970: Intl is asked once an hour of time, not per date. */
const offsetByHour = new Map<number, number>();
const OFFSETS_KEPT = 20_000;

/**
 * How far London's clocks are ahead of UTC at an instant, in ms (0 or an hour since 1972). Asking
 * Intl for the parts of every date cost 10–15 µs each, most of a list page's formatting (0.7 ms a
 * page of 50 sessions); but London changes its clocks only on the hour in UTC (01:00), so one
 * answer serves every instant of that hour.
 */
function londonOffsetMs(ms: number) {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const p: Record<string, string> = {};
    for (const x of partsFormat.formatToParts(new Date(start))) p[x.type] = x.value;
    // Some ICU versions write midnight as "24" even in the h23 cycle.
    const wall = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour) % 24,
      Number(p.minute),
    );
    offset = wall - start;
    if (offsetByHour.size >= OFFSETS_KEPT) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** London wall-clock numbers of an instant. */
function wallClock(value: string | Date) {
  const ms = toDate(value).getTime();
  // An invalid date throws, as Intl would for it, rather than printing "NaN".
  if (Number.isNaN(ms)) throw new RangeError(`Invalid time value: ${String(value)}`);
  const wall = new Date(ms + londonOffsetMs(ms));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/**
 * The calendar day `n` days after (or, for negative `n`, before) a YYYY-MM-DD day. Pure calendar
 * arithmetic: no clock and no time zone, so a day is a day across the clock changes.
 */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  const pad = (x: number) => String(x).padStart(2, "0");
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday, for a calendar day. */
function weekdayIndex(year: number, month: number, day: number) {
  return new Date(Date.UTC(year, month - 1, day, 12)).getUTCDay();
}

function dayParts(isoDay: string) {
  const [year, month, day] = isoDay.split("-").map(Number);
  return { year, month, day };
}

/** "10am", "12pm", "12:30am", "11:59pm" from a 24-hour hour and minute. */
export function clockText(hour: number, minute: number) {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? "am" : "pm";
  return minute === 0 ? `${h}${suffix}` : `${h}:${String(minute).padStart(2, "0")}${suffix}`;
}

/** "5 March 2026" */
export function formatDate(value: string | Date) {
  const w = wallClock(value);
  return `${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
}
/** "5 Mar 2026" */
export function formatShortDate(value: string | Date) {
  const w = wallClock(value);
  return `${w.day} ${SHORT_MONTHS[w.month - 1]} ${w.year}`;
}
/** "Thursday 5 March 2026" (no comma after the weekday) */
export function formatLongDate(value: string | Date) {
  const w = wallClock(value);
  return `${WEEKDAYS[weekdayIndex(w.year, w.month, w.day)]} ${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
}
/** "9:30am", "10am", "12pm" — the GOV.UK style for times. */
export function formatTime(value: string | Date) {
  const w = wallClock(value);
  return clockText(w.hour, w.minute);
}
/** A wall-clock time stored as 'HH:MM' (a preferred time on a request), in the same style: "10am". */
export function formatClockTime(hhmm: string) {
  const [h, m] = hhmm.split(":").map(Number);
  return clockText(h, m);
}
/** "5 March 2026 at 9:30am" */
export function formatDateTime(value: string | Date) {
  return `${formatDate(value)} at ${formatTime(value)}`;
}
/** "Thursday" for a calendar day 'YYYY-MM-DD'. */
export function formatWeekday(isoDay: string) {
  const d = dayParts(isoDay);
  return WEEKDAYS[weekdayIndex(d.year, d.month, d.day)];
}
/** "5 Mar" for a calendar day 'YYYY-MM-DD'. */
export function formatShortDayMonth(isoDay: string) {
  const d = dayParts(isoDay);
  return `${d.day} ${SHORT_MONTHS[d.month - 1]}`;
}

/** A calendar date given as 'YYYY-MM-DD' (no time zone), shown as "5 March 2026". */
export function formatDay(isoDay: string) {
  const d = dayParts(isoDay);
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** The London wall-clock parts of an instant: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function londonParts(value: string | Date): { date: string; time: string } {
  const w = wallClock(value);
  const two = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${w.year}-${two(w.month)}-${two(w.day)}`,
    time: `${two(w.hour)}:${two(w.minute)}`,
  };
}

/** The UTC instant of a London wall-clock date and time ('YYYY-MM-DD', 'HH:MM'), across BST and GMT. */
export function londonToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, LONDON).getTime());
}

/** Today's date in London as 'YYYY-MM-DD'. */
export function londonToday(at: Date = new Date()) {
  return londonParts(at).date;
}

/** The UK financial year (April–March) and quarter of a London date: FY "2026-27", Q1 = Apr–Jun. */
export function financialQuarter(isoDay: string): {
  year: string;
  quarter: 1 | 2 | 3 | 4;
  startYear: number;
} {
  const [y, m] = isoDay.split("-").map(Number);
  const startYear = m >= 4 ? y : y - 1;
  const quarter = (Math.floor(((m + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
  return {
    year: `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`,
    quarter,
    startYear,
  };
}
