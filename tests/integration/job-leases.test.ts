import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { startSmtpServer } from "../support/smtp";

// Leases (decision 114) on the real database — SQLite here, PostgreSQL in integration-pg: a message
// another server has claimed is left to it while its lease holds and sent once it has run out (that
// server died); a periodic job's turn held by another server is skipped until it expires.
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
  await smtp?.close();
});

describe("outbox leases", () => {
  it("leaves a message claimed by another server alone while the claim holds, and sends it once after", async () => {
    const { getDb } = await import("~/db/db.server");
    const { enqueueEmail, deliverDue, OUTBOX_LEASE_MS } = await import("~/email/outbox.server");
    const { clock } = await import("~/utils/clock.server");
    const db = getDb();
    const id = await enqueueEmail(db, {
      to: "claimed@example.org",
      subject: "Claimed elsewhere",
      text: "Hello",
    });
    // Another server claimed it a moment ago, then died.
    await db
      .updateTable("outbox")
      .set({
        lease_owner: "dead-server:1:abcd",
        lease_until: new Date(Date.now() + OUTBOX_LEASE_MS).toISOString(),
      })
      .where("id", "=", id)
      .execute();
    const free = await enqueueEmail(db, {
      to: "free@example.org",
      subject: "Not claimed",
      text: "Hello",
    });

    expect(await deliverDue(db)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(["free@example.org"]);
    expect(
      await db
        .selectFrom("outbox")
        .select(["status", "lease_owner"])
        .where("id", "=", free)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "sent", lease_owner: null });
    expect(
      (
        await db
          .selectFrom("outbox")
          .select("status")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("pending");

    clock.advance(OUTBOX_LEASE_MS + 1000);
    expect(await deliverDue(db)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDue(db)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(["free@example.org", "claimed@example.org"]);
    expect(
      await db
        .selectFrom("outbox")
        .select(["status", "lease_owner", "lease_until"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "sent", lease_owner: null, lease_until: null });
    clock.reset();
  });
});

describe("job leases", () => {
  it("gives a key to one owner until it expires or is released", async () => {
    const { getDb } = await import("~/db/db.server");
    const { claimLease, releaseLease, withLease } = await import("~/server/leases.server");
    const { clock } = await import("~/utils/clock.server");
    const db = getDb();
    // Another server holds this job's turn for a minute.
    await db
      .insertInto("job_leases")
      .values({
        key: "job:test",
        owner: "other-server:2:beef",
        until: new Date(Date.now() + 60_000).toISOString(),
      })
      .execute();
    let ran = 0;
    expect(await withLease(db, "job:test", 60_000, async () => ran++)).toEqual({ ran: false });
    expect(ran).toBe(0);
    clock.advance(61_000);
    expect(await withLease(db, "job:test", 60_000, async () => ++ran, { keep: true })).toEqual({
      ran: true,
      value: 1,
    });
    // Kept: ours until it runs out; the other server cannot take it back meanwhile.
    expect(await claimLease(db, "job:test", 60_000)).toBe(true);
    const row = await db
      .selectFrom("job_leases")
      .select("owner")
      .where("key", "=", "job:test")
      .executeTakeFirstOrThrow();
    expect(row.owner).not.toBe("other-server:2:beef");
    await releaseLease(db, "job:test");
    expect(
      await db
        .selectFrom("job_leases")
        .select("key")
        .where("key", "=", "job:test")
        .executeTakeFirst(),
    ).toBeUndefined();
    clock.reset();
  });
});
