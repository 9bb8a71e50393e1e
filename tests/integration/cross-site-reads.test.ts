import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Finding 14 of issue 11: a cross-site GET (a link or image on another site, followed with the
// person's cookies) wrote "safeguarding viewed" to the audit log. Sensitive pages now refuse
// requests that say they come from another site, so the audit trail records only real views.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const partner = await insertOrganisation(getDb(), {
    kind: "delivery_partner",
    name: "Cross Site Partner",
  });
  await insertUser(getDb(), {
    email: "cross-site-lead@example.org",
    name: "Cass Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead", safeguardingCleared: true }],
  });
});
afterAll(async () => {
  await server?.close();
});

async function viewedRows() {
  const { getDb } = await import("~/db/db.server");
  return (
    await getDb()
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "safeguarding.viewed")
      .execute()
  ).length;
}

describe("sensitive pages and cross-site requests", () => {
  it("refuses the safeguarding log to a cross-site GET, with a page saying to open it from Lantern, and audits nothing", async () => {
    const lead = new Client(server.url);
    await lead.signIn("cross-site-lead@example.org", PASSWORD);
    const before = await viewedRows();
    const res = await lead.get("/safeguarding", {
      "sec-fetch-site": "cross-site",
      "sec-fetch-mode": "navigate",
    });
    expect(res.status).toBe(403);
    expect(textOf(await res.text())).toContain("Open this page from Lantern");
    expect(await viewedRows()).toBe(before);
    // From Lantern itself (or typed in: "none") it opens, and the view is audited.
    const own = await lead.get("/safeguarding", {
      "sec-fetch-site": "same-origin",
      "sec-fetch-mode": "navigate",
    });
    expect(own.status).toBe(200);
    expect(await viewedRows()).toBe(before + 1);
    expect((await lead.get("/safeguarding", { "sec-fetch-site": "none" })).status).toBe(200);
  });

  it("refuses the data-protection look-up to a cross-site GET", async () => {
    const lead = new Client(server.url);
    await lead.signIn("cross-site-lead@example.org", PASSWORD);
    const res = await lead.get("/admin/privacy?email=someone%40example.org", {
      "sec-fetch-site": "cross-site",
    });
    expect(res.status).toBe(403);
  });
});
