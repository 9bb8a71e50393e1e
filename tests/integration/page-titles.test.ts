import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 12, item 12: a page answering a form with errors says so in its title (GOV.UK's
// "Error: " prefix, the first thing a screen reader reads), and an index route's form posts to
// the page's own address, so the address bar does not show "?index" after an error.

let server: TestServer;
const ids: Record<string, string> = {};
let lead: Client;

function titleOf(html: string) {
  const titles = [...html.matchAll(/<title>([\s\S]*?)<\/title>/g)].map((m) => m[1]);
  // One title per page: a second one would be ignored by browsers and announced by none.
  expect(titles).toHaveLength(1);
  return titles[0];
}

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  ids.partner = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  ids.lead = await insertUser(db, {
    email: "titles-lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: ids.partner, role: "programme_lead" }],
  });
  ids.trainer = await insertUser(db, {
    email: "titles-trainer@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: ids.partner, role: "trainer" }],
  });
  lead = new Client(server.url);
  await lead.signIn("titles-lead@example.org", PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

describe("page titles after a form error", () => {
  it("starts the title with 'Error: ' when a public form is sent with a mistake, and not otherwise", async () => {
    const visitor = new Client(server.url);
    const page = await visitor.get("/forgot-password");
    expect(titleOf(await page.text())).not.toMatch(/^Error/);

    const refused = await visitor.post("/forgot-password", { email: "not an address" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("There is a problem");
    expect(titleOf(html)).toMatch(/^Error: Reset your password/);

    const accepted = await visitor.post("/forgot-password", { email: "someone@example.org" });
    expect(titleOf(await accepted.text())).not.toMatch(/^Error/);
  });

  it("prefixes the title of a signed-in page whose form was refused", async () => {
    const refused = await lead.post(`/admin/people/${ids.trainer}`, {
      intent: "add-role",
      organisationId: "",
      role: "",
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(titleOf(html)).toMatch(/^Error: Dan Okafor/);
  });
});

describe("error pages", () => {
  it("gives a page that is not there one title that says so", async () => {
    const res = await new Client(server.url).get("/no-such-page");
    expect(res.status).toBe(404);
    expect(titleOf(await res.text())).toBe("Error: Page not found – Lantern");
  });
});

describe("form addresses on index routes", () => {
  it("posts a person's page forms to the page's own address, without ?index, and that address takes the post", async () => {
    const html = await (await lead.get(`/admin/people/${ids.trainer}`)).text();
    const actions = [...html.matchAll(/<form[^>]*action="([^"]*)"/g)].map((m) =>
      m[1].replace(/&amp;/g, "&"),
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).not.toMatch(/[?&]index/);
    expect(actions).toContain(`/admin/people/${ids.trainer}`);

    const answered = await lead.post(`/admin/people/${ids.trainer}`, {
      intent: "add-role",
      organisationId: ids.partner,
      role: "",
    });
    expect(answered.status).toBe(400);
    expect(await answered.text()).toContain("There is a problem");
  });
});
