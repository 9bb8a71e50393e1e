import {
  addDays,
  formatClockTime,
  formatDay,
  formatLongDate,
  formatTime,
  londonParts,
} from "~/utils/dates";

// The clash checks for scheduling, as pure functions over plain data, so each rule is unit-tested
// on its own (tests/unit/clashes.test.ts). The scheduling code loads what they need and calls
// `checkMeeting` for every meeting it is about to write.
//
// Refusals stop the booking: a trainer in two places at once (counting travel between venues), a
// class in two sessions at once, a trainer whose DBS check or safeguarding training has lapsed or
// lapses before the session (or was never recorded). Warnings can be overridden by a lead with a
// recorded reason: outside the school day, not a term day, a check that runs out soon after.

export type ProblemKind =
  | "trainer_clash"
  | "class_clash"
  | "compliance_missing"
  | "compliance_lapsed"
  | "compliance_expiring"
  | "outside_school_day"
  | "not_term_day";

export interface Problem {
  kind: ProblemKind;
  severity: "refusal" | "warning";
  message: string;
}

export interface ProposedMeeting {
  startsAt: Date;
  endsAt: Date;
  /** Where it happens: a setting id or a venue name. Travel time applies between different venues. */
  venueKey: string | null;
  venueLabel: string;
  /** Online sessions need no travel to or from them. */
  online: boolean;
  trainerIds: string[];
  classIds: string[];
}

/** A session already in the calendar (scheduled, not cancelled or postponed). */
export interface BookedSession {
  sessionId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venueKey: string | null;
  venueLabel: string;
  online: boolean;
  trainerIds: string[];
  classIds: string[];
}

export interface TrainerCompliance {
  trainerId: string;
  name: string;
  dbsExpiresOn: string | null;
  safeguardingExpiresOn: string | null;
}

export interface TermDate {
  name: string;
  startsOn: string;
  endsOn: string;
}

const MINUTE = 60_000;

/** "Wednesday 2 December 2026" (the GOV.UK style has no comma after the weekday). */
export function longDay(d: Date) {
  return formatLongDate(d);
}

function span(s: { startsAt: Date; endsAt: Date }) {
  return `${formatTime(s.startsAt)} to ${formatTime(s.endsAt)} on ${longDay(s.startsAt)}`;
}

function minutesPhrase(n: number) {
  return n === 1 ? "1 minute" : `${n} minutes`;
}

/** Travel is needed between two different physical venues; online sessions and the same venue need none. */
export function travelMinutesBetween(
  a: { venueKey: string | null; online: boolean },
  b: { venueKey: string | null; online: boolean },
  bufferMinutes: number,
) {
  if (a.online || b.online) return 0;
  // Stryker disable next-line LogicalOperator,ConditionalExpression: a.venueKey === b.venueKey with either one set means both are set, so the first two checks only skip two unknown venues
  if (a.venueKey && b.venueKey && a.venueKey === b.venueKey) return 0;
  return bufferMinutes;
}

/** A trainer cannot be in two places at once, and needs the travel buffer between different venues. */
export function trainerClashes(
  meeting: ProposedMeeting,
  booked: BookedSession[],
  trainerNames: Record<string, string>,
  bufferMinutes: number,
): Problem[] {
  const problems: Problem[] = [];
  for (const trainerId of meeting.trainerIds) {
    for (const other of booked) {
      if (!other.trainerIds.includes(trainerId)) continue;
      const gap = travelMinutesBetween(meeting, other, bufferMinutes);
      const overlaps =
        meeting.startsAt.getTime() < other.endsAt.getTime() &&
        other.startsAt.getTime() < meeting.endsAt.getTime();
      const name = trainerNames[trainerId] ?? "This trainer";
      if (overlaps) {
        problems.push({
          kind: "trainer_clash",
          severity: "refusal",
          message: `${name} is already booked for “${other.title}” at ${other.venueLabel} from ${span(other)}, so cannot be at ${meeting.venueLabel} at the same time.`,
        });
        continue;
      }
      // Stryker disable next-line ConditionalExpression: with no gap, "within the gap" is "overlapping", already handled above
      if (gap === 0) continue;
      const within =
        meeting.startsAt.getTime() < other.endsAt.getTime() + gap * MINUTE &&
        other.startsAt.getTime() < meeting.endsAt.getTime() + gap * MINUTE;
      if (within) {
        problems.push({
          kind: "trainer_clash",
          severity: "refusal",
          message: `${name} is booked for “${other.title}” at ${other.venueLabel} from ${span(other)}, and needs ${minutesPhrase(gap)} to travel between venues, so cannot be at ${meeting.venueLabel} from ${formatTime(meeting.startsAt)}.`,
        });
      }
    }
  }
  return problems;
}

/** A class cannot be in two sessions at once. */
export function classClashes(
  meeting: ProposedMeeting,
  booked: BookedSession[],
  classNames: Record<string, string>,
): Problem[] {
  const problems: Problem[] = [];
  for (const classId of meeting.classIds) {
    for (const other of booked) {
      if (!other.classIds.includes(classId)) continue;
      const overlaps =
        meeting.startsAt.getTime() < other.endsAt.getTime() &&
        other.startsAt.getTime() < meeting.endsAt.getTime();
      if (overlaps) {
        problems.push({
          kind: "class_clash",
          severity: "refusal",
          message: `${classNames[classId] ?? "This class"} is already booked for “${other.title}” from ${span(other)}.`,
        });
      }
    }
  }
  return problems;
}

/** Pupil sessions belong in the school day (London wall-clock times, on one day). */
export function schoolDayWarnings(
  meeting: { startsAt: Date; endsAt: Date },
  day: { start: string; end: string },
): Problem[] {
  const start = londonParts(meeting.startsAt);
  const end = londonParts(meeting.endsAt);
  if (start.date === end.date && start.time >= day.start && end.time <= day.end) return [];
  return [
    {
      kind: "outside_school_day",
      severity: "warning",
      message: `${formatTime(meeting.startsAt)} to ${formatTime(meeting.endsAt)} is outside the school day (${formatClockTime(day.start)} to ${formatClockTime(day.end)}).`,
    },
  ];
}

/** Sessions at a school belong on a term day: a weekday inside one of the terms. */
export function termDayWarnings(londonDate: string, terms: TermDate[]): Problem[] {
  const [y, m, d] = londonDate.split("-").map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (weekday === 0 || weekday === 6) {
    return [
      {
        kind: "not_term_day",
        severity: "warning",
        message: `${formatDay(londonDate)} is a ${weekday === 0 ? "Sunday" : "Saturday"}, not a term day.`,
      },
    ];
  }
  const inTerm = terms.some((t) => t.startsOn <= londonDate && londonDate <= t.endsOn);
  if (inTerm) return [];
  return [
    {
      kind: "not_term_day",
      severity: "warning",
      message: `${formatDay(londonDate)} is not in any term (it falls in a school holiday).`,
    },
  ];
}

/**
 * A trainer's DBS check and safeguarding training must be recorded and still valid on the day of
 * the session (refusal otherwise); a check that runs out within `warningDays` of today or of the
 * session is a warning.
 */
export function complianceProblems(
  trainer: TrainerCompliance,
  sessionDate: string,
  today: string,
  warningDays: number,
): Problem[] {
  const problems: Problem[] = [];
  const checks: [string, string | null][] = [
    ["enhanced DBS check", trainer.dbsExpiresOn],
    ["safeguarding training", trainer.safeguardingExpiresOn],
  ];
  for (const [label, expires] of checks) {
    if (!expires) {
      problems.push({
        kind: "compliance_missing",
        severity: "refusal",
        message: `${trainer.name} has no ${label} recorded.`,
      });
    } else if (expires < today) {
      problems.push({
        kind: "compliance_lapsed",
        severity: "refusal",
        message: `${trainer.name}’s ${label} lapsed on ${formatDay(expires)}.`,
      });
    } else if (expires < sessionDate) {
      problems.push({
        kind: "compliance_lapsed",
        severity: "refusal",
        message: `${trainer.name}’s ${label} runs out on ${formatDay(expires)}, before the session on ${formatDay(sessionDate)}.`,
      });
    } else if (
      expires <= addDays(today, warningDays) ||
      expires <= addDays(sessionDate, warningDays)
    ) {
      problems.push({
        kind: "compliance_expiring",
        severity: "warning",
        message: `${trainer.name}’s ${label} runs out on ${formatDay(expires)}, within ${warningDays} days.`,
      });
    }
  }
  return problems;
}

export interface MeetingCheckInput {
  meeting: ProposedMeeting;
  booked: BookedSession[];
  trainers: TrainerCompliance[];
  classNames: Record<string, string>;
  settings: {
    travelBufferMinutes: number;
    schoolDayStart: string;
    schoolDayEnd: string;
    complianceWarningDays: number;
  };
  terms: TermDate[];
  today: string;
  /** Pupil sessions are checked against the school day. */
  pupilSession: boolean;
  /** Sessions held at a school or other setting are checked against term dates. */
  atSetting: boolean;
}

/** Every rule for one meeting, refusals first. */
export function checkMeeting(input: MeetingCheckInput): {
  refusals: Problem[];
  warnings: Problem[];
} {
  const names = Object.fromEntries(input.trainers.map((t) => [t.trainerId, t.name]));
  const date = londonParts(input.meeting.startsAt).date;
  const all: Problem[] = [
    ...trainerClashes(input.meeting, input.booked, names, input.settings.travelBufferMinutes),
    ...classClashes(input.meeting, input.booked, input.classNames),
    ...input.trainers
      .filter((t) => input.meeting.trainerIds.includes(t.trainerId))
      .flatMap((t) =>
        complianceProblems(t, date, input.today, input.settings.complianceWarningDays),
      ),
    // A block, not next-line: formatting moved the first `[]` off the marked line (issue 20).
    // Stryker disable ArrayDeclaration: an entry that is not a Problem has no severity, so neither list below keeps it
    ...(input.pupilSession
      ? schoolDayWarnings(input.meeting, {
          start: input.settings.schoolDayStart,
          end: input.settings.schoolDayEnd,
        })
      : []),
    ...(input.atSetting ? termDayWarnings(date, input.terms) : []),
    // Stryker restore ArrayDeclaration
  ];
  return {
    refusals: all.filter((p) => p.severity === "refusal"),
    warnings: all.filter((p) => p.severity === "warning"),
  };
}

/** The start of each meeting of a series: `length` meetings, `intervalDays` apart, at the same London wall-clock time. */
export function seriesDates(firstDate: string, length: number, intervalDays: number): string[] {
  return Array.from({ length: Math.max(1, length) }, (_, i) =>
    addDays(firstDate, i * intervalDays),
  );
}
