import { describe, expect, it } from "vitest";
import { addDays } from "~/utils/dates";
import {
  ageOn,
  assessmentDue,
  birthday,
  DECISIONS,
  eligibilityWarnings,
  followUp,
  isQuiet,
  labelOf,
  median,
  missingConsent,
  pairedChange,
  parentConsentNeeded,
  percent,
  retainUntil,
} from "~/casework/rules";
import { londonDay } from "../support/time";

// Casework's pure rules. Days are built from today (tests/support/time.ts), never written out,
// except where the calendar itself is the point (a 29 February birthday).
const today = londonDay(0);
const pathways = {
  name: "Pathways Out",
  maxAge: 17,
  districtIds: ["E07000148", "E07000144", "E07000149"],
  area: "greater Norwich",
  parentConsentUnderAge: 13,
};

describe("age and birthdays", () => {
  it("counts whole years, turning on the birthday itself", () => {
    const dob = addDays(today, -(15 * 365 + 10));
    expect(ageOn(dob, today)).toBe(15);
    const bornToday15 = `${Number(today.slice(0, 4)) - 15}${today.slice(4)}`;
    expect(ageOn(bornToday15, today)).toBe(15);
    expect(ageOn(bornToday15, addDays(today, -1))).toBe(14);
  });
  it("puts a 29 February birthday on 1 March in other years", () => {
    expect(birthday("2008-02-29", 25)).toBe("2033-03-01");
    expect(birthday("2008-02-29", 24)).toBe("2032-02-29");
  });
});

describe("eligibility warns at referral", () => {
  it("warns for an 18-year-old and for a school outside greater Norwich, and not otherwise", () => {
    const eighteen = addDays(today, -(18 * 365 + 20));
    const fifteen = addDays(today, -(15 * 365 + 20));
    expect(
      eligibilityWarnings(pathways, { dateOfBirth: eighteen, districtId: "E07000148" }, today),
    ).toEqual([expect.stringContaining("aged 17 and under")]);
    expect(
      eligibilityWarnings(pathways, { dateOfBirth: fifteen, districtId: "E07000145" }, today),
    ).toEqual([expect.stringContaining("greater Norwich")]);
    expect(
      eligibilityWarnings(pathways, { dateOfBirth: fifteen, districtId: "E07000149" }, today),
    ).toEqual([]);
    expect(
      eligibilityWarnings(
        { ...pathways, districtIds: null, maxAge: null },
        { dateOfBirth: eighteen, districtId: "E07000145" },
        today,
      ),
    ).toEqual([]);
  });
});

describe("consent", () => {
  const twelve = addDays(today, -(12 * 365 + 40));
  const fifteen = addDays(today, -(15 * 365 + 40));
  it("needs the young person's consent to support, and a parent's below the programme's age", () => {
    expect(missingConsent(pathways, fifteen, [], today)).toEqual(["young_person"]);
    expect(missingConsent(pathways, twelve, [], today)).toEqual(["young_person", "parent_carer"]);
    expect(
      missingConsent(
        pathways,
        twelve,
        [{ purpose: "support", givenBy: "young_person", withdrawnOn: null }],
        today,
      ),
    ).toEqual(["parent_carer"]);
    expect(
      missingConsent(
        pathways,
        fifteen,
        [{ purpose: "support", givenBy: "young_person", withdrawnOn: null }],
        today,
      ),
    ).toEqual([]);
  });
  it("does not take a parent's consent for the young person's own (issue 20)", () => {
    expect(
      missingConsent(
        pathways,
        fifteen,
        [{ purpose: "support", givenBy: "parent_carer", withdrawnOn: null }],
        today,
      ),
    ).toEqual(["young_person"]);
    expect(
      missingConsent(
        pathways,
        twelve,
        [{ purpose: "support", givenBy: "parent_carer", withdrawnOn: null }],
        today,
      ),
    ).toEqual(["young_person"]);
  });

  it("does not count consent for another purpose, or consent withdrawn", () => {
    expect(
      missingConsent(
        pathways,
        fifteen,
        [{ purpose: "evaluation", givenBy: "young_person", withdrawnOn: null }],
        today,
      ),
    ).toEqual(["young_person"]);
    expect(
      missingConsent(
        pathways,
        fifteen,
        [{ purpose: "support", givenBy: "young_person", withdrawnOn: today }],
        today,
      ),
    ).toEqual(["young_person"]);
  });
  it("asks for a parent when the age is not known yet, and never when the programme does not", () => {
    expect(parentConsentNeeded(pathways, null, today)).toBe(true);
    expect(parentConsentNeeded({ parentConsentUnderAge: null }, twelve, today)).toBe(false);
  });
});

describe("the rhythm of a case", () => {
  it("makes the first assessment due two weeks after opening, then every interval, overdue after", () => {
    const opened = addDays(today, -20);
    expect(assessmentDue(null, opened, 6, today)).toEqual({
      dueOn: addDays(opened, 14),
      overdue: true,
    });
    expect(assessmentDue(addDays(today, -10), opened, 6, today)).toEqual({
      dueOn: addDays(today, 32),
      overdue: false,
    });
    expect(assessmentDue(addDays(today, -42), opened, 6, today).overdue).toBe(false);
    expect(assessmentDue(addDays(today, -43), opened, 6, today).overdue).toBe(true);
  });
  it("flags a case quiet after the set weeks without an attended contact", () => {
    expect(isQuiet(addDays(today, -27), addDays(today, -90), 4, today)).toBe(false);
    expect(isQuiet(addDays(today, -28), addDays(today, -90), 4, today)).toBe(true);
    expect(isQuiet(null, addDays(today, -10), 4, today)).toBe(false);
  });
  it("asks for a follow-up after a missed contact, escalates after the set days, and clears on attendance", () => {
    const c = (d: number, outcome: string) => ({ contactOn: addDays(today, d), outcome });
    expect(followUp([c(-30, "attended"), c(-5, "did_not_attend")], 14, today)).toEqual({
      needed: true,
      escalate: false,
      since: addDays(today, -5),
    });
    expect(followUp([c(-30, "did_not_attend"), c(-20, "no_contact")], 14, today)).toEqual({
      needed: true,
      escalate: true,
      since: addDays(today, -30),
    });
    expect(followUp([c(-30, "did_not_attend"), c(-2, "attended")], 14, today)).toEqual({
      needed: false,
      escalate: false,
      since: null,
    });
  });
});

describe("retention", () => {
  it("keeps a case file until the 25th birthday, and at least a year after it ended", () => {
    const dob = addDays(today, -(16 * 365));
    expect(retainUntil(dob, 25, today)).toBe(birthday(dob, 25));
    const older = addDays(today, -(24 * 365 + 300));
    expect(retainUntil(older, 25, today)).toBe(addDays(today, 365));
    expect(retainUntil(null, 25, today)).toBe(addDays(today, 6 * 365));
  });
});

describe("report arithmetic", () => {
  it("pairs first against latest per characteristic, leaving out cases with one reading", () => {
    const a = (caseId: string, d: number, scores: Record<string, number>) => ({
      caseId,
      takenOn: addDays(today, d),
      createdAt: "",
      scores,
    });
    const result = pairedChange(
      [
        a("c1", -50, { s: 1, e: 2 }),
        a("c1", -10, { s: 3, e: 2 }),
        a("c1", -30, { s: 2 }),
        a("c2", -40, { s: 2, e: 1 }),
        a("c2", -1, { s: 5, e: 4 }),
        a("c3", -5, { s: 1, e: 1 }),
      ],
      ["s", "e"],
    );
    expect(result).toEqual([
      { itemId: "s", n: 2, firstMean: 1.5, latestMean: 4, change: 2.5 },
      { itemId: "e", n: 2, firstMean: 1.5, latestMean: 3, change: 1.5 },
    ]);
  });
  it("takes medians and whole percentages, and nothing from nothing", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
  });
});

// Boundaries of the rules (issue 20: mutation testing). The calendar is the point here, so these
// cases write their days out.
describe("casework rules at their edges", () => {
  it("counts age by month and day: a birthday later in the year has not come yet", () => {
    expect(ageOn("2010-06-10", "2026-05-20")).toBe(15);
    expect(ageOn("2010-06-10", "2026-06-09")).toBe(15);
    expect(ageOn("2010-06-10", "2026-06-10")).toBe(16);
    expect(ageOn("2010-06-10", "2026-07-01")).toBe(16);
  });

  it("does not warn for someone exactly the programme's top age, and says the age when it does", () => {
    expect(
      eligibilityWarnings(
        pathways,
        { dateOfBirth: "2009-05-01", districtId: "E07000148" },
        "2026-05-01",
      ),
    ).toEqual([]);
    expect(
      eligibilityWarnings(
        pathways,
        { dateOfBirth: "2008-05-01", districtId: "E07000148" },
        "2026-05-01",
      ),
    ).toEqual(["Pathways Out is for young people aged 17 and under; this young person is 18."]);
  });

  it("asks to check where a young person lives when no school district is known, and only where the programme has an area", () => {
    expect(eligibilityWarnings(pathways, { dateOfBirth: null, districtId: null }, today)).toEqual([
      "Pathways Out covers greater Norwich; check that the young person lives or goes to school there.",
    ]);
    expect(
      eligibilityWarnings(pathways, { dateOfBirth: null, districtId: "E07000145" }, today),
    ).toEqual(["Pathways Out covers greater Norwich; this school is outside it."]);
    expect(
      eligibilityWarnings(
        { ...pathways, districtIds: [] },
        { dateOfBirth: null, districtId: null },
        today,
      ),
    ).toEqual([]);
  });

  it("counts only live consent to support, from the right person", () => {
    const yp = { purpose: "support", givenBy: "young_person", withdrawnOn: null };
    const parent = { purpose: "support", givenBy: "parent_carer", withdrawnOn: null };
    expect(missingConsent(pathways, "2010-01-01", [yp], "2026-05-01")).toEqual([]);
    expect(
      missingConsent(pathways, "2010-01-01", [{ ...yp, withdrawnOn: "2026-04-01" }], "2026-05-01"),
    ).toEqual(["young_person"]);
    expect(
      missingConsent(pathways, "2010-01-01", [{ ...yp, purpose: "data_sharing" }], "2026-05-01"),
    ).toEqual(["young_person"]);
    expect(missingConsent(pathways, "2014-01-01", [yp, parent], "2026-05-01")).toEqual([]);
    expect(
      missingConsent(
        pathways,
        "2014-01-01",
        [yp, { ...parent, givenBy: "young_person" }],
        "2026-05-01",
      ),
    ).toEqual(["parent_carer"]);
  });

  it("needs a parent's consent below the programme's age, not at it, and never where the programme asks for none", () => {
    expect(parentConsentNeeded(pathways, "2013-05-01", "2026-05-01")).toBe(false);
    expect(parentConsentNeeded(pathways, "2013-05-02", "2026-05-01")).toBe(true);
    expect(parentConsentNeeded(pathways, null, "2026-05-01")).toBe(true);
    expect(parentConsentNeeded({ parentConsentUnderAge: null }, null, "2026-05-01")).toBe(false);
  });

  it("follows up missed contacts in date order whatever order they come in, escalating on the day the limit is reached", () => {
    expect(
      followUp(
        [
          { contactOn: "2026-05-10", outcome: "attended" },
          { contactOn: "2026-05-01", outcome: "did_not_attend" },
        ],
        14,
        "2026-05-20",
      ),
    ).toEqual({ needed: false, escalate: false, since: null });
    expect(
      followUp([{ contactOn: "2026-05-01", outcome: "did_not_attend" }], 14, "2026-05-15"),
    ).toEqual({ needed: true, escalate: true, since: "2026-05-01" });
    expect(
      followUp([{ contactOn: "2026-05-01", outcome: "did_not_attend" }], 14, "2026-05-14"),
    ).toEqual({ needed: true, escalate: false, since: "2026-05-01" });
  });

  it("pairs first and latest readings by date, leaving out readings without the item", () => {
    const a = (caseId: string, takenOn: string, scores: Record<string, number>) => ({
      caseId,
      takenOn,
      createdAt: `${takenOn}T10:00:00Z`,
      scores,
    });
    const result = pairedChange(
      [
        a("c1", "2026-03-01", { s: 4 }),
        a("c1", "2026-01-01", { s: 1 }),
        a("c1", "2026-02-01", { e: 5 }),
        a("c1", "2026-04-01", { e: 1 }),
      ],
      ["s", "e"],
    );
    expect(result).toEqual([
      { itemId: "s", n: 1, firstMean: 1, latestMean: 4, change: 3 },
      { itemId: "e", n: 1, firstMean: 5, latestMean: 1, change: -4 },
    ]);
  });

  it("names a choice by its label, or by its own value when it is not in the list", () => {
    expect(labelOf(DECISIONS, DECISIONS[0].value)).toBe(DECISIONS[0].label);
    expect(labelOf(DECISIONS, "something_else")).toBe("something_else");
    expect(labelOf(DECISIONS, null)).toBe("");
    expect(labelOf(DECISIONS, undefined)).toBe("");
  });
});
