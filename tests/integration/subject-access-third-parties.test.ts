import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";

// Finding 16 of issue 11: a manager's subject-access export held the email addresses of people they
// invited, through audit entries. Other people's data is redacted from it.
let server: TestServer;
let password: string;
const INVITEE = "third.party.invitee@example.org";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  const { DEMO_PASSWORD } = await import("~/seed/foundation.server");
  password = DEMO_PASSWORD;
  await seedDemo(getDb());
});
afterAll(async () => {
  await server?.close();
});

describe("subject access export", () => {
  it("holds no one else's email address: a manager's export leaves out the people they invited", async () => {
    const { getDb } = await import("~/db/db.server");
    const harbour = await getDb()
      .selectFrom("organisations")
      .select("id")
      .where("name", "=", "Norwich Youth Harbour")
      .executeTakeFirstOrThrow();
    const manager = new Client(server.url);
    await manager.signIn("manager@example.org", password);
    expect(
      (
        await manager.post("/admin/people/invite", {
          email: INVITEE,
          organisationId: harbour.id,
          role: "learner",
        })
      ).status,
    ).toBe(302);

    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", password);
    const res = await lead.post("/admin/privacy/export", { email: "manager@example.org" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("manager@example.org");
    expect(text.toLowerCase()).not.toContain(INVITEE);
  });
});
