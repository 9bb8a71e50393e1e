import { sql, type RawBuilder } from "kysely";
import type { Queryable } from "~/db/db.server";
import type { Audience } from "~/db/schema";
import { AUDIENCES as AUDIENCE_INFO, AUDIENCE_NAMES } from "~/sessions/audiences";
import { londonToday } from "~/utils/dates";
import { now } from "~/utils/clock.server";
import {
  monthBuckets,
  percentOf,
  periodsOf,
  proRataTarget,
  project,
  quarterBuckets,
  resolvePeriod,
  utcRange,
  type Bucket,
  type Period,
} from "./periods";
import { groupFacts, type Dim, type Figures, type GroupedRow } from "./grouping";
import { settingTypeOf, settingTypeSummary, type SettingFigures } from "./setting-types";

// The programme dashboard. Every figure is counted by the database, which sums the facts by
// audience, district, setting and month; JavaScript adds those rows up for each breakdown
// (grouping.ts) and arranges them into tables. How each figure is counted (shown
// on the page as well, see COUNTING_RULES):
//
// - Sessions delivered: sessions with status "delivered" whose start falls in the period.
// - Pupils reached: each class counts once per programme, in the period, month, district and
//   setting of its first delivered session in the programme, with the most pupils that attended
//   any of its delivered sessions up to the end of the period. A class seen three times counts its
//   pupils once; all three sessions count as sessions delivered. So months and quarters add up to
//   the year, and a return once made does not change when later sessions are recorded.
// - Teachers, parents and VCSE staff reached: registrations marked attended (booked or walk-in)
//   plus the session's count of unnamed walk-ins. Each attendance counts: someone who comes to two
//   sessions counts twice, because personal details are removed after sessions (retention) and
//   people cannot be matched reliably.
// - Settings reached: distinct settings with a delivered session in the period.

export const AUDIENCES: Audience[] = [...AUDIENCE_NAMES];

export type ReportScope =
  /**
   * safeguardingCleared: whether safeguarding counts may be shown (issue 11, finding 6): they are for
   * safeguarding-cleared staff only; a school coordinator could otherwise learn that a pupil of a
   * class they know was referred.
   */
  | { kind: "all"; safeguardingCleared?: boolean }
  /** A school coordinator: only sessions at these settings. */
  | { kind: "settings"; settingIds: string[]; safeguardingCleared?: boolean }
  /** An organisation manager: only their organisations' people at sessions. */
  | { kind: "organisations"; organisationIds: string[] };

export interface ReportFilters {
  programmeId: string;
  period: Period;
  districtId: string | null;
  audience: Audience | null;
}

export type { Figures } from "./grouping";

export interface ProgrammeRow {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
}

export const COUNTING_RULES: { figure: string; rule: string }[] = [
  {
    figure: "Sessions delivered",
    rule: "Sessions marked delivered whose start falls in the period. Cancelled, postponed and scheduled sessions do not count.",
  },
  {
    figure: "Pupils reached",
    rule: "Each class counts once per programme, in the month, quarter, district and setting of its first delivered session, with the most pupils who attended any of its sessions up to the end of the period. A class seen in three sessions counts its pupils once; all three sessions count as sessions delivered.",
  },
  {
    figure: "Teachers, parents and VCSE staff reached",
    rule: "People marked as attended (booked or walk-in) plus unnamed walk-ins. Each attendance counts: someone who comes to two sessions counts twice, because contact details are removed after sessions and people cannot be matched.",
  },
  {
    figure: "Settings reached",
    rule: "Different schools, colleges and other settings with at least one delivered session in the period.",
  },
  {
    figure: "Setting type",
    rule: "From the schools register: alternative provision (pupil referral units and AP academies) and further education (colleges, sixth form centres, 16 plus) by their type of establishment, then primary or secondary by phase. A lead can choose the type on the setting's page; that choice wins. A setting the register does not place and no lead has typed counts as Other. Shares are whole percentages that add up to 100 (largest remainder).",
  },
  {
    figure: "Targets",
    rule: "The programme's three-year targets. For a year or quarter, the target is the three-year target shared out by the number of days the period covers.",
  },
  {
    figure: "Projection",
    rule: "The figure so far, divided by the days of the period gone, times the days in the whole period: where it ends at the current pace.",
  },
  {
    figure: "Pipeline",
    rule: "Scheduled: sessions booked for a date and not yet delivered, with the pupils in their classes or the places booked. Requested: schools' requests not yet scheduled.",
  },
];

function n(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

function emptyBy(): Record<Audience, number> {
  return { pupils: 0, teachers: 0, parents: 0, vcse_staff: 0 };
}

export function inList(ids: string[]): RawBuilder<unknown> {
  // An empty scope matches nothing.
  if (!ids.length) return sql`(null)`;
  return sql`(${sql.join(ids)})`;
}

/**
 * The facts: one row per delivered session in the period, one per class first reached in it. They
 * are read from the facts tables the database keeps (migration 2026-12-07-0900, decision 141): a
 * session's people already counted, and each class's sessions together in date order. A figure
 * that comes to depend on another column needs that column in the facts tables and their triggers
 * (a new migration), or it will not follow writes.
 */
function factsCte(f: ReportFilters, scope: ReportScope) {
  const { fromUtc, toUtc } = utcRange(f.period);
  const orgs = scope.kind === "organisations";
  const factFilter = (t: string) =>
    sql.join(
      [
        sql`${sql.ref(`${t}.programme_id`)} = ${f.programmeId}`,
        sql`${sql.ref(`${t}.status`)} = 'delivered'`,
        sql`${sql.ref(`${t}.starts_at`)} < ${toUtc}`,
        ...(f.districtId ? [sql`${sql.ref(`${t}.district_id`)} = ${f.districtId}`] : []),
        ...(f.audience ? [sql`${sql.ref(`${t}.audience`)} = ${f.audience}`] : []),
        ...(scope.kind === "settings"
          ? [sql`${sql.ref(`${t}.setting_id`)} in ${inList(scope.settingIds)}`]
          : []),
      ],
      sql` and `,
    );
  // An organisation manager sees only sessions their people attended, and only those people.
  const attendedFromOrgs = orgs
    ? sql`and r.organisation_id in ${inList(scope.organisationIds)}`
    : sql``;
  return sql`
    upto as (
      select sf.session_id as id, sf.starts_at, sf.district_id, sf.setting_id, sf.audience,
        ${orgs ? sql`(select count(*) from registrations r where r.session_id = sf.session_id and r.attendance = 'attended' ${attendedFromOrgs})` : sql`sf.people`} as people
      from report_session_facts sf
      where ${factFilter("sf")}
      ${orgs ? sql`and exists (select 1 from registrations r where r.session_id = sf.session_id and r.attendance = 'attended' ${attendedFromOrgs})` : sql``}
    ),
    firsts as (
      select cf.class_id, cf.starts_at, cf.district_id, cf.setting_id, cf.audience,
        max(cf.pupils) over (partition by cf.class_id) as pupils,
        row_number() over (partition by cf.class_id order by cf.starts_at, cf.session_id) as rn
      from report_class_facts cf
      where ${factFilter("cf")} and cf.pupils is not null
      ${orgs ? sql`and cf.session_id in (select id from upto)` : sql``}
    ),
    facts0 as (
      select u.audience, u.district_id, u.setting_id, u.starts_at, 1 as sessions, u.people
      from upto u
      where u.starts_at >= ${fromUtc}
      union all
      select audience, district_id, setting_id, starts_at, 0 as sessions, pupils as people
      from firsts where rn = 1 and starts_at >= ${fromUtc} and pupils > 0
    ),
    facts as (
      select facts0.*, ${monthKey(f)} as month_key
      from facts0
    )`;
}

/**
 * The London month ('YYYY-MM') an instant falls in. London is UTC or one hour ahead, so the UTC
 * month is the London month except, at most, in the hour before midnight UTC: only instants in
 * that hour go through the exact search over the months' boundaries (bucketCase). Cutting the
 * text is far cheaper than the search, which cost a third of the dashboard's statement at scale.
 */
function monthKey(f: ReportFilters): RawBuilder<string> {
  return sql<string>`case when substr(starts_at, 12, 2) = '23' then ${bucketCase(monthBuckets(f.period.from, f.period.to))} else substr(starts_at, 1, 7) end`;
}

/**
 * A CASE that names the bucket (month or quarter, in London days) an instant falls in, nested as
 * a binary search over the buckets' UTC boundaries: about six comparisons a row for 36 months
 * rather than eighteen, and exact across British Summer Time (unlike cutting the UTC text).
 */
function bucketCase(buckets: Bucket[]): RawBuilder<string> {
  if (!buckets.length) return sql<string>`null`;
  const search = (lo: number, hi: number): RawBuilder<string> => {
    if (lo === hi) return sql<string>`${sql.lit(buckets[lo].key)}`;
    const mid = Math.floor((lo + hi + 1) / 2);
    return sql<string>`case when starts_at < ${sql.lit(utcRange(buckets[mid]).fromUtc)} then ${search(lo, mid - 1)} else ${search(mid, hi)} end`;
  };
  return search(0, buckets.length - 1);
}

export type { Dim, GroupedRow } from "./grouping";

/**
 * The facts summed in the database by audience, district, setting and London month (a few rows
 * per setting), then grouped once for each breakdown asked for (grouping.ts). With
 * `settingLimit`, only the settings that reached the most people are kept.
 */
export async function grouped(
  db: Queryable,
  f: ReportFilters,
  scope: ReportScope,
  dims: Dim[],
  options: { settingLimit?: number } = {},
): Promise<Record<Dim, GroupedRow[]>> {
  const rows = await sql<{
    audience: Audience;
    district_id: string | null;
    setting_id: string | null;
    month_key: string;
    sessions: unknown;
    people: unknown;
  }>`
    with ${factsCte(f, scope)}
    select audience, district_id, setting_id, month_key, sum(sessions) as sessions, sum(people) as people
    from facts group by audience, district_id, setting_id, month_key`.execute(db);
  return groupFacts(
    rows.rows.map((r) => ({
      audience: r.audience,
      districtId: r.district_id,
      settingId: r.setting_id,
      monthKey: r.month_key,
      sessions: n(r.sessions),
      people: n(r.people),
    })),
    dims,
    quarterBuckets(f.period.from, f.period.to),
    options,
  );
}

export function zeroFigures(): Figures {
  return { sessions: 0, people: 0, settings: 0, sessionsBy: emptyBy(), peopleBy: emptyBy() };
}

export async function listProgrammes(db: Queryable): Promise<ProgrammeRow[]> {
  return db
    .selectFrom("programmes")
    .select(["id", "name", "starts_on", "ends_on"])
    .orderBy("starts_on")
    .orderBy("name")
    .execute();
}

export async function listDistricts(db: Queryable) {
  return db
    .selectFrom("districts")
    .select(["id", "name"])
    .where("valid_to", "is", null)
    .orderBy("code")
    .execute();
}

/** The audiences and their names, from the one module that holds them (app/sessions/audiences.ts). */
export async function listAudiences(_db?: Queryable) {
  return AUDIENCE_INFO.map((a) => ({ name: a.name, label: a.label, counted_by: a.countedBy }));
}

/** Totals for a period (used for the whole dashboard's headline and the return's columns). */
export async function totalsFor(
  db: Queryable,
  f: ReportFilters,
  scope: ReportScope,
): Promise<Figures> {
  const { none } = await grouped(db, f, scope, ["none"]);
  return none[0] ?? zeroFigures();
}

export function byDistrict(
  districts: { id: string; name: string }[],
  f: ReportFilters,
  rows: GroupedRow[],
) {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out = districts
    .filter((d) => !f.districtId || d.id === f.districtId)
    .map((d) => ({
      id: d.id as string | null,
      name: d.name,
      ...(byKey.get(d.id) ?? zeroFigures()),
    }));
  const none = byKey.get(null);
  if (none) out.push({ id: null, name: "No district (online)", ...none });
  return out;
}

function byBucket(f: ReportFilters, dim: "month" | "quarter", rows: GroupedRow[]) {
  const buckets =
    dim === "month"
      ? monthBuckets(f.period.from, f.period.to)
      : quarterBuckets(f.period.from, f.period.to);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return buckets.map((b) => ({
    key: b.key,
    label: b.label,
    from: b.from,
    to: b.to,
    ...(byKey.get(b.key) ?? zeroFigures()),
  }));
}

async function bySetting(db: Queryable, rows: GroupedRow[], keepOrder = false) {
  const ids = rows.map((r) => r.key).filter((k): k is string => !!k);
  const names = ids.length
    ? await db
        .selectFrom("organisations as o")
        .leftJoin("districts as d", "d.id", "o.district_id")
        .select(["o.id", "o.name", "d.name as district"])
        .where("o.id", "in", ids)
        .execute()
    : [];
  const byId = new Map(names.map((x) => [x.id, x]));
  return rows
    .map((r) => ({
      ...r,
      id: r.key,
      name: r.key ? (byId.get(r.key)?.name ?? "Unknown setting") : "Community venues and online",
      district: r.key ? (byId.get(r.key)?.district ?? "") : "",
    }))
    .sort((a, b) =>
      keepOrder
        ? b.people - a.people || b.sessions - a.sessions
        : a.id === null
          ? 1
          : b.id === null
            ? -1
            : a.name.localeCompare(b.name),
    );
}

/**
 * The figures by setting type (the table an evaluation reports): each setting's figures from the
 * grouped rows (`each_setting`), typed by the register or a lead (setting-types.ts). Sessions and
 * people at no setting keep their own row, so the table adds up to the dashboard's totals.
 */
export async function bySettingType(db: Queryable, rows: GroupedRow[]) {
  const ids = rows.map((r) => r.key).filter((k): k is string => !!k);
  const orgs = ids.length
    ? await db
        .selectFrom("organisations")
        .select(["id", "phase", "establishment_type", "setting_type"])
        .where("id", "in", ids)
        .execute()
    : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const settings: SettingFigures[] = rows.map((r) => {
    const o = r.key ? byId.get(r.key) : undefined;
    return {
      type: r.key === null ? null : o ? settingTypeOf(o).type : "other",
      sessions: r.sessions,
      people: r.people,
    };
  });
  const unknownType = orgs.filter((o) => settingTypeOf(o).from === "unknown").length;
  return { ...settingTypeSummary(settings), unknownType };
}

/** Settings with no delivered session of the programme up to the end of the period. */
export async function settingsNotReached(db: Queryable, f: ReportFilters, scope: ReportScope) {
  if (scope.kind === "organisations") return [];
  return notReachedQuery(db, f, scope).orderBy("d.name").orderBy("o.name").execute();
}

export async function countSettingsNotReached(
  db: Queryable,
  f: ReportFilters,
  scope: ReportScope,
): Promise<number> {
  if (scope.kind === "organisations") return 0;
  const row = await notReachedQuery(db, f, scope)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  return n(row?.n);
}

function notReachedQuery(db: Queryable, f: ReportFilters, scope: ReportScope) {
  const { toUtc } = utcRange(f.period);
  let q = db
    .selectFrom("organisations as o")
    .leftJoin("districts as d", "d.id", "o.district_id")
    .select(["o.id", "o.name", "o.phase", "o.establishment_type", "d.name as district"])
    .where("o.kind", "=", "setting")
    .where("o.archived_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("delivery_sessions as s")
            .select(sql`1`.as("one"))
            .whereRef("s.setting_id", "=", "o.id")
            .where("s.programme_id", "=", f.programmeId)
            .where("s.status", "=", "delivered")
            .where("s.starts_at", "<", toUtc)
            .$if(!!f.audience, (qb) =>
              qb.where("s.offering_id", "in", (eb2) =>
                eb2.selectFrom("offerings").select("id").where("audience", "=", f.audience!),
              ),
            ),
        ),
      ),
    );
  if (f.districtId) q = q.where("o.district_id", "=", f.districtId);
  if (scope.kind === "settings")
    q = q.where("o.id", "in", scope.settingIds.length ? scope.settingIds : ["-"]);
  return q;
}

export interface PipelineRow {
  audience: Audience;
  scheduledSessions: number;
  scheduledPeople: number;
  requested: number;
  requestedPupils: number;
}

/** Scheduled sessions (with the people expected) and requests not yet scheduled, by audience. */
export async function pipeline(
  db: Queryable,
  f: ReportFilters,
  scope: ReportScope,
): Promise<PipelineRow[]> {
  const orgs = scope.kind === "organisations";
  const sessionFilter = sql.join(
    [
      sql`s.programme_id = ${f.programmeId}`,
      sql`s.status = 'scheduled'`,
      ...(f.districtId ? [sql`s.district_id = ${f.districtId}`] : []),
      ...(f.audience ? [sql`s.audience = ${f.audience}`] : []),
      ...(scope.kind === "settings" ? [sql`s.setting_id in ${inList(scope.settingIds)}`] : []),
      ...(orgs
        ? [
            sql`exists (select 1 from registrations rr where rr.session_id = s.session_id and rr.status = 'confirmed' and rr.organisation_id in ${inList(scope.organisationIds)})`,
          ]
        : []),
    ],
    sql` and `,
  );
  const scheduled = await sql<{ audience: Audience; sessions: unknown; people: unknown }>`
    -- From the session facts the database keeps (decision 141); each session's classes and places
    -- counted by an index lookup as it is read, rather than grouped for all sessions and joined.
    select s.audience, count(*) as sessions,
      sum(
        (select coalesce(sum(c.pupil_count), 0) from session_classes sc join classes c on c.id = sc.class_id where sc.session_id = s.session_id)
        + (select count(*) from registrations r where r.session_id = s.session_id and r.status = 'confirmed'
            ${orgs ? sql`and r.organisation_id in ${inList(scope.organisationIds)}` : sql``})
      ) as people
    from report_session_facts s where ${sessionFilter}
    group by s.audience`.execute(db);
  const requested = orgs
    ? { rows: [] as { audience: Audience; requests: unknown; pupils: unknown }[] }
    : await sql<{ audience: Audience; requests: unknown; pupils: unknown }>`
    select o.audience, count(*) as requests,
      sum((select coalesce(sum(c.pupil_count), 0) from booking_request_classes brc join classes c on c.id = brc.class_id where brc.booking_request_id = br.id)) as pupils
    from booking_requests br
    join offerings o on o.id = br.offering_id
    join organisations st on st.id = br.setting_id
    where ${sql.join(
      [
        sql`o.programme_id = ${f.programmeId}`,
        sql`br.status = 'requested'`,
        ...(f.districtId ? [sql`st.district_id = ${f.districtId}`] : []),
        ...(f.audience ? [sql`o.audience = ${f.audience}`] : []),
        ...(scope.kind === "settings" ? [sql`br.setting_id in ${inList(scope.settingIds)}`] : []),
      ],
      sql` and `,
    )}
    group by o.audience`.execute(db);
  return AUDIENCES.filter((a) => !f.audience || a === f.audience).map((a) => {
    const s = scheduled.rows.find((r) => r.audience === a);
    const r = requested.rows.find((x) => x.audience === a);
    return {
      audience: a,
      scheduledSessions: n(s?.sessions),
      scheduledPeople: n(s?.people),
      requested: n(r?.requests),
      requestedPupils: n(r?.pupils),
    };
  });
}

export interface AudienceSummary {
  audience: Audience;
  label: string;
  sessions: number;
  people: number;
  /** Targets for the chosen period (pro rata), and for the whole programme. */
  sessionsTarget: number | null;
  peopleTarget: number | null;
  programmeSessionsTarget: number | null;
  programmePeopleTarget: number | null;
  sessionsPercent: number | null;
  peoplePercent: number | null;
  sessionsProjected: number | null;
  peopleProjected: number | null;
}

export async function targetsOf(db: Queryable, programmeId: string) {
  return db
    .selectFrom("programme_targets")
    .select(["audience", "sessions_target", "people_target"])
    .where("programme_id", "=", programmeId)
    .execute();
}

export function audienceSummaries(
  totals: Figures,
  targets: { audience: Audience; sessions_target: number; people_target: number }[],
  labels: { name: Audience; label: string }[],
  period: Period,
  programme: { starts_on: string; ends_on: string },
  today: string,
  withTargets: boolean,
  only: Audience | null,
): AudienceSummary[] {
  const prog = { from: programme.starts_on, to: programme.ends_on };
  return labels
    .filter((l) => (only ? l.name === only : true))
    .filter(
      (l) => only || targets.some((t) => t.audience === l.name) || totals.sessionsBy[l.name] > 0,
    )
    .map((l) => {
      const t = withTargets ? targets.find((x) => x.audience === l.name) : undefined;
      const sessions = totals.sessionsBy[l.name];
      const people = totals.peopleBy[l.name];
      const sessionsTarget = t ? proRataTarget(t.sessions_target, period, prog) : null;
      const peopleTarget = t ? proRataTarget(t.people_target, period, prog) : null;
      return {
        audience: l.name,
        label: l.label,
        sessions,
        people,
        sessionsTarget,
        peopleTarget,
        programmeSessionsTarget: t?.sessions_target ?? null,
        programmePeopleTarget: t?.people_target ?? null,
        sessionsPercent: sessionsTarget ? percentOf(sessions, sessionsTarget) : null,
        peoplePercent: peopleTarget ? percentOf(people, peopleTarget) : null,
        sessionsProjected: project(sessions, period, today).projected,
        peopleProjected: project(people, period, today).projected,
      };
    });
}

export interface DashboardInput {
  programmeId?: string | null;
  period?: string | null;
  districtId?: string | null;
  audience?: Audience | null;
}

/**
 * The programme a dashboard opens on when the URL names none (issue 12, item 12: a VCSE manager's
 * opened on SOS+, all zeros). Leads see every programme and get the first. A school coordinator
 * gets the programme with the most sessions and requests at their school; an organisation manager
 * the one their people have booked or attended most — or, before anyone has, the one that works
 * with their kind of organisation (VCSE staff for a VCSE, school staff for a school).
 */
export async function ownProgramme(
  db: Queryable,
  programmes: ProgrammeRow[],
  scope: ReportScope,
): Promise<ProgrammeRow | null> {
  if (!programmes.length) return null;
  if (scope.kind === "all") return programmes[0];
  const ids = scope.kind === "settings" ? scope.settingIds : scope.organisationIds;
  if (!ids.length) return programmes[0];
  const counts =
    scope.kind === "settings"
      ? await sql<{ programme_id: string; n: unknown }>`
          select programme_id, count(*) as n from (
            select s.programme_id from delivery_sessions s where s.setting_id in ${inList(ids)}
            union all
            select o.programme_id from booking_requests r join offerings o on o.id = r.offering_id where r.setting_id in ${inList(ids)}
          ) x group by programme_id`.execute(db)
      : await sql<{ programme_id: string; n: unknown }>`
          select s.programme_id, count(*) as n
          from registrations r join delivery_sessions s on s.id = r.session_id
          where r.organisation_id in ${inList(ids)} and r.status <> 'cancelled'
          group by s.programme_id`.execute(db);
  const score = new Map(counts.rows.map((r) => [r.programme_id, n(r.n)]));
  const busiest = programmes.reduce<ProgrammeRow | null>(
    (best, p) => ((score.get(p.id) ?? 0) > (best ? (score.get(best.id) ?? 0) : 0) ? p : best),
    null,
  );
  if (busiest) return busiest;
  // Nobody from here has taken part yet: the programme for people like them (a target or an offering).
  const kinds = await db
    .selectFrom("organisations")
    .select("kind")
    .distinct()
    .where("id", "in", ids)
    .execute();
  const audiences: Audience[] = kinds.flatMap((k): Audience[] =>
    k.kind === "vcse" ? ["vcse_staff"] : k.kind === "setting" ? ["pupils", "teachers"] : [],
  );
  if (!audiences.length) return programmes[0];
  const fitting = await db
    .selectFrom("programmes")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("programme_targets")
            .select("id")
            .whereRef("programme_targets.programme_id", "=", "programmes.id")
            .where("programme_targets.audience", "in", audiences),
        ),
        eb.exists(
          eb
            .selectFrom("offerings")
            .select("id")
            .whereRef("offerings.programme_id", "=", "programmes.id")
            .where("offerings.audience", "in", audiences),
        ),
      ]),
    )
    .execute();
  const fits = new Set(fitting.map((f) => f.id));
  return programmes.find((p) => fits.has(p.id)) ?? programmes[0];
}

/** Resolves the URL's filters against what exists; unknown values fall back to the defaults. */
export async function resolveFilters(
  db: Queryable,
  input: DashboardInput,
  scope: ReportScope = { kind: "all" },
) {
  const [programmes, districts, audiences] = await Promise.all([
    listProgrammes(db),
    listDistricts(db),
    listAudiences(db),
  ]);
  const programme =
    programmes.find((p) => p.id === input.programmeId) ??
    (await ownProgramme(db, programmes, scope));
  if (!programme)
    return { programme: null, programmes, districts, audiences, filters: null, periods: null };
  const period = resolvePeriod(input.period, programme.starts_on, programme.ends_on);
  const filters: ReportFilters = {
    programmeId: programme.id,
    period,
    districtId: districts.some((d) => d.id === input.districtId) ? input.districtId! : null,
    audience: audiences.some((a) => a.name === input.audience) ? input.audience! : null,
  };
  return {
    programme,
    programmes,
    districts,
    audiences,
    filters,
    periods: periodsOf(programme.starts_on, programme.ends_on),
  };
}

export type Dashboard = NonNullable<Awaited<ReturnType<typeof getDashboard>>>;

/** Everything the dashboard shows, for one scope and set of filters. */
/** The dashboard shows the top settings; the schools page and the exports show all of them. */
export const TOP_SETTINGS = 10;

export async function getDashboard(
  db: Queryable,
  scope: ReportScope,
  input: DashboardInput,
  options: { full?: boolean } = {},
) {
  const base = await resolveFilters(db, input, scope);
  if (!base.programme || !base.filters) return { ...base, data: null };
  const f = base.filters;
  const today = londonToday(now());
  const full = options.full || scope.kind !== "all";
  const g = await grouped(
    db,
    f,
    scope,
    scope.kind === "all"
      ? ["none", "district", "setting", "each_setting", "month", "quarter"]
      : ["none", "setting", "each_setting", "month", "quarter"],
    {
      settingLimit: full ? undefined : TOP_SETTINGS,
    },
  );
  const totals = g.none[0] ?? zeroFigures();
  const districts = scope.kind === "all" ? byDistrict(base.districts, f, g.district) : [];
  const months = byBucket(f, "month", g.month);
  const quarters = byBucket(f, "quarter", g.quarter);
  const [targets, settings, settingTypes, notReached, notReachedCount, pipe] = await Promise.all([
    targetsOf(db, f.programmeId),
    bySetting(db, g.setting, !full),
    bySettingType(db, g.each_setting),
    full ? settingsNotReached(db, f, scope) : Promise.resolve([]),
    countSettingsNotReached(db, f, scope),
    pipeline(db, f, scope),
  ]);
  const summaries = audienceSummaries(
    totals,
    targets,
    base.audiences,
    f.period,
    base.programme,
    today,
    scope.kind === "all" && !f.districtId,
    f.audience,
  );
  return {
    ...base,
    data: {
      today,
      totals,
      summaries,
      districts,
      settings,
      settingTypes,
      settingsComplete: full,
      notReached,
      notReachedCount,
      months,
      quarters,
      pipeline: pipe,
    },
  };
}
