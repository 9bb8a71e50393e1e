import { TZDate } from "@date-fns/tz";

// Europe/London, as people in England write dates. Formatters are built once: a formatter per
// call costs about 80 µs here against 1–2 µs for a cached one.
export const LONDON = "Europe/London";

const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, day: "numeric", month: "long", year: "numeric" });
const shortDateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, day: "numeric", month: "short", year: "numeric" });
const weekdayDateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, weekday: "long", day: "numeric", month: "long", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, hour: "numeric", minute: "2-digit", hour12: true });
const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function toDate(value: string | Date) {
  return typeof value === "string" ? new Date(value) : value;
}

/** "5 March 2026" */
export function formatDate(value: string | Date) {
  return dateFormat.format(toDate(value));
}
/** "5 Mar 2026" */
export function formatShortDate(value: string | Date) {
  return shortDateFormat.format(toDate(value));
}
/** "Thursday 5 March 2026" */
export function formatLongDate(value: string | Date) {
  return weekdayDateFormat.format(toDate(value));
}
/** "9:30am" — the GOV.UK style for times. */
export function formatTime(value: string | Date) {
  return timeFormat.format(toDate(value)).replace(" ", "").replace(":00", "").toLowerCase();
}
/** "5 March 2026 at 9:30am" */
export function formatDateTime(value: string | Date) {
  return `${formatDate(value)} at ${formatTime(value)}`;
}

/** A calendar date given as 'YYYY-MM-DD' (no time zone), shown as "5 March 2026". */
export function formatDay(isoDay: string) {
  const [y, m, d] = isoDay.split("-").map(Number);
  return dateFormat.format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** The London wall-clock parts of an instant: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function londonParts(value: string | Date): { date: string; time: string } {
  const p = Object.fromEntries(partsFormat.formatToParts(toDate(value)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
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
export function financialQuarter(isoDay: string): { year: string; quarter: 1 | 2 | 3 | 4; startYear: number } {
  const [y, m] = isoDay.split("-").map(Number);
  const startYear = m >= 4 ? y : y - 1;
  const quarter = (Math.floor(((m + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
  return { year: `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`, quarter, startYear };
}
