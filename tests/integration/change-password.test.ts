import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";

// Issue 11, hardening: a password can be changed while signed in. The current password is
// required (a session left open on a shared computer cannot change it), the new one is checked as
// at a reset, every other session ends and this one carries on, and the change is audited.
let server: TestServer;
let userId: string;
const OLD = "correct horse battery staple";
const NEW = "plum kettle orbit lantern meadow";
const EMAIL = "changer@example.org";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), {
    kind: "delivery_partner",
    name: "Change Partner",
  });
  userId = await insertUser(getDb(), {
    email: EMAIL,
    name: "Cam Hanger",
    password: OLD,
    memberships: [{ organisationId: org, role: "trainer" }],
  });
});
afterAll(async () => {
  await server?.close();
});

describe("changing a password while signed in", () => {
  it("needs the current password, checks the new one as a reset does, ends every other session and keeps this one", async () => {
    const { getDb } = await import("~/db/db.server");
    const here = new Client(server.url);
    await here.signIn(EMAIL, OLD);
    const elsewhere = new Client(server.url);
    await elsewhere.signIn(EMAIL, OLD);

    const page = await here.get("/account/password");
    expect(page.status).toBe(200);
    expect(textOf(await page.text())).toContain("Change your password");
    expect(textOf(await (await here.get("/account")).text())).toContain("Change your password");

    const wrong = await here.post("/account/password", {
      current: "not my password at all",
      password: NEW,
    });
    expect(wrong.status).toBe(400);
    expect(textOf(await wrong.text())).toContain("Your current password is not right");

    const weak = await here.post("/account/password", { current: OLD, password: "short" });
    expect(weak.status).toBe(400);
    expect(textOf(await weak.text())).toContain("Password must be at least 15 characters");
    const common = await here.post("/account/password", {
      current: OLD,
      password: "changer@example.org",
    });
    expect(common.status).toBe(400);
    expect(textOf(await common.text())).toContain("too easy to guess");

    // Nothing changed so far: the other browser is still signed in.
    expect((await elsewhere.get("/account")).status).toBe(200);

    const done = await here.post("/account/password", { current: OLD, password: NEW });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/account?passwordChanged=1");
    const after = await here.get("/account?passwordChanged=1");
    expect(after.status).toBe(200);
    expect(textOf(await after.text())).toContain("Your password has been changed");
    // Every other session has ended.
    const out = await elsewhere.get("/account");
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toMatch(/^\/sign-in/);
    const sessions = await getDb()
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", userId)
      .execute();
    expect(sessions).toHaveLength(1);

    // The new password signs in; the old one does not.
    expect(
      (await new Client(server.url).post("/sign-in", { email: EMAIL, password: OLD })).status,
    ).not.toBe(302);
    await new Client(server.url).signIn(EMAIL, NEW);

    const audited = await getDb()
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("action", "=", "auth.password_changed")
      .execute();
    expect(audited).toEqual([{ action: "auth.password_changed", actor_user_id: userId }]);
  });

  it("ends reset links asked for before the change", async () => {
    const { getDb } = await import("~/db/db.server");
    await new Client(server.url).post("/forgot-password", { email: EMAIL });
    const pending = await getDb()
      .selectFrom("password_resets")
      .select("id")
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
    expect(pending.length).toBeGreaterThan(0);
    const c = new Client(server.url);
    await c.signIn(EMAIL, NEW);
    expect((await c.post("/account/password", { current: NEW, password: OLD })).status).toBe(302);
    const left = await getDb()
      .selectFrom("password_resets")
      .select("id")
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
    expect(left).toEqual([]);
  });

  it("makes someone guessing the current password wait", async () => {
    const c = new Client(server.url);
    await c.signIn(EMAIL, OLD);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await c.post("/account/password", {
        current: `guess number ${i} is wrong`,
        password: NEW,
      });
      statuses.push(res.status);
      retryAfter = res.headers.get("retry-after");
    }
    // Five wrong passwords are free (one was spent in the first test), then each waits.
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("is refused without signing in", async () => {
    const res = await new Client(server.url).post("/account/password", {
      current: OLD,
      password: NEW,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
  });
});
