import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Two-step sign-in through the real server, with the requirement switched on as under `npm start`.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ REQUIRE_TWO_FACTOR: "true" });
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  const org = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const vcse = await insertOrganisation(db, { kind: "vcse", name: "Norwich Youth Harbour" });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: "cleared@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "trainer", safeguardingCleared: true }],
  });
  await insertUser(db, {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: vcse, role: "learner" }],
  });
});

afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
});

async function step(offset = 0) {
  const { now } = await import("~/utils/clock.server");
  return Math.floor(now().getTime() / 30_000) + offset;
}
const code = (key: Uint8Array, s: number) => generateHOTP(key, BigInt(s), 6);

/** Signs in with the password, follows the guard to set-up, scans the key and turns 2FA on. */
async function enrol(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  const home = await c.get("/");
  expect(home.status).toBe(302);
  expect(home.headers.get("location")).toBe("/two-factor/set-up?redirectTo=%2F");
  const page = await c.get("/two-factor/set-up?redirectTo=%2F");
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("<svg");
  const keyText = /id="totp-key">([A-Z2-7 ]+)</.exec(html)![1];
  const key = decodeBase32IgnorePadding(keyText.replace(/ /g, ""));
  const before = new Map(c.cookies);
  const wrong = await c.post("/two-factor/set-up?redirectTo=%2F", {
    code: code(key, (await step()) + 5),
    redirectTo: "/",
  });
  expect(wrong.status).toBe(400);
  const s = await step();
  const ok = await c.post("/two-factor/set-up?redirectTo=%2F", {
    code: code(key, s),
    redirectTo: "/",
  });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe("/two-factor/recovery-codes?redirectTo=%2F");
  expect(textOf(await (await c.get("/two-factor/recovery-codes?redirectTo=%2F")).text())).toContain(
    "Two-step sign-in is on",
  );
  const made = await c.post("/two-factor/recovery-codes?redirectTo=%2F", {});
  expect(made.status).toBe(200);
  const text = textOf(await made.text());
  // Shown once: a second request cannot make or show them again.
  expect((await c.post("/two-factor/recovery-codes", {})).status).toBe(409);
  const recovery = [...text.matchAll(/\b([a-z2-9]{5}-[a-z2-9]{5})\b/g)].map((m) => m[1]);
  expect(new Set(recovery).size).toBe(10);
  // A new session token once the second factor is proven; the password-only one is dead.
  expect([...c.cookies.values()][0]).not.toBe([...before.values()][0]);
  const stale = new Client(server.url);
  stale.cookies = before;
  expect((await stale.get("/account")).headers.get("location")).toMatch(/^\/sign-in/);
  expect((await c.get("/")).status).toBe(200);
  return { key, recovery, usedStep: s };
}

describe("two-step sign-in", () => {
  let lead: Awaited<ReturnType<typeof enrol>>;

  it("sends a programme lead to set-up after the password, shows a QR code and key, confirms with a code and shows 10 recovery codes once", async () => {
    lead = await enrol("lead@example.org");
    const { getDb } = await import("~/db/db.server");
    const row = await getDb()
      .selectFrom("users")
      .select(["totp_key", "totp_enabled_at"])
      .where("email", "=", "lead@example.org")
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).toBeTruthy();
    // Stored encrypted: neither the base32 key nor its bytes appear in the row.
    expect(row.totp_key).toMatch(/^v1:/);
    const { encodeBase32UpperCaseNoPadding } = await import("@oslojs/encoding");
    expect(row.totp_key).not.toContain(encodeBase32UpperCaseNoPadding(lead.key));
    const codes = await getDb().selectFrom("recovery_codes").select("code_hash").execute();
    for (const r of codes)
      for (const plain of lead.recovery) expect(r.code_hash).not.toContain(plain.replace("-", ""));
    // The key is never shown again once confirmed.
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const again = await c.get("/two-factor/set-up");
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toMatch(/^\/two-factor\?/);
  });

  it("keeps a password-only session out of every signed-in route in the inventory until the code is entered", async () => {
    const { ROUTE_ACCESS } = await import("~/auth/route-access");
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    for (const row of ROUTE_ACCESS) {
      if (
        row.get.includes("anonymous") ||
        row.path.startsWith("/two-factor") ||
        row.path === "/sign-out" ||
        !row.get.length
      )
        continue;
      const url = row.path.replace(/:[A-Za-z]+/g, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
      const res = await c.get(url);
      expect(res.status, url).toBe(302);
      expect(res.headers.get("location"), url).toMatch(/^\/two-factor\?redirectTo=/);
      const post = await c.post(url, {});
      expect(post.status, `POST ${url}`).toBeGreaterThanOrEqual(300);
      expect(post.status, `POST ${url}`).toBeLessThan(500);
      if (post.status < 400)
        expect(post.headers.get("location"), `POST ${url}`).toMatch(/^\/two-factor/);
    }
  });

  it("refuses a code already used, accepts the next step, and refuses codes outside ±1 step", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    expect((await c.get("/account")).headers.get("location")).toBe(
      "/two-factor?redirectTo=%2Faccount",
    );
    // The code used at set-up is spent.
    expect((await c.post("/two-factor", { code: code(lead.key, lead.usedStep) })).status).toBe(400);
    const s = await step();
    expect((await c.post("/two-factor", { code: code(lead.key, s + 2) })).status).toBe(400);
    expect((await c.post("/two-factor", { code: code(lead.key, s - 2) })).status).toBe(400);
    const ok = await c.post("/two-factor", { code: code(lead.key, s + 1), redirectTo: "/account" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/account");
    expect((await c.get("/account")).status).toBe(200);
    // Another browser cannot replay that code, nor the one before it.
    const d = new Client(server.url);
    await d.signIn("lead@example.org", PASSWORD);
    expect((await d.post("/two-factor", { code: code(lead.key, s + 1) })).status).toBe(400);
    expect((await d.post("/two-factor", { code: code(lead.key, s) })).status).toBe(400);
    const { getDb } = await import("~/db/db.server");
    await getDb().deleteFrom("auth_throttle").execute();
  });

  it("accepts one code sent twice at the same moment only once", async () => {
    const { getDb } = await import("~/db/db.server");
    await getDb().deleteFrom("auth_throttle").execute();
    const a = new Client(server.url);
    const b = new Client(server.url);
    await a.signIn("lead@example.org", PASSWORD);
    await b.signIn("lead@example.org", PASSWORD);
    // Move a minute on, so the current step is later than any code used so far.
    const { clock } = await import("~/utils/clock.server");
    clock.advance(60_000);
    const c = code(lead.key, await step());
    const answers = await Promise.all([
      a.post("/two-factor", { code: c }),
      b.post("/two-factor", { code: c }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([302, 400]);
    await getDb().deleteFrom("auth_throttle").execute();
  });

  it("accepts a recovery code once, then refuses it", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const used = lead.recovery[3];
    const ok = await c.post("/two-factor", { code: used.toUpperCase().replace("-", " ") });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/account?recoveryCodeUsed=9");
    expect(textOf(await (await c.get("/account?recoveryCodeUsed=9")).text())).toContain(
      "You signed in with a recovery code. You have 9 left.",
    );
    const d = new Client(server.url);
    await d.signIn("lead@example.org", PASSWORD);
    expect((await d.post("/two-factor", { code: used })).status).toBe(400);
    const { getDb } = await import("~/db/db.server");
    await getDb().deleteFrom("auth_throttle").execute();
  });

  it("locks code guessing after 5 wrong codes with 429 and Retry-After, even for the right code", async () => {
    const trainer = await enrol("cleared@example.org");
    const c = new Client(server.url);
    await c.signIn("cleared@example.org", PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await c.post("/two-factor", { code: String(100000 + i) })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const right = await c.post("/two-factor", { code: code(trainer.key, (await step()) + 1) });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    const { clock } = await import("~/utils/clock.server");
    clock.advance(16 * 60 * 1000);
    // Re-sign in: 16 minutes idle is fine for the session, and the lock has passed.
    const ok = await c.post("/two-factor", { code: code(trainer.key, await step()) });
    expect(ok.status).toBe(302);
  });

  it("does not let a password reset skip the second step", async () => {
    const c = new Client(server.url);
    expect((await c.post("/forgot-password", { email: "lead@example.org" })).status).toBe(200);
    const { getDb } = await import("~/db/db.server");
    const mail = await getDb()
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", "lead@example.org")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const path = /\/reset-password\/[a-z2-7]{32}/.exec(mail.text_body)![0];
    const reset = await c.post(path, { password: "heron quay willow tram" });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toMatch(/^\/sign-in/);
    expect(c.cookies.size).toBe(0);
    await c.signIn("lead@example.org", "heron quay willow tram");
    const res = await c.get("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/two-factor\?/);
    const row = await getDb()
      .selectFrom("users")
      .select("totp_enabled_at")
      .where("email", "=", "lead@example.org")
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).toBeTruthy();
  });

  it("offers two-step sign-in to a learner without requiring it, and lets them turn it off with a code", async () => {
    const c = new Client(server.url);
    await c.signIn("learner@example.org", PASSWORD);
    const account = await c.get("/account");
    expect(account.status).toBe(200);
    expect(textOf(await account.text())).toContain("Set up two-step sign-in");
    const html = await (await c.get("/two-factor/set-up")).text();
    const key = decodeBase32IgnorePadding(
      /id="totp-key">([A-Z2-7 ]+)</.exec(html)![1].replace(/ /g, ""),
    );
    expect((await c.post("/two-factor/set-up", { code: code(key, await step()) })).status).toBe(
      302,
    );
    // Once on, it is asked for at every sign-in, like anyone else's.
    const d = new Client(server.url);
    await d.signIn("learner@example.org", PASSWORD);
    expect((await d.get("/account")).headers.get("location")).toMatch(/^\/two-factor\?/);
    // Turning it off needs a fresh code; extra fields are refused.
    expect(
      (
        await c.post("/account", {
          intent: "turn-off-two-factor",
          code: code(key, await step()),
          role: "programme_lead",
        })
      ).status,
    ).toBe(400);
    expect(
      (await c.post("/account", { intent: "turn-off-two-factor", code: "000000" })).status,
    ).toBe(400);
    const off = await c.post("/account", {
      intent: "turn-off-two-factor",
      code: code(key, (await step()) + 1),
    });
    expect(off.status).toBe(302);
    const e = new Client(server.url);
    await e.signIn("learner@example.org", PASSWORD);
    expect((await e.get("/account")).status).toBe(200);
  });

  it("will not let a programme lead turn it off", async () => {
    const { getDb } = await import("~/db/db.server");
    await getDb().deleteFrom("auth_throttle").execute();
    const c = new Client(server.url);
    await c.signIn("lead@example.org", "heron quay willow tram");
    const ok = await c.post("/two-factor", { code: lead.recovery[0] });
    expect(ok.status).toBe(302);
    const res = await c.post("/account", { intent: "turn-off-two-factor", code: lead.recovery[1] });
    expect(res.status).toBe(403);
  });
});

describe("the requirement's switch", () => {
  it("is always on without DEMO_MODE, whatever REQUIRE_TWO_FACTOR says; a demo may switch it off", async () => {
    const { resetEnvForTests } = await import("~/utils/env.server");
    const { twoFactorEnforced } = await import("~/auth/two-factor-policy.server");
    const saved = {
      DEMO_MODE: process.env.DEMO_MODE,
      REQUIRE_TWO_FACTOR: process.env.REQUIRE_TWO_FACTOR,
    };
    try {
      Object.assign(process.env, { DEMO_MODE: "false", REQUIRE_TWO_FACTOR: "false" });
      resetEnvForTests();
      expect(twoFactorEnforced()).toBe(true);
      Object.assign(process.env, { DEMO_MODE: "true", REQUIRE_TWO_FACTOR: "false" });
      resetEnvForTests();
      expect(twoFactorEnforced()).toBe(false);
    } finally {
      Object.assign(process.env, saved);
      resetEnvForTests();
    }
  });
});
