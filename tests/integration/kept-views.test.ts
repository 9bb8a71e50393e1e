import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, testsUsePostgres, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 16, items 1–2, through the real server on SQLite and (integration-pg) PostgreSQL: a kept
// dashboard view survives what does not change a figure — another user signing in, a signed-in
// user's once-a-minute touch, the outbox being worked — and is computed again after a booking,
// attendance, a feedback response and a safeguarding record.

let server: TestServer;
let sessionId: string;
let leadId: string;
let lead: Client;

async function db() {
  return (await import("~/db/db.server")).getDb();
}

/** Computations the server has run so far (the counter lives on globalThis, shared with the build). */
async function computed() {
  return (await import("~/reports/view-cache.server")).viewsComputed();
}

/** Loads the whole-programme dashboard as the lead; whether it was computed (true) or kept (false). */
async function dashboardComputed(): Promise<boolean> {
  const before = await computed();
  const res = await lead.get("/reports");
  expect(res.status).toBe(200);
  return (await computed()) > before;
}

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: "1", REPORT_VIEW_CACHE: "on" });
  const d = await db();
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const partner = await insertOrganisation(d, { kind: "delivery_partner", name: "St Giles Trust" });
  leadId = await insertUser(d, {
    email: "kept-lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead", safeguardingCleared: true }],
  });
  await insertUser(d, {
    email: "kept-trainer@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "trainer" }],
  });
  const programmeId = await f.insertProgramme(d, { name: "Kept Programme" });
  const offeringId = await f.insertOffering(d, {
    programmeId,
    title: "Parents' evening",
    audience: "parents",
    openToPublic: true,
  });
  sessionId = await f.insertSession(d, {
    programmeId,
    offeringId,
    startsAt: new Date(Date.now() + 10 * 24 * 3600_000),
    capacity: 30,
    isOpen: true,
    districtId: await f.districtIdByCode(d, "E07000148"),
    venue: "The Forum, Norwich",
  });
  lead = new Client(server.url);
  await lead.signIn("kept-lead@example.org", PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

describe("a kept dashboard view", () => {
  it("is computed once, then kept while nothing it is made from changes", async () => {
    await dashboardComputed();
    expect(await dashboardComputed()).toBe(false);
  });

  it("survives another user's sign-in, a signed-in user's touch and an outbox update", async () => {
    await dashboardComputed();
    const trainer = new Client(server.url);
    await trainer.signIn("kept-trainer@example.org", PASSWORD);
    expect(await dashboardComputed()).toBe(false);

    // Long enough since the trainer was last seen that the next request touches the session.
    await (
      await db()
    )
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - 10 * 60_000).toISOString() })
      .execute();
    expect((await trainer.get("/sessions")).status).toBe(200);
    expect(await dashboardComputed()).toBe(false);

    const { enqueueEmail } = await import("~/email/outbox.server");
    await enqueueEmail(await db(), {
      to: "someone@example.org",
      subject: "Hello",
      text: "Hello",
      html: "<p>Hello</p>",
    });
    await (await db()).updateTable("outbox").set({ attempts: 1 }).execute();
    expect(await dashboardComputed()).toBe(false);
  });

  it("is computed again after a booking, attendance, a feedback response and a safeguarding record", async () => {
    await dashboardComputed();
    const booked = await new Client(server.url).post(
      `/sessions/open/${sessionId}`,
      { name: "Amina Khan", email: "amina@example.org" },
      { "x-forwarded-for": "198.51.100.77" },
    );
    expect(booked.status).toBe(302);
    expect(await dashboardComputed()).toBe(true);
    expect(await dashboardComputed()).toBe(false);

    await (
      await db()
    )
      .updateTable("registrations")
      .set({ attendance: "attended" })
      .where("session_id", "=", sessionId)
      .execute();
    expect(await dashboardComputed()).toBe(true);

    const questionnaire = await (
      await db()
    )
      .selectFrom("questionnaires")
      .select("id")
      .executeTakeFirstOrThrow();
    await (
      await db()
    )
      .insertInto("feedback_responses")
      .values({
        id: crypto.randomUUID(),
        session_id: sessionId,
        questionnaire_id: questionnaire.id,
        respondent_hash: "kept-view-test",
        ip_hash: null,
        before_at: null,
        after_at: new Date().toISOString(),
        created_at: new Date().toISOString(),
      } as never)
      .execute();
    expect(await dashboardComputed()).toBe(true);

    const { recordSafeguarding } = await import("~/safeguarding/records.server");
    await recordSafeguarding(await db(), {
      sessionId,
      kind: "concern",
      category: "criminal_exploitation",
      destination: null,
      initials: "AB",
      yearGroup: "9",
      consent: "not_applicable",
      notes: null,
      userId: leadId,
      ip: null,
    });
    expect(await dashboardComputed()).toBe(true);
    expect(await dashboardComputed()).toBe(false);
  });

  it("is computed in the report worker thread on a SQLite file (on PostgreSQL, on the serving thread)", async () => {
    await (
      await db()
    )
      .updateTable("delivery_sessions")
      .set({ venue: "The Forum, Norwich (Curve room)" })
      .where("id", "=", sessionId)
      .execute();
    expect(await dashboardComputed()).toBe(true);
    // The worker is the process's one (shared with the server's build); a worker that failed to
    // start or to compute the view has removed it.
    const { perProcess } = await import("~/server/process-state");
    const state = perProcess(
      "reportViewWorker",
      (): { current?: { file: string } } => ({}),
    ).current;
    if (testsUsePostgres()) expect(state).toBeUndefined();
    else expect(state?.file).toBe(server.dbPath);
  });

  it("runs the report threads at a lower priority than the serving thread, so pages go first", async () => {
    await (
      await db()
    )
      .updateTable("delivery_sessions")
      .set({ venue: "The Forum, Norwich (Fusion)" })
      .where("id", "=", sessionId)
      .execute();
    expect(await dashboardComputed()).toBe(true);
    // Each thread's nice value (Linux, where Lantern runs and is tested) is the 19th field of its
    // stat line, after the name in brackets.
    const nice = (task: string) => {
      const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    };
    const lowered = fs.readdirSync("/proc/self/task").filter((t) => nice(t) === 10);
    expect(nice(String(process.pid))).toBe(0);
    // On PostgreSQL views are computed on the serving thread: no report threads.
    if (testsUsePostgres()) expect(lowered).toEqual([]);
    else expect(lowered.length).toBeGreaterThanOrEqual(1);
  });
});
