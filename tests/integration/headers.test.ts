import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Without secure cookies (plain-HTTP demo, or behind no TLS) Lantern must not send HSTS: a browser
// would then refuse the site over HTTP for a year. The other headers stay.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ COOKIE_SECURE: "false" });
});
afterAll(async () => {
  await server?.close();
});

describe("headers without HTTPS", () => {
  it("sends no HSTS and no upgrade-insecure-requests, but keeps the CSP, nosniff, referrer policy and frame-ancestors", async () => {
    const res = await fetch(`${server.url}/sign-in`);
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).not.toContain("upgrade-insecure-requests");
    const script = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(script).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    // The session cookie has no __Host- prefix without Secure (browsers would drop it).
  });

  it("refuses a form body declared over the 64 KB form limit with 413 before reading it", async () => {
    const big = "email=" + "a".repeat(1024 * 1024 + 10);
    const res = await fetch(`${server.url}/forgot-password`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: big,
    });
    expect(res.status).toBe(413);
    const ok = await fetch(`${server.url}/forgot-password`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: "email=" + "a".repeat(60_000),
    });
    expect(ok.status).toBe(400);
  });

  it("sends one Cache-Control per response and an X-Frame-Options that agrees with frame-ancestors 'none' (issue 11, hardening)", async () => {
    const res = await fetch(`${server.url}/sign-in`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    // A route with its own caching says it once, not after "no-store".
    const ics = await fetch(`${server.url}/calendar/abcdefghijklmnopqrstuvwxyz234567/lantern.ics`);
    expect(ics.headers.get("cache-control") ?? "").not.toContain(",no-store");
    expect(
      (ics.headers.get("cache-control") ?? "").split(",").filter((p) => p.trim() === "no-store")
        .length,
    ).toBeLessThanOrEqual(1);
  });

  it("makes the session cookie a browser-session cookie: no Expires or Max-Age, so closing the browser ends it", async () => {
    const { getDb } = await import("~/db/db.server");
    const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
    const org = await insertOrganisation(getDb(), { kind: "vcse", name: "Cookie Harbour" });
    await insertUser(getDb(), {
      email: "cookie-learner@example.org",
      name: "Cookie Learner",
      password: PASSWORD,
      memberships: [{ organisationId: org, role: "learner" }],
    });
    const res = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "cookie-learner@example.org", password: PASSWORD }),
    });
    expect(res.status).toBe(302);
    const session = res.headers.getSetCookie().find((c) => /lantern_session=/.test(c))!;
    expect(session).toBeTruthy();
    expect(session).not.toMatch(/expires=|max-age=/i);
  });

  it("answers unknown pages with 404 and no stack trace", async () => {
    const res = await fetch(`${server.url}/no-such-page`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toMatch(/at .+\.(js|ts):\d+/);
  });
});
