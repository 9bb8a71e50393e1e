import type { Queryable } from "~/db/db.server";
import type { ReportFilters, ReportScope } from "./dashboard.server";

// Sections of the dashboard that stand on other capabilities' tables: feedback answers and
// safeguarding records (the "public" work) and e-learning (the "learning" work). Each returns
// `{ available: false }` until its tables exist on main; the page then says so plainly rather
// than showing made-up figures. When the tables land, each function's body becomes one
// aggregate query with the same filters and scope as the rest of the dashboard.

export type Section<T> = { available: false; reason: string } | { available: true; rows: T[] };

export interface FeedbackOutcomeRow {
  statement: string;
  audience: string;
  district: string | null;
  answersBefore: number;
  answersAfter: number;
  meanBefore: number | null;
  meanAfter: number | null;
  change: number | null;
}

export interface LearningReachRow {
  organisation: string;
  district: string | null;
  learnersEnrolled: number;
  learnersCompleted: number;
  quizAttempts: number;
  quizPasses: number;
}

export interface SafeguardingCountRow {
  district: string | null;
  destination: string;
  concerns: number;
  referrals: number;
}

const PENDING_FEEDBACK = "Feedback answers are not recorded in Lantern yet, so the change from before to after cannot be shown.";
const PENDING_LEARNING = "E-learning is not recorded in Lantern yet, so enrolments, completions and pass rates cannot be shown.";
const PENDING_SAFEGUARDING = "Safeguarding records are not kept in Lantern yet, so concerns and referrals cannot be counted.";

export async function feedbackOutcomes(_db: Queryable, _f: ReportFilters, _scope: ReportScope): Promise<Section<FeedbackOutcomeRow>> {
  return { available: false, reason: PENDING_FEEDBACK };
}

export async function learningReach(_db: Queryable, _f: ReportFilters, _scope: ReportScope): Promise<Section<LearningReachRow>> {
  return { available: false, reason: PENDING_LEARNING };
}

export async function safeguardingCounts(_db: Queryable, _f: ReportFilters, _scope: ReportScope): Promise<Section<SafeguardingCountRow>> {
  return { available: false, reason: PENDING_SAFEGUARDING };
}
