import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, testsUsePostgres, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 16, items 1–2, through the real server on SQLite and (integration-pg) PostgreSQL: a kept
// dashboard view survives what does not change a figure — another user signing in, a signed-in
// user's once-a-minute touch, the outbox being worked — and is computed again after a booking,
// attendance, a feedback response and a safeguarding record. The quarterly monitoring return is
// kept the same way, and computed on a report thread.

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
    // The feedback sums the view brought up to date moved the version: kept under the new one.
    expect(await dashboardComputed()).toBe(false);

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

describe("a kept monitoring return", () => {
  let programmeId: string;
  let deliveredId: string;
  let quarter: string;
  let registrationId: string;

  /** The return's page for the programme and quarter; whether it was computed (true) or kept (false). */
  async function returnComputed(): Promise<boolean> {
    const before = await computed();
    const res = await lead.get(`/reports/return?programme=${programmeId}&quarter=${quarter}`);
    expect(res.status).toBe(200);
    return (await computed()) > before;
  }

  /** The CSV export's text, its people reached this quarter (all audiences), whether it computed the return. */
  async function returnCsv() {
    const before = await computed();
    const res = await lead.get(`/reports/return/csv?programme=${programmeId}&quarter=${quarter}`);
    expect(res.status).toBe(200);
    const wasComputed = (await computed()) > before;
    const text = new TextDecoder("utf-8", { ignoreBOM: true })
      .decode(new Uint8Array(await res.arrayBuffer()))
      .replace(/^\uFEFF/, "");
    const rows = parse(text) as string[][];
    const people = rows.find(
      (r) =>
        r[0] === "outputs" &&
        r[1] === "people reached" &&
        r[2] === "All audiences" &&
        r[4].startsWith("This quarter"),
    );
    return { text, people: Number(people?.[7]), computed: wasComputed };
  }

  beforeAll(async () => {
    const d = await db();
    const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
    const { londonToday } = await import("~/utils/dates");
    const { periodsOf } = await import("~/reports/periods");
    const day = 24 * 3600_000;
    // Built around the clock: a programme running either side of today, a session delivered three
    // hours ago, and the quarter that holds that session's London day.
    const startsOn = londonToday(new Date(Date.now() - 400 * day));
    const endsOn = londonToday(new Date(Date.now() + 400 * day));
    const startsAt = new Date(Date.now() - 3 * 3600_000);
    const b = new DeliveryBatch();
    programmeId = b.programme({
      name: "Returned Programme",
      startsOn,
      endsOn,
      targets: [{ audience: "parents", sessions: 40, people: 400 }],
    });
    const offeringId = b.offering({
      programmeId,
      title: "Keeping children safe online",
      audience: "parents",
      format: "group_work",
    });
    deliveredId = b.session({
      programmeId,
      offeringId,
      startsAt: startsAt.toISOString(),
      status: "delivered",
    });
    for (let i = 0; i < 6; i++)
      b.registration({ sessionId: deliveredId, name: `Parent ${i}`, attendance: "attended" });
    await b.write(d);
    const held = londonToday(startsAt);
    quarter = periodsOf(startsOn, endsOn).quarters.find(
      (q) => q.from <= held && held <= q.to,
    )!.value;
  });

  it("is computed once, then kept, and computed again with the new figure after a booking, attendance and feedback", async () => {
    await returnComputed();
    expect(await returnComputed()).toBe(false);
    // The exports are the same kept return.
    const first = await returnCsv();
    expect(first).toMatchObject({ people: 6, computed: false });
    expect(await returnComputed()).toBe(false);

    const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
    const b = new DeliveryBatch();
    registrationId = b.registration({ sessionId: deliveredId, name: "Amina Khan" });
    await b.write(await db());
    expect(await returnComputed()).toBe(true);
    expect(await returnComputed()).toBe(false);
    expect((await returnCsv()).people).toBe(6);

    await (
      await db()
    )
      .updateTable("registrations")
      .set({ attendance: "attended" })
      .where("id", "=", registrationId)
      .execute();
    // The CSV computes it this time, and the page then has it kept.
    expect(await returnCsv()).toMatchObject({ people: 7, computed: true });
    expect(await returnComputed()).toBe(false);
    // So does the PDF.
    await (
      await db()
    )
      .updateTable("registrations")
      .set({ name: "Amina K." })
      .where("id", "=", registrationId)
      .execute();
    const before = await computed();
    const pdf = await lead.get(`/reports/return/pdf?programme=${programmeId}&quarter=${quarter}`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await computed()) - before).toBe(1);
    expect(await returnComputed()).toBe(false);

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
        session_id: deliveredId,
        questionnaire_id: questionnaire.id,
        respondent_hash: "kept-return-test",
        ip_hash: null,
        before_at: null,
        after_at: new Date().toISOString(),
        created_at: new Date().toISOString(),
      } as never)
      .execute();
    expect(await returnComputed()).toBe(true);
    expect(await returnComputed()).toBe(false);
  });

  it("is computed in a report thread on a SQLite file (on PostgreSQL, on the serving thread), the same as on the serving thread", async () => {
    await (
      await db()
    )
      .updateTable("delivery_sessions")
      .set({ venue: "Norwich Library" })
      .where("id", "=", deliveredId)
      .execute();
    const pool = await import("~/reports/view-worker-pool.server");
    const before = pool.viewsComputedOffThread("return");
    expect(await returnComputed()).toBe(true);
    expect(pool.viewsComputedOffThread("return") - before).toBe(testsUsePostgres() ? 0 : 1);

    // What crossed from the thread is what the serving thread computes: the page's data, and the
    // CSV to the byte.
    const { getReturn, returnCsv: csvOfReturn } = await import("~/reports/return.server");
    const args = { programmeId, quarter };
    const here = await getReturn(await db(), args);
    expect(here?.programme.id).toBe(programmeId);
    const off = pool.computeOffThread(await db(), "return", [args]);
    if (testsUsePostgres()) expect(off).toBeNull();
    else expect(await off).toStrictEqual(here);
    expect((await returnCsv()).text).toBe(csvOfReturn(here!).replace(/^\uFEFF/, ""));
  });
});
