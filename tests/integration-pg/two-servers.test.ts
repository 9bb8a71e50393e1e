import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres";
import { startServerProcess, type ServerProcess } from "../support/process-server";
import { Client } from "../support/server";
import { startSmtpServer } from "../support/smtp";

// Two server processes — what `npm start` runs — on one PostgreSQL database (issue 14): started at
// the same moment (so both try to migrate), then 50 bookings for a session's last place spread
// across both, with both outbox workers sending to one real SMTP server.
let cluster: PostgresCluster;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let servers: ServerProcess[] = [];
let sessionId: string;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  smtp = await startSmtpServer();
  const databaseUrl = await cluster.createDatabase();
  const settings = {
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtp.url,
    OUTBOX_INTERVAL_MS: "100",
    TRUST_PROXY: "1",
    DATABASE_POOL_SIZE: "8",
  };
  servers = await Promise.all([startServerProcess(settings), startServerProcess(settings)]);
  // This process reaches the same database directly, to build the world and count.
  process.env.DATABASE_URL = databaseUrl;
  const { resetEnvForTests } = await import("~/utils/env.server");
  resetEnvForTests();
  const { getDb } = await import("~/db/db.server");
  const f = await import("~/sessions/open-fixtures.server");
  const db = getDb();
  const programmeId = await f.insertProgramme(db, { name: "Two Servers Programme" });
  const offeringId = await f.insertOffering(db, {
    programmeId,
    title: "Parents' evening",
    audience: "parents",
    openToPublic: true,
  });
  sessionId = await f.insertSession(db, {
    programmeId,
    offeringId,
    startsAt: new Date(Date.now() + 9 * 24 * 3600_000),
    capacity: 1,
    isOpen: true,
    venue: "The Forum, Norwich",
  });
}, 180_000);

afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => s.exited));
  const { closeDb } = await import("~/db/db.server");
  await closeDb();
  delete process.env.DATABASE_URL;
  await smtp?.close();
  await cluster?.stop();
});

describe("two servers on one PostgreSQL", () => {
  it("migrated once although both started at the same moment", async () => {
    const { getDb } = await import("~/db/db.server");
    const rows = await getDb()
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute();
    const names = rows.map((r) => (r as { name: string }).name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of servers) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  });

  it("gives the last place to exactly one of 50 people booking at once across both", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        new Client(servers[i % 2].url).post(
          `/sessions/open/${sessionId}`,
          { name: `Person ${i}`, email: `person-${i}@example.net` },
          { "x-forwarded-for": `198.51.100.${i + 1}` },
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(302));
    const { getDb } = await import("~/db/db.server");
    const regs = await getDb()
      .selectFrom("registrations")
      .select(["email", "status"])
      .where("session_id", "=", sessionId)
      .execute();
    expect(regs).toHaveLength(50);
    expect(regs.filter((r) => r.status === "confirmed")).toHaveLength(1);
    expect(regs.filter((r) => r.status === "waiting")).toHaveLength(49);
  });

  it("sends every email exactly once with both outbox workers running", async () => {
    const { getDb } = await import("~/db/db.server");
    const db = getDb();
    const until = Date.now() + 60_000;
    for (;;) {
      const pending = await db
        .selectFrom("outbox")
        .select("id")
        .where("status", "=", "pending")
        .execute();
      if (!pending.length) break;
      if (Date.now() > until) throw new Error(`${pending.length} emails still pending after 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const outbox = await db
      .selectFrom("outbox")
      .select(["to_address", "subject", "status"])
      .execute();
    expect(outbox.length).toBeGreaterThanOrEqual(50);
    expect(outbox.every((m) => m.status === "sent")).toBe(true);
    // Let any duplicate a racing worker might send arrive before counting.
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.received).toHaveLength(outbox.length);
    const subjectOf = (raw: string) => /^Subject: (.*)$/m.exec(raw)?.[1] ?? "";
    const received = smtp.received.map((m) => `${m.to.join(",")}|${subjectOf(m.raw)}`).sort();
    const expected = outbox.map((m) => `${m.to_address}|${m.subject}`).sort();
    expect(new Set(received).size).toBe(received.length);
    expect(received.map((k) => k.split("|")[0])).toEqual(expected.map((k) => k.split("|")[0]));
  });
});
