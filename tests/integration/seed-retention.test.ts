import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

// Issue 12, item 13: straight after seeding, the first retention run "affected 231" bookers — the
// demo held personal details that retention removes at once. The seed now writes what retention
// would leave, so a newcomer's first run changes nothing.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  await seedDemo(getDb());
});

afterAll(async () => {
  await server?.close();
});

describe("the demo data and retention", () => {
  it("holds nothing the first retention run would remove", async () => {
    const { getDb } = await import("~/db/db.server");
    const { runRetention } = await import("~/privacy/retention.server");
    const run = await runRetention(getDb());
    expect(run.results.filter((r) => r.affected > 0)).toEqual([]);
    // Old sessions keep their attendance: the bookings are there, without names or addresses.
    const old = await getDb()
      .selectFrom("registrations")
      .innerJoin("delivery_sessions", "delivery_sessions.id", "registrations.session_id")
      .select(["registrations.email", "registrations.attendance"])
      .where("delivery_sessions.ends_at", "<=", run.cutoff)
      .execute();
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((r) => r.email === null)).toBe(true);
  });
});
