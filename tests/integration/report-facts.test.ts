import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { startTestServer, type TestServer } from "../support/server";

// The dashboard counts from two facts tables the database keeps by triggers (decision 141). Here
// every kind of write that changes a figure is made the way any writer could make it (plain SQL,
// as a script or a sqlite3 shell would, as well as the app), and after each the facts must equal
// what the source tables say. Runs on SQLite and on PostgreSQL (the integration-pg project).

let server: TestServer;

async function db(): Promise<DB> {
  return (await import("~/db/db.server")).getDb();
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

const DAY = 24 * 3600_000;

/** A fresh world of this test's own: two programmes, two audiences, a school with two classes. */
async function world(label: string) {
  const d = await db();
  const { insertOrganisation } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const { newId } = await import("~/utils/ids.server");
  const programmeId = await f.insertProgramme(d, { name: `${label} programme` });
  const otherProgrammeId = await f.insertProgramme(d, { name: `${label} other programme` });
  const workshop = await f.insertOffering(d, {
    programmeId,
    title: `${label} workshop`,
    audience: "pupils",
  });
  const evening = await f.insertOffering(d, {
    programmeId,
    title: `${label} evening`,
    audience: "parents",
    openToPublic: true,
  });
  const norwich = await f.districtIdByCode(d, "E07000148");
  const school = await insertOrganisation(d, {
    kind: "setting",
    name: `${label} High School`,
    districtId: norwich,
  });
  const t = new Date().toISOString();
  const classIds = [newId(), newId()];
  for (const [i, id] of classIds.entries())
    await d
      .insertInto("classes")
      .values({
        id,
        setting_id: school,
        year_group: "Year 9",
        name: `9${"AB"[i]}`,
        pupil_count: 28,
        access_needs: null,
        archived_at: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
  const session = (offeringId: string, daysAgo: number, status: "delivered" | "scheduled") =>
    f.insertSession(d, {
      programmeId,
      offeringId,
      startsAt: new Date(Date.now() - daysAgo * DAY),
      status,
      settingId: school,
      districtId: norwich,
    });
  let n = 0;
  const register = async (sessionId: string, attendance: "attended" | "no_show" | null) => {
    const id = newId();
    n++;
    await d
      .insertInto("registrations")
      .values({
        id,
        session_id: sessionId,
        name: `${label} person ${n}`,
        email: `${label.toLowerCase().replace(/\W/g, "")}${n}@example.net`,
        organisation_name: null,
        organisation_id: null,
        user_id: null,
        access_needs: null,
        status: "confirmed",
        is_walk_in: 0,
        attendance,
        cancel_token_hash: null,
        reminder_sent_at: null,
        joining_link_sent_at: null,
        promoted_at: null,
        cancelled_at: null,
        anonymised_at: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    return id;
  };
  return {
    d,
    programmes: [programmeId, otherProgrammeId],
    otherProgrammeId,
    workshop,
    evening,
    school,
    classIds,
    session,
    register,
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** The facts as the triggers keep them, and as the sources say they should be, for one world. */
async function factsAndSources(w: World) {
  const { d, programmes } = w;
  const ids = sql.join(programmes);
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === "bigint" || (k === "people" && v !== null) || (k === "pupils" && v !== null)
            ? Number(v)
            : v,
        ]),
      ),
    );
  const sessionFacts = await sql<Record<string, unknown>>`
    select session_id, programme_id, status, starts_at, district_id, setting_id, audience, people
    from report_session_facts where programme_id in (${ids}) order by session_id`.execute(d);
  const sessionSources = await sql<Record<string, unknown>>`
    select s.id as session_id, s.programme_id, s.status, s.starts_at, s.district_id, s.setting_id, o.audience,
      s.walk_ins + (select count(*) from registrations r where r.session_id = s.id and r.attendance = 'attended') as people
    from delivery_sessions s join offerings o on o.id = s.offering_id
    where s.programme_id in (${ids}) order by s.id`.execute(d);
  const classFacts = await sql<Record<string, unknown>>`
    select class_id, session_id, programme_id, status, starts_at, district_id, setting_id, audience, pupils
    from report_class_facts where programme_id in (${ids}) order by class_id, session_id`.execute(
    d,
  );
  const classSources = await sql<Record<string, unknown>>`
    select sc.class_id, sc.session_id, s.programme_id, s.status, s.starts_at, s.district_id, s.setting_id, o.audience,
      sc.pupils_attended as pupils
    from session_classes sc join delivery_sessions s on s.id = sc.session_id join offerings o on o.id = s.offering_id
    where s.programme_id in (${ids}) order by sc.class_id, sc.session_id`.execute(d);
  return {
    facts: { sessions: norm(sessionFacts.rows), classes: norm(classFacts.rows) },
    sources: { sessions: norm(sessionSources.rows), classes: norm(classSources.rows) },
  };
}

async function expectInStep(w: World) {
  const { facts, sources } = await factsAndSources(w);
  expect(facts).toEqual(sources);
  return facts;
}

describe("the report facts the database keeps", () => {
  it("follow a session's people as registrations are marked, unmarked, moved and removed", async () => {
    const w = await world("Registrations");
    const a = await w.session(w.evening, 3, "delivered");
    const b = await w.session(w.evening, 2, "delivered");
    let facts = await expectInStep(w);
    expect(facts.sessions.map((s) => s.people)).toEqual([0, 0]);

    const booked = await w.register(a, null);
    await w.register(a, "attended");
    await w.register(a, "no_show");
    facts = await expectInStep(w);
    expect(facts.sessions.find((s) => s.session_id === a)?.people).toBe(1);

    await w.d
      .updateTable("registrations")
      .set({ attendance: "attended" })
      .where("id", "=", booked)
      .execute();
    facts = await expectInStep(w);
    expect(facts.sessions.find((s) => s.session_id === a)?.people).toBe(2);

    await w.d
      .updateTable("registrations")
      .set({ session_id: b })
      .where("id", "=", booked)
      .execute();
    facts = await expectInStep(w);
    expect(facts.sessions.find((s) => s.session_id === b)?.people).toBe(1);

    await w.d
      .updateTable("registrations")
      .set({ attendance: "no_show" })
      .where("id", "=", booked)
      .execute();
    await expectInStep(w);
    await w.d
      .updateTable("registrations")
      .set({ attendance: "attended" })
      .where("id", "=", booked)
      .execute();
    await w.d.deleteFrom("registrations").where("id", "=", booked).execute();
    facts = await expectInStep(w);
    expect(facts.sessions.find((s) => s.session_id === b)?.people).toBe(0);

    await w.d.updateTable("delivery_sessions").set({ walk_ins: 7 }).where("id", "=", b).execute();
    facts = await expectInStep(w);
    expect(facts.sessions.find((s) => s.session_id === b)?.people).toBe(7);
  });

  it("follow a session's date, status, place, offering and programme, and its offering's audience", async () => {
    const w = await world("Session changes");
    const s = await w.session(w.workshop, 5, "scheduled");
    await w.register(s, "attended");
    await expectInStep(w);
    const moved = new Date(Date.now() - 9 * DAY).toISOString();
    await w.d
      .updateTable("delivery_sessions")
      .set({ starts_at: moved, status: "delivered" })
      .where("id", "=", s)
      .execute();
    await expectInStep(w);
    await w.d
      .updateTable("delivery_sessions")
      .set({ setting_id: null, district_id: null })
      .where("id", "=", s)
      .execute();
    await expectInStep(w);
    await w.d
      .updateTable("delivery_sessions")
      .set({ offering_id: w.evening })
      .where("id", "=", s)
      .execute();
    let facts = await expectInStep(w);
    expect(facts.sessions[0].audience).toBe("parents");
    await w.d
      .updateTable("offerings")
      .set({ audience: "teachers" })
      .where("id", "=", w.evening)
      .execute();
    facts = await expectInStep(w);
    expect(facts.sessions[0].audience).toBe("teachers");
    await w.d
      .updateTable("delivery_sessions")
      .set({ programme_id: w.otherProgrammeId })
      .where("id", "=", s)
      .execute();
    facts = await expectInStep(w);
    expect(facts.sessions[0].programme_id).toBe(w.otherProgrammeId);
    await w.d
      .updateTable("delivery_sessions")
      .set({ status: "cancelled" })
      .where("id", "=", s)
      .execute();
    facts = await expectInStep(w);
    expect(facts.sessions[0].status).toBe("cancelled");
  });

  it("follow the classes at a session and the pupils recorded, and go with a deleted session", async () => {
    const w = await world("Classes");
    const first = await w.session(w.workshop, 6, "delivered");
    const second = await w.session(w.workshop, 4, "delivered");
    const [nine_a, nine_b] = w.classIds;
    await w.d
      .insertInto("session_classes")
      .values([
        { session_id: first, class_id: nine_a, pupils_attended: null },
        { session_id: second, class_id: nine_a, pupils_attended: null },
        { session_id: second, class_id: nine_b, pupils_attended: 25 },
      ])
      .execute();
    let facts = await expectInStep(w);
    expect(facts.classes).toHaveLength(3);
    await w.d
      .updateTable("session_classes")
      .set({ pupils_attended: 27 })
      .where("session_id", "=", first)
      .where("class_id", "=", nine_a)
      .execute();
    await expectInStep(w);
    await w.d
      .updateTable("session_classes")
      .set({ class_id: nine_b, pupils_attended: 26 })
      .where("session_id", "=", first)
      .where("class_id", "=", nine_a)
      .execute();
    await expectInStep(w);
    await w.d
      .updateTable("delivery_sessions")
      .set({ starts_at: new Date(Date.now() - 8 * DAY).toISOString() })
      .where("id", "=", second)
      .execute();
    await expectInStep(w);
    await w.d
      .deleteFrom("session_classes")
      .where("session_id", "=", second)
      .where("class_id", "=", nine_a)
      .execute();
    facts = await expectInStep(w);
    expect(facts.classes.map((c) => c.pupils).sort()).toEqual([25, 26]);
    await w.d.deleteFrom("delivery_sessions").where("id", "=", second).execute();
    facts = await expectInStep(w);
    expect(facts.sessions.map((s) => s.session_id)).toEqual([first]);
    expect(facts.classes.map((c) => c.session_id)).toEqual([first]);
  });

  it("sum a session's paper tallies per statement as they are entered, changed and removed", async () => {
    const w = await world("Tallies");
    const { newId } = await import("~/utils/ids.server");
    const session = await w.session(w.workshop, 2, "delivered");
    const questionnaire = newId();
    const t = new Date().toISOString();
    await w.d
      .insertInto("questionnaires")
      .values({
        id: questionnaire,
        name: "Tallies questionnaire",
        style: "pupil",
        archived_at: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    const items = [newId(), newId()];
    for (const [i, id] of items.entries())
      await w.d
        .insertInto("questionnaire_items")
        .values({
          id,
          questionnaire_id: questionnaire,
          position: i + 1,
          kind: "before_after",
          text: `Statement ${i + 1}`,
          archived_at: null,
        })
        .execute();
    const tally = (item: string, stage: "before" | "after", score: number, count: number) => ({
      session_id: session,
      item_id: item,
      stage,
      score,
      count,
      entered_by: null,
      updated_at: t,
    });
    const kept = async () =>
      (
        await sql<Record<string, unknown>>`
          select item_id, answers_before, sum_before, answers_after, sum_after from report_tally_sums
          where session_id = ${session} order by item_id`.execute(w.d)
      ).rows.map((r) => Object.values(r).map((v) => (typeof v === "string" ? v : Number(v))));
    const fromTallies = async () =>
      (
        await sql<Record<string, unknown>>`
          select item_id, sum(case when stage = 'before' then count else 0 end) as nb, sum(case when stage = 'before' then score * count else 0 end) as sb,
            sum(case when stage = 'after' then count else 0 end) as na, sum(case when stage = 'after' then score * count else 0 end) as sa
          from feedback_tallies where session_id = ${session} group by item_id order by item_id`.execute(
          w.d,
        )
      ).rows.map((r) => Object.values(r).map((v) => (typeof v === "string" ? v : Number(v))));

    await w.d
      .insertInto("feedback_tallies")
      .values([
        tally(items[0], "before", 2, 10),
        tally(items[0], "after", 4, 9),
        tally(items[1], "after", 5, 3),
      ])
      .execute();
    expect(await kept()).toEqual(await fromTallies());
    expect((await kept()).find((r) => r[0] === items[0])).toEqual([items[0], 10, 20, 9, 36]);

    await w.d
      .updateTable("feedback_tallies")
      .set({ count: 12 })
      .where("session_id", "=", session)
      .where("item_id", "=", items[0])
      .where("stage", "=", "before")
      .execute();
    expect(await kept()).toEqual(await fromTallies());
    expect((await kept()).find((r) => r[0] === items[0])).toEqual([items[0], 12, 24, 9, 36]);

    await w.d.deleteFrom("feedback_tallies").where("item_id", "=", items[1]).execute();
    expect(await kept()).toEqual(await fromTallies());
    expect(await kept()).toHaveLength(1);
  });
});
