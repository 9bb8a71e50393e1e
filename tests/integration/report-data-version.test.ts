import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_REPORT_DATA as NOT_REPORT_DATA_2030 } from "../../migrations/2026-12-06-2030_report_data_version";
import { NOT_REPORT_DATA_ADDED as NOT_REPORT_DATA_0110 } from "../../migrations/2026-12-07-0110-job-leases";
import { NOT_REPORT_DATA_ADDED as NOT_REPORT_DATA_0330 } from "../../migrations/2026-12-07-0330_shared_state";
import { NOT_REPORT_DATA_ADDED as NOT_REPORT_DATA_0710 } from "../../migrations/2026-12-07-0710_trainer_bases";
import { NOT_REPORT_DATA_ADDED as NOT_REPORT_DATA_0900 } from "../../migrations/2026-12-07-0900_report_facts";

// Landed migrations are never edited: tables added later name their choice in their own migration.
const NOT_REPORT_DATA = [
  ...NOT_REPORT_DATA_2030,
  ...NOT_REPORT_DATA_0110,
  ...NOT_REPORT_DATA_0330,
  ...NOT_REPORT_DATA_0710,
  ...NOT_REPORT_DATA_0900,
];
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 16, item 2: kept dashboard views were thrown away by any write anywhere. Now they are kept
// while the report data version stands: what reports are made from moves it, sign-ins, session
// touches, the audit log and the outbox do not.

let server: TestServer;
let sessionId: string;
let leadId: string;

async function db() {
  return (await import("~/db/db.server")).getDb();
}

async function version() {
  return (
    await (
      await db()
    )
      .selectFrom("report_data_version")
      .select("version")
      .where("id", "=", 1)
      .executeTakeFirstOrThrow()
  ).version;
}

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: "1" });
  const d = await db();
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const partner = await insertOrganisation(d, { kind: "delivery_partner", name: "St Giles Trust" });
  leadId = await insertUser(d, {
    email: "version-lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead", safeguardingCleared: true }],
  });
  await insertUser(d, {
    email: "version-trainer@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "trainer" }],
  });
  const programmeId = await f.insertProgramme(d, { name: "Version Programme" });
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
});

afterAll(async () => {
  await server?.close();
});

describe("the report data version", () => {
  it("has every table either counted as report data or named as not, so a new table needs a choice", async () => {
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
      await db(),
    );
    const triggers = new Set(
      (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'trigger' and name like 'report_data_%'`.execute(
          await db(),
        )
      ).rows.map((r) => r.name),
    );
    const undecided = tables.rows
      .map((t) => t.name)
      .filter((name) => name !== "report_data_version" && !NOT_REPORT_DATA.includes(name))
      .filter(
        (name) =>
          !["insert", "update", "delete"].every((op) => triggers.has(`report_data_${name}_${op}`)),
      );
    expect(undecided).toEqual([]);
    for (const name of NOT_REPORT_DATA)
      expect(triggers.has(`report_data_${name}_insert`)).toBe(false);
  });

  it("stands through a sign-in, a session's touch, an audit entry and an outbox update", async () => {
    const before = await version();
    const c = new Client(server.url);
    await c.signIn("version-trainer@example.org", PASSWORD);
    // A minute and more since the session was last seen: the next request touches it.
    await (
      await db()
    )
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - 10 * 60_000).toISOString() })
      .execute();
    expect((await c.get("/sessions")).status).toBe(200);
    const { audit } = await import("~/audit/audit.server");
    await audit(await db(), {
      action: "auth.sign_in",
      actorUserId: leadId,
      subjectType: "user",
      subjectId: leadId,
    });
    const { enqueueEmail } = await import("~/email/outbox.server");
    await enqueueEmail(await db(), {
      to: "someone@example.org",
      subject: "Hello",
      text: "Hello",
      html: "<p>Hello</p>",
    });
    await (await db()).updateTable("outbox").set({ attempts: 1 }).execute();
    expect(await version()).toBe(before);
  });

  it("moves with a booking, attendance, a feedback response and a safeguarding record", async () => {
    let last = await version();
    const moved = async () => {
      const now = await version();
      const changed = now > last;
      last = now;
      return changed;
    };
    const booked = await new Client(server.url).post(
      `/sessions/open/${sessionId}`,
      { name: "Amina Khan", email: "amina@example.org" },
      { "x-forwarded-for": "198.51.100.77" },
    );
    expect(booked.status).toBe(302);
    expect(await moved()).toBe(true);

    await (
      await db()
    )
      .updateTable("registrations")
      .set({ attendance: "attended" })
      .where("session_id", "=", sessionId)
      .execute();
    expect(await moved()).toBe(true);

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
    expect(await moved()).toBe(true);

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
        respondent_hash: "version-test",
        ip_hash: null,
        before_at: null,
        after_at: new Date().toISOString(),
        created_at: new Date().toISOString(),
      } as never)
      .execute();
    expect(await moved()).toBe(true);
  });
});

describe("kept views", () => {
  it("computes a view once for ten simultaneous requests, keeps it, and computes it again after report data changes", async () => {
    const { cachedView, viewsInFlight } = await import("~/reports/view-cache.server");
    const d = await db();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { sessions: computed };
    };
    const key = { test: "single-flight", at: Date.now() };
    const views = await Promise.all(Array.from({ length: 10 }, () => cachedView(d, key, compute)));
    expect(computed).toBe(1);
    expect(views.every((v) => v.sessions === 1)).toBe(true);
    expect(viewsInFlight()).toBe(0);
    expect((await cachedView(d, key, compute)).sessions).toBe(1);
    await d
      .updateTable("delivery_sessions")
      .set({ venue: "The Forum, Norwich (Fusion room)" })
      .where("id", "=", sessionId)
      .execute();
    expect((await cachedView(d, key, compute)).sessions).toBe(2);
    expect(computed).toBe(2);
  });
});
