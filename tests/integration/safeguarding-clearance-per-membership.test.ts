import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";

// Issue 11, hardening (decision 091): safeguarding clearance is set per membership, so it is
// checked per membership. Before, any cleared membership counted for every role: a trainer cleared
// only as a school's DSL read the safeguarding log of the sessions they train, and a lead whose
// lead membership was not cleared read the programme's safeguarding figures and managed casework
// because they were also some school's cleared DSL.

let server: TestServer;
let sessionId: string;
let programmeId: string;
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const db = getDb();
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const alder = await insertOrganisation(db, { kind: "setting", name: "Alder High School" });
  const birch = await insertOrganisation(db, { kind: "setting", name: "Birch Academy" });
  // Cleared in the role that gives the access: the controls.
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
  await insertUser(db, {
    email: "dsl@example.org",
    name: "Helen Carter",
    password: PASSWORD,
    memberships: [{ organisationId: alder, role: "school_coordinator", safeguardingCleared: true }],
  });
  // Cleared only somewhere else.
  const dualTrainer = await insertUser(db, {
    email: "dual-trainer@example.org",
    name: "Sam Dual",
    password: PASSWORD,
    memberships: [
      { organisationId: sgt, role: "trainer" },
      { organisationId: alder, role: "school_coordinator", safeguardingCleared: true },
    ],
  });
  await insertUser(db, {
    email: "dual-lead@example.org",
    name: "Rob Dual",
    password: PASSWORD,
    memberships: [
      { organisationId: sgt, role: "programme_lead" },
      { organisationId: birch, role: "school_coordinator", safeguardingCleared: true },
    ],
  });
  await insertUser(db, {
    email: "two-schools@example.org",
    name: "Ann Twoschools",
    password: PASSWORD,
    memberships: [
      { organisationId: alder, role: "school_coordinator", safeguardingCleared: true },
      { organisationId: birch, role: "school_coordinator" },
    ],
  });

  programmeId = await f.insertProgramme(db, { name: "SOS+" });
  const parents = await f.insertOffering(db, {
    programmeId,
    title: "Parents' session",
    audience: "parents",
  });
  sessionId = await f.insertSession(db, {
    programmeId,
    offeringId: parents,
    startsAt: new Date(Date.now() - 30 * 60_000),
    trainerIds: [trainer, dualTrainer],
    venue: "Forum",
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

const NOT_CLEARED = "Safeguarding counts are shown only to staff with safeguarding clearance.";

describe("safeguarding clearance is checked through the membership that gives the access", () => {
  it("lets a trainer cleared as a trainer open the safeguarding log of their session, but not one cleared only as a school's DSL", async () => {
    const trainer = await signedIn("trainer@example.org");
    expect((await trainer.get(`/sessions/${sessionId}/safeguarding`)).status).toBe(200);
    expect(await (await trainer.get("/")).text()).toContain('href="/safeguarding"');
    const dual = await signedIn("dual-trainer@example.org");
    expect((await dual.get(`/sessions/${sessionId}/safeguarding`)).status).toBe(403);
    expect((await dual.get(`/safeguarding`)).status).toBe(403);
    // Nor is the link offered: it would only lead to a refusal.
    expect(await (await dual.get("/")).text()).not.toContain('href="/safeguarding"');
  });

  it("gives a lead whose lead membership is not cleared no safeguarding log, no safeguarding figures and no casework, though cleared at a school", async () => {
    const lead = await signedIn("lead@example.org");
    expect((await lead.get(`/sessions/${sessionId}/safeguarding`)).status).toBe(200);
    expect((await lead.get(`/reports/csv/safeguarding?programme=${programmeId}`)).status).toBe(200);
    expect((await lead.get(`/casework`)).status).toBe(200);

    const dual = await signedIn("dual-lead@example.org");
    expect((await dual.get(`/sessions/${sessionId}/safeguarding`)).status).toBe(403);
    expect((await dual.get(`/safeguarding`)).status).toBe(403);
    const report = await dual.get(`/reports?programme=${programmeId}`);
    expect(report.status).toBe(200);
    expect(textOf(await report.text())).toContain(NOT_CLEARED);
    expect((await dual.get(`/reports/csv/safeguarding?programme=${programmeId}`)).status).toBe(404);
    expect((await dual.get(`/casework`)).status).toBe(403);
  });

  it("shows a coordinator safeguarding counts only when cleared at every school the report covers", async () => {
    const dsl = await signedIn("dsl@example.org");
    expect(textOf(await (await dsl.get(`/reports?programme=${programmeId}`)).text())).not.toContain(
      NOT_CLEARED,
    );
    expect((await dsl.get(`/reports/csv/safeguarding?programme=${programmeId}`)).status).toBe(200);

    const both = await signedIn("two-schools@example.org");
    expect(textOf(await (await both.get(`/reports?programme=${programmeId}`)).text())).toContain(
      NOT_CLEARED,
    );
    expect((await both.get(`/reports/csv/safeguarding?programme=${programmeId}`)).status).toBe(404);
  });
});
