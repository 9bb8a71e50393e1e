import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, it } from "vitest";
import { assertSurvivesHostileInput, type HostileReport } from "../support/hostile";
import { Client, startTestServer, type TestServer } from "../support/server";

// Hostile query strings on the list and report pages that read filters from the URL: ≥200 runs
// each of missing, repeated, enormous, oddly encoded and injected parameters (and unknown ones),
// signed in as someone who may see the page. Each answer is a page or a 4xx, never a 500.
let server: TestServer;
const RUNS = 200;
const TIMEOUT = 180_000;
const reports: Record<string, HostileReport> = {};
const clients: Record<string, Client> = {};
let f: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  const { DEMO_PASSWORD } = await import("~/seed/foundation.server");
  const d = getDb();
  await seedDemo(d);
  for (const [k, email] of Object.entries({
    lead: "lead@example.org",
    manager: "manager@example.org",
  })) {
    clients[k] = new Client(server.url);
    await clients[k].signIn(email, DEMO_PASSWORD);
  }
  f = { programme: (await d.selectFrom("programmes").select("id").executeTakeFirstOrThrow()).id };
}, 120_000);

afterAll(async () => {
  await server?.close();
  console.log(JSON.stringify(reports));
});

describe("hostile query strings on list and report pages (a page or a 4xx, never a 500)", () => {
  const anything = () => true;
  const params = (names: string[]) =>
    names.map((name) => ({
      name,
      valid: fc.constantFrom("2026-27", "2026-Q3", "E07000148", "pupils", "1", "past", f.programme),
    }));
  for (const [who, path, names] of [
    ["lead", "/reports", ["programme", "period", "district", "audience"]],
    ["manager", "/reports/schools", ["programme", "period", "district", "audience"]],
    ["lead", "/reports/csv/sessions", ["programme", "period", "district", "audience"]],
    ["lead", "/reports/return", ["programme", "quarter"]],
    ["lead", "/reports/return/csv", ["programme", "quarter"]],
    ["lead", "/admin/organisations", ["kind", "district", "q", "archived", "page"]],
    ["lead", "/admin/people", ["q", "organisation", "role", "status", "page"]],
    ["lead", "/admin/certificates", ["q", "status", "page"]],
    ["lead", "/admin/audit", ["action", "actor", "from", "to", "page"]],
    ["lead", "/sessions", ["when"]],
    ["lead", "/sessions/week", ["week"]],
    ["anonymous", "/sessions/open", ["district", "audience", "from", "to"]],
    ["anonymous", "/verify", ["code"]],
  ] as const) {
    it(`GET ${path}?…`, { timeout: TIMEOUT }, async () => {
      const anon = new Client(server.url);
      reports[`get ${path}`] = await assertSurvivesHostileInput({
        // Signed-in sessions are touched (last seen) as they go.
        volatileTables: ["sessions"],
        client: () => (who === "anonymous" ? anon : clients[who]),
        path,
        method: "GET",
        schema: z.object({}),
        fields: params([...names]),
        numRuns: RUNS,
        accepts: anything,
      });
    });
  }
});
