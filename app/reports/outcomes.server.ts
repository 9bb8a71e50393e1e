import { sql } from "kysely";
import type { Queryable } from "~/db/db.server";
import type { Audience } from "~/db/schema";
import { inList, type ReportFilters, type ReportScope } from "./dashboard.server";
import { refreshFeedbackSums } from "./feedback-sums.server";
import { utcRange } from "./periods";

// The dashboard's outcome sections, each one aggregate statement with the same filters (programme,
// period, district, audience) and scope as the rest of the dashboard. JavaScript only names and
// orders the grouped rows. How each is counted is in OUTCOME_RULES (shown on the page and in the
// return).
//
// - Feedback: the feedback capability's own rules (app/feedback/responses.server.ts): scores from
//   answers given online and from trainers' paper tallies together; "before" only for statements
//   asked before and after; free text never counted; the paired change only over people who
//   answered online both before and after (paired by the code on their device). Only sessions
//   marked delivered, in the period by their start, as for "sessions delivered".
// - E-learning: a learner counts through each VCSE organisation or school they belong to (so an
//   organisation's row counts its own people) and once in each district and in the total. Enrolled:
//   enrolled in the period. Completed: a completion as getCompletion (app/learning/completion.server.ts)
//   defines it — an enrolment with a completion time — with that time in the period. Attempts and
//   passes: quiz attempts submitted in the period.
// - Safeguarding: records of concerns and referrals from sessions in the period, by who they were
//   passed to and the session's district (sessions not cancelled or postponed). Counts only: no
//   initials, notes or year groups.

export type Section<T> = { available: false; reason: string } | ({ available: true } & T);

export const OUTCOME_RULES: { figure: string; rule: string }[] = [
  {
    figure: "Feedback: mean before and after",
    rule: "The average score out of 5 for each statement, from answers given online and from trainers' paper tallies together, at sessions delivered in the period. Free-text answers are never counted or shown.",
  },
  {
    figure: "Feedback: change",
    rule: "Change in mean: the mean after minus the mean before. Paired change: the average of each person's own change, over people who answered online both before and after (paired by a code on their phone; paper answers cannot be paired).",
  },
  {
    figure: "E-learning: learners",
    rule: "People who belong to a VCSE organisation or a school. Enrolled: started a module in the period. Completed: completed a module in the period, as their certificate records it. A learner who belongs to two organisations counts in each organisation's row, and once in a district and in the total.",
  },
  {
    figure: "E-learning: pass rate",
    rule: "Quiz attempts submitted in the period that reached the module's pass mark, as a share of all attempts in the period. Organisations reached: VCSE organisations and schools with at least one learner enrolled in the period.",
  },
  {
    figure: "Safeguarding",
    rule: "Concerns and referrals trainers recorded after sessions held in the period (not cancelled or postponed, whether or not attendance has been taken yet), by who they were passed to and the district of the session. Counts only: no names, initials or notes leave the safeguarding log.",
  },
];

function n(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

/**
 * Sessions of the programme that start in the period, with the dashboard's filters and scope:
 * delivered ones, or (`held`) any not cancelled or postponed, attendance taken or not.
 */
function sessionsInPeriod(
  f: ReportFilters,
  scope: ReportScope,
  options: { status: "delivered" | "held" },
) {
  const { fromUtc, toUtc } = utcRange(f.period);
  // From the session facts the database keeps (decision 141): no join to the offering.
  const where = sql.join(
    [
      sql`s.programme_id = ${f.programmeId}`,
      options.status === "delivered"
        ? sql`s.status = 'delivered'`
        : sql`s.status in ('delivered', 'scheduled')`,
      sql`s.starts_at >= ${fromUtc}`,
      sql`s.starts_at < ${toUtc}`,
      ...(f.districtId ? [sql`s.district_id = ${f.districtId}`] : []),
      ...(f.audience ? [sql`s.audience = ${f.audience}`] : []),
      ...(scope.kind === "settings" ? [sql`s.setting_id in ${inList(scope.settingIds)}`] : []),
    ],
    sql` and `,
  );
  return sql`select s.session_id as id, s.district_id, s.audience from report_session_facts s where ${where}`;
}

// ── Feedback ────────────────────────────────────────────────────────────────

export interface FeedbackFigures {
  /** Answers and sums of scores before and after; pairs and the sum of their changes. */
  answersBefore: number;
  sumBefore: number;
  answersAfter: number;
  sumAfter: number;
  pairs: number;
  sumChange: number;
}

export interface FeedbackStatement {
  id: string;
  text: string;
  kind: "before_after" | "satisfaction";
  questionnaire: string;
  all: FeedbackFigures;
  byAudience: ({ audience: Audience } & FeedbackFigures)[];
  byDistrict: ({ districtId: string | null } & FeedbackFigures)[];
}

export const FEEDBACK_NOT_FOR_ORGANISATIONS =
  "Feedback is anonymous and given at a session, not by organisation, so it cannot be shown for one organisation's people.";

/** Per statement: answers and means before and after, and the paired change, overall, by audience and by district. */
export async function feedbackOutcomes(
  db: Queryable,
  f: ReportFilters,
  scope: ReportScope,
): Promise<Section<{ statements: FeedbackStatement[] }>> {
  if (scope.kind === "organisations")
    return { available: false, reason: FEEDBACK_NOT_FOR_ORGANISATIONS };
  // Online answers are read from their per-session sums, brought up to date first (feedback-sums.server.ts);
  // paper tallies from theirs, which triggers keep.
  await refreshFeedbackSums(db);
  const key = sql`case dims.dim when 'audience' then fine.audience when 'district' then fine.district_id else null end`;
  const rows = await sql<Record<string, unknown>>`
    with sess as (${sessionsInPeriod(f, scope, { status: "delivered" })}),
    fine0 as (
      select sess.audience, sess.district_id, f.item_id, f.answers_before as nb, f.sum_before as sb, f.answers_after as na, f.sum_after as sa,
        f.pairs as np, f.sum_change as sp
      from sess join report_feedback_sums f on f.session_id = sess.id
      union all
      -- Paper tallies, summed per session and statement as they are entered (report_tally_sums, decision 141).
      select sess.audience, sess.district_id, t.item_id, t.answers_before, t.sum_before, t.answers_after, t.sum_after, 0, 0
      from sess join report_tally_sums t on t.session_id = sess.id
    ),
    fine as (
      select audience, district_id, item_id, sum(nb) as nb, sum(sb) as sb, sum(na) as na, sum(sa) as sa, sum(np) as np, sum(sp) as sp
      from fine0 group by audience, district_id, item_id
    ),
    grouped as (
      select dims.dim as dim, fine.item_id as item_id, ${key} as k,
        sum(nb) as nb, sum(sb) as sb, sum(na) as na, sum(sa) as sa, sum(np) as np, sum(sp) as sp
      from fine cross join (select 'all' as dim union all select 'audience' union all select 'district') dims
      group by dims.dim, fine.item_id, ${key}
    )
    select g.dim, g.item_id, g.k, g.nb, g.sb, g.na, g.sa, g.np, g.sp, qi.text, qi.kind, qi.position, q.name as questionnaire
    from grouped g
    join questionnaire_items qi on qi.id = g.item_id
    join questionnaires q on q.id = qi.questionnaire_id
    where qi.kind <> 'free_text'
    order by q.name, q.id, qi.position, g.k`.execute(db);
  const statements = new Map<string, FeedbackStatement>();
  for (const r of rows.rows) {
    const id = String(r.item_id);
    const kind = r.kind as FeedbackStatement["kind"];
    // A satisfaction question is asked only after: any "before" score is not counted (as on the session's page).
    const figures: FeedbackFigures = {
      answersBefore: kind === "before_after" ? n(r.nb) : 0,
      sumBefore: kind === "before_after" ? n(r.sb) : 0,
      answersAfter: n(r.na),
      sumAfter: n(r.sa),
      pairs: kind === "before_after" ? n(r.np) : 0,
      sumChange: kind === "before_after" ? n(r.sp) : 0,
    };
    const st = statements.get(id) ?? {
      id,
      text: String(r.text),
      kind,
      questionnaire: String(r.questionnaire),
      all: { answersBefore: 0, sumBefore: 0, answersAfter: 0, sumAfter: 0, pairs: 0, sumChange: 0 },
      byAudience: [],
      byDistrict: [],
    };
    if (r.dim === "all") st.all = figures;
    else if (r.dim === "audience") st.byAudience.push({ audience: r.k as Audience, ...figures });
    else st.byDistrict.push({ districtId: (r.k as string | null) ?? null, ...figures });
    statements.set(id, st);
  }
  return {
    available: true,
    statements: [...statements.values()].filter(
      (s) => s.all.answersBefore + s.all.answersAfter > 0,
    ),
  };
}

export function mean(sum: number, count: number): number | null {
  return count > 0 ? sum / count : null;
}

// ── E-learning ──────────────────────────────────────────────────────────────

export interface LearningFigures {
  enrolled: number;
  completed: number;
  attempts: number;
  passes: number;
}

export interface LearningReach {
  totals: LearningFigures & { organisationsReached: number };
  districts: ({ districtId: string | null; organisationsReached: number } & LearningFigures)[];
  organisations: ({ id: string; name: string; districtId: string | null } & LearningFigures)[];
}

export const LEARNING_NOT_IN_PROGRAMME =
  "E-learning is part of the programmes that work with VCSE organisations (those with a target or an offering for VCSE staff). This programme has neither, so its e-learning is counted on theirs.";

/** Whether a programme's dashboard counts e-learning: it works with VCSE staff (a target or an offering for them). */
async function programmeHasLearning(db: Queryable, programmeId: string) {
  const row = await sql<{ yes: unknown }>`
    select case when exists (select 1 from programme_targets where programme_id = ${programmeId} and audience = 'vcse_staff')
      or exists (select 1 from offerings where programme_id = ${programmeId} and audience = 'vcse_staff') then 1 else 0 end as yes`.execute(
    db,
  );
  return n(row.rows[0]?.yes) === 1;
}

/**
 * The SQL for "this enrolment is complete", as getCompletion has it: the enrolment, its learner and
 * its module version exist and it has a completion time. Used by the reach query; a test checks it
 * against getCompletion enrolment by enrolment.
 */
export function completedInPeriod(fromUtc: string, toUtc: string) {
  return sql`(e.completed_at is not null and e.completed_at >= ${fromUtc} and e.completed_at < ${toUtc})`;
}

/** Organisations reached, learners enrolled and completed, attempts and passes: in all, by district, by organisation. */
export async function learningReach(
  db: Queryable,
  f: ReportFilters,
  scope: ReportScope,
): Promise<Section<LearningReach>> {
  if (!(await programmeHasLearning(db, f.programmeId)))
    return { available: false, reason: LEARNING_NOT_IN_PROGRAMME };
  const { fromUtc, toUtc } = utcRange(f.period);
  const orgFilter = sql.join(
    [
      sql`o.kind in ('vcse', 'setting')`,
      ...(f.districtId ? [sql`o.district_id = ${f.districtId}`] : []),
      // VCSE organisations' people are VCSE staff; schools' are teachers and school staff.
      ...(f.audience
        ? [sql`(case o.kind when 'vcse' then 'vcse_staff' else 'teachers' end) = ${f.audience}`]
        : []),
      ...(scope.kind === "settings" ? [sql`o.id in ${inList(scope.settingIds)}`] : []),
      ...(scope.kind === "organisations" ? [sql`o.id in ${inList(scope.organisationIds)}`] : []),
    ],
    sql` and `,
  );
  const key = sql`case dims.dim when 'organisation' then per.org_id when 'district' then per.district_id else null end`;
  const rows = await sql<Record<string, unknown>>`
    with lorg as (
      select distinct m.user_id, o.id as org_id, o.district_id
      from memberships m join organisations o on o.id = m.organisation_id
      where ${orgFilter}
    ),
    ue as (
      select e.user_id,
        max(case when e.enrolled_at >= ${fromUtc} and e.enrolled_at < ${toUtc} then 1 else 0 end) as enrolled,
        max(case when ${completedInPeriod(fromUtc, toUtc)} then 1 else 0 end) as completed
      from learning_enrolments e
      join users u on u.id = e.user_id
      join learning_module_versions v on v.id = e.version_id
      where e.user_id in (select user_id from lorg)
      group by e.user_id
    ),
    ua as (
      select e.user_id, count(*) as attempts, sum(case when a.passed = 1 then 1 else 0 end) as passes
      from learning_quiz_attempts a join learning_enrolments e on e.id = a.enrolment_id
      where a.submitted_at >= ${fromUtc} and a.submitted_at < ${toUtc} and e.user_id in (select user_id from lorg)
      group by e.user_id
    ),
    per as (
      select lorg.org_id, lorg.district_id, lorg.user_id, coalesce(ue.enrolled, 0) as enrolled, coalesce(ue.completed, 0) as completed,
        coalesce(ua.attempts, 0) as attempts, coalesce(ua.passes, 0) as passes
      from lorg left join ue on ue.user_id = lorg.user_id left join ua on ua.user_id = lorg.user_id
      where coalesce(ue.enrolled, 0) + coalesce(ue.completed, 0) + coalesce(ua.attempts, 0) > 0
    ),
    dims as (select 'all' as dim union all select 'district' union all select 'organisation'),
    -- Each learner once per group (a learner in two organisations of one district counts once there).
    keyed as (
      select dims.dim as dim, ${key} as k, per.user_id, max(per.enrolled) as enrolled, max(per.completed) as completed,
        max(per.attempts) as attempts, max(per.passes) as passes
      from per cross join dims
      group by dims.dim, ${key}, per.user_id
    ),
    reach as (
      select dims.dim as dim, ${key} as k, count(distinct case when per.enrolled = 1 then per.org_id end) as orgs
      from per cross join dims
      group by dims.dim, ${key}
    ),
    grouped as (
      select dim, k, sum(enrolled) as enrolled, sum(completed) as completed, sum(attempts) as attempts, sum(passes) as passes
      from keyed group by dim, k
    )
    select g.dim, g.k, g.enrolled, g.completed, g.attempts, g.passes, reach.orgs, oo.name, oo.district_id as org_district
    from grouped g
    join reach on reach.dim = g.dim and (reach.k = g.k or (reach.k is null and g.k is null))
    left join organisations oo on g.dim = 'organisation' and oo.id = g.k
    order by g.dim, oo.name`.execute(db);
  const out: LearningReach = {
    totals: { enrolled: 0, completed: 0, attempts: 0, passes: 0, organisationsReached: 0 },
    districts: [],
    organisations: [],
  };
  for (const r of rows.rows) {
    const figures = {
      enrolled: n(r.enrolled),
      completed: n(r.completed),
      attempts: n(r.attempts),
      passes: n(r.passes),
    };
    if (r.dim === "all") out.totals = { ...figures, organisationsReached: n(r.orgs) };
    else if (r.dim === "district")
      out.districts.push({
        districtId: (r.k as string | null) ?? null,
        organisationsReached: n(r.orgs),
        ...figures,
      });
    else
      out.organisations.push({
        id: String(r.k),
        name: String(r.name),
        districtId: (r.org_district as string | null) ?? null,
        ...figures,
      });
  }
  return { available: true, ...out };
}

// ── Safeguarding ────────────────────────────────────────────────────────────

export const SAFEGUARDING_NOT_FOR_ORGANISATIONS =
  "Safeguarding concerns are recorded at sessions, not against an organisation's staff, so they are not counted for one organisation.";

export const SAFEGUARDING_FOR_CLEARED_STAFF =
  "Safeguarding counts are shown only to staff with safeguarding clearance.";

export interface SafeguardingCount {
  kind: "concern" | "referral";
  /** sos_121, school_dsl, mash, mace; "none" for a concern not passed on. */
  destination: string;
  districtId: string | null;
  count: number;
}

/** How many sessions held in the period each district's safeguarding figures come from. */
export interface SessionsInDistrict {
  districtId: string | null;
  sessions: number;
}

/**
 * Concerns and referrals by kind, destination and the session's district: counts only. With them,
 * the sessions each district's figures come from, so published figures from too few sessions are
 * withheld (decision 072).
 */
export async function safeguardingCounts(
  db: Queryable,
  f: ReportFilters,
  scope: ReportScope,
): Promise<Section<{ counts: SafeguardingCount[]; sessions: SessionsInDistrict[] }>> {
  if (scope.kind === "organisations")
    return { available: false, reason: SAFEGUARDING_NOT_FOR_ORGANISATIONS };
  if (!scope.safeguardingCleared)
    return { available: false, reason: SAFEGUARDING_FOR_CLEARED_STAFF };
  const rows = await sql<{
    kind: "concern" | "referral";
    destination: string;
    district_id: string | null;
    n: unknown;
  }>`
    with sess as (${sessionsInPeriod(f, scope, { status: "held" })})
    select r.kind, coalesce(r.destination, 'none') as destination, sess.district_id, count(*) as n
    from safeguarding_records r join sess on sess.id = r.session_id
    group by r.kind, coalesce(r.destination, 'none'), sess.district_id`.execute(db);
  const sessions = await sql<{ district_id: string | null; n: unknown }>`
    with sess as (${sessionsInPeriod(f, scope, { status: "held" })})
    select sess.district_id, count(*) as n from sess group by sess.district_id`.execute(db);
  return {
    available: true,
    counts: rows.rows.map((r) => ({
      kind: r.kind,
      destination: r.destination,
      districtId: r.district_id,
      count: n(r.n),
    })),
    sessions: sessions.rows.map((r) => ({ districtId: r.district_id, sessions: n(r.n) })),
  };
}
