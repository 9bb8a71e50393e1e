import { promises as fs } from "node:fs";
import path from "node:path";
import { FileMigrationProvider, Kysely, Migrator } from "kysely";
import { KyselyPGlite } from "kysely-pglite";
import { afterAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { Database } from "~/db/schema";
import { financialYearStart, londonDay } from "../support/time";

// The last financial year that has ended (and the one before it): every figure is in the past.
const Y = financialYearStart(londonDay()) - 1;

// The dashboard's aggregate SQL (window functions, conditional sums, the breakdowns crossed in one
// GROUP BY, the month CASE) is standard SQL: run it on PostgreSQL (PGlite, in-process) too.
describe("the dashboard's queries on PostgreSQL", () => {
  let db: Kysely<Database> | undefined;
  afterAll(async () => {
    await db?.destroy();
  });

  it("counts a class seen twice once and gives the same figures as on SQLite", async () => {
    const { dialect } = await KyselyPGlite.create();
    db = new Kysely<Database>({ dialect });
    const migrator = new Migrator({
      db,
      provider: new FileMigrationProvider({
        fs,
        path,
        migrationFolder: path.resolve("migrations"),
      }),
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const { insertOrganisation } = await import("~/seed/foundation.server");
    const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
    const { getDashboard } = await import("~/reports/dashboard.server");
    const { getReturn, returnCsv } = await import("~/reports/return.server");
    const setting = await insertOrganisation(db as unknown as DB, {
      kind: "setting",
      name: "Alder High School",
      districtId: "E07000148",
    });
    await insertOrganisation(db as unknown as DB, {
      kind: "setting",
      name: "Not Yet Academy",
      districtId: "E07000145",
    });
    const b = new DeliveryBatch();
    const p = b.programme({
      name: "SOS+",
      startsOn: `${Y - 1}-09-01`,
      endsOn: `${Y + 2}-08-31`,
      targets: [{ audience: "pupils", sessions: 120, people: 8600 }],
    });
    const pupils = b.offering({
      programmeId: p,
      title: "Assembly",
      audience: "pupils",
      format: "assembly",
    });
    const staff = b.offering({
      programmeId: p,
      title: "Staff",
      audience: "teachers",
      format: "twilight_cpd",
    });
    const cls = b.class({ settingId: setting, yearGroup: "9", name: "9A", pupils: 30 });
    b.session({
      programmeId: p,
      offeringId: pupils,
      settingId: setting,
      districtId: "E07000148",
      startsAt: `${Y}-01-10T10:00:00.000Z`,
      status: "delivered",
      classes: [{ classId: cls, attended: 28 }],
    });
    b.session({
      programmeId: p,
      offeringId: pupils,
      settingId: setting,
      districtId: "E07000148",
      startsAt: `${Y}-02-10T10:00:00.000Z`,
      status: "delivered",
      classes: [{ classId: cls, attended: 30 }],
    });
    const t = b.session({
      programmeId: p,
      offeringId: staff,
      settingId: setting,
      districtId: "E07000148",
      startsAt: `${Y}-04-21T15:00:00.000Z`,
      status: "delivered",
      walkIns: 2,
    });
    for (let i = 0; i < 3; i++) b.registration({ sessionId: t, attendance: "attended" });
    b.registration({ sessionId: t, attendance: "no_show" });
    await b.write(db as unknown as DB);

    const d = await getDashboard(db as unknown as DB, { kind: "all" }, {});
    expect(d.data!.totals).toMatchObject({ sessions: 3, people: 35, settings: 1 });
    expect(d.data!.totals.peopleBy).toMatchObject({ pupils: 30, teachers: 5 });
    expect(d.data!.months.find((m) => m.key === `${Y}-01`)).toMatchObject({
      sessions: 1,
      people: 30,
    });
    expect(d.data!.months.find((m) => m.key === `${Y}-02`)).toMatchObject({
      sessions: 1,
      people: 0,
    });
    expect(
      d.data!.quarters.find((q) => q.key === `${Y}-${String(Y + 1).slice(2)} Q1`),
    ).toMatchObject({ sessions: 1, people: 5 });
    expect(d.data!.districts.find((x) => x.id === "E07000148")).toMatchObject({
      sessions: 3,
      people: 35,
    });
    expect(d.data!.notReachedCount).toBe(1);

    const r = await getReturn(db as unknown as DB, { quarter: `q-${Y}-1` });
    expect(r!.totals).toMatchObject({
      quarter: { sessions: 1, people: 5 },
      cumulative: { sessions: 3, people: 35 },
    });
    expect(returnCsv(r!)).toContain("people reached,Teachers and school staff,All districts");

    const b2 = new DeliveryBatch();
    // Outcomes: feedback (online and paper), a safeguarding referral, e-learning by a VCSE learner.
    const vcse = b2.offering({
      programmeId: p,
      title: "VCSE",
      audience: "vcse_staff",
      format: "community_session",
    });
    const v = b2.session({
      programmeId: p,
      offeringId: vcse,
      districtId: "E07000148",
      startsAt: `${Y}-05-05T10:00:00.000Z`,
      status: "delivered",
    });
    b2.feedback({
      sessionId: v,
      questionnaireId: "q-standard",
      before: { "q-standard-1": 2 },
      after: { "q-standard-1": 4, "q-standard-4": 5 },
    });
    b2.feedback({
      sessionId: v,
      questionnaireId: "q-standard",
      before: { "q-standard-1": 3 },
      after: { "q-standard-1": 4 },
    });
    b2.tally({ sessionId: v, itemId: "q-standard-1", stage: "after", score: 5, count: 2 });
    const org = await insertOrganisation(db as unknown as DB, {
      kind: "vcse",
      name: "Harbour",
      districtId: "E07000148",
    });
    const learner = b2.user({ email: "l@example.org", name: "L", organisationId: org });
    b2.safeguarding({ sessionId: t, kind: "referral", destination: "mash", recordedBy: learner });
    const m = b2.module({ title: "Module" });
    b2.enrolment({
      userId: learner,
      ...m,
      enrolledAt: `${Y}-05-01T10:00:00.000Z`,
      attempts: [
        { at: `${Y}-05-02T10:00:00.000Z`, score: 50, passed: false },
        { at: `${Y}-05-03T10:00:00.000Z`, score: 90, passed: true },
      ],
    });
    await b2.write(db as unknown as DB);
    const { feedbackOutcomes, learningReach, safeguardingCounts } =
      await import("~/reports/outcomes.server");
    const { resolvePeriod } = await import("~/reports/periods");
    const f = {
      programmeId: p,
      period: resolvePeriod(`q-${Y}-1`, `${Y - 1}-09-01`, `${Y + 2}-08-31`),
      districtId: null,
      audience: null,
    };
    const fb = await feedbackOutcomes(db as unknown as DB, f, { kind: "all" });
    const st = fb.available ? fb.statements.find((x) => x.id === "q-standard-1") : undefined;
    expect(st?.all).toEqual({
      answersBefore: 2,
      sumBefore: 5,
      answersAfter: 4,
      sumAfter: 18,
      pairs: 2,
      sumChange: 3,
    });
    expect(st?.byDistrict).toEqual([
      {
        districtId: "E07000148",
        answersBefore: 2,
        sumBefore: 5,
        answersAfter: 4,
        sumAfter: 18,
        pairs: 2,
        sumChange: 3,
      },
    ]);
    const lr = await learningReach(db as unknown as DB, f, { kind: "all" });
    expect(lr.available && lr.totals).toEqual({
      enrolled: 1,
      completed: 1,
      attempts: 2,
      passes: 1,
      organisationsReached: 1,
    });
    expect(lr.available && lr.organisations.map((o) => o.name)).toEqual(["Harbour"]);
    const sg = await safeguardingCounts(db as unknown as DB, f, {
      kind: "all",
      safeguardingCleared: true,
    });
    expect(sg.available && sg.counts).toEqual([
      { kind: "referral", destination: "mash", districtId: "E07000148", count: 1 },
    ]);
  }, 120_000);
});
