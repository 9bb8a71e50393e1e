import { audit } from "~/audit/audit.server";
import type { Queryable } from "~/db/db.server";
import { tableCsv } from "~/reports/csv.server";
import { suppressedCells } from "~/reports/export-suppression";
import { csvResponse } from "~/utils/csv.server";
import { periodsOf, resolvePeriod, utcRange, type Period } from "~/reports/periods";
import type { Table } from "~/reports/tables";
import { now } from "~/utils/clock.server";
import { londonParts, londonToday } from "~/utils/dates";
import { daysBetween, median, pairedChange, percent, REFERRAL_SOURCES, round2 } from "./rules";

// Casework figures for the reports and the quarterly return: referrals by source and outcome,
// caseload, time to decision and to first contact, contacts per case, assessment change per
// characteristic (first against latest, paired, with N) and outcomes at closure against the
// programme's targets. Counts only — no names, no notes — and always suppressed (decision 083):
// the figures are about a few dozen named children, so the page shows what an export would.
//
// Casework is small (tens to a few hundred cases a year), so the rows in scope are read with the
// filters in SQL and the figures worked out in plain code here, where they are easy to check.

export interface CaseworkFilters {
  programmeId: string | null;
  period: Period;
  districtId: string | null;
}

export interface CaseworkFigures {
  referrals: { source: string; status: string; count: number }[];
  programmes: {
    id: string;
    name: string;
    targetYoungPeople: number | null;
    targets: { exited: number | null; lowerRisk: number | null; eet: number | null };
    supported: number;
    caseloadAtEnd: number;
    opened: number;
    decisions: number[];
    firstContacts: number[];
    attendedContacts: number;
    closed: number;
    exited: number;
    lowerRisk: number;
    eet: number;
  }[];
  assessments: {
    label: string;
    n: number;
    firstMean: number | null;
    latestMean: number | null;
    change: number | null;
  }[];
}

const dayOf = (iso: string) => londonParts(iso).date;

/** The filters a URL names; the period runs over the casework programmes' span (or the last two years up to today). */
export async function caseworkFilters(db: Queryable, url: URL) {
  const programmes = await db
    .selectFrom("casework_programmes")
    .select(["id", "name", "starts_on", "ends_on"])
    .orderBy("name")
    .execute();
  const districts = await db
    .selectFrom("districts")
    .select(["id", "name"])
    .where("valid_to", "is", null)
    .orderBy("name")
    .execute();
  const programmeId =
    programmes.find((p) => p.id === url.searchParams.get("programme"))?.id ?? null;
  const districtId = districts.find((d) => d.id === url.searchParams.get("district"))?.id ?? null;
  const span = await caseworkSpan(db, programmes, programmeId);
  const { years, quarters, all } = periodsOf(span.from, span.to);
  const period = resolvePeriod(url.searchParams.get("period"), span.from, span.to);
  return {
    filters: { programmeId, period, districtId } satisfies CaseworkFilters,
    programmes,
    districts,
    periods: [all, ...years, ...quarters],
  };
}

async function caseworkSpan(
  db: Queryable,
  programmes: { id: string; starts_on: string | null; ends_on: string | null }[],
  programmeId: string | null,
) {
  const today = londonToday(now());
  const chosen = programmes.filter((p) => !programmeId || p.id === programmeId);
  const first = await db
    .selectFrom("casework_referrals")
    .select((eb) => eb.fn.min("created_at").as("first"))
    .executeTakeFirst();
  const starts = [
    ...chosen.map((p) => p.starts_on).filter((d): d is string => !!d),
    ...(first?.first ? [dayOf(first.first as string)] : []),
  ].sort();
  const ends = chosen
    .map((p) => p.ends_on)
    .filter((d): d is string => !!d)
    .sort();
  const from = starts[0] ?? today;
  const to = [today, ...(ends.length ? [ends.at(-1)!] : [])].sort().at(-1)!;
  return { from: from < to ? from : to, to };
}

export async function caseworkFigures(db: Queryable, f: CaseworkFilters): Promise<CaseworkFigures> {
  const { fromUtc, toUtc } = utcRange(f.period);
  const from = f.period.from;
  const to = f.period.to;
  const inScope = <T extends { programme_id: string; district_id: string | null }>(rows: T[]) =>
    rows.filter(
      (r) =>
        (!f.programmeId || r.programme_id === f.programmeId) &&
        (!f.districtId || r.district_id === f.districtId),
    );

  const referrals = inScope(
    await db
      .selectFrom("casework_referrals as r")
      .leftJoin("organisations as s", "s.id", "r.school_id")
      .select([
        "r.programme_id",
        "s.district_id",
        "r.source",
        "r.status",
        "r.created_at",
        "r.decided_at",
      ])
      .execute(),
  );
  const referralCounts = new Map<string, number>();
  for (const r of referrals) {
    if (r.created_at < fromUtc || r.created_at >= toUtc) continue;
    const key = `${r.source}|${r.status}`;
    referralCounts.set(key, (referralCounts.get(key) ?? 0) + 1);
  }

  const cases = inScope(
    await db
      .selectFrom("casework_cases as c")
      .innerJoin("casework_referrals as r", "r.id", "c.referral_id")
      .leftJoin("organisations as s", "s.id", "r.school_id")
      .select([
        "c.id",
        "c.programme_id",
        "s.district_id",
        "c.opened_at",
        "c.closed_at",
        "c.first_contact_at",
        "c.outcome_exited",
        "c.outcome_risk",
        "c.outcome_eet",
        "r.created_at as referred_at",
        "r.decided_at",
      ])
      .execute(),
  );
  // Supported in the period: opened (consent given) on or before its end, not closed before its start.
  const supported = cases.filter(
    (c) => c.opened_at && c.opened_at < toUtc && (!c.closed_at || c.closed_at >= fromUtc),
  );
  const supportedIds = new Set(supported.map((c) => c.id));
  const contacts = supported.length
    ? await db
        .selectFrom("casework_contacts")
        .select(["case_id", "contact_on"])
        .where("outcome", "=", "attended")
        .where("contact_on", ">=", from)
        .where("contact_on", "<=", to)
        .execute()
    : [];
  const assessments = supported.length
    ? await db
        .selectFrom("casework_assessments as a")
        .innerJoin("casework_assessment_scores as s", "s.assessment_id", "a.id")
        .innerJoin("casework_assessment_items as i", "i.id", "s.item_id")
        .select([
          "a.id",
          "a.case_id",
          "a.taken_on",
          "a.created_at",
          "i.label",
          "i.position",
          "s.score",
        ])
        .where("a.taken_on", "<=", to)
        .execute()
    : [];

  const programmes = await db
    .selectFrom("casework_programmes")
    .selectAll()
    .orderBy("name")
    .execute();
  const byProgramme = programmes
    .filter((p) => !f.programmeId || p.id === f.programmeId)
    .map((p) => {
      const mine = cases.filter((c) => c.programme_id === p.id);
      const sup = mine.filter((c) => supportedIds.has(c.id));
      const closed = mine.filter(
        (c) => c.closed_at && c.opened_at && c.closed_at >= fromUtc && c.closed_at < toUtc,
      );
      const inPeriodDay = (d: string | null) => !!d && d >= from && d <= to;
      return {
        id: p.id,
        name: p.name,
        targetYoungPeople: p.target_young_people,
        targets: {
          exited: p.target_exited_percent,
          lowerRisk: p.target_lower_risk_percent,
          eet: p.target_eet_percent,
        },
        supported: sup.length,
        caseloadAtEnd: sup.filter((c) => !c.closed_at || c.closed_at >= toUtc).length,
        opened: sup.filter((c) => c.opened_at! >= fromUtc).length,
        decisions: referrals
          .filter(
            (r) =>
              r.programme_id === p.id &&
              r.decided_at &&
              r.decided_at >= fromUtc &&
              r.decided_at < toUtc,
          )
          .map((r) => daysBetween(dayOf(r.created_at), dayOf(r.decided_at!))),
        firstContacts: mine
          .filter((c) => inPeriodDay(c.first_contact_at))
          .map((c) => daysBetween(dayOf(c.referred_at), c.first_contact_at!)),
        attendedContacts: contacts.filter((k) => sup.some((c) => c.id === k.case_id)).length,
        closed: closed.length,
        exited: closed.filter((c) => c.outcome_exited === 1).length,
        lowerRisk: closed.filter((c) => c.outcome_risk === "lower").length,
        eet: closed.filter((c) => c.outcome_eet === 1).length,
      };
    });

  // Paired change by characteristic label (programmes may share a label; a case pairs only with itself).
  const byAssessment = new Map<
    string,
    { caseId: string; takenOn: string; createdAt: string; scores: Record<string, number> }
  >();
  const labels = new Map<string, number>();
  for (const a of assessments) {
    if (!supportedIds.has(a.case_id)) continue;
    const entry = byAssessment.get(a.id) ?? {
      caseId: a.case_id,
      takenOn: a.taken_on,
      createdAt: a.created_at,
      scores: {},
    };
    entry.scores[a.label] = a.score;
    byAssessment.set(a.id, entry);
    labels.set(a.label, Math.min(labels.get(a.label) ?? 99, a.position));
  }
  const ordered = [...labels.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([l]) => l);
  const change = pairedChange([...byAssessment.values()], ordered).map((c) => ({
    label: c.itemId,
    n: c.n,
    firstMean: c.firstMean,
    latestMean: c.latestMean,
    change: c.change,
  }));

  return {
    referrals: [...referralCounts.entries()].map(([key, count]) => {
      const [source, status] = key.split("|");
      return { source: source!, status: status!, count };
    }),
    programmes: byProgramme,
    assessments: change,
  };
}

const STATUSES = [
  { key: "pending", label: "Waiting" },
  { key: "accepted", label: "Accepted" },
  { key: "declined", label: "Declined" },
  { key: "signposted", label: "Signposted" },
];

/** The figures as report tables (the model app/reports uses for pages, CSVs and the return). */
export function caseworkTables(fig: CaseworkFigures): Table[] {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const count = (source: string, status: string) =>
    fig.referrals.find((r) => r.source === source && r.status === status)?.count ?? 0;
  const referrals: Table = {
    id: "casework-referrals",
    title: "1-2-1 referrals by source and outcome",
    columns: [
      { key: "source", label: "Referred by" },
      ...STATUSES.map((s) => ({
        key: s.key,
        label: s.label,
        people: true,
        grid: true,
        numeric: true,
      })),
      { key: "total", label: "All referrals", people: true, numeric: true },
    ],
    rows: REFERRAL_SOURCES.map((s) => ({
      key: s.value,
      cells: {
        source: s.label,
        ...Object.fromEntries(STATUSES.map((st) => [st.key, count(s.value, st.key)])),
        total: sum(STATUSES.map((st) => count(s.value, st.key))),
      },
    })),
    total: {
      source: "All sources",
      ...Object.fromEntries(
        STATUSES.map((st) => [st.key, sum(REFERRAL_SOURCES.map((s) => count(s.value, st.key)))]),
      ),
      total: sum(fig.referrals.map((r) => r.count)),
    },
    rowTotal: "total",
  };
  const caseload: Table = {
    id: "casework-caseload",
    title: "Caseload and contact",
    columns: [
      { key: "programme", label: "Programme" },
      { key: "supported", label: "Young people supported", people: true, numeric: true },
      { key: "target", label: "Target", numeric: true },
      { key: "opened", label: "New cases", people: true, numeric: true },
      { key: "caseload", label: "Open at the end", people: true, numeric: true },
      {
        key: "decision_days",
        label: "Median days to decision",
        numeric: true,
        decimals: 1,
        derivedFrom: "decided",
      },
      { key: "decided", label: "Referrals decided", people: true, numeric: true },
      {
        key: "contact_days",
        label: "Median days to first contact",
        numeric: true,
        decimals: 1,
        derivedFrom: "contacted",
      },
      { key: "contacted", label: "First contacts", people: true, numeric: true },
      {
        key: "contacts_mean",
        label: "Attended contacts per young person",
        numeric: true,
        decimals: 1,
        derivedFrom: "supported",
      },
    ],
    rows: fig.programmes.map((p) => ({
      key: p.id,
      cells: {
        programme: p.name,
        supported: p.supported,
        target: p.targetYoungPeople,
        opened: p.opened,
        caseload: p.caseloadAtEnd,
        decision_days: median(p.decisions),
        decided: p.decisions.length,
        contact_days: median(p.firstContacts),
        contacted: p.firstContacts.length,
        contacts_mean: p.supported ? round2(p.attendedContacts / p.supported) : null,
      },
    })),
  };
  const outcomes: Table = {
    id: "casework-outcomes",
    title: "Outcomes at closure against targets",
    columns: [
      { key: "programme", label: "Programme" },
      { key: "closed", label: "Cases closed", people: true, numeric: true },
      { key: "exited", label: "Exited exploitation", people: true, numeric: true },
      {
        key: "exited_percent",
        label: "Share exited",
        numeric: true,
        derivedFrom: ["exited", "closed"],
      },
      { key: "exited_target_percent", label: "Target", numeric: true },
      { key: "lower", label: "Risk lower than at the start", people: true, numeric: true },
      {
        key: "lower_percent",
        label: "Share with lower risk",
        numeric: true,
        derivedFrom: ["lower", "closed"],
      },
      { key: "lower_target_percent", label: "Target", numeric: true },
      { key: "eet", label: "In education, employment or training", people: true, numeric: true },
      {
        key: "eet_percent",
        label: "Share in education, employment or training",
        numeric: true,
        derivedFrom: ["eet", "closed"],
      },
      { key: "eet_target_percent", label: "Target", numeric: true },
    ],
    rows: fig.programmes.map((p) => ({
      key: p.id,
      cells: {
        programme: p.name,
        closed: p.closed,
        exited: p.exited,
        exited_percent: percent(p.exited, p.closed),
        exited_target_percent: p.targets.exited,
        lower: p.lowerRisk,
        lower_percent: percent(p.lowerRisk, p.closed),
        lower_target_percent: p.targets.lowerRisk,
        eet: p.eet,
        eet_percent: percent(p.eet, p.closed),
        eet_target_percent: p.targets.eet,
      },
    })),
  };
  const assessments: Table = {
    id: "casework-assessments",
    title: "Assessment change per characteristic, first against latest (paired)",
    columns: [
      { key: "characteristic", label: "Characteristic" },
      { key: "n", label: "Young people (N)", people: true, numeric: true },
      {
        key: "first_mean",
        label: "Mean at first assessment",
        numeric: true,
        decimals: 2,
        derivedFrom: "n",
      },
      {
        key: "latest_mean",
        label: "Mean at latest assessment",
        numeric: true,
        decimals: 2,
        derivedFrom: "n",
      },
      {
        key: "change",
        label: "Change in mean",
        numeric: true,
        decimals: 2,
        signed: true,
        derivedFrom: "n",
      },
    ],
    rows: fig.assessments.map((a) => ({
      key: a.label,
      cells: {
        characteristic: a.label,
        n: a.n,
        first_mean: a.firstMean,
        latest_mean: a.latestMean,
        change: a.change,
      },
    })),
  };
  return [referrals, caseload, outcomes, assessments];
}

/** A table as it may be shown anywhere: people counts suppressed, figures worked out from them withheld. */
export function suppressed(table: Table): Table {
  const { rows, total } = suppressedCells(table);
  return { ...table, rows: table.rows.map((r, i) => ({ ...r, cells: rows[i]! })), total };
}

export function caseworkCsv(table: Table): Response {
  return csvResponse(`${table.id}.csv`, tableCsv(table));
}

/** The report page's data: filters, options and the suppressed tables. */
export async function caseworkReport(db: Queryable, url: URL) {
  const { filters, programmes, districts, periods } = await caseworkFilters(db, url);
  const tables = caseworkTables(await caseworkFigures(db, filters)).map(suppressed);
  const query = new URLSearchParams({ period: filters.period.value });
  if (filters.programmeId) query.set("programme", filters.programmeId);
  if (filters.districtId) query.set("district", filters.districtId);
  return {
    filters: {
      programme: filters.programmeId ?? "",
      period: filters.period.value,
      district: filters.districtId ?? "",
    },
    period: filters.period,
    programmes: programmes.map((p) => ({ value: p.id, label: p.name })),
    districts: districts.map((d) => ({ value: d.id, label: d.name })),
    periods: periods.map((p) => ({ value: p.value, label: p.label })),
    tables,
    query: query.toString(),
  };
}

/** One table as CSV for the same filters (suppressed like every export); every export is audited. */
export async function caseworkTableCsv(
  db: Queryable,
  url: URL,
  tableId: string,
  by: { actorUserId: string; ip: string | null },
): Promise<Response | null> {
  const { filters } = await caseworkFilters(db, url);
  const table = caseworkTables(await caseworkFigures(db, filters)).find((t) => t.id === tableId);
  if (!table) return null;
  await audit(db, {
    actorUserId: by.actorUserId,
    action: "casework.report_exported",
    subjectType: "report",
    subjectId: table.id,
    ip: by.ip,
  });
  return caseworkCsv(table);
}
