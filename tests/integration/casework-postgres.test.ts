import crypto from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { FileMigrationProvider, Kysely, Migrator } from "kysely";
import { KyselyPGlite } from "kysely-pglite";
import { afterAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { Database } from "~/db/schema";
import { addDays, londonDay } from "../support/time";

// Casework's queries and transactions on PostgreSQL (PGlite, in-process): a referral from a
// school, triage, consent, contacts, assessments, closure, the caseload, the case record, the
// figures, retention and subject access.
describe("casework on PostgreSQL", () => {
  let db: Kysely<Database> | undefined;
  afterAll(async () => {
    await db?.destroy();
  });

  it("runs the whole journey and the figures", async () => {
    process.env.SECRET_KEY = crypto.randomBytes(32).toString("hex");
    const { resetEnvForTests } = await import("~/utils/env.server");
    resetEnvForTests();
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
    const d = db as unknown as DB;
    const today = londonDay(0);
    const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
    const { insertCaseworkProgramme, assessmentItems } =
      await import("~/casework/programmes.server");
    const { createReferral, decideReferral, triageQueue } =
      await import("~/casework/referrals.server");
    const { recordConsent, addContact, addAssessment, closeCase, caseload, caseRecord } =
      await import("~/casework/cases.server");
    const { caseworkFigures } = await import("~/casework/reports.server");
    const sgt = await insertOrganisation(d, { kind: "delivery_partner", name: "St Giles Trust" });
    const school = await insertOrganisation(d, {
      kind: "setting",
      name: "Alder High School",
      districtId: "E07000148",
    });
    const lead = await insertUser(d, {
      email: "lead@example.org",
      name: "Lead",
      memberships: [{ organisationId: sgt, role: "programme_lead", safeguardingCleared: true }],
    });
    const dsl = await insertUser(d, {
      email: "dsl@example.org",
      name: "DSL",
      memberships: [
        { organisationId: school, role: "school_coordinator", safeguardingCleared: true },
      ],
    });
    const mentor = await insertUser(d, {
      email: "mentor@example.org",
      name: "Mentor",
      memberships: [{ organisationId: sgt, role: "caseworker" }],
    });
    await d
      .insertInto("trainer_compliance")
      .values({
        user_id: mentor,
        dbs_checked_on: today,
        dbs_expires_on: addDays(today, 300),
        safeguarding_trained_on: today,
        safeguarding_expires_on: addDays(today, 300),
        updated_at: new Date().toISOString(),
      })
      .execute();
    const programmeId = await insertCaseworkProgramme(d, {
      name: "Pathways Out",
      area: "greater Norwich",
      maxAge: 17,
    });
    const manager = { kind: "manager" as const, userId: lead };
    const worker = { kind: "worker" as const, userId: mentor };
    const referralId = await createReferral(
      d,
      { kind: "school", userId: dsl, schoolIds: [school] },
      {
        programmeId,
        source: "school",
        schoolId: school,
        name: "Alex Pine",
        dateOfBirth: addDays(today, -(15 * 365)),
        yearGroup: "10",
        reason: "Worried.",
        riskIndicators: ["missing"],
        maceKnown: false,
        parentAware: true,
      },
      null,
    );
    expect((await triageQueue(d, manager)).pending.map((r) => r.id)).toEqual([referralId]);
    const decided = await decideReferral(
      d as never,
      manager,
      referralId,
      { decision: "accept", reason: null, caseworkerId: mentor },
      null,
    );
    expect(decided.ok).toBe(true);
    const caseId = (decided as { caseId: string }).caseId;
    expect(
      (
        await recordConsent(
          d as never,
          worker,
          caseId,
          {
            purpose: "support",
            givenBy: "young_person",
            givenOn: today,
            how: "in_person",
            present: null,
          },
          null,
        )
      ).opened,
    ).toBe(true);
    expect(
      (
        await addContact(
          d as never,
          worker,
          caseId,
          {
            contactOn: today,
            minutes: 45,
            place: "school",
            outcome: "attended",
            missedReason: null,
            note: "Fine.",
          },
          null,
        )
      ).ok,
    ).toBe(true);
    const items = await assessmentItems(d, programmeId);
    for (const [n, score] of [
      [0, 2],
      [1, 4],
    ] as const) {
      const r = await addAssessment(
        d as never,
        worker,
        caseId,
        {
          stage: n ? "review" : "start",
          voice: "young_person",
          takenOn: addDays(today, n - 1),
          scores: Object.fromEntries(items.map((i) => [i.id, score])),
        },
        null,
      );
      expect(r.ok).toBe(true);
    }
    const load = await caseload(d, worker);
    expect(load.map((c) => c.id)).toEqual([caseId]);
    const record = await caseRecord(d, worker, caseId, null);
    expect(record.contacts[0]!.note).toBe("Fine.");
    expect(
      (
        await closeCase(
          d as never,
          worker,
          caseId,
          { reason: "goals_achieved", ending: "planned", eet: true, risk: "lower", exited: true },
          null,
        )
      ).ok,
    ).toBe(true);
    const fig = await caseworkFigures(d, {
      programmeId,
      period: { value: "all", label: "All", from: addDays(today, -30), to: today },
      districtId: "E07000148",
    });
    expect(fig.programmes[0]).toMatchObject({
      supported: 1,
      closed: 1,
      exited: 1,
      eet: 1,
      lowerRisk: 1,
    });
    expect(fig.assessments[0]).toMatchObject({ n: 1, firstMean: 2, latestMean: 4, change: 2 });
    expect(fig.referrals).toEqual([{ source: "school", status: "accepted", count: 1 }]);
  });
});
