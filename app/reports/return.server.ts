import type { Queryable } from "~/db/db.server";
import type { Audience } from "~/db/schema";
import { now } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import { toCsv } from "~/utils/csv.server";
import { suppressedCells } from "./export-suppression";
import {
  bySettingType,
  byDistrict,
  grouped,
  listAudiences,
  listDistricts,
  listProgrammes,
  targetsOf,
  zeroFigures,
  type Figures,
  type ReportFilters,
} from "./dashboard.server";
import { settingTypesTable } from "./setting-types";
import { feedbackTables, learningDistrictTable, safeguardingTable } from "./outcome-tables";
import { feedbackOutcomes, learningReach, safeguardingCounts } from "./outcomes.server";
import type { CellValue, Table } from "./tables";
import { periodsOf, proRataTarget, yearPeriod, type Period } from "./periods";
import { shownText, suppressTable, type ShownCell } from "./suppression";
import { caseworkFigures, caseworkTables } from "~/casework/reports.server";

// The quarterly monitoring return for the commissioner: outputs (sessions, people, settings) by
// audience for the quarter, the financial year to the end of the quarter, and the programme to
// date against the three-year target; the quarter by district; outcomes for the quarter — feedback
// change by statement, audience and district, e-learning reach, safeguarding counts — as the very
// tables the dashboard exports for that quarter. It leaves the programme, so counts of people are
// suppressed (see suppression.ts), exactly as in the dashboard's CSVs.

export interface ReturnSpan {
  key: "quarter" | "year" | "cumulative";
  label: string;
  period: Period;
  targetLabel: string;
}

export interface ReturnAudienceRow {
  audience: Audience;
  label: string;
  spans: Record<
    ReturnSpan["key"],
    {
      sessions: number;
      people: number;
      settings: number;
      sessionsTarget: number | null;
      peopleTarget: number | null;
    }
  >;
}

export interface ReturnOutcomes {
  feedback: Table[];
  learning: Table | null;
  safeguarding: Table | null;
  /** 1-2-1 support and mentoring, every casework programme, for the quarter (app/casework). */
  casework: Table[];
  /** Sections with nothing to show, and why. */
  unavailable: { section: string; reason: string }[];
}

export interface ReturnData {
  programme: { id: string; name: string; starts_on: string; ends_on: string };
  quarter: Period;
  quarters: Period[];
  spans: ReturnSpan[];
  audiences: ReturnAudienceRow[];
  totals: Record<ReturnSpan["key"], { sessions: number; people: number; settings: number }>;
  districts: ({ id: string | null; name: string } & Figures)[];
  districtAudiences: { name: Audience; label: string }[];
  /** The table an evaluation reports, for each span: settings, sessions and people by setting type. */
  settingTypes: Table[];
  outcomes: ReturnOutcomes;
  preparedOn: string;
}

/** The return for a programme and quarter (the latest quarter that has begun when none is given). */
export async function getReturn(
  db: Queryable,
  input: { programmeId?: string | null; quarter?: string | null },
): Promise<ReturnData | null> {
  const programmes = await listProgrammes(db);
  const programme = programmes.find((p) => p.id === input.programmeId) ?? programmes[0];
  if (!programme) return null;
  const today = londonToday(now());
  const { quarters } = periodsOf(programme.starts_on, programme.ends_on);
  const started = quarters.filter((q) => q.from <= today);
  const quarter = quarters.find((q) => q.value === input.quarter) ?? started.at(-1) ?? quarters[0];
  const startYear = Number(quarter.value.split("-")[1]);
  const fy = yearPeriod(startYear);
  const prog = { from: programme.starts_on, to: programme.ends_on };
  const yearToDate: Period = {
    value: `fy-${startYear}`,
    label: `${fy.label} to date`,
    from: fy.from < prog.from ? prog.from : fy.from,
    to: quarter.to,
  };
  const cumulative: Period = {
    value: "all",
    label: "Programme to date",
    from: prog.from,
    to: quarter.to,
  };
  const spans: ReturnSpan[] = [
    {
      key: "quarter",
      label: `This quarter, ${quarter.label.replace(/ \(.*\)$/, "")}`,
      period: quarter,
      targetLabel: "Target for the quarter",
    },
    {
      key: "year",
      label: `${fy.label} to the end of the quarter`,
      period: yearToDate,
      targetLabel: "Target for the year",
    },
    {
      key: "cumulative",
      label: "Programme to date",
      period: cumulative,
      targetLabel: "Three-year target",
    },
  ];
  const [audiences, districts, targets] = await Promise.all([
    listAudiences(db),
    listDistricts(db),
    targetsOf(db, programme.id),
  ]);
  // The return is made by programme leads for the commissioner, its figures suppressed for publication.
  const scope = { kind: "all", safeguardingCleared: true } as const;
  const filters = (period: Period): ReportFilters => ({
    programmeId: programme.id,
    period,
    districtId: null,
    audience: null,
  });
  const [q, y, c] = await Promise.all([
    grouped(db, filters(quarter), scope, ["none", "audience", "district", "each_setting"]),
    grouped(db, filters(yearToDate), scope, ["none", "audience", "each_setting"]),
    grouped(db, filters(cumulative), scope, ["none", "audience", "each_setting"]),
  ]);
  const settingTypes = await Promise.all(
    spans.map(async (span) =>
      settingTypesTable(
        await bySettingType(db, { quarter: q, year: y, cumulative: c }[span.key].each_setting),
        `setting-types-${span.key}`,
        `By type of setting: ${span.label.replace(/^This quarter, /, "this quarter, ")}`,
      ),
    ),
  );
  const bySpan = { quarter: q, year: y, cumulative: c };
  // The year's target is for the whole financial year (clipped to the programme).
  const fyClipped = {
    from: fy.from < prog.from ? prog.from : fy.from,
    to: fy.to > prog.to ? prog.to : fy.to,
  };
  const targetPeriod = { quarter, year: fyClipped, cumulative: prog };
  const used = audiences.filter(
    (a) =>
      targets.some((t) => t.audience === a.name) ||
      (c.audience.find((r) => r.key === a.name)?.sessions ?? 0) > 0,
  );
  const rows: ReturnAudienceRow[] = used.map((a) => {
    const t = targets.find((x) => x.audience === a.name);
    const spanOf = (key: ReturnSpan["key"]) => {
      const r = bySpan[key].audience.find((x) => x.key === a.name) ?? zeroFigures();
      return {
        sessions: r.sessions,
        people: r.people,
        settings: r.settings,
        sessionsTarget: t
          ? key === "cumulative"
            ? t.sessions_target
            : proRataTarget(t.sessions_target, targetPeriod[key], prog)
          : null,
        peopleTarget: t
          ? key === "cumulative"
            ? t.people_target
            : proRataTarget(t.people_target, targetPeriod[key], prog)
          : null,
      };
    };
    return {
      audience: a.name,
      label: a.label,
      spans: { quarter: spanOf("quarter"), year: spanOf("year"), cumulative: spanOf("cumulative") },
    };
  });
  const total = (g: typeof q) => {
    const r = g.none[0] ?? zeroFigures();
    return { sessions: r.sessions, people: r.people, settings: r.settings };
  };
  const qf = filters(quarter);
  const [feedback, learning, safeguarding] = await Promise.all([
    feedbackOutcomes(db, qf, scope),
    learningReach(db, qf, scope),
    safeguardingCounts(db, qf, scope),
  ]);
  const outcomes: ReturnOutcomes = {
    feedback:
      feedback.available && feedback.statements.length
        ? feedbackTables(feedback.statements, audiences, districts)
        : [],
    learning: learning.available ? learningDistrictTable(learning, districts, null) : null,
    safeguarding: safeguarding.available
      ? safeguardingTable(safeguarding.counts, districts, null, safeguarding.sessions)
      : null,
    casework: caseworkTables(
      await caseworkFigures(db, { programmeId: null, period: quarter, districtId: null }),
    ),
    unavailable: [
      ...(feedback.available
        ? feedback.statements.length
          ? []
          : [
              {
                section: "Feedback",
                reason: "No feedback was given at sessions delivered this quarter.",
              },
            ]
        : [{ section: "Feedback", reason: feedback.reason }]),
      ...(learning.available ? [] : [{ section: "E-learning", reason: learning.reason }]),
      ...(safeguarding.available ? [] : [{ section: "Safeguarding", reason: safeguarding.reason }]),
    ],
  };
  return {
    programme,
    quarter,
    quarters,
    spans,
    audiences: rows,
    totals: { quarter: total(q), year: total(y), cumulative: total(c) },
    districts: byDistrict(districts, filters(quarter), q.district),
    districtAudiences: used.map((a) => ({ name: a.name, label: a.label })),
    settingTypes,
    outcomes,
    preparedOn: today,
  };
}

export type Shown = string;

/**
 * The return's figures as they may be printed: people suppressed. Each span's people by audience
 * is protected as a column with its total; the quarter's district × audience table is protected
 * as a whole (cells, district totals, audience totals).
 */
export function suppressedReturn(r: ReturnData) {
  const text = (c: ShownCell) => shownText(c);
  const audiencePeople: Record<ReturnSpan["key"], { rows: Shown[]; total: Shown }> = {} as never;
  for (const span of r.spans) {
    const values = r.audiences.map((a) => a.spans[span.key].people);
    const s = suppressTable({
      cells: values.map((v) => [v]),
      rowTotals: values,
      colTotals: [r.totals[span.key].people],
      grand: r.totals[span.key].people,
    });
    audiencePeople[span.key] = { rows: s.cells.map((row) => text(row[0])), total: text(s.grand) };
  }
  const aud = r.districtAudiences.map((a) => a.name);
  const grid = suppressTable({
    cells: r.districts.map((d) => aud.map((a) => d.peopleBy[a])),
    rowTotals: r.districts.map((d) => d.people),
    colTotals: aud.map((a) => r.districts.reduce((sum, d) => sum + d.peopleBy[a], 0)),
    grand: r.districts.reduce((sum, d) => sum + d.people, 0),
  });
  return {
    audiencePeople,
    districtPeople: grid.cells.map((row) => row.map(text)),
    districtTotals: grid.rowTotals.map(text),
    audienceTotals: grid.colTotals.map(text),
    grand: text(grid.grand),
  };
}

/** The return as one long CSV: a row per figure, with what it counts, where, when and its target. */
export function returnCsv(r: ReturnData): string {
  const s = suppressedReturn(r);
  const header = [
    "section",
    "measure",
    "audience",
    "district",
    "period",
    "from",
    "to",
    "value",
    "target",
  ];
  const rows: (string | number | null)[][] = [];
  for (const span of r.spans) {
    r.audiences.forEach((a, i) => {
      const f = a.spans[span.key];
      rows.push([
        "outputs",
        "sessions delivered",
        a.label,
        "All districts",
        span.label,
        span.period.from,
        span.period.to,
        f.sessions,
        f.sessionsTarget,
      ]);
      const people = s.audiencePeople[span.key].rows[i];
      rows.push([
        "outputs",
        "people reached",
        a.label,
        "All districts",
        span.label,
        span.period.from,
        span.period.to,
        /^\d+$/.test(people) ? Number(people) : people,
        f.peopleTarget,
      ]);
      rows.push([
        "outputs",
        "settings reached",
        a.label,
        "All districts",
        span.label,
        span.period.from,
        span.period.to,
        f.settings,
        null,
      ]);
    });
    const t = r.totals[span.key];
    rows.push([
      "outputs",
      "sessions delivered",
      "All audiences",
      "All districts",
      span.label,
      span.period.from,
      span.period.to,
      t.sessions,
      null,
    ]);
    const tp = s.audiencePeople[span.key].total;
    rows.push([
      "outputs",
      "people reached",
      "All audiences",
      "All districts",
      span.label,
      span.period.from,
      span.period.to,
      /^\d+$/.test(tp) ? Number(tp) : tp,
      null,
    ]);
    rows.push([
      "outputs",
      "settings reached",
      "All audiences",
      "All districts",
      span.label,
      span.period.from,
      span.period.to,
      t.settings,
      null,
    ]);
  }
  const q = r.quarter;
  r.districts.forEach((d, i) => {
    rows.push([
      "outputs by district",
      "sessions delivered",
      "All audiences",
      d.name,
      q.label,
      q.from,
      q.to,
      d.sessions,
      null,
    ]);
    r.districtAudiences.forEach((a, j) => {
      const v = s.districtPeople[i][j];
      rows.push([
        "outputs by district",
        "people reached",
        a.label,
        d.name,
        q.label,
        q.from,
        q.to,
        /^\d+$/.test(v) ? Number(v) : v,
        null,
      ]);
    });
    const tv = s.districtTotals[i];
    rows.push([
      "outputs by district",
      "people reached",
      "All audiences",
      d.name,
      q.label,
      q.from,
      q.to,
      /^\d+$/.test(tv) ? Number(tv) : tv,
      null,
    ]);
    rows.push([
      "outputs by district",
      "settings reached",
      "All audiences",
      d.name,
      q.label,
      q.from,
      q.to,
      d.settings,
      null,
    ]);
  });
  r.spans.forEach((span, i) => {
    const { rows: cells, total } = suppressedCells(r.settingTypes[i]);
    for (const row of [...cells, ...(total ? [total] : [])])
      for (const [key, measure] of SETTING_TYPE_MEASURES)
        if (row[key] !== null && row[key] !== undefined)
          rows.push([
            "outputs by setting type",
            `${measure}: ${String(row.type).replace(/^Total$/, "all settings")}`,
            "All audiences",
            "All districts",
            span.label,
            span.period.from,
            span.period.to,
            csvValue(row[key]),
            null,
          ]);
  });
  rows.push(...outcomeCsvRows(r));
  return toCsv(header, rows);
}

const SETTING_TYPE_MEASURES = [
  ["settings", "settings reached"],
  ["settings_percent", "share of settings reached (%)"],
  ["sessions", "sessions delivered"],
  ["people", "people reached"],
  ["people_percent", "share of people reached (%)"],
] as const;

function csvValue(v: CellValue | undefined): string | number | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return v;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/** The outcome tables as suppressed figures, ready to print: for the CSV and the PDF alike. */
export function printedOutcomes(r: ReturnData) {
  const tables = [
    ...r.outcomes.feedback,
    ...(r.outcomes.learning ? [r.outcomes.learning] : []),
    ...(r.outcomes.safeguarding ? [r.outcomes.safeguarding] : []),
    ...r.outcomes.casework,
  ];
  return tables.map((table) => {
    const { rows, total } = suppressedCells(table);
    return {
      table,
      rows: table.rows.map((row, i) => ({
        key: row.key,
        subtotal: !!row.subtotal,
        cells: rows[i],
      })),
      total,
    };
  });
}

/** One CSV row per outcome figure: what it measures, for which audience and district. */
function outcomeCsvRows(r: ReturnData): (string | number | null)[][] {
  const q = r.quarter;
  const out: (string | number | null)[][] = [];
  const line = (
    section: string,
    measure: string,
    audience: string,
    district: string,
    value: CellValue | undefined,
  ) =>
    out.push([section, measure, audience, district, q.label, q.from, q.to, csvValue(value), null]);
  for (const { table, rows, total } of printedOutcomes(r)) {
    const numeric = table.columns.filter((c) => c.numeric);
    if (table.id === "feedback-audiences" || table.id === "feedback-districts") {
      for (const row of rows)
        for (const c of numeric)
          line(
            "outcomes: feedback",
            `${c.label.toLowerCase()}: ${row.cells.statement}`,
            table.id === "feedback-audiences" ? String(row.cells.audience) : "All audiences",
            table.id === "feedback-districts" ? String(row.cells.district) : "All districts",
            row.cells[c.key],
          );
    } else if (table.id === "learning-districts") {
      for (const row of [...rows.map((x) => x.cells), ...(total ? [total] : [])])
        for (const c of numeric)
          line(
            "outcomes: e-learning",
            c.label.toLowerCase(),
            "VCSE and school staff",
            String(row.district),
            row[c.key],
          );
    } else if (table.id === "safeguarding") {
      for (const row of [...rows.map((x) => x.cells), ...(total ? [total] : [])])
        for (const c of numeric)
          line(
            "outcomes: safeguarding",
            String(row.record).replace(
              /^All concerns and referrals$/,
              "all concerns and referrals",
            ),
            "All audiences",
            c.label,
            row[c.key],
          );
    } else if (table.id.startsWith("casework-")) {
      // 1-2-1 support: one row per figure, named by the table, its row (source, programme or characteristic) and column.
      const first = table.columns[0]!.key;
      for (const row of [...rows.map((x) => x.cells), ...(total ? [total] : [])])
        for (const c of numeric)
          line(
            "outcomes: 1-2-1 support",
            `${table.title.toLowerCase()}: ${String(row[first])}: ${c.label.toLowerCase()}`,
            "Young people",
            "All districts",
            row[c.key],
          );
    }
  }
  for (const u of r.outcomes.unavailable)
    line(
      `outcomes: ${u.section.toLowerCase()}`,
      "not available",
      "All audiences",
      "All districts",
      u.reason,
    );
  return out;
}
