import type { Table } from "./tables";

// The table an evaluation reports (issue 17, item 12): sessions, people reached and settings
// reached, with the share of settings (and of people) by setting type — as the published SOS+
// evaluation gave "42 settings: 10% primary, 19% alternative provision, 19% further education, 52%
// secondary". Pure: no database, safe in the browser bundle (decision 136).
//
// A setting's type comes from the schools register (Get Information About Schools): its
// establishment type first (alternative provision and further education are kinds of
// establishment, whatever their phase), then its phase. A lead's choice, stored on the
// organisation, wins over the register; where the register is silent and no lead has chosen, the
// setting counts as "Other" and the organisation page asks for a choice.

export type SettingType =
  "primary" | "secondary" | "alternative_provision" | "further_education" | "other";

// Stryker disable StringLiteral: the words the page and the exports show; a test could only repeat them
export const SETTING_TYPES: { key: SettingType; label: string }[] = [
  { key: "primary", label: "Primary" },
  { key: "secondary", label: "Secondary" },
  { key: "alternative_provision", label: "Alternative provision" },
  { key: "further_education", label: "Further education" },
  { key: "other", label: "Other" },
];
// Stryker restore StringLiteral

export const NO_SETTING_LABEL = "No setting: community venues and online";

export function isSettingType(value: unknown): value is SettingType {
  return SETTING_TYPES.some((t) => t.key === value);
}

export function settingTypeLabel(type: SettingType): string {
  return SETTING_TYPES.find((t) => t.key === type)!.label;
}

/**
 * The register's answer: the setting type its establishment type and phase give, or null when
 * they say nothing that places it (no phase, "Not applicable", "All-through").
 */
export function registerSettingType(
  phase: string | null | undefined,
  establishmentType: string | null | undefined,
): SettingType | null {
  // Stryker disable next-line StringLiteral: no establishment type reads as "", and any other words that name no type place nothing either
  const t = (establishmentType ?? "").toLowerCase();
  // Pupil referral units and AP academies are alternative provision whatever phase they record.
  if (t.includes("alternative provision") || t.includes("pupil referral")) {
    return "alternative_provision";
  }
  // Colleges and sixth form centres are further education.
  if (t.includes("further education") || t.includes("sixth form")) return "further_education";
  // Stryker disable next-line StringLiteral: no phase reads as "", and any other words that name no phase place nothing either
  switch ((phase ?? "").toLowerCase()) {
    case "primary":
    case "middle deemed primary":
      return "primary";
    case "secondary":
    case "middle deemed secondary":
      return "secondary";
    case "16 plus":
      return "further_education";
    case "nursery":
      return "other";
    default:
      return null;
  }
}

export interface TypedSetting {
  type: SettingType;
  /** Where the type came from: a lead's choice, the register, or neither (counted as "Other"). */
  from: "lead" | "register" | "unknown";
  /** The register's own answer, shown beside a lead's choice. */
  register: SettingType | null;
}

/** A setting's type for reports: a lead's choice, else the register's, else "Other". */
export function settingTypeOf(o: {
  phase: string | null;
  establishment_type: string | null;
  setting_type: string | null;
}): TypedSetting {
  const register = registerSettingType(o.phase, o.establishment_type);
  if (isSettingType(o.setting_type)) return { type: o.setting_type, from: "lead", register };
  if (register) return { type: register, from: "register", register };
  return { type: "other", from: "unknown", register };
}

/**
 * Whole percentages of `values` that add up to exactly 100 (largest remainder): each share is
 * rounded down, and the points left over go one each to the shares that lost the most in rounding
 * (on a tie the smaller figure first, so a figure at exactly half a point shows as 1% rather than
 * 0%; then the earlier row). So no share is more than one point
 * from its exact value, a zero is always 0%, and the column adds up to 100. Null for every row
 * when the total is nothing.
 */
export function wholePercents(values: number[]): (number | null)[] {
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return values.map(() => null);
  const exact = values.map((v) => (v * 100) / total);
  const floors = exact.map((x) => Math.floor(x));
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = values
    .map((v, i) => ({ i, v, rest: exact[i] - floors[i] }))
    // Array sort is stable: rows tied on both keep their order, the earlier first.
    .sort((a, b) => b.rest - a.rest || a.v - b.v);
  for (const x of order) {
    if (left <= 0) break;
    floors[x.i] += 1;
    left -= 1;
  }
  return floors;
}

/** One setting's figures for the period (or the sessions and people at no setting, `type` null). */
export interface SettingFigures {
  type: SettingType | null;
  sessions: number;
  people: number;
}

export interface SettingTypeRow {
  /** null: sessions at no setting (community venues, online). */
  type: SettingType | null;
  label: string;
  settings: number;
  sessions: number;
  people: number;
  settingsPercent: number | null;
  peoplePercent: number | null;
}

export interface SettingTypeSummary {
  rows: SettingTypeRow[];
  total: { settings: number; sessions: number; people: number };
}

/**
 * Adds settings up by type. A setting counts as reached when it had a delivered session in the
 * period (a class first reached there brings people, and its session is in the period too). The
 * five types always show, zeros included, so tables from different periods line up; the row for
 * sessions at no setting shows only when there were any, and has no settings and no share of
 * them. Shares of people are of all people reached, so that column adds up to 100 too.
 */
export function settingTypeSummary(settings: SettingFigures[]): SettingTypeSummary {
  const rows: SettingTypeRow[] = [...SETTING_TYPES, { key: null, label: NO_SETTING_LABEL }].map(
    (t) => {
      const mine = settings.filter((s) => s.type === t.key);
      return {
        type: t.key,
        label: t.label,
        settings: t.key === null ? 0 : mine.filter((s) => s.sessions > 0).length,
        sessions: mine.reduce((a, s) => a + s.sessions, 0),
        people: mine.reduce((a, s) => a + s.people, 0),
        settingsPercent: null,
        peoplePercent: null,
      };
    },
  );
  const kept = rows.filter((r) => r.type !== null || r.sessions > 0 || r.people > 0);
  const typed = kept.filter((r) => r.type !== null);
  wholePercents(typed.map((r) => r.settings)).forEach((p, i) => (typed[i].settingsPercent = p));
  wholePercents(kept.map((r) => r.people)).forEach((p, i) => (kept[i].peoplePercent = p));
  return {
    rows: kept,
    total: {
      settings: kept.reduce((a, r) => a + r.settings, 0),
      sessions: kept.reduce((a, r) => a + r.sessions, 0),
      people: kept.reduce((a, r) => a + r.people, 0),
    },
  };
}

/** The summary as a report table, for the page, the CSV export and the printed return alike. */
export function settingTypesTable(
  summary: SettingTypeSummary,
  id = "setting-types",
  title = "Settings reached by type",
): Table {
  const { total } = summary;
  return {
    id,
    title,
    columns: [
      { key: "type", label: "Setting type" },
      { key: "settings", label: "Settings reached", numeric: true },
      { key: "settings_percent", label: "Share of settings", numeric: true },
      { key: "sessions", label: "Sessions delivered", numeric: true },
      { key: "people", label: "People reached", people: true, numeric: true },
      {
        key: "people_percent",
        label: "Share of people",
        numeric: true,
        derivedFrom: "people",
        shareOf: "people",
      },
    ],
    rows: summary.rows.map((r) => ({
      key: r.type ?? "none",
      cells: {
        type: r.label,
        settings: r.type === null ? null : r.settings,
        settings_percent: r.settingsPercent,
        sessions: r.sessions,
        people: r.people,
        people_percent: r.peoplePercent,
      },
    })),
    total: {
      type: "Total",
      settings: total.settings,
      settings_percent: total.settings > 0 ? 100 : null,
      sessions: total.sessions,
      people: total.people,
      people_percent: total.people > 0 ? 100 : null,
    },
  };
}
