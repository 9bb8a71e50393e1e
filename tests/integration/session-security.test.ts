import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Sessions through the real server as deployed behind HTTPS (COOKIE_SECURE=true, production), with
// the reverse proxy (here: the test, from loopback) saying which requests came over HTTPS.
let server: TestServer;
const COOKIE = "__Host-lantern_session";
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  server = await startTestServer({ COOKIE_SECURE: "true", TRUST_PROXY: "loopback" });
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), { kind: "vcse", name: "Norwich Youth Harbour" });
  for (const email of ["learner@example.org", "idle@example.org", "leaver@example.org"]) {
    await insertUser(getDb(), {
      email,
      name: email.split("@")[0],
      password: PASSWORD,
      memberships: [{ organisationId: org, role: "learner" }],
    });
  }
});

afterEach(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
});

afterAll(async () => {
  await server?.close();
});

// Remix writes cookie values as URL-encoded base64 of JSON.
function token(c: Client) {
  const raw = c.cookies.get(COOKIE);
  return raw
    ? (JSON.parse(Buffer.from(decodeURIComponent(raw), "base64").toString()) as string)
    : undefined;
}
function cookieValue(t: string) {
  return encodeURIComponent(Buffer.from(JSON.stringify(t)).toString("base64"));
}
const PLANTED = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

describe("session cookie", () => {
  it("is __Host-lantern_session, Secure, HttpOnly, SameSite=Lax, Path=/, with no Domain", async () => {
    const c = new Client(server.url);
    const res = await c.signIn("learner@example.org", PASSWORD);
    const line = res.headers.getSetCookie().find((l) => l.startsWith(`${COOKIE}=`));
    expect(line).toBeTruthy();
    const attrs = line!
      .split(";")
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attrs).toContain("secure");
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    expect(attrs.some((a) => a.startsWith("domain"))).toBe(false);
    expect(token(c)).toMatch(/^[a-z2-7]{32}$/);
  });

  it("issues a new token at sign-in: a planted token is never promoted, and the previous session is refused", async () => {
    const c = new Client(server.url);
    c.cookies.set(COOKIE, cookieValue(PLANTED));
    await c.signIn("learner@example.org", PASSWORD);
    const first = token(c)!;
    expect(first).toMatch(/^[a-z2-7]{32}$/);
    expect(first).not.toBe(PLANTED);
    const planted = new Client(server.url);
    planted.cookies.set(COOKIE, cookieValue(PLANTED));
    expect((await planted.get("/account")).status).toBe(302);

    // Signing in again from the same browser: a new token, and the old one stops working.
    await c.signIn("learner@example.org", PASSWORD);
    const second = token(c)!;
    expect(second).not.toBe(first);
    const old = new Client(server.url);
    old.cookies.set(COOKIE, cookieValue(first));
    const res = await old.get("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
    expect((await c.get("/account")).status).toBe(200);
  });

  it("sign-out deletes the session on the server and sends Clear-Site-Data", async () => {
    const c = new Client(server.url);
    await c.signIn("learner@example.org", PASSWORD);
    const t = token(c)!;
    const { getDb } = await import("~/db/db.server");
    const { hashToken } = await import("~/auth/tokens.server");
    expect(
      await getDb()
        .selectFrom("sessions")
        .select("id")
        .where("id", "=", hashToken(t))
        .executeTakeFirst(),
    ).toBeTruthy();
    const out = await c.post("/sign-out", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("clear-site-data")).toBe('"cache", "cookies", "storage"');
    expect(out.headers.getSetCookie().join("\n")).toMatch(new RegExp(`${COOKIE}=;`));
    expect(
      await getDb()
        .selectFrom("sessions")
        .select("id")
        .where("id", "=", hashToken(t))
        .executeTakeFirst(),
    ).toBeUndefined();
    const replay = new Client(server.url);
    replay.cookies.set(COOKIE, cookieValue(t));
    expect((await replay.get("/account")).headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("ends a session idle for 8 hours, but not one idle for just under", async () => {
    const { clock } = await import("~/utils/clock.server");
    const c = new Client(server.url);
    await c.signIn("idle@example.org", PASSWORD);
    clock.advance(8 * HOUR - 60_000);
    expect((await c.get("/account")).status).toBe(200);
    clock.advance(8 * HOUR);
    const res = await c.get("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("ends a session 7 days after sign-in however active it has been", async () => {
    const { clock } = await import("~/utils/clock.server");
    const c = new Client(server.url);
    await c.signIn("idle@example.org", PASSWORD);
    // Active every 7 hours for just under 7 days: never idle, always allowed.
    for (let i = 0; i < 23; i++) {
      clock.advance(7 * HOUR);
      expect((await c.get("/account")).status, `after ${(i + 1) * 7} hours`).toBe(200);
    }
    clock.advance(7 * HOUR); // 168 h = 7 days
    const res = await c.get("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("refuses the sessions of a person who has been disabled, and their sign-in", async () => {
    const c = new Client(server.url);
    await c.signIn("leaver@example.org", PASSWORD);
    expect((await c.get("/account")).status).toBe(200);
    const { getDb } = await import("~/db/db.server");
    await getDb()
      .updateTable("users")
      .set({ disabled_at: new Date().toISOString() })
      .where("email", "=", "leaver@example.org")
      .execute();
    const res = await c.get("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
    expect(
      (
        await new Client(server.url).post("/sign-in", {
          email: "leaver@example.org",
          password: PASSWORD,
        })
      ).status,
    ).toBe(400);
  });

  it("sends signed-in pages with Cache-Control: no-store", async () => {
    const c = new Client(server.url);
    await c.signIn("learner@example.org", PASSWORD);
    for (const path of ["/", "/account", "/sign-out"]) {
      const res = await c.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
    // Single-fetch data requests too.
    const dataRes = await c.get("/account.data");
    expect(dataRes.headers.get("cache-control")).toBe("no-store");
  });
});

describe("headers in production over HTTPS", () => {
  it("sends HSTS, a nonce CSP without unsafe-inline script, upgrade-insecure-requests, nosniff, same-origin referrer and frame-ancestors 'none'", async () => {
    // Through the TLS-terminating proxy, which says so in X-Forwarded-Proto.
    const res = await fetch(`${server.url}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    const csp = res.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v] as const),
    );
    expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
    expect(directives.get("script-src")!.some((v) => v.startsWith("'nonce-"))).toBe(true);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("form-action")).toEqual(["'self'"]);
    expect(directives.has("upgrade-insecure-requests")).toBe(true);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    // Agrees with frame-ancestors 'none' (issue 11): DENY, not SAMEORIGIN.
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    // A fresh nonce for every response.
    const again = await fetch(`${server.url}/sign-in`, {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(again.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("sends no HSTS over plain HTTP, even with secure cookies set (RFC 6797 §7.2; issue 11, hardening)", async () => {
    for (const headers of [{}, { "x-forwarded-proto": "http" }] as Record<string, string>[]) {
      for (const path of ["/sign-in", "/healthz", "/no-such-page"]) {
        const res = await fetch(`${server.url}${path}`, { headers });
        await res.arrayBuffer();
        expect(
          res.headers.get("strict-transport-security"),
          `${path} ${JSON.stringify(headers)}`,
        ).toBeNull();
      }
    }
  });
});
