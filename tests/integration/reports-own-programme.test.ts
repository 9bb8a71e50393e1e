import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { londonAtIso, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Issue 12, item 12: a VCSE manager's dashboard opened on SOS+ (the first programme), all zeros,
// when their organisation's people train with Momentum. The dashboard now opens on the programme
// the person's organisation or school takes part in; a lead still gets the first, and a programme
// in the URL always wins.

let server: TestServer;
const ids: Record<string, string> = {};

function h1(html: string) {
  return textOf(html.slice(html.indexOf("<h1"), html.indexOf("</h1>") + 5)).trim();
}

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const db = getDb();
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  const harbour = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  const quiet = await insertOrganisation(db, {
    kind: "vcse",
    name: "Lynn Rowing Club",
    districtId: "E07000146",
  });
  const school = await insertOrganisation(db, {
    kind: "setting",
    name: "Hill School",
    urn: "889902",
    districtId: "E07000148",
  });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "organisation_manager" }],
  });
  await insertUser(db, {
    email: "quiet@example.org",
    name: "Sam Quiet",
    password: PASSWORD,
    memberships: [{ organisationId: quiet, role: "organisation_manager" }],
  });
  await insertUser(db, {
    email: "coord@example.org",
    name: "Helen Carter",
    password: PASSWORD,
    memberships: [{ organisationId: school, role: "school_coordinator" }],
  });
  const batch = new DeliveryBatch();
  // SOS+ starts first, so it is the first programme in every list.
  ids.sos = batch.programme({
    name: "SOS+",
    startsOn: londonDay(-400),
    endsOn: londonDay(600),
    targets: [{ audience: "pupils", sessions: 10, people: 100 }],
  });
  ids.momentum = batch.programme({
    name: "Momentum",
    startsOn: londonDay(-300),
    endsOn: londonDay(600),
    targets: [{ audience: "vcse_staff", sessions: 10, people: 100 }],
  });
  const assembly = batch.offering({
    programmeId: ids.sos,
    title: "Assembly",
    audience: "pupils",
    format: "assembly",
  });
  const training = batch.offering({
    programmeId: ids.momentum,
    title: "Understanding exploitation",
    audience: "vcse_staff",
    format: "community_session",
  });
  const cls = batch.class({ settingId: school, yearGroup: "9", name: "9A", pupils: 30 });
  batch.session({
    programmeId: ids.sos,
    offeringId: assembly,
    settingId: school,
    startsAt: londonAtIso(-20, "09:00"),
    status: "delivered",
    classes: [{ classId: cls, attended: 28 }],
  });
  const s = batch.session({
    programmeId: ids.momentum,
    offeringId: training,
    startsAt: londonAtIso(-10, "10:00"),
    status: "delivered",
  });
  batch.registration({
    sessionId: s,
    name: "Volunteer One",
    attendance: "attended",
    organisationId: harbour,
  });
  batch.registration({
    sessionId: s,
    name: "Volunteer Two",
    attendance: "attended",
    organisationId: harbour,
  });
  await batch.write(db);
});

afterAll(async () => {
  await server?.close();
});

describe("the dashboard opens on the person's own programme", () => {
  it("opens a VCSE manager's dashboard on Momentum, where their people trained", async () => {
    const manager = await signedIn("manager@example.org");
    const html = await (await manager.get("/reports")).text();
    expect(h1(html)).toBe("Momentum dashboard");
    expect(html).toMatch(new RegExp(`<option value="${ids.momentum}" selected`));
  });

  it("opens on Momentum for a VCSE manager whose people have not trained yet (the programme for VCSE staff)", async () => {
    const quiet = await signedIn("quiet@example.org");
    expect(h1(await (await quiet.get("/reports")).text())).toBe("Momentum dashboard");
  });

  it("opens a school coordinator's on SOS+, where their school's sessions are", async () => {
    const coord = await signedIn("coord@example.org");
    expect(h1(await (await coord.get("/reports")).text())).toBe("SOS+ dashboard");
  });

  it("keeps the first programme for a lead, and the URL's programme for anyone", async () => {
    const lead = await signedIn("lead@example.org");
    expect(h1(await (await lead.get("/reports")).text())).toBe("SOS+ dashboard");
    const manager = await signedIn("manager@example.org");
    expect(h1(await (await manager.get(`/reports?programme=${ids.sos}`)).text())).toBe(
      "SOS+ dashboard",
    );
  });
});
