import { describe, expect, it } from "vitest";
import {
  feedbackCells,
  feedbackTables,
  learningDistrictTable,
  learningTable,
  SAFEGUARDING_ROWS,
  safeguardingTable,
} from "~/reports/outcome-tables";
import type { FeedbackFigures, FeedbackStatement, LearningReach } from "~/reports/outcomes.server";

// The outcome tables as a funder reads them (page, CSV, quarterly return). Expected values are
// written out by hand.

const fig = (
  answersBefore: number,
  sumBefore: number,
  answersAfter: number,
  sumAfter: number,
  pairs: number,
  sumChange: number,
): FeedbackFigures => ({
  answersBefore,
  sumBefore,
  answersAfter,
  sumAfter,
  pairs,
  sumChange,
});
const districts = [
  { id: "d1", name: "Norwich" },
  { id: "d2", name: "Breckland" },
];

describe("feedback outcome figures", () => {
  it("give means before and after to two places, their change and the paired change", () => {
    expect(feedbackCells(fig(3, 7, 4, 15, 2, 3), "before_after")).toEqual({
      answers_before: 3,
      mean_before: 2.33,
      answers_after: 4,
      mean_after: 3.75,
      change: 1.42,
      pairs: 2,
      paired_change: 1.5,
    });
  });

  it("leave out before and pairs for a satisfaction question, asked only after", () => {
    expect(feedbackCells(fig(0, 0, 5, 21, 0, 0), "satisfaction")).toEqual({
      answers_before: null,
      mean_before: null,
      answers_after: 5,
      mean_after: 4.2,
      change: null,
      pairs: null,
      paired_change: null,
    });
    expect(feedbackCells(fig(2, 8, 0, 0, 0, 0), "before_after")).toMatchObject({
      mean_before: 4,
      mean_after: null,
      change: null,
      paired_change: null,
    });
  });

  it("list each statement's total first, then its audiences and districts in their own order", () => {
    const s: FeedbackStatement = {
      id: "st1",
      text: "I know where to get help",
      kind: "before_after",
      questionnaire: "pupils",
      all: fig(4, 12, 4, 16, 4, 4),
      byAudience: [
        { audience: "teachers", ...fig(1, 3, 1, 4, 1, 1) },
        { audience: "pupils", ...fig(3, 9, 3, 12, 3, 3) },
      ],
      byDistrict: [
        { districtId: null, ...fig(1, 3, 1, 4, 1, 1) },
        { districtId: "gone", ...fig(0, 0, 0, 0, 0, 0) },
        { districtId: "d2", ...fig(1, 3, 1, 4, 1, 1) },
        { districtId: "d1", ...fig(2, 6, 2, 8, 2, 2) },
      ],
    };
    const [byAudience, byDistrict] = feedbackTables(
      [s],
      [
        { name: "pupils", label: "Pupils" },
        { name: "teachers", label: "Teachers" },
      ],
      districts,
    );
    expect(byAudience.id).toBe("feedback-audiences");
    expect(byAudience.title).toBe("Feedback by statement and audience");
    expect(
      byAudience.rows.map((r) => [
        r.key,
        r.group,
        r.subtotal ?? false,
        r.cells.statement,
        r.cells.audience,
        r.cells.mean_after,
      ]),
    ).toEqual([
      ["st1:all", "st1", true, "I know where to get help", "All audiences", 4],
      ["st1:pupils", "st1", false, "I know where to get help", "Pupils", 4],
      ["st1:teachers", "st1", false, "I know where to get help", "Teachers", 4],
    ]);
    expect(byAudience.columns).toEqual([
      { key: "statement", label: "Statement", groupLabel: true },
      { key: "audience", label: "Audience" },
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
    ]);
    expect(byDistrict.id).toBe("feedback-districts");
    expect(byDistrict.title).toBe("Feedback by statement and district");
    expect(byDistrict.columns[1]).toEqual({ key: "district", label: "District" });
    expect(byDistrict.rows.map((r) => [r.key, r.subtotal ?? false, r.cells.district])).toEqual([
      ["st1:all", true, "All districts"],
      ["st1:gone", false, "Unknown district"],
      ["st1:d1", false, "Norwich"],
      ["st1:d2", false, "Breckland"],
      ["st1:none", false, "No district (online)"],
    ]);
    expect(byDistrict.rows.every((r) => r.group === "st1")).toBe(true);
  });

  it("name an audience with no label by its own name", () => {
    const s: FeedbackStatement = {
      id: "s",
      text: "t",
      kind: "satisfaction",
      questionnaire: "q",
      all: fig(0, 0, 1, 5, 0, 0),
      byAudience: [{ audience: "parents", ...fig(0, 0, 1, 5, 0, 0) }],
      byDistrict: [],
    };
    expect(feedbackTables([s], [], [])[0].rows[1].cells.audience).toBe("parents");
  });
});

const reach: LearningReach = {
  totals: { organisationsReached: 3, enrolled: 20, completed: 10, attempts: 8, passes: 6 },
  districts: [
    {
      districtId: "d1",
      organisationsReached: 2,
      enrolled: 15,
      completed: 8,
      attempts: 6,
      passes: 5,
    },
    {
      districtId: null,
      organisationsReached: 1,
      enrolled: 5,
      completed: 2,
      attempts: 2,
      passes: 1,
    },
  ],
  organisations: [
    {
      id: "o1",
      name: "Norwich Youth Trust",
      districtId: "d1",
      enrolled: 10,
      completed: 5,
      attempts: 4,
      passes: 3,
    },
    {
      id: "o2",
      name: "Wensum Scouts",
      districtId: "d1",
      enrolled: 5,
      completed: 3,
      attempts: 2,
      passes: 2,
    },
    {
      id: "o3",
      name: "Online Help",
      districtId: null,
      enrolled: 5,
      completed: 2,
      attempts: 0,
      passes: 0,
    },
  ],
};

const LEARNING_COLUMNS = [
  { key: "organisations_reached", label: "Organisations reached", numeric: true },
  { key: "enrolled", label: "Learners enrolled", people: true, numeric: true },
  { key: "completed", label: "Learners completed", people: true, numeric: true },
  { key: "attempts", label: "Quiz attempts", people: true, numeric: true },
  { key: "passes", label: "Attempts passed", people: true, numeric: true },
  { key: "pass_percent", label: "Pass rate", numeric: true, derivedFrom: ["attempts", "passes"] },
];

describe("e-learning outcome tables", () => {
  it("give each district (and No district) its learners, attempts and pass rate", () => {
    const t = learningDistrictTable(reach, districts, null);
    expect(t.id).toBe("learning-districts");
    expect(t.title).toBe("E-learning by district");
    expect(t.columns).toEqual([{ key: "district", label: "District" }, ...LEARNING_COLUMNS]);
    expect(t.rows).toEqual([
      {
        key: "district:d1",
        cells: {
          district: "Norwich",
          organisations_reached: 2,
          enrolled: 15,
          completed: 8,
          attempts: 6,
          passes: 5,
          pass_percent: 83,
        },
      },
      {
        key: "district:d2",
        cells: {
          district: "Breckland",
          organisations_reached: 0,
          enrolled: 0,
          completed: 0,
          attempts: 0,
          passes: 0,
          pass_percent: null,
        },
      },
      {
        key: "district:none",
        cells: {
          district: "No district",
          organisations_reached: 1,
          enrolled: 5,
          completed: 2,
          attempts: 2,
          passes: 1,
          pass_percent: 50,
        },
      },
    ]);
    expect(t.total).toEqual({
      district: "All districts",
      organisations_reached: 3,
      enrolled: 20,
      completed: 10,
      attempts: 8,
      passes: 6,
      pass_percent: 75,
    });
    // Filtered to one district, with nobody outside a district.
    const one = learningDistrictTable(
      { ...reach, districts: [reach.districts[0]], organisations: reach.organisations.slice(0, 2) },
      districts,
      "d2",
    );
    expect(one.rows.map((r) => r.cells.district)).toEqual(["Breckland"]);
  });

  it("list organisations within their district under the district's subtotal", () => {
    const t = learningTable(reach, districts, null);
    expect(t.id).toBe("learning");
    expect(t.title).toBe("E-learning by organisation, within each district");
    expect(t.columns).toEqual([
      { key: "district", label: "District", groupLabel: true },
      { key: "organisation", label: "Organisation" },
      ...LEARNING_COLUMNS,
    ]);
    expect(
      t.rows.map((r) => [
        r.key,
        r.group,
        r.subtotal ?? false,
        r.cells.district,
        r.cells.organisation,
        r.cells.organisations_reached,
        r.cells.pass_percent,
      ]),
    ).toEqual([
      ["district:d1", "d1", true, "Norwich", "All organisations", 2, 83],
      ["o1", "d1", false, "Norwich", "Norwich Youth Trust", null, 75],
      ["o2", "d1", false, "Norwich", "Wensum Scouts", null, 100],
      ["district:d2", "d2", true, "Breckland", "All organisations", 0, null],
      ["district:none", "none", true, "No district", "All organisations", 1, 50],
      ["o3", "none", false, "No district", "Online Help", null, null],
    ]);
    expect(t.total).toEqual({
      organisation: "All organisations",
      district: "All districts",
      organisations_reached: 3,
      enrolled: 20,
      completed: 10,
      attempts: 8,
      passes: 6,
      pass_percent: 75,
    });
    expect(
      learningTable({ ...reach, districts: [reach.districts[0]] }, districts, "d1").rows.map(
        (r) => r.key,
      ),
    ).toEqual(["district:d1", "o1", "o2", "district:none", "o3"]);
  });
});

describe("safeguarding outcome table", () => {
  it("has a row for every kind of record, in words that read in a sentence", () => {
    expect(SAFEGUARDING_ROWS.map((r) => r.label)).toEqual([
      "Concern, not passed on",
      "Concern passed to SOS+ 1-2-1 support",
      "Concern passed to the school's designated safeguarding lead",
      "Concern passed to MASH (Multi-Agency Safeguarding Hub)",
      "Concern passed to MACE (Multi-Agency Child Exploitation panel)",
      "Referral to SOS+ 1-2-1 support",
      "Referral to the school's designated safeguarding lead",
      "Referral to MASH (Multi-Agency Safeguarding Hub)",
      "Referral to MACE (Multi-Agency Child Exploitation panel)",
    ]);
  });

  it("counts concerns and referrals by district, with online sessions in their own column", () => {
    const t = safeguardingTable(
      [
        { kind: "concern", destination: "none", districtId: "d1", count: 2 },
        { kind: "concern", destination: "none", districtId: "d2", count: 1 },
        { kind: "referral", destination: "mash", districtId: "d1", count: 6 },
        { kind: "referral", destination: "mash", districtId: null, count: 1 },
      ],
      districts,
      null,
      [
        { districtId: "d1", sessions: 4 },
        { districtId: "d2", sessions: 2 },
        { districtId: null, sessions: 1 },
      ],
    );
    expect(t.id).toBe("safeguarding");
    expect(t.title).toBe(
      "Safeguarding concerns and referrals, by who they were passed to and district",
    );
    expect(t.columns).toEqual([
      { key: "record", label: "Concern or referral" },
      // Each column carries the sessions it covers, for the published figures' suppression (decision 090).
      { key: "d_d1", label: "Norwich", people: true, grid: true, numeric: true, sessions: 4 },
      { key: "d_d2", label: "Breckland", people: true, grid: true, numeric: true, sessions: 2 },
      {
        key: "d_none",
        label: "No district (online)",
        people: true,
        grid: true,
        numeric: true,
        sessions: 1,
      },
      { key: "all", label: "All districts", people: true, numeric: true, sessions: 7 },
    ]);
    expect(t.rows[0]).toEqual({
      key: "concern:none",
      cells: { record: "Concern, not passed on", d_d1: 2, d_d2: 1, d_none: 0, all: 3 },
    });
    expect(t.rows.find((r) => r.key === "referral:mash")!.cells).toEqual({
      record: "Referral to MASH (Multi-Agency Safeguarding Hub)",
      d_d1: 6,
      d_d2: 0,
      d_none: 1,
      all: 7,
    });
    expect(t.rows.find((r) => r.key === "concern:mash")!.cells).toEqual({
      record: "Concern passed to MASH (Multi-Agency Safeguarding Hub)",
      d_d1: 0,
      d_d2: 0,
      d_none: 0,
      all: 0,
    });
    expect(t.total).toEqual({
      record: "All concerns and referrals",
      all: 10,
      d_d1: 8,
      d_d2: 1,
      d_none: 1,
    });
    expect(t.rowTotal).toBe("all");
  });

  it("shows one district when filtered, and no online column when there were no online records", () => {
    const t = safeguardingTable(
      [{ kind: "concern", destination: "none", districtId: null, count: 0 }],
      districts,
      "d2",
      [],
    );
    expect(t.columns.map((c) => c.key)).toEqual(["record", "d_d2", "all"]);
  });

  describe("outcome tables' own columns", () => {
    it("add a No district row for a district-less subtotal, and an online column only for online records", () => {
      const onlyDistricts = { ...reach, organisations: [reach.organisations[0]] };
      expect(learningDistrictTable(onlyDistricts, districts, null).rows.map((r) => r.key)).toEqual([
        "district:d1",
        "district:d2",
        "district:none",
      ]);
      const noNone = {
        ...reach,
        districts: [reach.districts[0]],
        organisations: [reach.organisations[0], reach.organisations[2]],
      };
      expect(learningDistrictTable(noNone, districts, null).rows.map((r) => r.key)).toEqual([
        "district:d1",
        "district:d2",
        "district:none",
      ]);
      const inDistricts = {
        ...reach,
        districts: [reach.districts[0]],
        organisations: [reach.organisations[0]],
      };
      expect(learningDistrictTable(inDistricts, districts, null).rows.map((r) => r.key)).toEqual([
        "district:d1",
        "district:d2",
      ]);
      expect(
        safeguardingTable(
          [{ kind: "concern", destination: "none", districtId: "d1", count: 3 }],
          districts,
          null,
          [],
        ).columns.map((c) => c.key),
      ).toEqual(["record", "d_d1", "d_d2", "all"]);
    });
  });
});
