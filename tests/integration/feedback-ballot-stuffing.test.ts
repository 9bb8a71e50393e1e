import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 11, finding 15: 30 cookieless "after" answers from one address were all accepted for a
// session a handful of people came to. A session's online answers are now capped near the number
// of people there (attendance once recorded, before that the places booked), one device code
// answers once before and once after, and a session with more answers than people is flagged on
// its feedback page. The network address is kept only as a keyed hash whose key changes monthly.

let server: TestServer;
let openSessionId: string;
let pupilSessionId: string;
const BOOKED = 3;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const { newId } = await import("~/utils/ids.server");
  const db = getDb();
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const school = await insertOrganisation(db, { kind: "setting", name: "Wensum Valley Academy" });
  const trainer = await insertUser(db, {
    email: "trainer@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "trainer" }],
  });
  const programmeId = await f.insertProgramme(db, { name: "SOS+" });
  const parents = await f.insertOffering(db, {
    programmeId,
    title: "Parents' evening",
    audience: "parents",
  });
  const assembly = await f.insertOffering(db, {
    programmeId,
    title: "Year 8 assembly",
    audience: "pupils",
    format: "assembly",
  });
  // Under way: started half an hour ago, 90 minutes long.
  const start = new Date(Date.now() - 30 * 60_000);
  openSessionId = await f.insertSession(db, {
    programmeId,
    offeringId: parents,
    startsAt: start,
    isOpen: true,
    capacity: 25,
    trainerIds: [trainer],
    venue: "Forum",
  });
  const t = new Date().toISOString();
  for (let i = 0; i < BOOKED; i++) {
    await db
      .insertInto("registrations")
      .values({
        id: newId(),
        session_id: openSessionId,
        name: `Parent ${i}`,
        email: `parent${i}@example.net`,
        organisation_name: null,
        organisation_id: null,
        user_id: null,
        access_needs: null,
        status: "confirmed",
        is_walk_in: 0,
        attendance: null,
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
  }
  pupilSessionId = await f.insertSession(db, {
    programmeId,
    offeringId: assembly,
    startsAt: start,
    settingId: school,
    trainerIds: [trainer],
  });
  const classId = newId();
  await db
    .insertInto("classes")
    .values({
      id: classId,
      setting_id: school,
      year_group: "Year 8",
      name: "8K",
      pupil_count: 28,
      access_needs: null,
      archived_at: null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  await db
    .insertInto("session_classes")
    .values({ session_id: pupilSessionId, class_id: classId, pupils_attended: null })
    .execute();
});

afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
});

async function feedbackPath(client: Client, id: string) {
  const html = await (await client.get(`/sessions/${id}/feedback`)).text();
  return /https?:\/\/[^\s"<>]+(\/feedback\/[a-z2-7]{32})/.exec(html)![1];
}

async function afterForm(path: string) {
  const html = await (await new Client(server.url).get(`${path}?step=after`)).text();
  const names = [...new Set([...html.matchAll(/name="(q_[^"]+)"/g)].map((m) => m[1]))];
  return { stage: "after", ...Object.fromEntries(names.map((n) => [n, "5"])) } as Record<
    string,
    string
  >;
}

describe("feedback ballot-stuffing (issue 11, finding 15)", () => {
  it("30 cookieless 'after' answers from one address for a session three people booked: only a few more than three are kept, and the trainer sees the session flagged", async () => {
    const { getDb } = await import("~/db/db.server");
    const { responseCap } = await import("~/feedback/responses.server");
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const path = await feedbackPath(trainer, openSessionId);
    const form = await afterForm(path);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      // No cookie and no code: each post looks like a new phone.
      const res = await fetch(server.url + path, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams(form),
        headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      });
      statuses.push(res.status);
      if (res.status === 429)
        expect(textOf(await res.text())).toContain(
          "We have had more answers than people at this session",
        );
      else await res.arrayBuffer();
    }
    const kept = await getDb()
      .selectFrom("feedback_responses")
      .select(["id"])
      .where("session_id", "=", openSessionId)
      .execute();
    const cap = await responseCap(getDb(), openSessionId);
    expect(cap.people).toBe(BOOKED);
    expect(cap.limit).toBeLessThanOrEqual(BOOKED + 5);
    expect(kept).toHaveLength(cap.limit);
    expect(statuses.filter((s) => s === 302)).toHaveLength(cap.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - cap.limit);

    // The trainer's page says more people answered than booked.
    let page = textOf(await (await trainer.get(`/sessions/${openSessionId}/feedback`)).text());
    expect(page).toContain(
      `More answers than people: ${cap.limit} answered online but ${BOOKED} booked`,
    );

    // Attendance taken: two came. The cap and the flag now follow attendance.
    await getDb()
      .updateTable("registrations")
      .set({ attendance: "attended" })
      .where("session_id", "=", openSessionId)
      .where("name", "in", ["Parent 0", "Parent 1"])
      .execute();
    await getDb()
      .updateTable("registrations")
      .set({ attendance: "no_show" })
      .where("session_id", "=", openSessionId)
      .where("name", "=", "Parent 2")
      .execute();
    expect((await responseCap(getDb(), openSessionId)).people).toBe(2);
    page = textOf(await (await trainer.get(`/sessions/${openSessionId}/feedback`)).text());
    expect(page).toContain(`More answers than people: ${cap.limit} answered online but 2 attended`);
  });

  it("a real class answering is not refused: 28 pupils in the class, 28 phones answer before and after", async () => {
    const { getDb } = await import("~/db/db.server");
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const path = await feedbackPath(trainer, pupilSessionId);
    const form = await afterForm(path);
    for (let i = 0; i < 28; i++) {
      const phone = new Client(server.url);
      await phone.get(`${path}?step=after`);
      expect((await phone.post(path, form)).status).toBe(302);
    }
    expect(
      await getDb()
        .selectFrom("feedback_responses")
        .select("id")
        .where("session_id", "=", pupilSessionId)
        .execute(),
    ).toHaveLength(28);
    const page = textOf(await (await trainer.get(`/sessions/${pupilSessionId}/feedback`)).text());
    expect(page).not.toContain("More answers than people");
  });

  it("one device code answers once before and once after, however often it posts", async () => {
    const { getDb } = await import("~/db/db.server");
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const path = await feedbackPath(trainer, pupilSessionId);
    const after = await afterForm(path);
    const beforeHtml = await (await new Client(server.url).get(path)).text();
    const beforeNames = [
      ...new Set([...beforeHtml.matchAll(/name="(q_[^"]+)"/g)].map((m) => m[1])),
    ];
    const code = "abcdefghijklmnopqrstuvwxyz234567";
    const mine = () =>
      getDb()
        .selectFrom("feedback_answers as a")
        .innerJoin("feedback_responses as r", "r.id", "a.response_id")
        .select(["a.stage"])
        .where("r.respondent_hash", "=", crypto.createHash("sha256").update(code).digest("hex"))
        .execute();
    const responses = () =>
      getDb()
        .selectFrom("feedback_responses")
        .select("id")
        .where("session_id", "=", pupilSessionId)
        .execute();
    const at = (await responses()).length;
    for (let i = 0; i < 3; i++) {
      // Cookieless each time, the code in the hidden field.
      await new Client(server.url).post(path, {
        stage: "before",
        code,
        ...Object.fromEntries(beforeNames.map((n) => [n, "2"])),
      });
      await new Client(server.url).post(path, { ...after, code });
    }
    expect((await responses()).length - at).toBe(1);
    const answers = await mine();
    expect(answers.filter((a) => a.stage === "before")).toHaveLength(beforeNames.length);
    expect(answers.filter((a) => a.stage === "after")).toHaveLength(Object.keys(after).length - 1);
  });

  it("keeps the network address only as a keyed hash whose key changes each month, never SHA-256(address + session)", async () => {
    const { getDb } = await import("~/db/db.server");
    const { addressHash } = await import("~/feedback/responses.server");
    const rows = await getDb()
      .selectFrom("feedback_responses")
      .select(["ip_hash"])
      .where("session_id", "=", pupilSessionId)
      .execute();
    const stored = new Set(rows.map((r) => r.ip_hash));
    for (const ip of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      expect(
        stored.has(crypto.createHash("sha256").update(`${ip}|${pupilSessionId}`).digest("hex")),
      ).toBe(false);
    }
    const now = new Date();
    const nextMonth = new Date(now.getTime() + 32 * 24 * 3600_000);
    expect(addressHash("192.0.2.1", pupilSessionId, now)).toBe(
      addressHash("192.0.2.1", pupilSessionId, now),
    );
    expect(addressHash("192.0.2.1", pupilSessionId, now)).not.toBe(
      addressHash("192.0.2.1", pupilSessionId, nextMonth),
    );
    expect(addressHash("192.0.2.1", pupilSessionId, now)).not.toBe(
      addressHash("192.0.2.2", pupilSessionId, now),
    );
    // The server's own answers are stored under this month's key.
    // (This month's key, or last month's for a run that crossed midnight at a month's end.)
    const mine = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].flatMap((ip) =>
      [new Date(), new Date(Date.now() - 3600_000)].map((at) =>
        addressHash(ip, pupilSessionId, at),
      ),
    );
    expect(rows.every((r) => mine.includes(r.ip_hash!))).toBe(true);
  });
});
