import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressedCells } from "~/reports/export-suppression";
import {
  isSettingType,
  NO_SETTING_LABEL,
  registerSettingType,
  settingTypeLabel,
  settingTypeOf,
  settingTypesTable,
  settingTypeSummary,
  wholePercents,
  type SettingFigures,
} from "~/reports/setting-types";
import { FEWER_THAN_5, WITHHELD } from "~/reports/suppression";

describe("the register's setting type", () => {
  it("places alternative provision and further education by establishment type, whatever the phase", () => {
    expect(registerSettingType("Secondary", "Pupil referral unit")).toBe("alternative_provision");
    expect(registerSettingType("Not applicable", "Academy alternative provision converter")).toBe(
      "alternative_provision",
    );
    expect(registerSettingType("Secondary", "Free schools alternative provision")).toBe(
      "alternative_provision",
    );
    expect(registerSettingType("16 plus", "Further education")).toBe("further_education");
    expect(registerSettingType("Not applicable", "Sixth form centres")).toBe("further_education");
    expect(registerSettingType(null, "FURTHER EDUCATION")).toBe("further_education");
  });

  it("places schools by phase", () => {
    expect(registerSettingType("Primary", "Community school")).toBe("primary");
    expect(registerSettingType("Middle deemed primary", "Academy converter")).toBe("primary");
    expect(registerSettingType("Secondary", "Academy converter")).toBe("secondary");
    expect(registerSettingType("Middle deemed secondary", null)).toBe("secondary");
    expect(registerSettingType("secondary", null)).toBe("secondary");
    expect(registerSettingType("16 plus", "Academy converter")).toBe("further_education");
    expect(registerSettingType("Nursery", "Community school")).toBe("other");
  });

  it("is silent where phase and type do not place the setting", () => {
    expect(registerSettingType("All-through", "Academy converter")).toBeNull();
    expect(registerSettingType("Not applicable", "Community special school")).toBeNull();
    expect(registerSettingType(null, null)).toBeNull();
    expect(registerSettingType(undefined, undefined)).toBeNull();
    expect(registerSettingType("", "")).toBeNull();
  });

  it("gives way to a lead's choice, and counts an unplaced setting as other", () => {
    expect(
      settingTypeOf({ phase: "Primary", establishment_type: null, setting_type: "secondary" }),
    ).toEqual({ type: "secondary", from: "lead", register: "primary" });
    expect(
      settingTypeOf({ phase: "Primary", establishment_type: null, setting_type: null }),
    ).toEqual({ type: "primary", from: "register", register: "primary" });
    expect(
      settingTypeOf({ phase: "All-through", establishment_type: null, setting_type: null }),
    ).toEqual({ type: "other", from: "unknown", register: null });
    // A stored word that is no type (an old value) is ignored.
    expect(
      settingTypeOf({ phase: "Secondary", establishment_type: null, setting_type: "college" }),
    ).toEqual({ type: "secondary", from: "register", register: "secondary" });
    expect(isSettingType("primary")).toBe(true);
    expect(isSettingType("college")).toBe(false);
    expect(settingTypeLabel("alternative_provision")).toBe("Alternative provision");
  });
});

describe("whole percentages that add up to 100", () => {
  it("gives the published evaluation's shares from its 42 settings", () => {
    // 4 primary, 22 secondary, 8 alternative provision, 8 further education: 9.5, 52.4, 19.0, 19.0.
    expect(wholePercents([4, 22, 8, 8])).toEqual([10, 52, 19, 19]);
  });

  it("hands the points left over to the largest remainders, the smaller figure on a tie, then the first", () => {
    expect(wholePercents([1, 1, 1])).toEqual([34, 33, 33]);
    // Seven equal shares of 14.29: the two points left go to the first two rows.
    expect(wholePercents([1, 1, 1, 1, 1, 1, 1])).toEqual([15, 15, 14, 14, 14, 14, 14]);
    expect(wholePercents([3, 3, 3, 3, 3, 3, 3, 3, 3])).toEqual([
      12, 11, 11, 11, 11, 11, 11, 11, 11,
    ]);
    expect(wholePercents([2, 1, 1, 1, 1, 1])).toEqual([29, 15, 14, 14, 14, 14]);
    // 2/3 = 66.67 and 1/3 = 33.33: the larger remainder gets the point.
    expect(wholePercents([2, 1])).toEqual([67, 33]);
    expect(wholePercents([1, 2])).toEqual([33, 67]);
    expect(wholePercents([0, 5, 0])).toEqual([0, 100, 0]);
    // Remainders .5 and .5: the smaller figure first, so something reached never shows as 0%.
    expect(wholePercents([1, 199])).toEqual([1, 99]);
    expect(wholePercents([199, 1])).toEqual([99, 1]);
  });

  it("is blank when there is nothing to share", () => {
    expect(wholePercents([0, 0])).toEqual([null, null]);
    expect(wholePercents([])).toEqual([]);
  });

  it("always adds up to 100, each share within one point of its exact value, zeros at 0%", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10_000), { minLength: 1, maxLength: 8 }), (values) => {
        const total = values.reduce((a, b) => a + b, 0);
        const p = wholePercents(values);
        if (total === 0) return p.every((x) => x === null);
        expect(p.reduce((a, b) => a! + b!, 0)).toBe(100);
        values.forEach((v, i) => {
          expect(Math.abs(p[i]! - (v * 100) / total)).toBeLessThan(1);
          if (v === 0) expect(p[i]).toBe(0);
        });
        return true;
      }),
    );
  });
});

describe("the table by setting type", () => {
  const settings: SettingFigures[] = [
    { type: "primary", sessions: 2, people: 60 },
    { type: "primary", sessions: 1, people: 30 },
    { type: "secondary", sessions: 4, people: 200 },
    { type: "alternative_provision", sessions: 1, people: 3 },
    { type: "secondary", sessions: 0, people: 0 },
    { type: null, sessions: 2, people: 7 },
  ];

  it("adds settings up by type, with the sessions at no setting on their own row", () => {
    const s = settingTypeSummary(settings);
    expect(s.rows.map((r) => [r.label, r.settings, r.sessions, r.people])).toEqual([
      ["Primary", 2, 3, 90],
      ["Secondary", 1, 4, 200],
      ["Alternative provision", 1, 1, 3],
      ["Further education", 0, 0, 0],
      ["Other", 0, 0, 0],
      [NO_SETTING_LABEL, 0, 2, 7],
    ]);
    expect(s.total).toEqual({ settings: 4, sessions: 10, people: 300 });
    expect(s.rows.map((r) => r.settingsPercent)).toEqual([50, 25, 25, 0, 0, null]);
    // 90, 200, 3, 0, 0, 7 of 300: 30, 66.67, 1, 0, 0, 2.33.
    expect(s.rows.map((r) => r.peoplePercent)).toEqual([30, 67, 1, 0, 0, 2]);
  });

  it("leaves out the no-setting row when every session was at a setting", () => {
    const s = settingTypeSummary(settings.filter((x) => x.type !== null));
    expect(s.rows.map((r) => r.type)).toEqual([
      "primary",
      "secondary",
      "alternative_provision",
      "further_education",
      "other",
    ]);
    expect(settingTypeSummary([]).rows.every((r) => r.settingsPercent === null)).toBe(true);
  });

  it("keeps a no-setting row that has people or sessions", () => {
    const s = settingTypeSummary([{ type: null, sessions: 0, people: 12 }]);
    expect(s.rows.at(-1)).toMatchObject({ type: null, people: 12, peoplePercent: 100 });
    // A session at no setting where nobody was counted (attendance not yet taken) still shows.
    const t = settingTypeSummary([{ type: null, sessions: 1, people: 0 }]);
    expect(t.rows.at(-1)).toMatchObject({
      type: null,
      label: "No setting: community venues and online",
      sessions: 1,
      people: 0,
    });
    expect(NO_SETTING_LABEL).toBe("No setting: community venues and online");
  });

  it("becomes a report table whose shares are withheld with a hidden count", () => {
    const table = settingTypesTable(settingTypeSummary(settings));
    expect(table.id).toBe("setting-types");
    expect(table.title).toBe("Settings reached by type");
    expect(table.columns).toEqual([
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
    ]);
    expect(table.rows[0]).toEqual({
      key: "primary",
      cells: {
        type: "Primary",
        settings: 2,
        settings_percent: 50,
        sessions: 3,
        people: 90,
        people_percent: 30,
      },
    });
    expect(table.total!.type).toBe("Total");
    const named = settingTypesTable(settingTypeSummary(settings), "t-q", "This quarter");
    expect([named.id, named.title]).toEqual(["t-q", "This quarter"]);
    expect(table.rows.find((r) => r.key === "none")!.cells.settings).toBeNull();
    expect(table.total).toMatchObject({
      settings: 4,
      settings_percent: 100,
      sessions: 10,
      people: 300,
      people_percent: 100,
    });
    const { rows, total } = suppressedCells(table);
    const ap = rows[table.rows.findIndex((r) => r.key === "alternative_provision")];
    expect(ap.people).toBe(FEWER_THAN_5);
    // Every share of people goes, since each was rounded with the hidden one; settings stay.
    expect(rows.map((r) => r.people_percent)).toEqual(rows.map(() => WITHHELD));
    expect(rows.map((r) => r.settings_percent)).toEqual([50, 25, 25, 0, 0, null]);
    expect(total!.people_percent).toBe(100);
    // With no small count, the shares are published as they are.
    const big = settingTypesTable(
      settingTypeSummary([
        { type: "primary", sessions: 1, people: 40 },
        { type: "secondary", sessions: 1, people: 60 },
      ]),
    );
    expect(suppressedCells(big).rows.map((r) => r.people_percent)).toEqual([40, 60, 0, 0, 0]);
    const empty = settingTypesTable(settingTypeSummary([]));
    expect(empty.total).toMatchObject({ settings_percent: null, people_percent: null });
  });
});
