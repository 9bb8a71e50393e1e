import type { Audience } from "~/db/schema";
import { AUDIENCE_NAMES } from "~/sessions/audiences";
import type { Bucket } from "./periods";

// The dashboard's breakdowns, made from the "fine" rows the database sums (one row per audience,
// district, setting and London month: see grouped() in dashboard.server.ts). The database does
// the counting over every session, class and registration; this module only adds up its few
// hundred (at programme scale, a few thousand) rows once for each breakdown asked for. Doing this
// last step in SQL crossed the fine rows with the list of breakdowns and grouped them again, which
// cost as much as working out the facts (issue 16): here it is one pass over the rows.

/** "each_setting": every setting, never cut to the top ones (for the table by setting type). */
export type Dim =
  "none" | "audience" | "district" | "setting" | "each_setting" | "month" | "quarter";

export interface Figures {
  sessions: number;
  people: number;
  settings: number;
  sessionsBy: Record<Audience, number>;
  peopleBy: Record<Audience, number>;
}

export type GroupedRow = Figures & { key: string | null };

/** One row the database summed: the facts of one audience, district, setting and month. */
export interface FineRow {
  audience: Audience;
  districtId: string | null;
  settingId: string | null;
  /** The London month, 'YYYY-MM'. */
  monthKey: string;
  sessions: number;
  people: number;
}

function emptyBy(): Record<Audience, number> {
  return Object.fromEntries(AUDIENCE_NAMES.map((a) => [a, 0])) as Record<Audience, number>;
}

/**
 * The quarter a London month falls in: the last quarter starting in or before it, or the first
 * quarter when the month is before them all (a session on the programme's first day, which the
 * period may clip). Null when the period has no quarters.
 */
export function quarterOf(quarters: Bucket[], monthKey: string): string | null {
  if (!quarters.length) return null;
  let found = quarters[0].key;
  for (const q of quarters) if (q.from.slice(0, 7) <= monthKey) found = q.key;
  return found;
}

function keyOf(dim: Dim, row: FineRow, quarters: Bucket[]): string | null {
  switch (dim) {
    case "audience":
      return row.audience;
    case "district":
      return row.districtId;
    case "setting":
    case "each_setting":
      return row.settingId;
    case "month":
      return row.monthKey;
    case "quarter":
      return quarterOf(quarters, row.monthKey);
    default:
      return null;
  }
}

/** Settings reached are counted for the whole programme, an audience and a district only. */
const COUNTS_SETTINGS: ReadonlySet<Dim> = new Set(["none", "audience", "district"]);

/** Most people first, then most sessions, then by key (no key first), as the tables rank them. */
export function byReach(a: GroupedRow, b: GroupedRow): number {
  if (a.people !== b.people) return b.people - a.people;
  if (a.sessions !== b.sessions) return b.sessions - a.sessions;
  if (a.key === b.key) return 0;
  if (a.key === null) return -1;
  if (b.key === null) return 1;
  return a.key < b.key ? -1 : 1;
}

/**
 * Every breakdown asked for, each group with its sessions, people and settings reached, also by
 * audience; ranked by reach. With `settingLimit`, the "setting" breakdown keeps only the settings
 * that reached the most people.
 */
export function groupFacts(
  rows: FineRow[],
  dims: Dim[],
  quarters: Bucket[],
  options: { settingLimit?: number } = {},
): Record<Dim, GroupedRow[]> {
  const out = {} as Record<Dim, GroupedRow[]>;
  for (const dim of dims) {
    const groups = new Map<string | null, GroupedRow & { reached: Set<string> }>();
    for (const row of rows) {
      const key = keyOf(dim, row, quarters);
      let g = groups.get(key);
      if (!g) {
        g = {
          key,
          sessions: 0,
          people: 0,
          settings: 0,
          sessionsBy: emptyBy(),
          peopleBy: emptyBy(),
          reached: new Set(),
        };
        groups.set(key, g);
      }
      g.sessions += row.sessions;
      g.people += row.people;
      g.sessionsBy[row.audience] += row.sessions;
      g.peopleBy[row.audience] += row.people;
      if (row.sessions > 0 && row.settingId !== null && COUNTS_SETTINGS.has(dim))
        g.reached.add(row.settingId);
    }
    const ranked = [...groups.values()]
      .map(({ reached, ...g }) => ({ ...g, settings: reached.size }))
      .sort(byReach);
    out[dim] =
      dim === "setting" && options.settingLimit ? ranked.slice(0, options.settingLimit) : ranked;
  }
  return out;
}
