import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { londonAtIso, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Issue 17, item 10: one training record per person — e-learning modules completed and training
// sessions attended, each with its certificate — on the learner's own page and, the same, on
// their manager's organisation page, whose training passport counts both. Modules are completed
// through the real quiz; sessions and their attendance are built here, and their certificates
// issued by the real issuing code, as marking a session delivered does.

let server: TestServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { getDb, writeTransaction } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { insertModule } = await import("~/learning/seed.server");
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const { issueSessionCertificates } = await import("~/sessions/certificates.server");
  const db = getDb();
  const momentum = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  ids.harbour = await insertOrganisation(db, { kind: "vcse", name: "Norwich Youth Harbour" });
  ids.other = await insertOrganisation(db, { kind: "vcse", name: "Lynn Street Pastors" });
  const author = await insertUser(db, {
    email: "author@example.org",
    name: "Sam Lowe",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "content_author" }],
  });
  ids.aisha = await insertUser(db, {
    email: "aisha@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: ids.harbour, role: "learner" }],
  });
  ids.ben = await insertUser(db, {
    email: "ben@example.org",
    name: "Ben Carter",
    password: PASSWORD,
    memberships: [{ organisationId: ids.harbour, role: "learner" }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: ids.harbour, role: "organisation_manager" }],
  });
  await insertUser(db, {
    email: "other.manager@example.org",
    name: "Ada Quinn",
    password: PASSWORD,
    memberships: [{ organisationId: ids.other, role: "organisation_manager" }],
  });
  const spec = (title: string) => ({
    details: {
      title,
      summary: "A module.",
      audience: "VCSE staff and volunteers",
      estimatedMinutes: 20,
      passMark: 50,
      contentNote: null,
    },
    lessons: [{ title: `${title} lesson`, body: "Text." }],
    questions: [
      {
        prompt: "Yes?",
        kind: "single" as const,
        options: [
          { text: "Yes", correct: true, feedback: "Right." },
          { text: "No", correct: false, feedback: "No." },
        ],
      },
    ],
  });
  ids.module = (await insertModule(db, author, spec("Recognising exploitation"))).moduleId;
  ids.second = (await insertModule(db, author, spec("Responding to a disclosure"))).moduleId;

  // Momentum training for VCSE staff: Aisha booked two (with her email in capitals once) and
  // attended both; she was a no-show at a third; Ben's booking was cancelled. A parents' evening
  // she attended earns no certificate but is a session attended.
  const b = new DeliveryBatch();
  const programme = b.programme({
    name: "Momentum",
    startsOn: londonDay(-300),
    endsOn: londonDay(400),
    targets: [],
  });
  const offering = (title: string, audience: "vcse_staff" | "parents") =>
    b.offering({ programmeId: programme, title, audience, format: "community_session" });
  const training = offering("Contextual safeguarding for youth workers", "vcse_staff");
  const county = offering("County lines briefing", "vcse_staff");
  const parents = offering("Parents' evening: staying safe online", "parents");
  const session = (offeringId: string, day: number) =>
    b.session({
      programmeId: programme,
      offeringId,
      startsAt: londonAtIso(day, "10:00"),
      status: "delivered",
    });
  ids.s1 = session(training, -40);
  ids.s2 = session(county, -10);
  ids.s3 = session(county, -5);
  ids.s4 = session(parents, -3);
  b.registration({
    sessionId: ids.s1,
    name: "Aisha Begum",
    email: "aisha@example.org",
    attendance: "attended",
  });
  b.registration({
    sessionId: ids.s2,
    name: "Aisha Begum",
    email: "AISHA@example.org",
    attendance: "attended",
  });
  b.registration({
    sessionId: ids.s3,
    name: "Aisha Begum",
    email: "aisha@example.org",
    attendance: "no_show",
  });
  b.registration({
    sessionId: ids.s4,
    name: "Aisha Begum",
    email: "aisha@example.org",
    attendance: "attended",
  });
  b.registration({
    sessionId: ids.s1,
    name: "Ben Carter",
    email: "ben@example.org",
    status: "cancelled",
  });
  // Someone else at the same session: never on Aisha's record.
  b.registration({
    sessionId: ids.s1,
    name: "Cara Dunn",
    email: "cara@example.org",
    attendance: "attended",
  });
  await b.write(db);
  await writeTransaction(db, async (tx) => {
    for (const s of [ids.s1, ids.s2, ids.s3, ids.s4])
      await issueSessionCertificates(tx, s, { notify: false });
  });
});

afterAll(async () => {
  await server?.close();
});

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

async function completeModule(c: Client, moduleId: string) {
  const { getDb } = await import("~/db/db.server");
  await c.post(`/learning/modules/${moduleId}`, { intent: "enrol" });
  await c.post(`/learning/modules/${moduleId}/lessons/1`, { intent: "read" });
  const opts = await getDb()
    .selectFrom("learning_options as o")
    .innerJoin("learning_questions as q", "q.id", "o.question_id")
    .innerJoin("learning_module_versions as v", "v.id", "q.version_id")
    .select(["o.id", "o.is_correct", "q.id as question_id"])
    .where("v.module_id", "=", moduleId)
    .execute();
  const answers: Record<string, string[]> = {};
  for (const o of opts) if (o.is_correct) (answers[`q-${o.question_id}`] ??= []).push(o.id);
  expect((await c.post(`/learning/modules/${moduleId}/quiz`, answers)).status).toBe(302);
}

function recordFigure(html: string, key: string) {
  const m = new RegExp(`data-record="${key}"[^>]*>(\\d+)<`).exec(html);
  if (!m) throw new Error(`no ${key} on the page`);
  return Number(m[1]);
}

describe("one training record per person", () => {
  it("shows a learner their e-learning and the training sessions they attended, with certificates, and counts both", async () => {
    const aisha = await signedIn("aisha@example.org");
    await completeModule(aisha, ids.module);
    const html = await (await aisha.get("/learning/my")).text();
    const text = textOf(html);
    // One module completed (with its certificate); three sessions attended (s1, s2, s4 — not the
    // no-show); certificates for the module and the two VCSE staff sessions, none for parents'.
    expect(recordFigure(html, "modules")).toBe(1);
    expect(recordFigure(html, "sessions")).toBe(3);
    expect(recordFigure(html, "certificates")).toBe(1 + 2);
    const sessions = html.slice(html.indexOf('data-record="sessions-table"'));
    const table = textOf(sessions.slice(0, sessions.indexOf("</table>")));
    expect(table).toContain("Contextual safeguarding for youth workers");
    expect(table).toContain("County lines briefing");
    expect(table).toContain("Parents' evening: staying safe online");
    // Newest first: the parents' evening (3 days ago), then county lines (10), then the training (40).
    expect(table.indexOf("Parents' evening")).toBeLessThan(table.indexOf("County lines"));
    expect(table.indexOf("County lines")).toBeLessThan(table.indexOf("Contextual safeguarding"));
    expect(table.match(/Download your certificate for/g)).toHaveLength(2);
    expect(text).toContain("Recognising exploitation");

    // Each certificate on the record downloads for her, although the booking had no account.
    const links = [...html.matchAll(/href="(\/certificates\/[^"]+\/pdf)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(3);
    for (const link of links) {
      const res = await aisha.get(link);
      expect(res.status, link).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
    }
    // Not for someone else.
    const ben = await signedIn("ben@example.org");
    for (const link of links) expect((await ben.get(link)).status).toBe(404);
    const benHtml = await (await ben.get("/learning/my")).text();
    expect(recordFigure(benHtml, "sessions")).toBe(0);
    expect(recordFigure(benHtml, "certificates")).toBe(0);
  });

  it("shows the manager the same record per member of staff, and a passport that counts sessions too", async () => {
    const ben = await signedIn("ben@example.org");
    await completeModule(ben, ids.second);
    const manager = await signedIn("manager@example.org");
    const html = await (await manager.get(`/learning/organisations/${ids.harbour}`)).text();
    const row = (email: string) => {
      const start = html.indexOf(`data-record-person="${email}"`);
      return textOf(html.slice(start, html.indexOf("</tr>", start)));
    };
    const aisha = row("aisha@example.org");
    expect(aisha).toContain("Recognising exploitation");
    expect(aisha).toContain("Contextual safeguarding for youth workers");
    expect(aisha).toContain("County lines briefing");
    expect(aisha).toContain("Parents' evening: staying safe online");
    expect(aisha.trim().endsWith("3")).toBe(true);
    const benRow = row("ben@example.org");
    expect(benRow).toContain("Responding to a disclosure");
    expect(benRow).not.toContain("Contextual safeguarding");
    expect(benRow.trim().endsWith("1")).toBe(true);
    // The passport: three staff (the manager is staff too); each session attended by 1 of 3.
    const passport = html.slice(html.indexOf('data-record="session-passport"'));
    const sessionPassport = textOf(passport.slice(0, passport.indexOf("</table>")));
    expect(sessionPassport).toMatch(/County lines briefing\s*1 of 3\s*33\s*%/);
    expect(sessionPassport).toMatch(/Contextual safeguarding for youth workers\s*1 of 3\s*33\s*%/);
    expect(sessionPassport).not.toContain("Cara");
    // The manager may download their staff's session certificate too; another manager may not.
    const link = /href="(\/certificates\/[^"]+\/pdf)"/.exec(
      await (await (await signedIn("aisha@example.org")).get("/learning/my")).text(),
    )![1];
    expect((await manager.get(link)).status).toBe(200);
    expect((await (await signedIn("other.manager@example.org")).get(link)).status).toBe(404);
  });
});
