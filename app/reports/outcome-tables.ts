import type { Audience } from "~/db/schema";
import { DESTINATIONS } from "~/safeguarding/safeguarding";
import type {
  FeedbackFigures,
  FeedbackStatement,
  LearningFigures,
  LearningReach,
  SafeguardingCount,
  SessionsInDistrict,
} from "./outcomes.server";
import type { Column, Table, TableRow } from "./tables";

// The outcome sections as dashboard tables (plain data): the page shows them and the CSV exports
// and the quarterly return suppress and print the very same tables, so their figures agree.
// Pure: no database.

type Named = { id: string; name: string };

function round(v: number | null, places = 2): number | null {
  // Stryker disable next-line LogicalOperator,ConditionalExpression: null is not finite either, so either test alone gives the same answer
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** places;
  return Math.round(v * f) / f;
}

export function feedbackCells(x: FeedbackFigures, kind: FeedbackStatement["kind"]) {
  const before = x.answersBefore ? x.sumBefore / x.answersBefore : null;
  const after = x.answersAfter ? x.sumAfter / x.answersAfter : null;
  // A satisfaction question is only asked after: nothing before, nothing to pair.
  const asked = kind === "before_after";
  return {
    answers_before: asked ? x.answersBefore : null,
    mean_before: round(before),
    answers_after: x.answersAfter,
    mean_after: round(after),
    change: before !== null && after !== null ? round(after - before) : null,
    pairs: asked ? x.pairs : null,
    paired_change: x.pairs ? round(x.sumChange / x.pairs) : null,
  };
}

function feedbackColumns(second: { key: string; label: string }): Column[] {
  return [
    { key: "statement", label: "Statement", groupLabel: true },
    second,
    { key: "answers_before", label: "Answers before", people: true, numeric: true },
    {
      key: "mean_before",
      label: "Mean before (out of 5)",
      numeric: true,
      decimals: 2,
      derivedFrom: "answers_before",
    },
    { key: "answers_after", label: "Answers after", people: true, numeric: true },
    {
      key: "mean_after",
      label: "Mean after (out of 5)",
      numeric: true,
      decimals: 2,
      derivedFrom: "answers_after",
    },
    {
      key: "change",
      label: "Change in mean",
      numeric: true,
      decimals: 2,
      signed: true,
      derivedFrom: ["answers_before", "answers_after"],
    },
    { key: "pairs", label: "People paired before and after", people: true, numeric: true },
    {
      key: "paired_change",
      label: "Paired change",
      numeric: true,
      decimals: 2,
      signed: true,
      derivedFrom: "pairs",
    },
  ];
}

export function feedbackTables(
  statements: FeedbackStatement[],
  audiences: { name: Audience; label: string }[],
  districts: Named[],
): Table[] {
  const labelOf = (a: Audience) => audiences.find((x) => x.name === a)?.label ?? a;
  const order = (a: Audience) => audiences.findIndex((x) => x.name === a);
  const districtName = (id: string | null) =>
    id === null
      ? "No district (online)"
      : (districts.find((d) => d.id === id)?.name ?? "Unknown district");
  const districtOrder = (id: string | null) =>
    id === null ? 1e6 : districts.findIndex((d) => d.id === id);
  const byAudience: TableRow[] = [];
  const byDistrict: TableRow[] = [];
  for (const s of statements) {
    byAudience.push({
      key: `${s.id}:all`,
      group: s.id,
      subtotal: true,
      cells: { statement: s.text, audience: "All audiences", ...feedbackCells(s.all, s.kind) },
    });
    for (const a of [...s.byAudience].sort((x, y) => order(x.audience) - order(y.audience)))
      byAudience.push({
        key: `${s.id}:${a.audience}`,
        group: s.id,
        cells: { statement: s.text, audience: labelOf(a.audience), ...feedbackCells(a, s.kind) },
      });
    byDistrict.push({
      key: `${s.id}:all`,
      group: s.id,
      subtotal: true,
      cells: { statement: s.text, district: "All districts", ...feedbackCells(s.all, s.kind) },
    });
    for (const d of [...s.byDistrict].sort(
      (x, y) => districtOrder(x.districtId) - districtOrder(y.districtId),
    ))
      byDistrict.push({
        key: `${s.id}:${d.districtId ?? "none"}`,
        group: s.id,
        cells: {
          statement: s.text,
          district: districtName(d.districtId),
          ...feedbackCells(d, s.kind),
        },
      });
  }
  return [
    {
      id: "feedback-audiences",
      title: "Feedback by statement and audience",
      columns: feedbackColumns({ key: "audience", label: "Audience" }),
      rows: byAudience,
    },
    {
      id: "feedback-districts",
      title: "Feedback by statement and district",
      columns: feedbackColumns({ key: "district", label: "District" }),
      rows: byDistrict,
    },
  ];
}

function learningCells(x: LearningFigures) {
  return {
    enrolled: x.enrolled,
    completed: x.completed,
    attempts: x.attempts,
    passes: x.passes,
    pass_percent: x.attempts ? Math.round((x.passes * 100) / x.attempts) : null,
  };
}

const LEARNING_COLUMNS: Column[] = [
  { key: "organisations_reached", label: "Organisations reached", numeric: true },
  { key: "enrolled", label: "Learners enrolled", people: true, numeric: true },
  { key: "completed", label: "Learners completed", people: true, numeric: true },
  { key: "attempts", label: "Quiz attempts", people: true, numeric: true },
  { key: "passes", label: "Attempts passed", people: true, numeric: true },
  { key: "pass_percent", label: "Pass rate", numeric: true, derivedFrom: ["attempts", "passes"] },
];

function learningDistricts(
  reach: LearningReach,
  districts: Named[],
  districtFilter: string | null,
) {
  const listed = districts
    .filter((d) => !districtFilter || d.id === districtFilter)
    .map((d) => ({ id: d.id as string | null, name: d.name }));
  if (
    reach.districts.some((d) => d.districtId === null) ||
    reach.organisations.some((o) => o.districtId === null)
  )
    listed.push({ id: null, name: "No district" });
  return listed;
}

/**
 * E-learning by district (the dashboard's table). Its rows are the subtotals of the table by
 * organisation, and both are suppressed by the same rule (the districts against the total), so
 * the two agree on every hidden figure.
 */
export function learningDistrictTable(
  reach: LearningReach,
  districts: Named[],
  districtFilter: string | null,
): Table {
  const rows: TableRow[] = learningDistricts(reach, districts, districtFilter).map((d) => {
    const sub = reach.districts.find((x) => x.districtId === d.id) ?? {
      organisationsReached: 0,
      enrolled: 0,
      completed: 0,
      attempts: 0,
      passes: 0,
    };
    return {
      key: `district:${d.id ?? "none"}`,
      cells: {
        district: d.name,
        organisations_reached: sub.organisationsReached,
        ...learningCells(sub),
      },
    };
  });
  return {
    id: "learning-districts",
    title: "E-learning by district",
    columns: [{ key: "district", label: "District" }, ...LEARNING_COLUMNS],
    rows,
    total: {
      district: "All districts",
      organisations_reached: reach.totals.organisationsReached,
      ...learningCells(reach.totals),
    },
  };
}

export function learningTable(
  reach: LearningReach,
  districts: Named[],
  districtFilter: string | null,
): Table {
  const rows: TableRow[] = [];
  for (const d of learningDistricts(reach, districts, districtFilter)) {
    const group = d.id ?? "none";
    const sub = reach.districts.find((x) => x.districtId === d.id) ?? {
      organisationsReached: 0,
      enrolled: 0,
      completed: 0,
      attempts: 0,
      passes: 0,
    };
    rows.push({
      key: `district:${group}`,
      group,
      subtotal: true,
      cells: {
        organisation: "All organisations",
        district: d.name,
        organisations_reached: sub.organisationsReached,
        ...learningCells(sub),
      },
    });
    for (const o of reach.organisations.filter((x) => x.districtId === d.id))
      rows.push({
        key: o.id,
        group,
        cells: {
          organisation: o.name,
          district: d.name,
          organisations_reached: null,
          ...learningCells(o),
        },
      });
  }
  return {
    id: "learning",
    title: "E-learning by organisation, within each district",
    columns: [
      { key: "district", label: "District", groupLabel: true },
      { key: "organisation", label: "Organisation" },
      ...LEARNING_COLUMNS,
    ],
    rows,
    total: {
      organisation: "All organisations",
      district: "All districts",
      organisations_reached: reach.totals.organisationsReached,
      ...learningCells(reach.totals),
    },
  };
}

// In the middle of a sentence: "Referral to the school's designated safeguarding lead".
const DEST_LABEL: Record<string, string> = Object.fromEntries(
  DESTINATIONS.map((d) => [
    d.value,
    /^[A-Z][a-z]/.test(d.label) ? `the ${d.label[0].toLowerCase()}${d.label.slice(1)}` : d.label,
  ]),
);

/** Every kind of record, in a fixed order, so a table has the same rows in every quarter. */
export const SAFEGUARDING_ROWS: {
  kind: "concern" | "referral";
  destination: string;
  label: string;
}[] = [
  { kind: "concern", destination: "none", label: "Concern, not passed on" },
  ...DESTINATIONS.map((d) => ({
    kind: "concern" as const,
    destination: d.value,
    label: `Concern passed to ${DEST_LABEL[d.value]}`,
  })),
  ...DESTINATIONS.map((d) => ({
    kind: "referral" as const,
    destination: d.value,
    label: `Referral to ${DEST_LABEL[d.value]}`,
  })),
];

/** `sessions`: how many sessions each district's figures come from (see `Column.sessions`). */
export function safeguardingTable(
  counts: SafeguardingCount[],
  districts: Named[],
  districtFilter: string | null,
  sessions: SessionsInDistrict[],
): Table {
  const cols = districts
    .filter((d) => !districtFilter || d.id === districtFilter)
    .map((d) => ({ id: d.id as string | null, name: d.name }));
  if (counts.some((c) => c.districtId === null && c.count > 0))
    cols.push({ id: null, name: "No district (online)" });
  const colKey = (id: string | null) => `d_${id ?? "none"}`;
  const count = (pred: (c: SafeguardingCount) => boolean) =>
    counts.filter(pred).reduce((a, c) => a + c.count, 0);
  const rows: TableRow[] = SAFEGUARDING_ROWS.map((r) => {
    const cells: Record<string, number | string> = { record: r.label };
    for (const d of cols)
      cells[colKey(d.id)] = count(
        (c) => c.kind === r.kind && c.destination === r.destination && c.districtId === d.id,
      );
    cells.all = count((c) => c.kind === r.kind && c.destination === r.destination);
    return { key: `${r.kind}:${r.destination}`, cells };
  });
  const total: Record<string, number | string> = {
    record: "All concerns and referrals",
    all: count(() => true),
  };
  for (const d of cols) total[colKey(d.id)] = count((c) => c.districtId === d.id);
  const sessionsIn = (id: string | null) =>
    sessions.filter((s) => s.districtId === id).reduce((a, s) => a + s.sessions, 0);
  return {
    id: "safeguarding",
    title: "Safeguarding concerns and referrals, by who they were passed to and district",
    columns: [
      { key: "record", label: "Concern or referral" },
      ...cols.map((d) => ({
        key: colKey(d.id),
        label: d.name,
        people: true,
        grid: true,
        numeric: true,
        sessions: sessionsIn(d.id),
      })),
      {
        key: "all",
        label: "All districts",
        people: true,
        numeric: true,
        sessions: sessions.reduce((a, s) => a + s.sessions, 0),
      },
    ],
    rows,
    total,
    rowTotal: "all",
  };
}
