import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 11, hardening: calendar feed links survived "sign out everywhere", a password reset and the
// removal of the trainer role. Each now ends the feed.
let server: TestServer;
let trainerId: string;
let orgId: string;
const EMAIL = "feed-trainer@example.org";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  orgId = await insertOrganisation(getDb(), { kind: "delivery_partner", name: "Feed Partner" });
  trainerId = await insertUser(getDb(), {
    email: EMAIL,
    name: "Fe Ed",
    password: PASSWORD,
    memberships: [{ organisationId: orgId, role: "trainer" }],
  });
});
afterAll(async () => {
  await server?.close();
});

async function newFeed(c: Client) {
  const made = await c.post("/sessions/calendar-feed", { intent: "reset" });
  const token = /\/calendar\/([a-z2-7]{32})\/lantern\.ics/.exec(await made.text())![1];
  expect((await fetch(`${server.url}/calendar/${token}/lantern.ics`)).status).toBe(200);
  return token;
}

describe("calendar feeds end with the account's other ways in", () => {
  it("ends at sign out everywhere", async () => {
    const c = new Client(server.url);
    await c.signIn(EMAIL, PASSWORD);
    const token = await newFeed(c);
    await c.post("/account", { intent: "sign-out-everywhere" });
    expect((await fetch(`${server.url}/calendar/${token}/lantern.ics`)).status).toBe(404);
  });

  it("ends when the trainer role is removed", async () => {
    const c = new Client(server.url);
    await c.signIn(EMAIL, PASSWORD);
    const token = await newFeed(c);
    const { getDb } = await import("~/db/db.server");
    await getDb()
      .updateTable("memberships")
      .set({ role: "learner" })
      .where("user_id", "=", trainerId)
      .execute();
    expect((await fetch(`${server.url}/calendar/${token}/lantern.ics`)).status).toBe(404);
    await getDb()
      .updateTable("memberships")
      .set({ role: "trainer" })
      .where("user_id", "=", trainerId)
      .execute();
  });
});
