import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { londonAtIso, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Issue 12, item 12: the audit log showed codes and ids ("membership.role_changed", a user's id)
// where a lead needs to read what happened. Each entry is now a sentence with the names of who did
// it and to whom; the codes stay as the filter's values.

let server: TestServer;
const ids: Record<string, string> = {};
let lead: Client;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const db = getDb();
  ids.partner = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  ids.harbour = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  ids.school = await insertOrganisation(db, {
    kind: "setting",
    name: "Hill School",
    urn: "889901",
    districtId: "E07000148",
  });
  ids.lead = await insertUser(db, {
    email: "amina@example.org",
    name: "Amina Khan",
    password: PASSWORD,
    memberships: [
      { organisationId: ids.partner, role: "programme_lead", safeguardingCleared: true },
    ],
  });
  ids.trainer = await insertUser(db, {
    email: "dan@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: ids.partner, role: "trainer" }],
  });
  ids.learner = await insertUser(db, {
    email: "aisha@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: ids.harbour, role: "learner" }],
  });
  const batch = new DeliveryBatch();
  const programme = batch.programme({
    name: "SOS+",
    startsOn: londonDay(-300),
    endsOn: londonDay(300),
    targets: [],
  });
  const offering = batch.offering({
    programmeId: programme,
    title: "Assembly on exploitation",
    audience: "pupils",
    format: "assembly",
  });
  ids.session = batch.session({
    programmeId: programme,
    offeringId: offering,
    settingId: ids.school,
    startsAt: londonAtIso(-3, "09:00"),
    status: "scheduled",
  });
  await batch.write(db);
  lead = new Client(server.url);
  await lead.signIn("amina@example.org", PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

describe("the audit log in words", () => {
  it("says who did what to whom by name, never by code or id", async () => {
    expect(
      (
        await lead.post("/admin/people/invite", {
          email: "newcomer@example.org",
          organisationId: ids.harbour,
          role: "learner",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await lead.post(`/admin/people/${ids.trainer}`, {
          intent: "add-role",
          organisationId: ids.harbour,
          role: "learner",
        })
      ).status,
    ).toBe(302);
    const { getDb } = await import("~/db/db.server");
    const m = await getDb()
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", ids.trainer)
      .where("organisation_id", "=", ids.harbour)
      .executeTakeFirstOrThrow();
    expect(
      (
        await lead.post(`/admin/people/${ids.trainer}/memberships/${m.id}`, {
          intent: "change-role",
          role: "organisation_manager",
        })
      ).status,
    ).toBe(302);
    expect((await lead.post(`/admin/people/${ids.learner}`, { intent: "disable" })).status).toBe(
      302,
    );
    expect((await lead.get(`/sessions/${ids.session}/safeguarding`)).status).toBe(200);

    const html = await (await lead.get("/admin/audit")).text();
    const table = textOf(html.slice(html.indexOf("<tbody"), html.indexOf("</tbody>")));
    expect(table).toContain("Amina Khan signed in");
    expect(table).toContain(
      "Amina Khan invited newcomer@example.org to join Norwich Youth Harbour as learner",
    );
    expect(table).toContain("Amina Khan made Dan Okafor learner at Norwich Youth Harbour");
    expect(table).toContain(
      "Amina Khan changed Dan Okafor’s role at Norwich Youth Harbour from learner to organisation manager",
    );
    expect(table).toContain("Amina Khan disabled the account of Aisha Begum");
    expect(table).toMatch(
      /Amina Khan viewed the safeguarding records of the session ‘Assembly on exploitation’ on [^,]+ at Hill School/,
    );
    // No codes and no ids in the entries.
    expect(table).not.toMatch(UUID);
    for (const code of [
      "auth.sign_in",
      "invitation.sent",
      "membership.added",
      "membership.role_changed",
      "user.disabled",
      "safeguarding.viewed",
      "organisation_manager",
    ]) {
      expect(table).not.toContain(code);
    }

    // The filter names actions in words and keeps the code as its value.
    expect(html).toMatch(/<option value="user\.disabled"[^>]*>Disabled an account<\/option>/);
    const filtered = await (await lead.get("/admin/audit?action=user.disabled")).text();
    const rows = textOf(filtered.slice(filtered.indexOf("<tbody"), filtered.indexOf("</tbody>")));
    expect(rows).toContain("Amina Khan disabled the account of Aisha Begum");
    expect(rows).not.toContain("signed in");
    expect(textOf(filtered)).toContain("Entries 1 to 1: Disabled an account");
  });
});
