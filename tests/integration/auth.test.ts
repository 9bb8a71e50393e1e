import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { decodeQuotedPrintable, startSmtpServer } from "../support/smtp";
import { PASSWORD } from "../support/password";

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let orgId: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  orgId = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const vcse = await insertOrganisation(db, { kind: "vcse", name: "Norwich Youth Harbour" });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: orgId, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: "other@example.org",
    name: "Other Person",
    password: PASSWORD,
    memberships: [{ organisationId: vcse, role: "learner" }],
  });
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

async function deliverOutbox() {
  const { getDb } = await import("~/db/db.server");
  const { deliverDue } = await import("~/email/outbox.server");
  return deliverDue(getDb());
}

describe("sign-in", () => {
  it("signs in with the right password, sets a fresh HttpOnly SameSite=Lax cookie, and shows the role's home page", async () => {
    const c = new Client(server.url);
    const res = await c.post("/sign-in", { email: "LEAD@example.org ", password: PASSWORD });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/lantern_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const home = await c.get("/");
    expect(home.status).toBe(200);
    const text = textOf(await home.text());
    expect(text).toContain("Welcome, Priya Shah");
    expect(text).toContain("Organisations");
  });

  it("refuses a wrong password with a message at the field and stores only a hash of the session token", async () => {
    const c = new Client(server.url);
    const res = await c.post("/sign-in", {
      email: "lead@example.org",
      password: "wrong wrong wrong wrong",
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Enter a correct email address and password");

    await c.signIn("lead@example.org", PASSWORD);
    const token = decodeURIComponent([...c.cookies.values()][0]);
    const { getDb } = await import("~/db/db.server");
    const rows = await getDb().selectFrom("sessions").select("id").execute();
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f]{64}$/);
      expect(token).not.toContain(r.id);
    }
  });

  it("throttles repeated wrong passwords for one account with 429 and Retry-After, while another account still signs in", async () => {
    const c = new Client(server.url);
    const { getDb } = await import("~/db/db.server");
    const { insertUser } = await import("~/seed/foundation.server");
    await insertUser(getDb(), {
      email: "target@example.org",
      name: "Target",
      password: PASSWORD,
      memberships: [{ organisationId: orgId, role: "trainer" }],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await c.post("/sign-in", {
        email: "target@example.org",
        password: `not the password ${i}`,
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(textOf(await res.text())).toContain("Too many failed attempts to sign in");
      }
    }
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    // Even the right password is refused while the account is locked…
    expect(
      (await c.post("/sign-in", { email: "target@example.org", password: PASSWORD })).status,
    ).toBe(429);
    // …but another account signs in from the same address.
    const other = await new Client(server.url).post("/sign-in", {
      email: "other@example.org",
      password: PASSWORD,
    });
    expect(other.status).toBe(302);
  });

  it("sign-out deletes the session on the server: the old cookie no longer works", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const saved = new Map(c.cookies);
    const out = await c.post("/sign-out", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("clear-site-data")).toContain("cookies");
    const replay = new Client(server.url);
    replay.cookies = saved;
    const res = await replay.get("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
  });
});

describe("security baseline", () => {
  it("refuses a POST with a foreign Origin with 403, and one with no Origin at all", async () => {
    const foreign = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: `email=lead@example.org&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(foreign.status).toBe(403);
    const none = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=lead@example.org&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(none.status).toBe(403);
  });

  it("sends a nonce CSP without unsafe-inline scripts, nosniff, a referrer policy and frame-ancestors 'none'", async () => {
    const res = await fetch(`${server.url}/sign-in`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const script = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(script).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(script)![1];
    // Every inline script Remix writes carries the nonce.
    const scripts = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  });

  it("answers /healthz with the database's state", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});

describe("invitations and password reset over SMTP", () => {
  it("delivers an invitation over SMTP whose link completes sign-up", async () => {
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    const { getDb } = await import("~/db/db.server");
    const { createInvitation } = await import("~/auth/accounts.server");
    const leadRow = await getDb()
      .selectFrom("users")
      .select("id")
      .where("email", "=", "lead@example.org")
      .executeTakeFirstOrThrow();
    await createInvitation(getDb(), {
      email: "newtrainer@example.org",
      organisationId: orgId,
      role: "trainer",
      invitedBy: leadRow.id,
      baseUrl: server.url,
    });
    const before = smtp.received.length;
    const round = await deliverOutbox();
    expect(round.sent).toBeGreaterThanOrEqual(1);
    const mail = smtp.received.slice(before).find((m) => m.to.includes("newtrainer@example.org"));
    expect(mail).toBeTruthy();
    const link = /https?:\/\/[^\s"<>]+\/invitations\/[a-z2-7]{32}/.exec(
      decodeQuotedPrintable(mail!.raw),
    )?.[0];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;

    const invitee = new Client(server.url);
    const page = await invitee.get(path);
    expect(textOf(await page.text())).toContain("Join Lantern");
    const weak = await invitee.post(path, { name: "New Trainer", password: "short" });
    expect(weak.status).toBe(400);
    expect(textOf(await weak.text())).toContain("at least 15 characters");
    const done = await invitee.post(path, {
      name: "New Trainer",
      password: "kestrel lantern marsh pebble",
    });
    expect(done.status).toBe(302);
    const home = await invitee.get("/");
    expect(textOf(await home.text())).toContain("Welcome, New Trainer");
    // The link works once.
    const again = await new Client(server.url).get(path);
    expect(textOf(await again.text())).toContain("expired or has already been used");
  });

  it("gives the same answer for unknown addresses, and a reset link works once, then is refused", async () => {
    const c = new Client(server.url);
    const unknown = await c.post("/forgot-password", { email: "nobody@example.org" });
    const known = await c.post("/forgot-password", { email: "other@example.org" });
    expect(unknown.status).toBe(known.status);
    expect(textOf(await unknown.text()).replace("nobody@example.org", "X")).toBe(
      textOf(await known.text()).replace("other@example.org", "X"),
    );

    const before = smtp.received.length;
    await deliverOutbox();
    const mail = smtp.received.slice(before).find((m) => m.to.includes("other@example.org"));
    expect(smtp.received.slice(before).some((m) => m.to.includes("nobody@example.org"))).toBe(
      false,
    );
    const path = new URL(
      /https?:\/\/[^\s"<>]+\/reset-password\/[a-z2-7]{32}/.exec(
        decodeQuotedPrintable(mail!.raw),
      )![0],
    ).pathname;

    const first = await c.post(path, { password: "heron quay willow tram" });
    expect(first.status).toBe(302);
    const second = await c.post(path, { password: "another fresh passphrase here" });
    expect(second.status).toBe(410);
    expect(textOf(await second.text())).toContain("expired or has already been used");
    await new Client(server.url).signIn("other@example.org", "heron quay willow tram");
  });

  it("keeps a message in the outbox and retries later when the mail server is down", async () => {
    const { getDb } = await import("~/db/db.server");
    const { enqueueEmail, deliverDue } = await import("~/email/outbox.server");
    const { resetEnvForTests } = await import("~/utils/env.server");
    const id = await enqueueEmail(getDb(), {
      to: "retry@example.org",
      subject: "Retry me",
      text: "Hello",
    });
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetEnvForTests();
    try {
      const round = await deliverDue(getDb());
      expect(round.failed).toBeGreaterThanOrEqual(1);
    } finally {
      process.env.SMTP_URL = smtp.url;
      resetEnvForTests();
    }
    const row = await getDb()
      .selectFrom("outbox")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(Date.now());
  });
});
