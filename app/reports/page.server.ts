import type { Queryable } from "~/db/db.server";
import type { ReportScope } from "./dashboard.server";
import { getDashboard, resolveFilters, type DashboardInput } from "./dashboard.server";
import { feedbackOutcomes, learningReach, safeguardingCounts } from "./outcomes.server";
import {
  feedbackTables,
  learningDistrictTable,
  learningTable,
  safeguardingTable,
} from "./outcome-tables";
import { dashboardTables } from "./tables";
import { settingTypesTable } from "./setting-types";
import { cachedView } from "./view-cache.server";
import { refreshFeedbackSums } from "./feedback-sums.server";
import { computeOffThread, viewWorkerAvailable } from "./view-worker-pool.server";

/** The dashboard as the page and the CSV exports use it: filters resolved, figures grouped, tables built. */
export function dashboardView(
  db: Queryable,
  scope: ReportScope,
  input: DashboardInput,
  options: { full?: boolean } = {},
) {
  return cachedView(
    db,
    { scope, input, full: !!options.full },
    async () => {
      // Off the serving thread where it can be (issue 16, item 1), in two halves on two report
      // threads at once: the figures, and the outcomes (feedback, e-learning, safeguarding), each
      // about half of a recomputation.
      if (viewWorkerAvailable(db)) {
        try {
          const parts = [
            computeOffThread(db, "figures", [scope, input, options]),
            computeOffThread(db, "outcomes", [scope, input]),
          ];
          if (parts[0] && parts[1]) {
            const [figures, outcomes] = (await Promise.all(parts)) as [Figures, Outcomes];
            // Both halves resolve the filters from the same clock; should the programme have gone
            // between the two reads, the view is computed again here.
            const view =
              figures.programme && outcomes
                ? assembleView(figures, outcomes, scope, options)
                : null;
            if (view) return view;
          }
        } catch {
          // A worker could not compute its half (it failed to start, or a write raced its read of
          // the sums): compute the view here, as without workers.
        }
      }
      return computeView(db, scope, input, options);
    },
    // The feedback sums are brought up to date first, on this thread, since that writes and the
    // workers' connections only read.
    () => refreshFeedbackSums(db),
  );
}

type Figures = Awaited<ReturnType<typeof computeFigures>>;
type Outcomes = Awaited<ReturnType<typeof computeOutcomes>>;

/** The dashboard's own figures: totals, breakdowns, targets, settings and the pipeline. */
export function computeFigures(
  db: Queryable,
  scope: ReportScope,
  input: DashboardInput,
  options: { full?: boolean },
) {
  return getDashboard(db, scope, input, options);
}

/** The outcomes below the figures: feedback, e-learning and safeguarding; null with no programme. */
export async function computeOutcomes(db: Queryable, scope: ReportScope, input: DashboardInput) {
  const { filters: f } = await resolveFilters(db, input, scope);
  if (!f) return null;
  const [feedback, learning, safeguarding] = await Promise.all([
    feedbackOutcomes(db, f, scope),
    learningReach(db, f, scope),
    safeguardingCounts(db, f, scope),
  ]);
  return { feedback, learning, safeguarding };
}

/** The view on one thread and connection, both halves in turn (on PostgreSQL, at once). */
export async function computeView(
  db: Queryable,
  scope: ReportScope,
  input: DashboardInput,
  options: { full?: boolean },
) {
  const [figures, outcomes] = await Promise.all([
    computeFigures(db, scope, input, options),
    computeOutcomes(db, scope, input),
  ]);
  return assembleView(figures, outcomes, scope, options);
}

/** The page's view from its two halves: tables built, charts' points, the sections' summaries. */
function assembleView(
  d: Figures,
  outcomes: Outcomes,
  scope: ReportScope,
  options: { full?: boolean },
) {
  if (!d.programme || !d.filters || !d.data || !d.periods || !outcomes) return null;
  const f = d.filters;
  // Audiences this programme works with: those with a target, or with anything delivered or booked.
  const targeted = new Set(d.data.summaries.map((s) => s.audience));
  const audiences = d.audiences.filter((a) =>
    f.audience
      ? a.name === f.audience
      : targeted.has(a.name) ||
        d.data!.totals.sessionsBy[a.name] > 0 ||
        d.data!.pipeline.some(
          (p) => p.audience === a.name && p.scheduledSessions + p.requested > 0,
        ),
  );
  d.data.pipeline = d.data.pipeline.filter((p) => audiences.some((a) => a.name === p.audience));
  const tables = dashboardTables(
    { audiences, ...d.data },
    {
      withDistricts: scope.kind === "all",
      settingsComplete: d.data.settingsComplete,
      today: d.data.today,
    },
  );
  tables.push(settingTypesTable(d.data.settingTypes));
  const { feedback, learning, safeguarding } = outcomes;
  // The dashboard shows feedback by audience and e-learning by district; the detail page and the
  // exports (`full`) have feedback by district and e-learning by organisation as well.
  if (feedback.available)
    tables.push(
      ...feedbackTables(feedback.statements, d.audiences, d.districts).filter(
        (t) => options.full || t.id !== "feedback-districts",
      ),
    );
  if (learning.available)
    tables.push(
      learningDistrictTable(learning, d.districts, f.districtId),
      ...(options.full ? [learningTable(learning, d.districts, f.districtId)] : []),
    );
  if (safeguarding.available)
    tables.push(
      safeguardingTable(safeguarding.counts, d.districts, f.districtId, safeguarding.sessions),
    );
  const query = new URLSearchParams({ programme: d.programme.id, period: f.period.value });
  if (f.districtId) query.set("district", f.districtId);
  if (f.audience) query.set("audience", f.audience);
  return {
    programme: d.programme,
    programmes: d.programmes.map((p) => ({ id: p.id, name: p.name })),
    periods: d.periods,
    districts: d.districts,
    audiences: d.audiences,
    filters: {
      programme: d.programme.id,
      period: f.period.value,
      district: f.districtId ?? "",
      audience: f.audience ?? "",
    },
    period: f.period,
    today: d.data.today,
    totals: d.data.totals,
    settingsComplete: d.data.settingsComplete,
    notReachedCount: d.data.notReachedCount,
    settingTypesUnknown: d.data.settingTypes.unknownType,
    summaries: d.data.summaries,
    tables,
    // The charts keep the whole period's time axis, so the time left shows.
    monthsChart: d.data.months.map((m) => ({
      label: m.label,
      value: m.sessions,
      future: m.from > d.data!.today,
    })),
    quartersChart: d.data.quarters.map((q) => ({
      label: q.label.replace(/^20/, ""),
      value: q.people,
      future: q.from > d.data!.today,
    })),
    sections: {
      feedback: feedback.available
        ? {
            available: true as const,
            chart: feedback.statements
              .filter((st) => st.kind === "before_after")
              .map((st) => ({
                text: st.text,
                questionnaire: st.questionnaire,
                before: st.all.answersBefore ? st.all.sumBefore / st.all.answersBefore : null,
                after: st.all.answersAfter ? st.all.sumAfter / st.all.answersAfter : null,
                answersBefore: st.all.answersBefore,
                answersAfter: st.all.answersAfter,
              })),
          }
        : feedback,
      learning: learning.available
        ? { available: true as const, totals: learning.totals, districts: learning.districts }
        : learning,
      safeguarding: safeguarding.available
        ? {
            available: true as const,
            concerns: safeguarding.counts
              .filter((c) => c.kind === "concern")
              .reduce((a, c) => a + c.count, 0),
            referrals: safeguarding.counts
              .filter((c) => c.kind === "referral")
              .reduce((a, c) => a + c.count, 0),
          }
        : safeguarding,
    },
    query: query.toString(),
  };
}
