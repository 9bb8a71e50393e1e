import type { Audience } from "~/db/schema";

// The dashboard's tables as plain data, built once from the grouped figures and used both by the
// page and by the CSV exports — so an export's totals are the page's totals by construction.
// Pure: no database, safe in the browser bundle.

export type CellValue = string | number | null;

export interface Column {
  key: string;
  label: string;
  /** A count of people: suppressed 1–4 (with secondary suppression) in exports. */
  people?: boolean;
  /** Part of the additive grid whose row total is the column `rowTotal` (people by audience). */
  grid?: boolean;
  numeric?: boolean;
  /** An ISO date (exports keep it as 'YYYY-MM-DD'). */
  date?: boolean;
  /** Names the row's group (a statement, a district): shown on the group's total row, hidden visually on the others. */
  groupLabel?: boolean;
  /** Decimal places to show (means, changes); `signed` shows a + on a rise. */
  decimals?: number;
  signed?: boolean;
  /** Worked out from these people columns (a percentage, a projection, a mean): withheld with them. */
  derivedFrom?: string | string[];
  /**
   * Shares of this column's total that add up to 100 (largest remainder, setting-types.ts): every
   * row's share depends on every figure of the column, so published, the whole column is withheld
   * when any figure of it is.
   */
  shareOf?: string;
  /**
   * How many sessions the column's figures come from (safeguarding). Published, a column from
   * fewer than MIN_SESSIONS_PER_CELL sessions is withheld whole, zeros too (decision 072).
   */
  sessions?: number;
}

export interface TableRow {
  key: string;
  cells: Record<string, CellValue>;
  /** Rows of one group (a district's organisations, a statement's audiences) are suppressed together. */
  group?: string;
  /** The group's own total row ("All audiences", "All organisations in Norwich"). */
  subtotal?: boolean;
}

export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: TableRow[];
  total?: Record<string, CellValue>;
  /** The column holding each row's total of the grid columns. */
  rowTotal?: string;
}

export interface FiguresLike {
  sessions: number;
  people: number;
  settings: number;
  sessionsBy: Record<Audience, number>;
  peopleBy: Record<Audience, number>;
}

export interface AudienceLabel {
  name: Audience;
  label: string;
}

/** Columns for a breakdown: sessions, then people per audience, people in total, settings reached. */
function figureColumns(audiences: AudienceLabel[], withSettings: boolean): Column[] {
  return [
    { key: "sessions", label: "Sessions delivered", numeric: true },
    ...audiences.map((a) => ({
      key: `people_${a.name}`,
      label: `${a.label} reached`,
      people: true,
      grid: true,
      numeric: true,
    })),
    { key: "people", label: "People reached", people: true, numeric: true },
    ...(withSettings ? [{ key: "settings", label: "Settings reached", numeric: true }] : []),
  ];
}

function figureCells(f: FiguresLike, audiences: AudienceLabel[]): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {
    sessions: f.sessions,
    people: f.people,
    settings: f.settings,
  };
  for (const a of audiences) cells[`people_${a.name}`] = f.peopleBy[a.name];
  return cells;
}

export interface DashboardTablesInput {
  audiences: AudienceLabel[];
  totals: FiguresLike;
  summaries: {
    audience: Audience;
    label: string;
    sessions: number;
    sessionsTarget: number | null;
    sessionsPercent: number | null;
    sessionsProjected: number | null;
    people: number;
    peopleTarget: number | null;
    peoplePercent: number | null;
    peopleProjected: number | null;
  }[];
  pipeline: {
    audience: Audience;
    scheduledSessions: number;
    scheduledPeople: number;
    requested: number;
    requestedPupils: number;
  }[];
  districts: ({ id: string | null; name: string } & FiguresLike)[];
  settings: ({ id: string | null; name: string; district: string } & FiguresLike)[];
  notReached: {
    id: string;
    name: string;
    district: string | null;
    phase: string | null;
    establishment_type: string | null;
  }[];
  months: ({ key: string; label: string; from: string; to: string } & FiguresLike)[];
  quarters: ({ key: string; label: string; from: string; to: string } & FiguresLike)[];
}

export function dashboardTables(
  d: DashboardTablesInput,
  options: { withDistricts: boolean; settingsComplete: boolean; today: string },
): Table[] {
  const aud = d.audiences;
  const labelOf = (a: Audience) => aud.find((x) => x.name === a)?.label ?? a;
  const tables: Table[] = [];

  tables.push({
    id: "targets",
    title: "Sessions and people reached against target, by audience",
    columns: [
      { key: "audience", label: "Audience" },
      { key: "sessions", label: "Sessions delivered", numeric: true },
      { key: "sessions_target", label: "Sessions target", numeric: true },
      { key: "sessions_percent", label: "Sessions: % of target", numeric: true },
      { key: "sessions_projected", label: "Sessions: projected by end of period", numeric: true },
      { key: "people", label: "People reached", people: true, grid: true, numeric: true },
      { key: "people_target", label: "People target", numeric: true },
      { key: "people_percent", label: "People: % of target", numeric: true, derivedFrom: "people" },
      {
        key: "people_projected",
        label: "People: projected by end of period",
        numeric: true,
        derivedFrom: "people",
      },
    ],
    rows: d.summaries.map((s) => ({
      key: s.audience,
      cells: {
        audience: s.label,
        sessions: s.sessions,
        sessions_target: s.sessionsTarget,
        sessions_percent: s.sessionsPercent,
        sessions_projected: s.sessionsProjected,
        people: s.people,
        people_target: s.peopleTarget,
        people_percent: s.peoplePercent,
        people_projected: s.peopleProjected,
      },
    })),
    total: { audience: "All audiences", sessions: d.totals.sessions, people: d.totals.people },
    rowTotal: "people",
  });

  tables.push({
    id: "pipeline",
    title: "Pipeline: sessions scheduled and requested, by audience",
    columns: [
      { key: "audience", label: "Audience" },
      { key: "scheduled_sessions", label: "Sessions scheduled", numeric: true },
      {
        key: "scheduled_people",
        label: "People expected at scheduled sessions",
        people: true,
        grid: true,
        numeric: true,
      },
      { key: "requested", label: "Requests waiting to be scheduled", numeric: true },
      {
        key: "requested_pupils",
        label: "Pupils in requested sessions",
        people: true,
        numeric: true,
      },
    ],
    rows: d.pipeline.map((p) => ({
      key: p.audience,
      cells: {
        audience: labelOf(p.audience),
        scheduled_sessions: p.scheduledSessions,
        scheduled_people: p.scheduledPeople,
        requested: p.requested,
        requested_pupils: p.requestedPupils,
      },
    })),
    total: {
      audience: "All audiences",
      scheduled_sessions: d.pipeline.reduce((a, p) => a + p.scheduledSessions, 0),
      scheduled_people: d.pipeline.reduce((a, p) => a + p.scheduledPeople, 0),
      requested: d.pipeline.reduce((a, p) => a + p.requested, 0),
      requested_pupils: d.pipeline.reduce((a, p) => a + p.requestedPupils, 0),
    },
    rowTotal: "scheduled_people",
  });

  if (options.withDistricts) {
    tables.push({
      id: "districts",
      title: "By district",
      columns: [{ key: "district", label: "District" }, ...figureColumns(aud, true)],
      rows: d.districts.map((r) => ({
        key: r.id ?? "none",
        cells: { district: r.name, ...figureCells(r, aud) },
      })),
      total: { district: "All districts", ...figureCells(d.totals, aud) },
      rowTotal: "people",
    });
  }

  tables.push({
    id: "settings",
    title: options.settingsComplete
      ? "By school or setting"
      : `The ${d.settings.length} schools and settings that reached the most people`,
    columns: [
      { key: "setting", label: "School or setting" },
      { key: "district", label: "District" },
      ...figureColumns(aud, false),
    ],
    rows: d.settings.map((r) => ({
      key: r.id ?? "none",
      cells: { setting: r.name, district: r.district, ...figureCells(r, aud) },
    })),
    total: { setting: "All settings", district: "", ...figureCells(d.totals, aud) },
    rowTotal: "people",
  });

  tables.push({
    id: "not-reached",
    title: "Schools and settings not yet reached",
    columns: [
      { key: "setting", label: "School or setting" },
      { key: "district", label: "District" },
      { key: "phase", label: "Phase" },
      { key: "type", label: "Type" },
    ],
    rows: d.notReached.map((r) => ({
      key: r.id,
      cells: {
        setting: r.name,
        district: r.district ?? "",
        phase: r.phase ?? "",
        type: r.establishment_type ?? "",
      },
    })),
  });

  for (const [id, title, rows] of [
    ["months", "By month", d.months],
    ["quarters", "By financial quarter (April to March)", d.quarters],
  ] as const) {
    tables.push({
      id,
      title,
      columns: [
        { key: "period", label: id === "months" ? "Month" : "Quarter" },
        { key: "from", label: "From", date: true },
        { key: "to", label: "To", date: true },
        ...figureColumns(aud, false),
      ],
      // Months and quarters that have not begun have nothing in them: the tables stop at today.
      rows: rows
        .filter((r) => r.from <= options.today)
        .map((r) => ({
          key: r.key,
          cells: { period: r.label, from: r.from, to: r.to, ...figureCells(r, aud) },
        })),
      total: {
        period: "Whole period",
        from: rows[0]?.from ?? "",
        to: rows.at(-1)?.to ?? "",
        ...figureCells(d.totals, aud),
      },
      rowTotal: "people",
    });
  }
  return tables;
}

const numberFormat = new Intl.NumberFormat("en-GB");
/** "8,600" — one cached formatter (a formatter per cell is slow). */
export function formatNumber(n: number) {
  return numberFormat.format(n);
}

const fixedFormats = [0, 1, 2, 3].map(
  (d) => new Intl.NumberFormat("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d }),
);
/** "2.10", "+1.86": a mean or a change to a fixed number of places; one that rounds to nothing is unsigned ("0.00"). */
export function formatFixed(n: number, decimals: number, signed = false) {
  const s = fixedFormats[Math.min(3, Math.max(0, decimals))].format(n);
  if (/^-?[0.]+$/.test(s)) return s.replace("-", "");
  return signed && !s.startsWith("-") ? `+${s}` : s;
}
