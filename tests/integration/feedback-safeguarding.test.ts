import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

let server: TestServer;
let sessionId: string;
let otherSessionId: string;
let pupilSessionId: string;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const db = getDb();
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const school = await insertOrganisation(db, { kind: "setting", name: "Wensum Valley Academy" });
  const other = await insertOrganisation(db, { kind: "setting", name: "Other Academy" });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead", safeguardingCleared: true }],
  });
  const trainer = await insertUser(db, {
    email: "trainer@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "trainer", safeguardingCleared: true }],
  });
  const trainer2 = await insertUser(db, {
    email: "trainer2@example.org",
    name: "Megan Hollis",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "trainer" }],
  });
  await insertUser(db, {
    email: "school@example.org",
    name: "Helen Carter",
    password: PASSWORD,
    memberships: [
      { organisationId: school, role: "school_coordinator", safeguardingCleared: true },
    ],
  });
  await insertUser(db, {
    email: "trainer3@example.org",
    name: "Ola Other",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "trainer", safeguardingCleared: true }],
  });

  const programmeId = await f.insertProgramme(db, { name: "SOS+" });
  const parents = await f.insertOffering(db, {
    programmeId,
    title: "Parents' session",
    audience: "parents",
  });
  const assembly = await f.insertOffering(db, {
    programmeId,
    title: "Year 8 assembly",
    audience: "pupils",
    format: "assembly",
  });
  // Under way (90 minutes from half an hour ago): once a session has ended its link asks for
  // "after" answers only (issue 12, item 10).
  const start = new Date(Date.now() - 30 * 60_000);
  sessionId = await f.insertSession(db, {
    programmeId,
    offeringId: parents,
    startsAt: start,
    trainerIds: [trainer, trainer2],
    venue: "Forum",
  });
  otherSessionId = await f.insertSession(db, {
    programmeId,
    offeringId: parents,
    startsAt: start,
    settingId: other,
    venue: "Elsewhere",
  });
  pupilSessionId = await f.insertSession(db, {
    programmeId,
    offeringId: assembly,
    startsAt: start,
    settingId: school,
    trainerIds: [trainer],
  });
});

afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
});

async function feedbackPath(client: Client, id: string) {
  const res = await client.get(`/sessions/${id}/feedback`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const link = /https?:\/\/[^\s"<>]+(\/feedback\/[a-z2-7]{32})/.exec(html);
  expect(link).toBeTruthy();
  expect(html).toContain("<svg");
  return link![1];
}

function itemIds(html: string) {
  return [...new Set([...html.matchAll(/name="(q_[^"]+)"/g)].map((m) => m[1]))];
}

describe("anonymous feedback through a session's link", () => {
  it("pairs a device's before and after answers by its cookie, never by identity, and shows means and the paired change to the trainer", async () => {
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const path = await feedbackPath(trainer, sessionId);

    // Three phones. Two answer before and after; one only after.
    const answers = [
      { before: "2", after: "4" },
      { before: "3", after: "4" },
      { before: null, after: "5" },
    ];
    for (const a of answers) {
      const phone = new Client(server.url);
      const first = await phone.get(path + (a.before ? "" : "?step=after"));
      expect(first.status).toBe(200);
      // Named after the link, scoped to /feedback so it also covers the `/feedback/<token>.data`
      // requests Remix makes with JavaScript on (issue 12, item 1).
      const cookie = first.headers
        .getSetCookie()
        .find((c) => c.startsWith(`lantern_fb_${path.split("/").pop()}=`))!;
      expect(cookie).toContain("Path=/feedback;");
      expect(cookie).toMatch(/HttpOnly/);
      let html = await first.text();
      if (a.before) {
        expect(textOf(html)).toContain("Before the session");
        const fields = itemIds(html);
        expect(fields).toHaveLength(3);
        // Missing answers are refused with a message naming the statement.
        const bad = await phone.post(path, { stage: "before" });
        expect(bad.status).toBe(400);
        expect(textOf(await bad.text())).toContain(
          "Choose an answer for “I can recognise the signs of child criminal exploitation”",
        );
        const ok = await phone.post(path, {
          stage: "before",
          ...Object.fromEntries(fields.map((f) => [f, a.before!])),
        });
        expect(ok.status).toBe(302);
        html = await (await phone.get(path)).text();
        expect(textOf(html)).toContain("Thank you for answering at the start");
      }
      expect(textOf(html)).toContain("After the session");
      const fields = itemIds(html);
      expect(fields).toHaveLength(5);
      const form: Record<string, string> = { stage: "after" };
      for (const f of fields) form[f] = a.after;
      form[fields[4]] = `Useful session ${a.after}`;
      expect((await phone.post(path, form)).status).toBe(302);
      expect(textOf(await (await phone.get(path)).text())).toContain("Thank you");
      // A second press changes nothing.
      expect((await phone.post(path, form)).status).toBe(302);
    }

    const { getDb } = await import("~/db/db.server");
    const rows = await getDb()
      .selectFrom("feedback_responses")
      .selectAll()
      .where("session_id", "=", sessionId)
      .execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.respondent_hash).toMatch(/^[0-9a-f]{64}$/);

    const page = textOf(await (await trainer.get(`/sessions/${sessionId}/feedback`)).text());
    expect(page).toContain("Answered online 3 people");
    expect(page).toContain("Answered before and after (paired) 2");
    // Mean before (2+3)/2 = 2.5; after (4+4+5)/3 = 4.3; paired change ((4-2)+(4-3))/2 = +1.5.
    expect(page).toContain(
      "I can recognise the signs of child criminal exploitation 2.5 (2) 4.3 (3) +1.5 (2)",
    );
    expect(page).toContain("Useful session 5");
  });

  it("adds paper tallies to the means, but not to the paired change", async () => {
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    await feedbackPath(lead, sessionId);
    const res = await lead.post(`/sessions/${sessionId}/feedback`, {
      intent: "tallies",
      "t_q-standard-1_before_1": "3",
      "t_q-standard-1_after_5": "3",
    });
    expect(res.status).toBe(302);
    const page = textOf(await (await lead.get(`/sessions/${sessionId}/feedback`)).text());
    // Before: 2, 3 and three 1s → 8/5 = 1.6; after: 4, 4, 5 and three 5s → 28/6 = 4.7; paired unchanged.
    expect(page).toContain(
      "I can recognise the signs of child criminal exploitation 1.6 (5) 4.7 (6) +1.5 (2)",
    );
    expect(page).toContain("Paper questionnaires 3");
    const bad = await lead.post(`/sessions/${sessionId}/feedback`, {
      intent: "tallies",
      "t_q-standard-1_before_1": "-2",
    });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("Enter 0 or more");
  });

  it("uses the plain-words picture scale for pupils, with the words as labels and faces hidden from screen readers", async () => {
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const path = await feedbackPath(trainer, pupilSessionId);
    const html = await (await new Client(server.url).get(path)).text();
    expect(textOf(html)).toContain("Before we start");
    expect(textOf(html)).toContain("I know what criminal exploitation is");
    // Each option's label is its words; the face beside them is a decorative picture.
    expect(html).toMatch(
      /<label[^>]*><svg[^>]*aria-hidden="true"[^>]*>.*?<\/svg>No, not at all<\/label>/,
    );
  });

  it("closes the link after feedback.link_open_days days", async () => {
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const path = await feedbackPath(trainer, sessionId);
    const { clock } = await import("~/utils/clock.server");
    clock.advance(15 * 24 * 3600_000);
    try {
      const phone = new Client(server.url);
      expect(textOf(await (await phone.get(path)).text())).toContain(
        "Feedback for this session has closed",
      );
      const late = await phone.post(path, {
        stage: "before",
        "q_q-standard-1": "3",
        "q_q-standard-2": "3",
        "q_q-standard-3": "3",
      });
      expect(late.status).toBe(410);
    } finally {
      clock.reset();
    }
  });

  it("caps answers from one network address for a session", async () => {
    const { getDb } = await import("~/db/db.server");
    const { MAX_RESPONSES_PER_ADDRESS } = await import("~/feedback/responses.server");
    const { hashToken } = await import("~/auth/tokens.server");
    const { newId } = await import("~/utils/ids.server");
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const path = await feedbackPath(trainer, pupilSessionId);
    const phone = new Client(server.url);
    const html = await (await phone.get(path)).text();
    const form = { stage: "before", ...Object.fromEntries(itemIds(html).map((f) => [f, "3"])) };
    expect((await phone.post(path, form)).status).toBe(302);
    const row = await getDb()
      .selectFrom("feedback_responses")
      .select(["ip_hash"])
      .where("session_id", "=", pupilSessionId)
      .executeTakeFirstOrThrow();
    // Fill up to the cap from the same address.
    await getDb()
      .insertInto("feedback_responses")
      .values(
        Array.from({ length: MAX_RESPONSES_PER_ADDRESS }, () => ({
          id: newId(),
          session_id: pupilSessionId,
          questionnaire_id: "q-pupil",
          respondent_hash: hashToken(newId()),
          ip_hash: row.ip_hash,
          before_at: new Date().toISOString(),
          after_at: null,
          created_at: new Date().toISOString(),
        })),
      )
      .execute();
    const another = new Client(server.url);
    await another.get(path);
    const refused = await another.post(path, form);
    expect(refused.status).toBe(429);
    expect(textOf(await refused.text())).toContain("too many answers from this network");
  });

  it("lets only the session's trainers and leads open its feedback page", async () => {
    const outsider = new Client(server.url);
    await outsider.signIn("trainer3@example.org", PASSWORD);
    // A trainer not on the session is told what they would be told of a session that does not
    // exist, so the answer never reveals that it does (issue 15, item 5).
    expect((await outsider.get(`/sessions/${sessionId}/feedback`)).status).toBe(404);
    expect((await outsider.get(`/sessions/${crypto.randomUUID()}/feedback`)).status).toBe(404);
    const school = new Client(server.url);
    await school.signIn("school@example.org", PASSWORD);
    expect((await school.get(`/sessions/${pupilSessionId}/feedback`)).status).toBe(403);
    // Questionnaire templates are for leads only.
    expect((await outsider.get(`/admin/questionnaires`)).status).toBe(403);
    expect(
      (await school.post(`/admin/questionnaires/new`, { name: "Mine", style: "standard" })).status,
    ).toBe(403);
    const anon = await new Client(server.url).get(`/sessions/${sessionId}/feedback`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/sign-in/);
  });
});

describe("the safeguarding log", () => {
  const record = {
    kind: "referral",
    category: "criminal_exploitation",
    destination: "mash",
    initials: "j.b",
    yearGroup: "9",
    consent: "given",
    notes: "Disclosed being asked to carry packages",
  };

  it("lets a cleared, assigned trainer record and read, and writes each view to the audit log", async () => {
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const saved = await trainer.post(`/sessions/${sessionId}/safeguarding`, record);
    expect(saved.status).toBe(302);
    const page = textOf(await (await trainer.get(`/sessions/${sessionId}/safeguarding`)).text());
    expect(page).toContain("JB, Year 9");
    expect(page).toContain("MASH");
    const { getDb } = await import("~/db/db.server");
    const viewsBy = async () =>
      (
        await getDb()
          .selectFrom("audit_log")
          .innerJoin("users", "users.id", "audit_log.actor_user_id")
          .select(["audit_log.action", "audit_log.subject_id", "audit_log.detail", "users.email"])
          .where("audit_log.action", "=", "safeguarding.viewed")
          .orderBy("audit_log.at")
          .execute()
      ).filter((v) => v.email === "trainer@example.org" && v.subject_id === sessionId);
    expect(await viewsBy()).toHaveLength(1);
    await trainer.get(`/sessions/${sessionId}/safeguarding`);
    const mine = await viewsBy();
    expect(mine).toHaveLength(2);
    const recordId = (
      await getDb().selectFrom("safeguarding_records").select("id").executeTakeFirstOrThrow()
    ).id;
    expect(mine.at(-1)!.detail).toContain(recordId);
  });

  it("refuses a referral with no destination, and a name in the initials field", async () => {
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    const res = await trainer.post(`/sessions/${sessionId}/safeguarding`, {
      ...record,
      destination: "none",
      initials: "Jamie Brown",
    });
    expect(res.status).toBe(400);
    const text = textOf(await res.text());
    expect(text).toContain("Choose who the referral was made to");
    expect(text).toContain("Enter initials only");
  });

  it("gives 403 to a trainer without clearance and a school coordinator, and 404 to a cleared trainer not on the session", async () => {
    const uncleared = new Client(server.url);
    await uncleared.signIn("trainer2@example.org", PASSWORD);
    expect((await uncleared.get(`/sessions/${sessionId}/safeguarding`)).status).toBe(403);
    expect((await uncleared.post(`/sessions/${sessionId}/safeguarding`, record)).status).toBe(403);
    expect((await uncleared.get(`/safeguarding`)).status).toBe(403);

    const school = new Client(server.url);
    await school.signIn("school@example.org", PASSWORD);
    expect((await school.get(`/sessions/${pupilSessionId}/safeguarding`)).status).toBe(403);
    expect((await school.get(`/safeguarding`)).status).toBe(403);

    const other = new Client(server.url);
    await other.signIn("trainer3@example.org", PASSWORD);
    // Not their session: answered as for one that does not exist (issue 15, item 5).
    expect((await other.get(`/sessions/${sessionId}/safeguarding`)).status).toBe(404);
    expect((await other.post(`/sessions/${sessionId}/safeguarding`, record)).status).toBe(404);
    expect((await other.get(`/sessions/${crypto.randomUUID()}/safeguarding`)).status).toBe(404);
    // Their own list holds nothing from sessions they are not on.
    expect(textOf(await (await other.get(`/safeguarding`)).text())).toContain("0 records");
  });

  it("shows a cleared lead every session's records, and the view appears in the audit log", async () => {
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    await lead.post(`/sessions/${otherSessionId}/safeguarding`, {
      ...record,
      kind: "concern",
      destination: "school_dsl",
      initials: "AK",
      yearGroup: "R",
      consent: "not_applicable",
      notes: "",
    });
    const res = await lead.get(`/safeguarding`);
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain("2 records");
    expect(text).toContain("AK, Reception");
    expect(text).toContain("JB, Year 9");
    const { getDb } = await import("~/db/db.server");
    const view = await getDb()
      .selectFrom("audit_log")
      .innerJoin("users", "users.id", "audit_log.actor_user_id")
      .select(["audit_log.detail", "audit_log.ip", "audit_log.subject_type"])
      .where("audit_log.action", "=", "safeguarding.viewed")
      .where("users.email", "=", "lead@example.org")
      .where("audit_log.subject_type", "=", "safeguarding_log")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(view.detail!).records).toHaveLength(2);
    expect(view.ip).toBeTruthy();
  });
});
