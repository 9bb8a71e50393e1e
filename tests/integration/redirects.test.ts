import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Finding 4 of issue 11: an open redirect after sign-in (and after the second step).
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), { kind: "vcse", name: "Redirect Harbour" });
  await insertUser(getDb(), {
    email: "redirect-learner@example.org",
    name: "Rae Direct",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "learner" }],
  });
});
afterAll(async () => {
  await server?.close();
});

/** Where a browser lands: the Location resolved as a browser would, after dropping tabs and newlines. */
function landing(location: string) {
  return new URL(location.replace(/[\t\n\r]/g, ""), server.url);
}

describe("redirect after sign-in", () => {
  it("never sends the browser to another site, whatever redirectTo holds", async () => {
    for (const redirectTo of [
      "/\t/evil.example/phish",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
    ]) {
      const c = new Client(server.url);
      const res = await c.post("/sign-in", {
        email: "redirect-learner@example.org",
        password: PASSWORD,
        redirectTo,
      });
      expect(res.status).toBe(302);
      const to = landing(res.headers.get("location") ?? "");
      expect(to.origin, JSON.stringify(redirectTo)).toBe(server.url);
      // Signed in now: the sign-in page's loader redirects too.
      const again = await c.get(`/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`);
      expect(landing(again.headers.get("location") ?? "").origin).toBe(server.url);
    }
  });

  it("still follows a path of Lantern's own", async () => {
    const c = new Client(server.url);
    const res = await c.post("/sign-in", {
      email: "redirect-learner@example.org",
      password: PASSWORD,
      redirectTo: "/learning?tab=mine",
    });
    expect(res.headers.get("location")).toBe("/learning?tab=mine");
  });
});
