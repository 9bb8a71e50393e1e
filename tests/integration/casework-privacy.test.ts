import fs from "node:fs";
import { dateFields } from "~/utils/date-input";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { addDays, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Casework's data protection: the retention job deletes case files past their day (and only
// them), a young person's subject access export holds their whole file with notes opened, erasure
// deletes it, and a staff member's export through /admin/privacy says what casework holds on them.
let server: TestServer;
const today = londonDay(0);
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};
const NOTE = "Spoke about leaving the group; wants a Saturday job.";

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

/** A case for `name`, opened, with one contact, closed; returns its ids. */
async function closedCase(name: string, dateOfBirth: string) {
  const d = await db();
  const { createReferral, decideReferral } = await import("~/casework/referrals.server");
  const { recordConsent, addContact, closeCase } = await import("~/casework/cases.server");
  const manager = { kind: "manager" as const, userId: ids.lead! };
  const worker = { kind: "worker" as const, userId: ids.mentor! };
  const referralId = await createReferral(
    d,
    manager,
    {
      programmeId: ids.programme!,
      source: "mace",
      schoolId: null,
      name,
      dateOfBirth,
      yearGroup: "11",
      reason: "Fixture.",
      riskIndicators: [],
      maceKnown: true,
      parentAware: true,
    },
    null,
  );
  const decided = await decideReferral(
    d,
    manager,
    referralId,
    { decision: "accept", reason: null, caseworkerId: ids.mentor! },
    null,
  );
  const caseId = (decided as { caseId: string }).caseId;
  await recordConsent(
    d,
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
  );
  await addContact(
    d,
    worker,
    caseId,
    {
      contactOn: today,
      minutes: 40,
      place: "school",
      outcome: "attended",
      missedReason: null,
      note: NOTE,
    },
    null,
  );
  await closeCase(
    d,
    worker,
    caseId,
    { reason: "goals_achieved", ending: "planned", eet: true, risk: "lower", exited: true },
    null,
  );
  return { referralId, caseId };
}

beforeAll(async () => {
  server = await startTestServer();
  const d = await db();
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { insertCaseworkProgramme } = await import("~/casework/programmes.server");
  const sgt = await insertOrganisation(d, { kind: "delivery_partner", name: "St Giles Trust" });
  ids.lead = await insertUser(d, {
    email: "lead@example.org",
    name: "Lead",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead", safeguardingCleared: true }],
  });
  ids.uncleared = await insertUser(d, {
    email: "lead2@example.org",
    name: "Lead Two",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead" }],
  });
  ids.mentor = await insertUser(d, {
    email: "mentor@example.org",
    name: "Mentor",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "caseworker" }],
  });
  await d
    .insertInto("trainer_compliance")
    .values({
      user_id: ids.mentor,
      dbs_checked_on: today,
      dbs_expires_on: addDays(today, 300),
      safeguarding_trained_on: today,
      safeguarding_expires_on: addDays(today, 300),
      updated_at: new Date().toISOString(),
    })
    .execute();
  ids.programme = await insertCaseworkProgramme(d, {
    name: "Pathways Out",
    area: "greater Norwich",
    retainUntilAge: 25,
  });
  for (const [k, email] of [
    ["lead", "lead@example.org"],
    ["uncleared", "lead2@example.org"],
    ["mentor", "mentor@example.org"],
  ]) {
    clients[k!] = new Client(server.url);
    await clients[k!]!.signIn(email!, PASSWORD);
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("retention of case files", () => {
  it("keeps a closed case until the 25th birthday, then deletes the case file and everything under it", async () => {
    const d = await db();
    const dob = addDays(today, -(17 * 365));
    const due = await closedCase("Riley Overdue", addDays(today, -(24 * 365 + 364)));
    const kept = await closedCase("Morgan Kept", dob);
    const { birthday } = await import("~/casework/rules");
    expect(
      (
        await d
          .selectFrom("casework_cases")
          .select("retain_until")
          .where("id", "=", kept.caseId)
          .executeTakeFirstOrThrow()
      ).retain_until,
    ).toBe(birthday(dob, 25));
    // The first case's day has come (its file was kept a year after closing, past the 25th birthday).
    await d
      .updateTable("casework_cases")
      .set({ retain_until: addDays(today, -1) })
      .where("id", "=", due.caseId)
      .execute();
    const review = await (await clients.lead!.get("/casework/subject-access")).text();
    expect(review).toContain("Riley Overdue");
    expect(review).not.toContain("Morgan Kept");
    const { runRetention } = await import("~/privacy/retention.server");
    const { CASEWORK_RETENTION } = await import("~/casework/privacy.server");
    const run = await runRetention(d, { policies: CASEWORK_RETENTION });
    expect(run.results[0]!.affected).toBeGreaterThanOrEqual(1);
    expect(
      await d.selectFrom("casework_cases").select("id").where("id", "=", due.caseId).execute(),
    ).toHaveLength(0);
    expect(
      await d
        .selectFrom("casework_referrals")
        .select("id")
        .where("id", "=", due.referralId)
        .execute(),
    ).toHaveLength(0);
    expect(
      await d
        .selectFrom("casework_contacts")
        .select("id")
        .where("case_id", "=", due.caseId)
        .execute(),
    ).toHaveLength(0);
    expect(
      await d
        .selectFrom("casework_consents")
        .select("id")
        .where("case_id", "=", due.caseId)
        .execute(),
    ).toHaveLength(0);
    expect(
      await d.selectFrom("casework_cases").select("id").where("id", "=", kept.caseId).execute(),
    ).toHaveLength(1);
    expect(
      await d
        .selectFrom("casework_contacts")
        .select("id")
        .where("case_id", "=", kept.caseId)
        .execute(),
    ).toHaveLength(1);
  });

  it("is one of the daily retention job's policies", async () => {
    const { RETENTION_POLICIES } = await import("~/privacy/retention.server");
    expect(RETENTION_POLICIES.map((p) => p.name)).toContain("casework case files");
  });
});

describe("subject access and erasure for a young person", () => {
  it("asks for the name and date of birth (day, month and year) in two forms whose fields each have their own id", async () => {
    const html = await (await clients.lead!.get("/casework/subject-access")).text();
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // Each label names a field that exists, in its own form.
    for (const [, target] of html.matchAll(/<label[^>]*for="([^"]+)"/g))
      expect(ids, `label for=${target}`).toContain(target);
    expect(html.match(/name="dateOfBirth-(day|month|year)"/g)).toHaveLength(6);
  });

  it("exports the whole file, notes opened, to a cleared manager only, and audits it", async () => {
    const dob = addDays(today, -(15 * 365 + 7));
    ids.sarCase = (await closedCase("Jamie Access", dob)).caseId;
    ids.sarDob = dob;
    const res = await clients.lead!.post("/casework/subject-access/export", {
      name: " jamie access ",
      ...dateFields("dateOfBirth", dob),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const body = await res.json();
    expect(body.records).toHaveLength(1);
    expect(body.records[0].case.contacts[0].note).toBe(NOTE);
    expect(JSON.stringify(body)).not.toContain("Morgan Kept");
    for (const who of ["uncleared", "mentor"]) {
      expect(
        (
          await clients[who]!.post("/casework/subject-access/export", {
            name: "Jamie Access",
            ...dateFields("dateOfBirth", dob),
          })
        ).status,
      ).toBe(403);
      expect((await clients[who]!.get("/casework/subject-access")).status).toBe(403);
    }
    const d = await db();
    expect(
      await d
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "casework.subject_exported")
        .where("actor_user_id", "=", ids.lead!)
        .execute(),
    ).toHaveLength(1);
  });

  it("refuses an erasure without confirmation, then deletes every record about them", async () => {
    const unconfirmed = await clients.lead!.post("/casework/subject-access", {
      name: "Jamie Access",
      ...dateFields("dateOfBirth", ids.sarDob!),
    });
    expect(unconfirmed.status).toBe(400);
    const d = await db();
    expect(
      await d.selectFrom("casework_cases").select("id").where("id", "=", ids.sarCase!).execute(),
    ).toHaveLength(1);
    const res = await clients.lead!.post("/casework/subject-access", {
      name: "Jamie Access",
      ...dateFields("dateOfBirth", ids.sarDob!),
      confirm: "yes",
    });
    expect(res.status, await res.clone().text()).toBe(302);
    expect(
      await d.selectFrom("casework_cases").select("id").where("id", "=", ids.sarCase!).execute(),
    ).toHaveLength(0);
    expect(
      await d
        .selectFrom("casework_referrals")
        .select("id")
        .where("young_person_name", "=", "Jamie Access")
        .execute(),
    ).toHaveLength(0);
    const { getSqlite } = await import("~/db/db.server");
    // Deleted rows' bytes stay in free pages until the file is rewritten: VACUUM, then checkpoint.
    getSqlite().exec("VACUUM");
    getSqlite().pragma("wal_checkpoint(TRUNCATE)");
    expect(fs.readFileSync(server.dbPath).toString("latin1")).not.toContain("Jamie Access");
  });
});

describe("staff in the account-based subject access export", () => {
  it("lists the cases allocated to a caseworker, by id only", async () => {
    const res = await clients.lead!.post("/admin/privacy/export", { email: "mentor@example.org" });
    expect(res.status).toBe(200);
    const body = await res.json();
    const section = JSON.stringify(body).includes("casesAllocated");
    expect(section).toBe(true);
    expect(JSON.stringify(body)).not.toContain("Morgan Kept");
  });
});
