import { describe, expect, it } from "vitest";
import {
  checkMeeting,
  classClashes,
  complianceProblems,
  schoolDayWarnings,
  seriesDates,
  termDayWarnings,
  trainerClashes,
  type BookedSession,
  type ProposedMeeting,
} from "~/sessions/clashes.server";
import { londonToUtc } from "~/utils/dates";

const at = (date: string, time: string) => londonToUtc(date, time);

function meeting(over: Partial<ProposedMeeting> = {}): ProposedMeeting {
  return {
    startsAt: at("2026-12-02", "10:00"),
    endsAt: at("2026-12-02", "11:00"),
    venueKey: "school-a",
    venueLabel: "Wensum Valley Academy",
    online: false,
    trainerIds: ["dan"],
    classIds: ["9x"],
    ...over,
  };
}

function booked(over: Partial<BookedSession> = {}): BookedSession {
  return {
    sessionId: "s1",
    title: "Assembly",
    startsAt: at("2026-12-02", "08:45"),
    endsAt: at("2026-12-02", "09:45"),
    venueKey: "school-b",
    venueLabel: "Harbour Reach Academy",
    online: false,
    trainerIds: ["dan"],
    classIds: [],
    ...over,
  };
}

const names = { dan: "Dan Okafor", megan: "Megan Hollis" };

describe("trainer clashes", () => {
  it("refuses a trainer booked elsewhere at the same time, naming where", () => {
    const problems = trainerClashes(
      meeting(),
      [booked({ startsAt: at("2026-12-02", "10:30"), endsAt: at("2026-12-02", "11:30") })],
      names,
      30,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0].severity).toBe("refusal");
    expect(problems[0].message).toContain("Dan Okafor is already booked");
    expect(problems[0].message).toContain("Harbour Reach Academy");
    expect(problems[0].message).toContain("10:30am to 11:30am on Wednesday 2 December 2026");
  });

  it("refuses a trainer booked elsewhere within the travel buffer", () => {
    // The other session ends at 9:45; 30 minutes' travel means 10:15 at the earliest.
    const problems = trainerClashes(meeting(), [booked()], names, 30);
    expect(problems).toHaveLength(1);
    expect(problems[0].kind).toBe("trainer_clash");
    expect(problems[0].message).toContain("needs 30 minutes to travel between venues");
  });

  it("allows a trainer booked elsewhere once the travel buffer has passed", () => {
    expect(
      trainerClashes(meeting(), [booked({ endsAt: at("2026-12-02", "09:30") })], names, 30),
    ).toEqual([]);
  });

  it("applies the travel buffer after the new session too, not only before it", () => {
    const later = booked({
      startsAt: at("2026-12-02", "11:15"),
      endsAt: at("2026-12-02", "12:00"),
    });
    expect(trainerClashes(meeting(), [later], names, 30)).toHaveLength(1);
  });

  it("needs no travel buffer between back-to-back sessions at the same venue", () => {
    const sameVenue = booked({
      venueKey: "school-a",
      venueLabel: "Wensum Valley Academy",
      endsAt: at("2026-12-02", "10:00"),
    });
    expect(trainerClashes(meeting(), [sameVenue], names, 30)).toEqual([]);
  });

  it("needs no travel buffer next to an online session", () => {
    expect(trainerClashes(meeting(), [booked({ online: true })], names, 30)).toEqual([]);
  });

  it("ignores sessions of other trainers", () => {
    expect(trainerClashes(meeting(), [booked({ trainerIds: ["megan"] })], names, 30)).toEqual([]);
  });

  it("reads the travel buffer from the setting it is given", () => {
    expect(trainerClashes(meeting(), [booked()], names, 10)).toEqual([]);
    expect(trainerClashes(meeting(), [booked()], names, 20)).toHaveLength(1);
  });
});

describe("class clashes", () => {
  it("refuses a class booked twice in overlapping sessions", () => {
    const other = booked({
      trainerIds: ["megan"],
      classIds: ["9x"],
      startsAt: at("2026-12-02", "10:30"),
      endsAt: at("2026-12-02", "11:30"),
    });
    const problems = classClashes(meeting(), [other], { "9x": "Year 9 — 9X" });
    expect(problems).toHaveLength(1);
    expect(problems[0].severity).toBe("refusal");
    expect(problems[0].message).toContain("Year 9 — 9X is already booked for “Assembly”");
  });

  it("allows the same class in a session that does not overlap", () => {
    expect(classClashes(meeting(), [booked({ classIds: ["9x"] })], { "9x": "9X" })).toEqual([]);
  });
});

describe("school day", () => {
  const day = { start: "08:30", end: "15:30" };
  it("warns when a pupil session starts before the school day", () => {
    const w = schoolDayWarnings(
      { startsAt: at("2026-12-02", "08:00"), endsAt: at("2026-12-02", "09:00") },
      day,
    );
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe("warning");
    expect(w[0].message).toBe("8am to 9am is outside the school day (8:30am to 3:30pm).");
  });

  it("warns when a pupil session runs past the end of the school day", () => {
    expect(
      schoolDayWarnings(
        { startsAt: at("2026-07-08", "15:00"), endsAt: at("2026-07-08", "16:00") },
        day,
      ),
    ).toHaveLength(1);
  });

  it("accepts a session inside the school day in BST and in GMT (London wall-clock time)", () => {
    expect(
      schoolDayWarnings(
        { startsAt: at("2026-07-08", "08:30"), endsAt: at("2026-07-08", "15:30") },
        day,
      ),
    ).toEqual([]);
    expect(
      schoolDayWarnings(
        { startsAt: at("2026-12-08", "08:30"), endsAt: at("2026-12-08", "15:30") },
        day,
      ),
    ).toEqual([]);
  });
});

describe("term days", () => {
  const terms = [
    { name: "Autumn 2", startsOn: "2026-11-02", endsOn: "2026-12-18" },
    { name: "Spring 1", startsOn: "2027-01-04", endsOn: "2027-02-12" },
  ];
  it("warns about a date in the school holidays", () => {
    const w = termDayWarnings("2026-12-23", terms);
    expect(w).toHaveLength(1);
    expect(w[0].message).toBe(
      "23 December 2026 is not in any term (it falls in a school holiday).",
    );
  });

  it("warns about a weekend inside a term", () => {
    expect(termDayWarnings("2026-11-28", terms)[0].message).toContain(
      "is a Saturday, not a term day",
    );
  });

  it("accepts a weekday inside a term, including the first and last days", () => {
    expect(termDayWarnings("2026-11-02", terms)).toEqual([]);
    expect(termDayWarnings("2026-12-18", terms)).toEqual([]);
  });
});

describe("trainer compliance", () => {
  const base = {
    trainerId: "dan",
    name: "Dan Okafor",
    dbsExpiresOn: "2028-01-01",
    safeguardingExpiresOn: "2028-01-01",
  };
  it("refuses a trainer whose DBS check has lapsed", () => {
    const p = complianceProblems(
      { ...base, dbsExpiresOn: "2026-11-01" },
      "2026-12-02",
      "2026-11-23",
      30,
    );
    expect(p).toEqual([
      {
        kind: "compliance_lapsed",
        severity: "refusal",
        message: "Dan Okafor’s enhanced DBS check lapsed on 1 November 2026.",
      },
    ]);
  });

  it("refuses a trainer whose safeguarding training lapses before the session", () => {
    const p = complianceProblems(
      { ...base, safeguardingExpiresOn: "2027-01-10" },
      "2027-02-01",
      "2026-11-23",
      30,
    );
    expect(p[0].severity).toBe("refusal");
    expect(p[0].message).toContain(
      "runs out on 10 January 2027, before the session on 1 February 2027",
    );
  });

  it("refuses a trainer with no DBS check recorded", () => {
    const p = complianceProblems({ ...base, dbsExpiresOn: null }, "2026-12-02", "2026-11-23", 30);
    expect(p[0].kind).toBe("compliance_missing");
    expect(p[0].severity).toBe("refusal");
  });

  it("warns when a check runs out within 30 days", () => {
    const p = complianceProblems(
      { ...base, dbsExpiresOn: "2026-12-15" },
      "2026-12-02",
      "2026-11-23",
      30,
    );
    expect(p).toEqual([
      {
        kind: "compliance_expiring",
        severity: "warning",
        message: "Dan Okafor’s enhanced DBS check runs out on 15 December 2026, within 30 days.",
      },
    ]);
  });

  it("says nothing when both checks run well past the session", () => {
    expect(complianceProblems(base, "2026-12-02", "2026-11-23", 30)).toEqual([]);
  });
});

describe("checking a whole meeting", () => {
  const settings = {
    travelBufferMinutes: 30,
    schoolDayStart: "08:30",
    schoolDayEnd: "15:30",
    complianceWarningDays: 30,
  };
  const trainers = [
    {
      trainerId: "dan",
      name: "Dan Okafor",
      dbsExpiresOn: "2028-01-01",
      safeguardingExpiresOn: "2028-01-01",
    },
  ];
  const terms = [{ name: "Autumn 2", startsOn: "2026-11-02", endsOn: "2026-12-18" }];

  it("separates refusals from warnings a lead may override", () => {
    const result = checkMeeting({
      meeting: meeting({ startsAt: at("2026-12-02", "16:00"), endsAt: at("2026-12-02", "17:00") }),
      booked: [booked({ startsAt: at("2026-12-02", "16:30"), endsAt: at("2026-12-02", "17:30") })],
      trainers,
      classNames: {},
      settings,
      terms,
      today: "2026-11-23",
      pupilSession: true,
      atSetting: true,
    });
    expect(result.refusals.map((p) => p.kind)).toEqual(["trainer_clash"]);
    expect(result.warnings.map((p) => p.kind)).toEqual(["outside_school_day"]);
  });

  it("does not hold staff twilight sessions to the school day", () => {
    const result = checkMeeting({
      meeting: meeting({ startsAt: at("2026-12-02", "15:45"), endsAt: at("2026-12-02", "17:15") }),
      booked: [],
      trainers,
      classNames: {},
      settings,
      terms,
      today: "2026-11-23",
      pupilSession: false,
      atSetting: true,
    });
    expect(result).toEqual({ refusals: [], warnings: [] });
  });

  it("refuses a meeting whose trainer's DBS check has lapsed, and ignores the lapses of trainers not on it (issue 20)", () => {
    const lapsed = {
      trainerId: "ann",
      name: "Ann Lee",
      dbsExpiresOn: "2026-11-01",
      safeguardingExpiresOn: "2028-01-01",
    };
    const check = (trainerIds: string[]) =>
      checkMeeting({
        meeting: meeting({ trainerIds }),
        booked: [],
        trainers: [...trainers, lapsed],
        classNames: {},
        settings,
        terms,
        today: "2026-11-23",
        pupilSession: true,
        atSetting: true,
      });
    expect(check(["ann"]).refusals.map((p) => p.message)).toEqual([
      "Ann Lee’s enhanced DBS check lapsed on 1 November 2026.",
    ]);
    expect(check(["dan"])).toEqual({ refusals: [], warnings: [] });
  });
});

describe("series", () => {
  it("books a weekly series at the same interval, across the change from BST to GMT", () => {
    expect(seriesDates("2026-10-14", 6, 7)).toEqual([
      "2026-10-14",
      "2026-10-21",
      "2026-10-28",
      "2026-11-04",
      "2026-11-11",
      "2026-11-18",
    ]);
    // 10am on each date stays 10am London time, whichever side of the clock change.
    expect(at("2026-10-21", "10:00").toISOString()).toBe("2026-10-21T09:00:00.000Z");
    expect(at("2026-10-28", "10:00").toISOString()).toBe("2026-10-28T10:00:00.000Z");
  });
});

// The rules at their edges (issue 20: mutation testing).
describe("clash rules at their edges", () => {
  const dan = {
    trainerId: "dan",
    name: "Dan Okafor",
    dbsExpiresOn: "2028-01-01",
    safeguardingExpiresOn: "2028-01-01",
  };

  it("lets a trainer run sessions back to back at the same venue, touching but not overlapping", () => {
    const before = booked({
      venueKey: "school-a",
      startsAt: at("2026-12-02", "09:00"),
      endsAt: at("2026-12-02", "10:00"),
    });
    const after = booked({
      venueKey: "school-a",
      startsAt: at("2026-12-02", "11:00"),
      endsAt: at("2026-12-02", "12:00"),
    });
    expect(trainerClashes(meeting(), [before, after], names, 30)).toEqual([]);
    expect(
      classClashes(
        meeting(),
        [
          { ...before, classIds: ["9x"] },
          { ...after, classIds: ["9x"] },
        ],
        { "9x": "Year 9X" },
      ),
    ).toEqual([]);
  });

  it("allows exactly the travel time between venues, either side", () => {
    const earlier = booked({
      startsAt: at("2026-12-02", "08:45"),
      endsAt: at("2026-12-02", "09:30"),
    });
    const later = booked({
      startsAt: at("2026-12-02", "11:30"),
      endsAt: at("2026-12-02", "12:30"),
    });
    expect(trainerClashes(meeting(), [earlier, later], names, 30)).toEqual([]);
  });

  it("needs travel time between two venues not yet known, and says a single minute as one", () => {
    const problems = trainerClashes(
      meeting({ venueKey: null, venueLabel: "a venue to be confirmed" }),
      [booked({ venueKey: null, venueLabel: "another venue" })],
      names,
      1,
    );
    expect(problems).toEqual([]);
    const close = trainerClashes(
      meeting({
        venueKey: null,
        venueLabel: "a venue to be confirmed",
        startsAt: at("2026-12-02", "09:45"),
      }),
      [booked({ venueKey: null, venueLabel: "another venue" })],
      {},
      1,
    );
    expect(close).toEqual([
      {
        kind: "trainer_clash",
        severity: "refusal",
        message:
          "This trainer is booked for “Assembly” at another venue from 8:45am to 9:45am on Wednesday 2 December 2026, and needs 1 minute to travel between venues, so cannot be at a venue to be confirmed from 9:45am.",
      },
    ]);
  });

  it("says exactly what a trainer or class clash is", () => {
    const overlap = booked({
      startsAt: at("2026-12-02", "10:30"),
      endsAt: at("2026-12-02", "11:30"),
      classIds: ["9x"],
    });
    expect(trainerClashes(meeting(), [overlap], {}, 30)).toEqual([
      {
        kind: "trainer_clash",
        severity: "refusal",
        message:
          "This trainer is already booked for “Assembly” at Harbour Reach Academy from 10:30am to 11:30am on Wednesday 2 December 2026, so cannot be at Wensum Valley Academy at the same time.",
      },
    ]);
    expect(classClashes(meeting(), [overlap], {})).toEqual([
      {
        kind: "class_clash",
        severity: "refusal",
        message:
          "This class is already booked for “Assembly” from 10:30am to 11:30am on Wednesday 2 December 2026.",
      },
    ]);
  });

  it("warns about a pupil session that runs past midnight even when both times are within school hours", () => {
    const overnight = { startsAt: at("2026-12-02", "14:00"), endsAt: at("2026-12-03", "09:00") };
    expect(
      schoolDayWarnings(overnight, { start: "08:30", end: "15:30" }).map((p) => p.kind),
    ).toEqual(["outside_school_day"]);
  });

  it("names the weekend day, and a school holiday, when a session is not on a term day", () => {
    const terms = [{ name: "Autumn 2", startsOn: "2026-11-02", endsOn: "2026-12-18" }];
    expect(termDayWarnings("2026-12-05", terms)).toEqual([
      {
        kind: "not_term_day",
        severity: "warning",
        message: "5 December 2026 is a Saturday, not a term day.",
      },
    ]);
    expect(termDayWarnings("2026-12-06", terms)).toEqual([
      {
        kind: "not_term_day",
        severity: "warning",
        message: "6 December 2026 is a Sunday, not a term day.",
      },
    ]);
    expect(termDayWarnings("2026-12-21", terms)).toEqual([
      {
        kind: "not_term_day",
        severity: "warning",
        message: "21 December 2026 is not in any term (it falls in a school holiday).",
      },
    ]);
    expect(termDayWarnings("2026-12-18", terms)).toEqual([]);
    expect(termDayWarnings("2026-11-02", terms)).toEqual([]);
  });

  it("treats a check that runs out today as still valid today, and one running out on the session day as valid for it", () => {
    expect(
      complianceProblems({ ...dan, dbsExpiresOn: "2026-12-01" }, "2026-12-10", "2026-12-01", 30),
    ).toEqual([
      {
        kind: "compliance_lapsed",
        severity: "refusal",
        message:
          "Dan Okafor’s enhanced DBS check runs out on 1 December 2026, before the session on 10 December 2026.",
      },
    ]);
    expect(
      complianceProblems({ ...dan, dbsExpiresOn: "2026-12-10" }, "2026-12-10", "2026-12-01", 30),
    ).toEqual([
      {
        kind: "compliance_expiring",
        severity: "warning",
        message: "Dan Okafor’s enhanced DBS check runs out on 10 December 2026, within 30 days.",
      },
    ]);
  });

  it("warns up to and including the last day of the warning period, from today or from the session", () => {
    // A session already held (recorded late): the period counts from today.
    expect(
      complianceProblems(
        { ...dan, safeguardingExpiresOn: "2026-12-31" },
        "2026-11-20",
        "2026-12-01",
        30,
      ).map((p) => p.kind),
    ).toEqual(["compliance_expiring"]);
    expect(
      complianceProblems(
        { ...dan, safeguardingExpiresOn: "2027-01-01" },
        "2026-11-20",
        "2026-12-01",
        30,
      ),
    ).toEqual([]);
    // A session ahead: the period counts from the session too.
    expect(
      complianceProblems(
        { ...dan, safeguardingExpiresOn: "2027-01-09" },
        "2026-12-10",
        "2026-12-01",
        30,
      ).map((p) => p.kind),
    ).toEqual(["compliance_expiring"]);
    expect(
      complianceProblems(
        { ...dan, safeguardingExpiresOn: "2027-01-10" },
        "2026-12-10",
        "2026-12-01",
        30,
      ),
    ).toEqual([]);
  });

  it("names each missing check", () => {
    expect(
      complianceProblems(
        { ...dan, dbsExpiresOn: null, safeguardingExpiresOn: null },
        "2026-12-10",
        "2026-12-01",
        30,
      ),
    ).toEqual([
      {
        kind: "compliance_missing",
        severity: "refusal",
        message: "Dan Okafor has no enhanced DBS check recorded.",
      },
      {
        kind: "compliance_missing",
        severity: "refusal",
        message: "Dan Okafor has no safeguarding training recorded.",
      },
    ]);
  });

  it("checks only the meeting's own trainers, by name, and the school day and term only where they apply", () => {
    const megan = {
      trainerId: "megan",
      name: "Megan Hollis",
      dbsExpiresOn: null,
      safeguardingExpiresOn: null,
    };
    const result = checkMeeting({
      meeting: meeting({ startsAt: at("2026-12-05", "18:00"), endsAt: at("2026-12-05", "19:00") }),
      booked: [booked({ startsAt: at("2026-12-05", "18:30"), endsAt: at("2026-12-05", "19:30") })],
      trainers: [dan, megan],
      classNames: {},
      settings: {
        travelBufferMinutes: 30,
        schoolDayStart: "08:30",
        schoolDayEnd: "15:30",
        complianceWarningDays: 30,
      },
      terms: [],
      today: "2026-11-23",
      pupilSession: false,
      atSetting: false,
    });
    expect(result.refusals.map((p) => p.message.slice(0, 30))).toEqual([
      "Dan Okafor is already booked f",
    ]);
    expect(result.warnings).toEqual([]);
  });
});
