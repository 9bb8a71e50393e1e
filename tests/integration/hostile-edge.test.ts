import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPRESS_ROUTES, ROUTE_ACCESS } from "~/auth/route-access";
import { assertSurvivesEdgeAttacks, rawRequest } from "../support/hostile";
import { startTestServer, type TestServer } from "../support/server";

// The hostile-input harness at the request edge (issue 11, findings 1, 2, 3 and 13), on every route
// an anonymous visitor can reach: deep field names, malformed path encodings, chunked and oversized
// bodies, forged Host and X-Forwarded-Host. A 4xx every time, never a 5xx.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

// Parameters are made up: an anonymous visitor has no real token, and the edge must hold either way.
const anonymous = [
  ...ROUTE_ACCESS.filter((r) => r.get.includes("anonymous") || r.post?.includes("anonymous")).map(
    (r) => ({
      path: r.path.replace(/:[a-zA-Z]+/g, "abcdefghijklmnopqrstuvwxyz234567"),
      post: !!r.post?.includes("anonymous"),
    }),
  ),
  ...EXPRESS_ROUTES.map((r) => ({ path: r.path, post: false })),
];

describe("hostile requests at the edge, on every anonymous route", () => {
  it("lists the anonymous routes", () => {
    expect(anonymous.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        "/sign-in",
        "/forgot-password",
        "/sessions/open/abcdefghijklmnopqrstuvwxyz234567",
        "/verify",
      ]),
    );
  });

  // The load balancer's probes answer under any host (they hold nothing), so the forged-Host check
  // does not apply to them.
  for (const route of anonymous.filter((r) => r.path !== "/healthz" && r.path !== "/readyz")) {
    it(`${route.post ? "GET and POST" : "GET"} ${route.path}`, async () => {
      await assertSurvivesEdgeAttacks(server.url, route);
    });
  }

  it("answers the pen test's malformed paths with 400", async () => {
    for (const path of ["/%E0%A4%A", "/verify/%E0%A4%A"]) {
      expect((await rawRequest(server.url, { method: "GET", path })).status).toBe(400);
    }
  });
});
