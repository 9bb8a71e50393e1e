import { addDays, londonToUtc, MONTHS } from "~/utils/dates";

// Reporting periods. A programme runs from `starts_on` to `ends_on` (London dates, inclusive).
// Funders report by financial year (April–March) and quarter (Q1 = April–June). Everything here
// is pure: the routes parse a `period` value from the URL and the queries get UTC instants.

export interface Period {
  /** The URL value: "all", "fy-2026" (FY 2026-27), "q-2026-1" (FY 2026-27 Q1). */
  value: string;
  label: string;
  /** First London day in the period, 'YYYY-MM-DD' (clipped to the programme). */
  from: string;
  /** Last London day in the period, inclusive (clipped to the programme). */
  to: string;
}

export interface Bucket {
  key: string;
  label: string;
  from: string;
  to: string;
}

// Reports abbreviate September as "Sep" (the quarter labels funders know), not GOV.UK's "Sept".
const SHORT_MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

function pad(n: number) {
  return String(n).padStart(2, "0");
}

/** Whole days from a to b (b later), both 'YYYY-MM-DD'. */
export function daysBetween(a: string, b: string): number {
  const [y1, m1, d1] = a.split("-").map(Number);
  const [y2, m2, d2] = b.split("-").map(Number);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

function lastDayOfMonth(y: number, m: number) {
  return `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

function clip(p: Period, startsOn: string, endsOn: string): Period | null {
  // Stryker disable next-line EqualityOperator: when they are equal both branches give the same day
  const from = p.from < startsOn ? startsOn : p.from;
  // Stryker disable next-line EqualityOperator: when they are equal both branches give the same day
  const to = p.to > endsOn ? endsOn : p.to;
  return from > to ? null : { ...p, from, to };
}

export function fyLabel(startYear: number) {
  return `${startYear}-${pad((startYear + 1) % 100)}`;
}

export function quarterPeriod(startYear: number, q: 1 | 2 | 3 | 4): Period {
  const m = 4 + (q - 1) * 3; // 4, 7, 10, 13 (= January next year)
  // Stryker disable next-line EqualityOperator: m is 4, 7, 10 or 13, never 12
  const y = m > 12 ? startYear + 1 : startYear;
  // Stryker disable next-line EqualityOperator: m is 4, 7, 10 or 13, never 12
  const mm = m > 12 ? m - 12 : m;
  const from = `${y}-${pad(mm)}-01`;
  const to = lastDayOfMonth(y, mm + 2);
  return {
    value: `q-${startYear}-${q}`,
    label: `Q${q} ${fyLabel(startYear)} (${SHORT_MONTHS[mm - 1]}–${SHORT_MONTHS[mm + 1]} ${y})`,
    from,
    to,
  };
}

export function yearPeriod(startYear: number): Period {
  return {
    value: `fy-${startYear}`,
    label: `Financial year ${fyLabel(startYear)}`,
    from: `${startYear}-04-01`,
    to: `${startYear + 1}-03-31`,
  };
}

function fyStartYear(day: string) {
  const [y, m] = day.split("-").map(Number);
  return m >= 4 ? y : y - 1;
}

/** Every period a person can choose for a programme: the whole programme, each year, each quarter. */
export function periodsOf(
  startsOn: string,
  endsOn: string,
): { years: Period[]; quarters: Period[]; all: Period } {
  const all: Period = { value: "all", label: "Whole programme", from: startsOn, to: endsOn };
  const years: Period[] = [];
  const quarters: Period[] = [];
  for (let y = fyStartYear(startsOn); y <= fyStartYear(endsOn); y++) {
    const yp = clip(yearPeriod(y), startsOn, endsOn);
    if (yp) years.push(yp);
    for (const q of [1, 2, 3, 4] as const) {
      const qp = clip(quarterPeriod(y, q), startsOn, endsOn);
      if (qp) quarters.push(qp);
    }
  }
  return { all, years, quarters };
}

/** The period a URL value names, clipped to the programme; the whole programme when unknown. */
export function resolvePeriod(
  value: string | null | undefined,
  startsOn: string,
  endsOn: string,
): Period {
  const { all, years, quarters } = periodsOf(startsOn, endsOn);
  return [...years, ...quarters].find((p) => p.value === value) ?? all;
}

/** Months of a period, as buckets of London days. */
export function monthBuckets(from: string, to: string): Bucket[] {
  const out: Bucket[] = [];
  let [y, m] = from.split("-").map(Number);
  for (;;) {
    const start = `${y}-${pad(m)}-01`;
    if (start > to) break;
    // Stryker disable EqualityOperator: when they are equal both branches give the same day
    out.push({
      key: `${y}-${pad(m)}`,
      label: `${SHORT_MONTHS[m - 1]} ${y}`,
      from: start < from ? from : start,
      to: lastDayOfMonth(y, m) > to ? to : lastDayOfMonth(y, m),
    });
    // Stryker restore EqualityOperator
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function monthName(key: string) {
  const [y, m] = key.split("-").map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** Financial quarters of a period, as buckets ("2026-27 Q1"). */
export function quarterBuckets(from: string, to: string): Bucket[] {
  const out: Bucket[] = [];
  for (let y = fyStartYear(from); y <= fyStartYear(to); y++) {
    for (const q of [1, 2, 3, 4] as const) {
      const p = clip(quarterPeriod(y, q), from, to);
      if (p)
        out.push({
          key: `${fyLabel(y)} Q${q}`,
          label: `${fyLabel(y)} Q${q}`,
          from: p.from,
          to: p.to,
        });
    }
  }
  return out;
}

/** The UTC instant a London day starts, as ISO text (for comparing with `starts_at`). */
export function dayStartUtc(day: string): string {
  return londonToUtc(day, "00:00").toISOString();
}

/** [from, to) as UTC ISO instants for a London-day period (inclusive `to`). */
export function utcRange(p: { from: string; to: string }): { fromUtc: string; toUtc: string } {
  return { fromUtc: dayStartUtc(p.from), toUtc: dayStartUtc(addDays(p.to, 1)) };
}

/**
 * A target for part of a programme, pro rata by days: the three-year target × the share of the
 * programme's days the part covers, rounded to the nearest whole number.
 */
export function proRataTarget(
  target: number,
  part: { from: string; to: string },
  programme: { from: string; to: string },
): number {
  const total = daysBetween(programme.from, programme.to) + 1;
  // Stryker disable next-line EqualityOperator: when they are equal both branches give the same day
  const from = part.from < programme.from ? programme.from : part.from;
  // Stryker disable next-line EqualityOperator: when they are equal both branches give the same day
  const to = part.to > programme.to ? programme.to : part.to;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a programme of no days (total <= 0) ends before it starts, so the clipped part has from > to anyway
  if (from > to || total <= 0) return 0;
  return Math.round((target * (daysBetween(from, to) + 1)) / total);
}

export interface Projection {
  /** Where the figure will be at the end of the period at the pace so far; null before it starts. */
  projected: number | null;
  /** Share of the period's days gone (0–1). */
  elapsed: number;
}

/**
 * Straight-line projection: the figure so far ÷ days elapsed × days in the period. A period that
 * is over projects its actual figure; one not yet started projects nothing.
 */
export function project(
  actual: number,
  period: { from: string; to: string },
  today: string,
): Projection {
  const total = daysBetween(period.from, period.to) + 1;
  if (today < period.from) return { projected: null, elapsed: 0 };
  // Stryker disable next-line EqualityOperator: on the last day the straight line gives actual × total ÷ total = actual and elapsed 1 too
  if (today > period.to) return { projected: actual, elapsed: 1 };
  const elapsedDays = daysBetween(period.from, today) + 1;
  return { projected: Math.round((actual * total) / elapsedDays), elapsed: elapsedDays / total };
}

/**
 * Percent of a target, rounded to the nearest whole number (2 of 3 is 67%, not 66%: issue 12,
 * item 12), except that short of the target it never reads 100%; null with no target.
 */
export function percentOf(actual: number, target: number): number | null {
  if (!target) return null;
  const p = Math.round((actual * 100) / target);
  return actual < target && p >= 100 ? 99 : p;
}
