import { addDays } from "~/utils/dates";

// Casework's vocabulary and pure rules (safe in the browser bundle, unit-tested in
// tests/unit/casework-rules.test.ts): eligibility, consent, the assessment rhythm, quiet cases,
// retention dates and the arithmetic of the casework reports. No database, no clock: callers pass
// "today" as a London 'YYYY-MM-DD' day.

export interface Choice {
  value: string;
  label: string;
}

export const REFERRAL_SOURCES = [
  { value: "safeguarding_log", label: "Trainer's safeguarding record" },
  { value: "school", label: "School's designated safeguarding lead" },
  { value: "mace", label: "MACE panel" },
] as const satisfies readonly Choice[];

export const REFERRAL_STATUSES = [
  { value: "pending", label: "Received" },
  { value: "accepted", label: "Accepted" },
  { value: "declined", label: "Declined" },
  { value: "signposted", label: "Signposted elsewhere" },
] as const satisfies readonly Choice[];

// A fixed list, so referrals can be counted by indicator and nothing free-text identifies anyone.
export const RISK_INDICATORS = [
  { value: "missing", label: "Going missing from home, care or school" },
  { value: "unexplained_money", label: "Unexplained money, phones or clothes" },
  { value: "older_associates", label: "Older associates or new friends out of area" },
  { value: "exclusion", label: "Excluded or at risk of exclusion" },
  { value: "drugs", label: "Carrying or using drugs" },
  { value: "weapons", label: "Carrying weapons" },
  { value: "police_contact", label: "Contact with the police" },
  { value: "online", label: "Online grooming or coercion" },
  { value: "injuries", label: "Unexplained injuries" },
  { value: "other", label: "Other" },
] as const satisfies readonly Choice[];

export const DECISIONS = [
  { value: "accept", label: "Accept and allocate a caseworker" },
  { value: "decline", label: "Decline" },
  { value: "signpost", label: "Signpost to another service" },
] as const satisfies readonly Choice[];

export const CONSENT_PURPOSES = [
  { value: "support", label: "Taking part in 1-2-1 support" },
  { value: "sharing_school", label: "Sharing progress with the school" },
  { value: "evaluation", label: "Being counted in the evaluation" },
] as const satisfies readonly Choice[];

export const CONSENT_GIVERS = [
  { value: "young_person", label: "The young person" },
  { value: "parent_carer", label: "A parent or carer" },
] as const satisfies readonly Choice[];

export const CONSENT_HOW = [
  { value: "in_person", label: "In person" },
  { value: "phone", label: "By phone" },
  { value: "written", label: "In writing" },
] as const satisfies readonly Choice[];

export const CONTACT_PLACES = [
  { value: "school", label: "School" },
  { value: "community", label: "Community" },
  { value: "phone", label: "Phone" },
  { value: "online", label: "Online" },
] as const satisfies readonly Choice[];

export const CONTACT_OUTCOMES = [
  { value: "attended", label: "Attended" },
  { value: "did_not_attend", label: "Did not attend" },
  { value: "no_contact", label: "No contact made" },
] as const satisfies readonly Choice[];

export const MISSED_REASONS = [
  { value: "excluded", label: "Excluded" },
  { value: "missing", label: "Missing" },
  { value: "refused", label: "Refused" },
  { value: "unreachable", label: "Unreachable" },
  { value: "other", label: "Other" },
] as const satisfies readonly Choice[];

export const ASSESSMENT_STAGES = [
  { value: "start", label: "Start" },
  { value: "review", label: "Review" },
  { value: "closure", label: "Closure" },
] as const satisfies readonly Choice[];

export const ASSESSMENT_VOICES = [
  { value: "young_person", label: "The young person's own scores" },
  {
    value: "worker",
    label: "The worker's scores only (for example when the young person has disengaged)",
  },
] as const satisfies readonly Choice[];

/** Scores run 1 (serious concern) to 5 (thriving): the charity's own scale, no licensed tool's text. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export const RISK_LEVELS = [
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
] as const satisfies readonly Choice[];

export const RISK_SOURCES = [
  { value: "worker", label: "Caseworker" },
  { value: "school", label: "School" },
  { value: "mace", label: "MACE panel" },
] as const satisfies readonly Choice[];

export const NRM_STATUSES = [
  { value: "not_referred", label: "Not referred" },
  { value: "referred", label: "Referred, awaiting decision" },
  { value: "reasonable_grounds", label: "Positive reasonable grounds decision" },
  { value: "conclusive_grounds", label: "Positive conclusive grounds decision" },
  { value: "negative", label: "Negative decision" },
] as const satisfies readonly Choice[];

export const ONWARD_SERVICES = [
  { value: "education", label: "Education" },
  { value: "training", label: "Training" },
  { value: "employment", label: "Employment" },
  { value: "youth_services", label: "Youth services" },
  { value: "camhs", label: "CAMHS" },
  { value: "substance_misuse", label: "Substance misuse services" },
  { value: "other", label: "Other" },
] as const satisfies readonly Choice[];

export const ONWARD_OUTCOMES = [
  { value: "pending", label: "Waiting to hear" },
  { value: "accepted", label: "Accepted" },
  { value: "declined", label: "Declined by the service" },
  { value: "not_taken_up", label: "Not taken up" },
  { value: "completed", label: "Completed" },
] as const satisfies readonly Choice[];

export const CLOSURE_REASONS = [
  { value: "goals_achieved", label: "Goals achieved" },
  { value: "disengaged", label: "Disengaged" },
  { value: "moved_away", label: "Moved away" },
  { value: "consent_withdrawn", label: "Consent withdrawn" },
  { value: "escalated", label: "Escalated to statutory services" },
] as const satisfies readonly Choice[];

export const RISK_CHANGES = [
  { value: "lower", label: "Lower than at the start" },
  { value: "same", label: "The same" },
  { value: "higher", label: "Higher than at the start" },
] as const satisfies readonly Choice[];

export function labelOf(list: readonly Choice[], value: string | null | undefined): string {
  return list.find((x) => x.value === value)?.label ?? value ?? "";
}

export function valuesOf<T extends readonly Choice[]>(
  list: T,
): [T[number]["value"], ...T[number]["value"][]] {
  return list.map((c) => c.value) as [T[number]["value"], ...T[number]["value"][]];
}

// ─── Days ────────────────────────────────────────────────────────────────────

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** Whole years of age on a day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number);
  const [y, m, d] = day.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The day someone born on `dateOfBirth` turns `age` (29 February birthdays fall on 1 March). */
export function birthday(dateOfBirth: string, age: number): string {
  const [y, m, d] = dateOfBirth.split("-").map(Number);
  const t = new Date(Date.UTC(y + age, m - 1, d, 12));
  return t.toISOString().slice(0, 10);
}

// ─── Eligibility ─────────────────────────────────────────────────────────────

export interface ProgrammeRules {
  name: string;
  maxAge: number | null;
  districtIds: string[] | null;
  area: string;
  parentConsentUnderAge: number | null;
}

/** Warnings (never refusals: the manager decides at triage) when a referral falls outside a programme's rules. */
export function eligibilityWarnings(
  p: ProgrammeRules,
  r: { dateOfBirth: string | null; districtId: string | null },
  today: string,
): string[] {
  const out: string[] = [];
  if (p.maxAge != null && r.dateOfBirth && ageOn(r.dateOfBirth, today) > p.maxAge) {
    out.push(
      `${p.name} is for young people aged ${p.maxAge} and under; this young person is ${ageOn(r.dateOfBirth, today)}.`,
    );
  }
  if (
    p.districtIds &&
    p.districtIds.length &&
    r.districtId &&
    !p.districtIds.includes(r.districtId)
  ) {
    out.push(`${p.name} covers ${p.area}; this school is outside it.`);
  }
  if (p.districtIds && p.districtIds.length && !r.districtId) {
    out.push(
      `${p.name} covers ${p.area}; check that the young person lives or goes to school there.`,
    );
  }
  return out;
}

// ─── Consent ─────────────────────────────────────────────────────────────────

export interface ConsentRecord {
  purpose: string;
  givenBy: string;
  withdrawnOn: string | null;
}

/** Whose consent to support a case still needs before it can open. Empty: it may open. */
export function missingConsent(
  p: Pick<ProgrammeRules, "parentConsentUnderAge">,
  dateOfBirth: string | null,
  consents: ConsentRecord[],
  today: string,
): ("young_person" | "parent_carer")[] {
  const live = consents.filter((c) => c.purpose === "support" && !c.withdrawnOn);
  const missing: ("young_person" | "parent_carer")[] = [];
  if (!live.some((c) => c.givenBy === "young_person")) missing.push("young_person");
  if (parentConsentNeeded(p, dateOfBirth, today) && !live.some((c) => c.givenBy === "parent_carer"))
    missing.push("parent_carer");
  return missing;
}

/** A parent's consent is needed below the programme's age, or when the age is not known yet. */
export function parentConsentNeeded(
  p: Pick<ProgrammeRules, "parentConsentUnderAge">,
  dateOfBirth: string | null,
  today: string,
): boolean {
  if (p.parentConsentUnderAge == null) return false;
  if (!dateOfBirth) return true;
  return ageOn(dateOfBirth, today) < p.parentConsentUnderAge;
}

// ─── Rhythm: assessments, quiet cases, missed contacts ───────────────────────

/** The next assessment: due `intervalWeeks` after the latest one, overdue once that day has passed. */
export function assessmentDue(
  latestTakenOn: string | null,
  openedOn: string,
  intervalWeeks: number,
  today: string,
): { dueOn: string; overdue: boolean } {
  // The first reading is due within two weeks of opening.
  const dueOn = latestTakenOn ? addDays(latestTakenOn, intervalWeeks * 7) : addDays(openedOn, 14);
  return { dueOn, overdue: dueOn < today };
}

/** An open case with no attended contact for `quietWeeks` weeks is flagged to the manager. */
export function isQuiet(
  lastAttendedOn: string | null,
  openedOn: string,
  quietWeeks: number,
  today: string,
): boolean {
  return daysBetween(lastAttendedOn ?? openedOn, today) >= quietWeeks * 7;
}

export interface ContactLite {
  contactOn: string;
  outcome: string;
}

/**
 * Not attending is data: when the latest contact was missed, a follow-up is due; when nothing has
 * been attended for `missedDays` since the first miss in that run, it is escalated to the manager.
 */
export function followUp(
  contacts: ContactLite[],
  missedDays: number,
  today: string,
): { needed: boolean; escalate: boolean; since: string | null } {
  const sorted = [...contacts].sort((a, b) => a.contactOn.localeCompare(b.contactOn));
  let since: string | null = null;
  for (const c of sorted) {
    if (c.outcome === "attended") since = null;
    else if (since === null) since = c.contactOn;
  }
  if (since === null) return { needed: false, escalate: false, since: null };
  return { needed: true, escalate: daysBetween(since, today) >= missedDays, since };
}

// ─── Retention ───────────────────────────────────────────────────────────────

/**
 * How long a case file is kept: until the young person's birthday at `retainUntilAge` (commonly
 * the 25th), and never less than a year after the case closed or the referral was decided.
 * Without a date of birth, six years after the end.
 */
export function retainUntil(
  dateOfBirth: string | null,
  retainUntilAge: number,
  endedOn: string,
): string {
  const floor = addDays(endedOn, 365);
  if (!dateOfBirth) return addDays(endedOn, 6 * 365);
  const b = birthday(dateOfBirth, retainUntilAge);
  // Stryker disable next-line EqualityOperator: when they are the same day both branches give it
  return b > floor ? b : floor;
}

// ─── Report arithmetic ───────────────────────────────────────────────────────

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface ScoredAssessment {
  caseId: string;
  takenOn: string;
  createdAt: string;
  scores: Record<string, number>;
}

/**
 * First against latest, paired: for each characteristic, the cases with at least two readings of
 * it, the mean of their first and of their latest, and N. A case with one reading is not counted.
 */
export function pairedChange(
  assessments: ScoredAssessment[],
  itemIds: string[],
): {
  itemId: string;
  n: number;
  firstMean: number | null;
  latestMean: number | null;
  change: number | null;
}[] {
  const byCase = new Map<string, ScoredAssessment[]>();
  for (const a of assessments) {
    const list = byCase.get(a.caseId) ?? [];
    list.push(a);
    byCase.set(a.caseId, list);
  }
  return itemIds.map((itemId) => {
    let n = 0;
    let firstSum = 0;
    let latestSum = 0;
    for (const list of byCase.values()) {
      const withItem = list
        .filter((a) => a.scores[itemId] != null)
        .sort(
          (a, b) => a.takenOn.localeCompare(b.takenOn) || a.createdAt.localeCompare(b.createdAt),
        );
      if (withItem.length < 2) continue;
      n++;
      firstSum += withItem[0].scores[itemId];
      latestSum += withItem[withItem.length - 1].scores[itemId];
    }
    const firstMean = n ? round2(firstSum / n) : null;
    const latestMean = n ? round2(latestSum / n) : null;
    return {
      itemId,
      n,
      firstMean,
      latestMean,
      change: n ? round2(latestSum / n - firstSum / n) : null,
    };
  });
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A whole-number percentage, or null with nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole ? Math.round((100 * part) / whole) : null;
}
