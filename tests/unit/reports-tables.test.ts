import { describe, expect, it } from "vitest";
import {
  dashboardTables,
  formatFixed,
  formatNumber,
  type DashboardTablesInput,
  type FiguresLike,
} from "~/reports/tables";

// The dashboard's tables as a funder reads them on the page and in the CSV exports: titles, column
// headings, which columns are counts of people, the rows and the totals. Expected values are
// written out by hand.

const figures = (
  sessions: number,
  pupils: number,
  teachers: number,
  settings: number,
): FiguresLike => ({
  sessions,
  people: pupils + teachers,
  settings,
  sessionsBy: { pupils: sessions, teachers: 0, parents: 0, vcse_staff: 0 },
  peopleBy: { pupils, teachers, parents: 0, vcse_staff: 0 },
});

const input: DashboardTablesInput = {
  audiences: [
    { name: "pupils", label: "Pupils" },
    { name: "teachers", label: "Teachers" },
  ],
  totals: figures(7, 300, 12, 3),
  summaries: [
    {
      audience: "pupils",
      label: "Pupils",
      sessions: 5,
      sessionsTarget: 10,
      sessionsPercent: 50,
      sessionsProjected: 9,
      people: 300,
      peopleTarget: 600,
      peoplePercent: 50,
      peopleProjected: 580,
    },
  ],
  pipeline: [
    {
      audience: "pupils",
      scheduledSessions: 2,
      scheduledPeople: 60,
      requested: 1,
      requestedPupils: 30,
    },
    {
      audience: "teachers",
      scheduledSessions: 1,
      scheduledPeople: 8,
      requested: 2,
      requestedPupils: 0,
    },
  ],
  districts: [{ id: "d1", name: "Norwich", ...figures(7, 300, 12, 3) }],
  settings: [
    { id: "s1", name: "Wensum Valley Academy", district: "Norwich", ...figures(4, 200, 12, 1) },
    { id: null, name: "No setting", district: "", ...figures(3, 100, 0, 0) },
  ],
  notReached: [
    { id: "s2", name: "Yare Primary", district: null, phase: "Primary", establishment_type: null },
  ],
  months: [
    {
      key: "2026-11",
      label: "Nov 2026",
      from: "2026-11-01",
      to: "2026-11-30",
      ...figures(7, 300, 12, 3),
    },
    {
      key: "2026-12",
      label: "Dec 2026",
      from: "2026-12-01",
      to: "2026-12-31",
      ...figures(0, 0, 0, 0),
    },
  ],
  quarters: [
    {
      key: "2026-27 Q3",
      label: "2026-27 Q3",
      from: "2026-10-01",
      to: "2026-12-31",
      ...figures(7, 300, 12, 3),
    },
  ],
};

const byAudience = [
  { key: "sessions", label: "Sessions delivered", numeric: true },
  { key: "people_pupils", label: "Pupils reached", people: true, grid: true, numeric: true },
  { key: "people_teachers", label: "Teachers reached", people: true, grid: true, numeric: true },
  { key: "people", label: "People reached", people: true, numeric: true },
];

describe("the dashboard's tables", () => {
  it("are the targets, the pipeline, districts, settings, settings not reached, months and quarters", () => {
    const tables = dashboardTables(input, {
      withDistricts: true,
      settingsComplete: true,
      today: "2026-11-20",
    });
    expect(tables.map((t) => [t.id, t.title])).toEqual([
      ["targets", "Sessions and people reached against target, by audience"],
      ["pipeline", "Pipeline: sessions scheduled and requested, by audience"],
      ["districts", "By district"],
      ["settings", "By school or setting"],
      ["not-reached", "Schools and settings not yet reached"],
      ["months", "By month"],
      ["quarters", "By financial quarter (April to March)"],
    ]);
  });

  it("show reach against target by audience, people being the figure that is protected", () => {
    const [targets] = dashboardTables(input, {
      withDistricts: false,
      settingsComplete: true,
      today: "2026-11-20",
    });
    expect(targets).toEqual({
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
        {
          key: "people_percent",
          label: "People: % of target",
          numeric: true,
          derivedFrom: "people",
        },
        {
          key: "people_projected",
          label: "People: projected by end of period",
          numeric: true,
          derivedFrom: "people",
        },
      ],
      rows: [
        {
          key: "pupils",
          cells: {
            audience: "Pupils",
            sessions: 5,
            sessions_target: 10,
            sessions_percent: 50,
            sessions_projected: 9,
            people: 300,
            people_target: 600,
            people_percent: 50,
            people_projected: 580,
          },
        },
      ],
      total: { audience: "All audiences", sessions: 7, people: 312 },
      rowTotal: "people",
    });
  });

  it("add up the pipeline across audiences", () => {
    const pipeline = dashboardTables(input, {
      withDistricts: false,
      settingsComplete: true,
      today: "2026-11-20",
    })[1];
    expect(pipeline.columns).toEqual([
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
    ]);
    expect(pipeline.rows).toEqual([
      {
        key: "pupils",
        cells: {
          audience: "Pupils",
          scheduled_sessions: 2,
          scheduled_people: 60,
          requested: 1,
          requested_pupils: 30,
        },
      },
      {
        key: "teachers",
        cells: {
          audience: "Teachers",
          scheduled_sessions: 1,
          scheduled_people: 8,
          requested: 2,
          requested_pupils: 0,
        },
      },
    ]);
    expect(pipeline.total).toEqual({
      audience: "All audiences",
      scheduled_sessions: 3,
      scheduled_people: 68,
      requested: 3,
      requested_pupils: 30,
    });
    expect(pipeline.rowTotal).toBe("scheduled_people");
  });

  it("break reach down by district and by setting, with settings reached only where districts are shown", () => {
    const tables = dashboardTables(input, {
      withDistricts: true,
      settingsComplete: true,
      today: "2026-11-20",
    });
    const districts = tables.find((t) => t.id === "districts")!;
    expect(districts.columns).toEqual([
      { key: "district", label: "District" },
      ...byAudience,
      { key: "settings", label: "Settings reached", numeric: true },
    ]);
    expect(districts.rows).toEqual([
      {
        key: "d1",
        cells: {
          district: "Norwich",
          sessions: 7,
          people: 312,
          settings: 3,
          people_pupils: 300,
          people_teachers: 12,
        },
      },
    ]);
    expect(districts.total).toEqual({
      district: "All districts",
      sessions: 7,
      people: 312,
      settings: 3,
      people_pupils: 300,
      people_teachers: 12,
    });
    expect(districts.rowTotal).toBe("people");

    const settings = tables.find((t) => t.id === "settings")!;
    expect(settings.columns).toEqual([
      { key: "setting", label: "School or setting" },
      { key: "district", label: "District" },
      ...byAudience,
    ]);
    expect(
      settings.rows.map((r) => [r.key, r.cells.setting, r.cells.district, r.cells.people]),
    ).toEqual([
      ["s1", "Wensum Valley Academy", "Norwich", 212],
      ["none", "No setting", "", 100],
    ]);
    expect(settings.total).toMatchObject({ setting: "All settings", district: "", people: 312 });
    expect(settings.rowTotal).toBe("people");
  });

  it("leave out districts when asked, and say when only the top settings are listed", () => {
    const tables = dashboardTables(input, {
      withDistricts: false,
      settingsComplete: false,
      today: "2026-11-20",
    });
    expect(tables.map((t) => t.id)).not.toContain("districts");
    expect(tables.find((t) => t.id === "settings")!.title).toBe(
      "The 2 schools and settings that reached the most people",
    );
  });

  it("list the settings not yet reached, with blanks for what is not known", () => {
    const notReached = dashboardTables(input, {
      withDistricts: false,
      settingsComplete: true,
      today: "2026-11-20",
    }).find((t) => t.id === "not-reached")!;
    expect(notReached).toEqual({
      id: "not-reached",
      title: "Schools and settings not yet reached",
      columns: [
        { key: "setting", label: "School or setting" },
        { key: "district", label: "District" },
        { key: "phase", label: "Phase" },
        { key: "type", label: "Type" },
      ],
      rows: [
        { key: "s2", cells: { setting: "Yare Primary", district: "", phase: "Primary", type: "" } },
      ],
    });
  });

  it("list a setting not yet reached whose phase is not known with its phase blank (issue 20)", () => {
    const unknownPhase = {
      ...input,
      notReached: [
        {
          id: "s3",
          name: "Bure Valley Centre",
          district: "Broadland",
          phase: null,
          establishment_type: "Other",
        },
      ],
    };
    const notReached = dashboardTables(unknownPhase, {
      withDistricts: false,
      settingsComplete: true,
      today: "2026-11-20",
    }).find((t) => t.id === "not-reached")!;
    expect(notReached.rows).toEqual([
      {
        key: "s3",
        cells: { setting: "Bure Valley Centre", district: "Broadland", phase: "", type: "Other" },
      },
    ]);
  });

  it("stop the months at today, and total the whole period", () => {
    const tables = dashboardTables(input, {
      withDistricts: false,
      settingsComplete: true,
      today: "2026-11-30",
    });
    const months = tables.find((t) => t.id === "months")!;
    expect(months.columns).toEqual([
      { key: "period", label: "Month" },
      { key: "from", label: "From", date: true },
      { key: "to", label: "To", date: true },
      ...byAudience,
    ]);
    expect(months.rows.map((r) => r.cells.period)).toEqual(["Nov 2026"]);
    expect(months.rows[0]).toEqual({
      key: "2026-11",
      cells: {
        period: "Nov 2026",
        from: "2026-11-01",
        to: "2026-11-30",
        sessions: 7,
        people: 312,
        settings: 3,
        people_pupils: 300,
        people_teachers: 12,
      },
    });
    expect(months.total).toMatchObject({
      period: "Whole period",
      from: "2026-11-01",
      to: "2026-12-31",
      people: 312,
    });
    expect(months.rowTotal).toBe("people");
    // On the first day of December, December has begun.
    const later = dashboardTables(input, {
      withDistricts: false,
      settingsComplete: true,
      today: "2026-12-01",
    }).find((t) => t.id === "months")!;
    expect(later.rows.map((r) => r.cells.period)).toEqual(["Nov 2026", "Dec 2026"]);

    const quarters = tables.find((t) => t.id === "quarters")!;
    expect(quarters.columns[0]).toEqual({ key: "period", label: "Quarter" });
    expect(quarters.rows.map((r) => r.key)).toEqual(["2026-27 Q3"]);
  });

  it("total an empty period with blank dates", () => {
    const empty = { ...input, months: [], quarters: [] };
    const months = dashboardTables(empty, {
      withDistricts: false,
      settingsComplete: true,
      today: "2026-11-30",
    }).find((t) => t.id === "months")!;
    expect(months.rows).toEqual([]);
    expect(months.total).toMatchObject({ period: "Whole period", from: "", to: "" });
  });

  it("key rows without a district as none, name an unlabelled audience by itself, and end the whole period on the last row's day", () => {
    const odd: DashboardTablesInput = {
      ...input,
      pipeline: [
        {
          audience: "parents",
          scheduledSessions: 1,
          scheduledPeople: 9,
          requested: 0,
          requestedPupils: 0,
        },
      ],
      districts: [{ id: null, name: "No district", ...figures(1, 5, 0, 1) }],
      months: [
        {
          key: "2026-10",
          label: "Oct 2026",
          from: "2026-10-01",
          to: "2026-10-31",
          ...figures(0, 0, 0, 0),
        },
        {
          key: "2026-11",
          label: "Nov 2026",
          from: "2026-11-01",
          to: "2026-11-30",
          ...figures(0, 0, 0, 0),
        },
        {
          key: "2026-12",
          label: "Dec 2026",
          from: "2026-12-01",
          to: "2026-12-31",
          ...figures(0, 0, 0, 0),
        },
      ],
    };
    const tables = dashboardTables(odd, {
      withDistricts: true,
      settingsComplete: true,
      today: "2026-12-01",
    });
    expect(tables[1].rows[0].cells.audience).toBe("parents");
    expect(tables.find((t) => t.id === "districts")!.rows[0].key).toBe("none");
    expect(tables.find((t) => t.id === "months")!.total).toMatchObject({
      from: "2026-10-01",
      to: "2026-12-31",
    });
  });
});

describe("numbers in report tables", () => {
  it("group thousands", () => {
    expect(formatNumber(8600)).toBe("8,600");
    expect(formatNumber(12)).toBe("12");
  });

  it("write means and changes to fixed places, with a + on a rise only", () => {
    expect(formatFixed(2.1, 2)).toBe("2.10");
    expect(formatFixed(1.856, 2, true)).toBe("+1.86");
    expect(formatFixed(-0.5, 1, true)).toBe("-0.5");
    expect(formatFixed(1.86, 2)).toBe("1.86");
    expect(formatFixed(3.14159, 9)).toBe("3.142");
    expect(formatFixed(3.6, -1)).toBe("4");
  });

  it("never sign a change that rounds to nothing (issue 20)", () => {
    expect(formatFixed(0, 2, true)).toBe("0.00");
    expect(formatFixed(0.001, 2, true)).toBe("0.00");
    expect(formatFixed(-0.001, 2, true)).toBe("0.00");
    expect(formatFixed(-0.2, 0, true)).toBe("0");
    expect(formatFixed(-0.01, 1)).toBe("0.0");
  });

  it("sign a rise of ten or more too", () => {
    expect(formatFixed(10, 2, true)).toBe("+10.00");
  });
});
