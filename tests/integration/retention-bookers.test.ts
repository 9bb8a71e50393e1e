import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

// Retention for open-session bookers: their name, email, organisation, access needs and account
// link go a set number of months (the privacy.retention_months setting, 12 by default) after the
// session ends; the booking rows stay so the counts reports need do not change. Time is moved
// with the fake clock (app/utils/clock.server.ts).
let server: TestServer;
let sessionId = "";
let laterSessionId = "";
const ENDED = new Date("2025-06-10T19:30:00Z");

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

beforeAll(async () => {
  server = await startTestServer();
  const d = await db();
  const { insertProgramme, insertOffering, insertSession } =
    await import("~/seed/factories/sessions.server");
  const { insertOrganisation } = await import("~/seed/foundation.server");
  const { newId } = await import("~/utils/ids.server");
  const org = await insertOrganisation(d, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  const programme = await insertProgramme(d, { name: "SOS+ Norfolk" });
  const offering = await insertOffering(d, {
    programmeId: programme,
    title: "Parents' evening",
    audience: "parents",
    openToPublic: true,
    questionnaireId: null,
  });
  sessionId = await insertSession(d, {
    programmeId: programme,
    offeringId: offering,
    startsAt: new Date(ENDED.getTime() - 90 * 60_000),
    isOpen: true,
    status: "delivered",
  });
  laterSessionId = await insertSession(d, {
    programmeId: programme,
    offeringId: offering,
    startsAt: new Date("2025-09-01T18:00:00Z"),
    isOpen: true,
    status: "delivered",
  });
  const t = "2025-05-01T10:00:00.000Z";
  const booking = (
    session: string,
    i: number,
    status: "confirmed" | "waiting" | "cancelled",
    attendance: "attended" | "no_show" | null,
    walkIn = false,
  ) => ({
    id: newId(),
    session_id: session,
    name: `Booker ${i}`,
    email: walkIn ? null : `booker${i}@example.org`,
    organisation_name: "Harbour",
    organisation_id: i % 2 ? org : null,
    user_id: null,
    access_needs: i === 1 ? "Step-free access, please" : null,
    status,
    is_walk_in: walkIn ? 1 : 0,
    attendance,
    cancel_token_hash: `hash-${i}`,
    reminder_sent_at: null,
    promoted_at: null,
    cancelled_at: status === "cancelled" ? t : null,
    anonymised_at: null,
    created_at: t,
    updated_at: t,
  });
  await d
    .insertInto("registrations")
    .values([
      booking(sessionId, 1, "confirmed", "attended"),
      booking(sessionId, 2, "confirmed", "no_show"),
      booking(sessionId, 3, "waiting", null),
      booking(sessionId, 4, "cancelled", null),
      booking(sessionId, 5, "confirmed", "attended", true),
      booking(laterSessionId, 6, "confirmed", "attended"),
    ])
    .execute();
});

afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
});

/** What reports count: bookings by session, status, attendance, walk-in and organisation. */
async function counts() {
  const d = await db();
  return d
    .selectFrom("registrations")
    .select([
      "session_id",
      "status",
      "attendance",
      "is_walk_in",
      "organisation_id",
      d.fn.countAll<number>().as("n"),
    ])
    .groupBy(["session_id", "status", "attendance", "is_walk_in", "organisation_id"])
    .orderBy(["session_id", "status", "attendance", "is_walk_in", "organisation_id"])
    .execute();
}

async function personal(session: string) {
  return (await db())
    .selectFrom("registrations")
    .select([
      "name",
      "email",
      "organisation_name",
      "access_needs",
      "user_id",
      "cancel_token_hash",
      "anonymised_at",
    ])
    .where("session_id", "=", session)
    .execute();
}

describe("retention of open-session bookers' details", () => {
  it("is one of the retention policies, run by npm run retention and the daily job", async () => {
    const { RETENTION_POLICIES } = await import("~/privacy/retention.server");
    expect(RETENTION_POLICIES.map((p) => p.name)).toContain("open-session bookers");
    const { JOBS } = await import("~/server/jobs.server");
    expect(JOBS.find((j) => j.name === "retention")?.everyMs).toBe(24 * 60 * 60 * 1000);
  });

  it("leaves bookers' details alone until the period after the session has passed", async () => {
    const { clock } = await import("~/utils/clock.server");
    const { runRetention } = await import("~/privacy/retention.server");
    const before = await counts();
    clock.freeze(new Date("2026-06-09T12:00:00Z")); // 12 months after the session, less a day
    const run = await runRetention(await db());
    expect(run.months).toBe(12);
    expect(run.results.find((r) => r.policy === "open-session bookers")?.affected).toBe(0);
    for (const r of await personal(sessionId)) {
      expect(r.name).toMatch(/^Booker \d$/);
      expect(r.anonymised_at).toBeNull();
    }
    expect((await personal(sessionId)).filter((r) => r.email)).toHaveLength(4);
    expect(await counts()).toEqual(before);
  });

  it("removes them after it, from confirmed, waiting, cancelled and walk-in bookings alike, and keeps every count", async () => {
    const { clock } = await import("~/utils/clock.server");
    const { JOBS } = await import("~/server/jobs.server");
    const before = await counts();
    clock.freeze(new Date("2026-06-11T12:00:00Z")); // 12 months and a day after
    await JOBS.find((j) => j.name === "retention")!.run(await db()); // the server's daily job
    const rows = await personal(sessionId);
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r).toMatchObject({
        name: "Booker (details removed)",
        email: null,
        organisation_name: null,
        access_needs: null,
        user_id: null,
        cancel_token_hash: null,
      });
      expect(r.anonymised_at).toBe("2026-06-11T12:00:00.000Z");
    }
    expect(await counts()).toEqual(before);
    // The later session's booker is not due yet.
    expect((await personal(laterSessionId))[0]).toMatchObject({
      name: "Booker 6",
      email: "booker6@example.org",
    });
    // Nothing of them is left anywhere in the table.
    const dump = JSON.stringify(
      await (
        await db()
      )
        .selectFrom("registrations")
        .selectAll()
        .where("session_id", "=", sessionId)
        .execute(),
    );
    expect(dump).not.toMatch(/booker[1-5]@|Step-free|Harbour|Booker [1-5]/);
  });

  it("follows the setting: at 3 months the later session's booker goes too; a second run changes nothing", async () => {
    const { clock } = await import("~/utils/clock.server");
    const { runRetention, RETENTION_SETTING } = await import("~/privacy/retention.server");
    const d = await db();
    await d.insertInto("settings").values({ key: RETENTION_SETTING, value: "3" }).execute(); // as a lead sets it at /admin/privacy
    clock.freeze(new Date("2025-12-05T12:00:00Z")); // 3 months and a few days after the later session
    const run = await runRetention(d);
    expect(run.months).toBe(3);
    expect(run.results.find((r) => r.policy === "open-session bookers")?.affected).toBe(1);
    expect((await personal(laterSessionId))[0]).toMatchObject({
      name: "Booker (details removed)",
      email: null,
    });
    const again = await runRetention(d);
    expect(again.results.find((r) => r.policy === "open-session bookers")?.affected).toBe(0);
  });
});
