import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  outsideConnection,
  startTestServer,
  textOf,
  type TestServer,
} from "../support/server";

// Data protection through the real server: subject access export, erasure keeping counts,
// retention by setting, and audited sensitive reads.
let server: TestServer;
let lead: Client;
let PASSWORD: string;
const LEARNER = "learner@example.org";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  const { DEMO_PASSWORD } = await import("~/seed/foundation.server");
  PASSWORD = DEMO_PASSWORD;
  await seedDemo(getDb());
  // Things Lantern now holds about the learner: sessions, a failed sign-in, a reset, emails.
  const learner = new Client(server.url);
  await learner.signIn(LEARNER, PASSWORD);
  await new Client(server.url).post("/sign-in", {
    email: LEARNER,
    password: "not the password at all",
  });
  await new Client(server.url).post("/forgot-password", { email: LEARNER });
  lead = new Client(server.url);
  await lead.signIn("lead@example.org", PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

/** Every text value in the database that contains `needle` (case-insensitive), as table.column. */
async function findEverywhere(needle: string) {
  const conn = await outsideConnection(server);
  try {
    const hits: string[] = [];
    for (const name of await conn.tables()) {
      for (const row of await conn.all(`select * from "${name}"`)) {
        for (const [col, v] of Object.entries(row))
          if (typeof v === "string" && v.toLowerCase().includes(needle.toLowerCase()))
            hits.push(`${name}.${col}`);
      }
    }
    return hits;
  } finally {
    await conn.close();
  }
}

describe("subject access", () => {
  it("finds what is held about a person, and records that the lead looked", async () => {
    const res = await lead.post("/admin/privacy", { intent: "find", email: "Learner@Example.org" });
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain(`Held about ${LEARNER}`);
    expect(text).toContain("Aisha Begum");
    const entry = await (
      await db()
    )
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "privacy.looked_up")
      .executeTakeFirst();
    expect(entry?.subject_type).toBe("user");
  });

  it("exports everything held about the person as JSON, without secrets, and audits the export", async () => {
    const res = await lead.post("/admin/privacy/export", { email: LEARNER });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="lantern-subject-access-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const body = await res.json();
    expect(body.format).toBe("lantern-subject-access-export/1");
    const account = body.sections.account;
    expect(account.account.email).toBe(LEARNER);
    expect(account.account.name).toBe("Aisha Begum");
    expect(account.memberships).toEqual([
      expect.objectContaining({ organisation: "Norwich Youth Harbour", role: "learner" }),
    ]);
    expect(account.sessions.length).toBeGreaterThanOrEqual(1);
    expect(account.passwordResets.length).toBe(1);
    expect(account.emails.map((e: { subject: string }) => e.subject).join()).toMatch(/password/i);
    const actions = account.auditEntries.map((a: { action: string }) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "auth.sign_in",
        "auth.sign_in_failed",
        "auth.password_reset_requested",
      ]),
    );
    const raw = JSON.stringify(body);
    expect(raw).not.toContain("$argon2");
    expect(raw).not.toContain("password_hash");
    expect(
      await (
        await db()
      )
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "privacy.exported")
        .executeTakeFirst(),
    ).toBeTruthy();
  });

  it("refuses the data-protection pages to everyone but programme leads", async () => {
    const manager = new Client(server.url);
    await manager.signIn("manager@example.org", PASSWORD);
    expect((await manager.post("/admin/privacy/export", { email: LEARNER })).status).toBe(403);
    expect(
      (
        await manager.post("/admin/privacy/erase", {
          intent: "erase",
          email: LEARNER,
          confirm: "yes",
        })
      ).status,
    ).toBe(403);
    expect((await manager.get("/admin/privacy")).status).toBe(403);
    expect(
      (await new Client(server.url).post("/admin/privacy/export", { email: LEARNER })).headers.get(
        "location",
      ),
    ).toMatch(/^\/sign-in/);
  });
});

describe("erasure", () => {
  it("asks to check first, refuses without confirmation, then erases the person everywhere while keeping the counts", async () => {
    const d = await db();
    const count = async (t: "users" | "memberships" | "audit_log" | "outbox") =>
      Number(
        (
          await d
            .selectFrom(t)
            .select(({ fn }) => fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      users: await count("users"),
      memberships: await count("memberships"),
      audit: await count("audit_log"),
      outbox: await count("outbox"),
    };
    const learner = new Client(server.url);
    await learner.signIn(LEARNER, PASSWORD);
    expect((await findEverywhere(LEARNER)).length).toBeGreaterThan(0);

    const review = await lead.post("/admin/privacy/erase", { intent: "review", email: LEARNER });
    expect(review.status).toBe(200);
    expect(textOf(await review.text())).toContain(`Check before you erase ${LEARNER}`);
    const unconfirmed = await lead.post("/admin/privacy/erase", {
      intent: "erase",
      email: LEARNER,
    });
    expect(unconfirmed.status).toBe(400);
    expect(textOf(await unconfirmed.text())).toContain(
      "Confirm that you want to erase this person",
    );
    expect((await findEverywhere("Aisha Begum")).length).toBeGreaterThan(0);

    const done = await lead.post("/admin/privacy/erase", {
      intent: "erase",
      email: LEARNER,
      confirm: "yes",
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/admin/privacy?erased=1");

    expect(await findEverywhere(LEARNER)).toEqual([]);
    expect(await findEverywhere("Aisha Begum")).toEqual([]);
    expect(await count("users")).toBe(before.users);
    expect(await count("memberships")).toBe(before.memberships);
    expect(await count("outbox")).toBe(before.outbox);
    expect(await count("audit_log")).toBeGreaterThan(before.audit);
    // Their sessions are gone, and the account is closed.
    expect((await learner.get("/account")).headers.get("location")).toMatch(/^\/sign-in/);
    expect(
      (await new Client(server.url).post("/sign-in", { email: LEARNER, password: PASSWORD }))
        .status,
    ).toBe(400);
    const erasedUser = await d
      .selectFrom("users")
      .selectAll()
      .where("name", "=", "Erased person")
      .executeTakeFirstOrThrow();
    expect(erasedUser.password_hash).toBeNull();
    expect(erasedUser.disabled_at).toBeTruthy();
    const audits = await d
      .selectFrom("audit_log")
      .select(["ip"])
      .where("actor_user_id", "=", erasedUser.id)
      .execute();
    expect(audits.every((a) => a.ip === null)).toBe(true);
  });

  it("will not erase the lead doing it, nor the only programme lead", async () => {
    const self = await lead.post("/admin/privacy/erase", {
      intent: "erase",
      email: "lead@example.org",
      confirm: "yes",
    });
    expect(self.status).toBe(403);
    const { eraseSubject } = await import("~/privacy/privacy.server");
    const author = await (
      await db()
    )
      .selectFrom("users")
      .select("id")
      .where("email", "=", "author@example.org")
      .executeTakeFirstOrThrow();
    expect(
      await eraseSubject(await db(), {
        email: "lead@example.org",
        actorUserId: author.id,
        ip: "127.0.0.1",
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/only active programme lead/) });
  });
});

describe("retention", () => {
  it("saves the number of months a lead sets, and refuses nonsense", async () => {
    for (const months of ["0", "121", "abc", "-3", "1e3", "6.5"]) {
      expect(
        (await lead.post("/admin/privacy", { intent: "set-retention", months })).status,
        months,
      ).toBe(400);
    }
    const ok = await lead.post("/admin/privacy", { intent: "set-retention", months: "6" });
    expect(ok.status).toBe(302);
    const page = textOf(await (await lead.get("/admin/privacy?saved=1")).text());
    expect(page).toContain("It is now 6 months");
  });

  it("npm run retention removes what is past the period and keeps what is not", async () => {
    const d = await db();
    const { newId } = await import("~/utils/ids.server");
    const monthsAgo = (m: number) => new Date(Date.now() - m * 31 * 24 * 3600 * 1000).toISOString();
    const org = await d.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    const oldMail = newId();
    const newMail = newId();
    for (const [id, at] of [
      [oldMail, monthsAgo(7)],
      [newMail, monthsAgo(5)],
    ]) {
      await d
        .insertInto("outbox")
        .values({
          id,
          to_address: "someone@example.org",
          subject: "Old",
          text_body: "x",
          html_body: null,
          attachments: null,
          status: "sent",
          attempts: 1,
          next_attempt_at: at,
          last_error: null,
          created_at: at,
          sent_at: at,
        })
        .execute();
    }
    const oldInvite = newId();
    await d
      .insertInto("invitations")
      .values({
        id: oldInvite,
        email: "never.came@example.org",
        organisation_id: org.id,
        role: "learner",
        token_hash: newId(),
        invited_by: null,
        expires_at: monthsAgo(7),
        accepted_at: null,
        revoked_at: null,
        created_at: monthsAgo(8),
      })
      .execute();
    const oldAudit = newId();
    await d
      .insertInto("audit_log")
      .values({
        id: oldAudit,
        at: monthsAgo(7),
        actor_user_id: null,
        action: "auth.sign_in_failed",
        subject_type: null,
        subject_id: null,
        detail: JSON.stringify({ email: "typo@example.org" }),
        ip: "203.0.113.9",
      })
      .execute();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_PATH: server.dbPath,
      DATA_DIR: server.dir,
      LOG_LEVEL: "silent",
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/retention.ts"],
      { env },
    );
    expect(stdout).toContain("Retention: 6 months");

    expect(
      await d.selectFrom("outbox").select("id").where("id", "=", oldMail).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await d.selectFrom("outbox").select("id").where("id", "=", newMail).executeTakeFirst(),
    ).toBeTruthy();
    expect(
      await d.selectFrom("invitations").select("id").where("id", "=", oldInvite).executeTakeFirst(),
    ).toBeUndefined();
    const audit = await d
      .selectFrom("audit_log")
      .selectAll()
      .where("id", "=", oldAudit)
      .executeTakeFirstOrThrow();
    expect(audit.ip).toBeNull();
    expect(audit.detail).toBeNull();
    expect(audit.action).toBe("auth.sign_in_failed");
    const run = await d
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "privacy.retention_run")
      .orderBy("at", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(run.detail!).months).toBe(6);
  });

  it("runs daily as a server job", async () => {
    const { JOBS } = await import("~/server/jobs.server");
    const job = JOBS.find((j) => j.name === "retention");
    expect(job?.everyMs).toBe(24 * 60 * 60 * 1000);
  });
});
