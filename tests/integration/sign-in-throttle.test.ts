import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Findings 5 and 10 of issue 11. Parallel guesses got past the lockout (the lock was read before
// argon2 and the failure written after), and five wrong passwords from anyone locked any account for
// 15 minutes. Now each attempt is reserved before its password is checked, delays grow instead of
// hard locks, and a browser that has signed in to the account before keeps signing in.
let server: TestServer;
let orgId: string;

beforeAll(async () => {
  // X-Forwarded-For gives each simulated client its own address.
  server = await startTestServer({ TRUST_PROXY: "1" });
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation } = await import("~/seed/foundation.server");
  orgId = await insertOrganisation(getDb(), { kind: "vcse", name: "Throttle Harbour" });
});
afterAll(async () => {
  await server?.close();
});

async function person(email: string) {
  const { getDb } = await import("~/db/db.server");
  const { insertUser } = await import("~/seed/foundation.server");
  await insertUser(getDb(), {
    email,
    name: "Tess Throttle",
    password: PASSWORD,
    memberships: [{ organisationId: orgId, role: "learner" }],
  });
}

/** How many passwords were checked for this email and found wrong (each is audited). */
async function checkedAndWrong(email: string) {
  const { getDb } = await import("~/db/db.server");
  const rows = await getDb()
    .selectFrom("audit_log")
    .select("detail")
    .where("action", "=", "auth.sign_in_failed")
    .execute();
  return rows.filter((r) => r.detail?.includes(`"${email}"`)).length;
}

function signIn(email: string, password: string, ip: string, client = new Client(server.url)) {
  return client.post("/sign-in", { email, password }, { "x-forwarded-for": ip });
}

describe("parallel guessing (finding 5)", () => {
  it("40 parallel tries from 40 addresses check at most 5 passwords of one account, and the right one at position 20 does not get in", async () => {
    const email = "parallel-40@example.org";
    await person(email);
    const tries = Array.from({ length: 40 }, (_, i) =>
      signIn(email, i === 19 ? PASSWORD : `wrong guess number ${i}`, `10.40.0.${i + 1}`),
    );
    const statuses = (await Promise.all(tries)).map((r) => r.status);
    expect(await checkedAndWrong(email)).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(5);
    expect(statuses[19]).toBe(429);
  });

  it("100 parallel tries from one address check at most 5 passwords", async () => {
    const email = "parallel-100@example.org";
    await person(email);
    const statuses = (
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          signIn(email, `wrong guess number ${i}`, "10.100.0.1"),
        ),
      )
    ).map((r) => r.status);
    expect(await checkedAndWrong(email)).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
  });
});

describe("no one can lock anyone out (finding 10)", () => {
  it("after someone else's wrong passwords, a browser that has signed in before still signs in with the right password; a new browser waits a short, growing delay", async () => {
    const email = "owner@example.org";
    await person(email);
    const owner = new Client(server.url);
    expect((await signIn(email, PASSWORD, "10.10.0.1", owner)).status).toBe(302);
    await owner.post("/sign-out", {}, { "x-forwarded-for": "10.10.0.1" });

    const retryAfters: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await signIn(email, `attacker guess ${i}`, `10.66.0.${i + 1}`);
      if (res.status === 429) retryAfters.push(Number(res.headers.get("retry-after")));
    }
    expect(retryAfters.length).toBeGreaterThan(0);
    // A delay, not a 15-minute lock.
    expect(retryAfters[0]).toBeLessThanOrEqual(60);

    // The owner's browser is known to the account: the right password still works.
    const back = await signIn(email, PASSWORD, "10.10.0.1", owner);
    expect(back.status).toBe(302);
    // A browser never seen before waits, even with the right password.
    expect((await signIn(email, PASSWORD, "10.10.0.2")).status).toBe(429);
  });

  it("30 wrong passwords from a school's one address do not shut out a colleague there whose browser has signed in before", async () => {
    const colleague = "colleague@example.org";
    await person(colleague);
    const browser = new Client(server.url);
    expect((await signIn(colleague, PASSWORD, "10.30.0.1", browser)).status).toBe(302);
    await browser.post("/sign-out", {}, { "x-forwarded-for": "10.30.0.1" });
    for (let i = 0; i < 35; i++)
      await signIn(`nobody-${i}@example.org`, "some wrong password", "10.30.0.1");
    expect((await signIn(colleague, PASSWORD, "10.30.0.1", browser)).status).toBe(302);
  });
});
