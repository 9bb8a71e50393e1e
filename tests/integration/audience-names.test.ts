import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { londonAtIso, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Issue 12, item 12: one audience had three names — "VCSE staff and volunteers" on the run-sheet,
// "Staff and volunteers of voluntary and community organisations" on the public session page and
// "Community organisations" in the public list. Every page and export now takes the name from one
// module (app/sessions/audiences.ts).

let server: TestServer;
const ids: Record<string, string> = {};
const VCSE = "VCSE staff and volunteers";
const OTHER_NAMES = [
  "Community organisations",
  "Staff and volunteers of voluntary and community organisations",
];

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
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead" }],
  });
  const norwich = (
    await db
      .selectFrom("districts")
      .select("id")
      .where("code", "=", "E07000148")
      .executeTakeFirstOrThrow()
  ).id;
  const batch = new DeliveryBatch();
  ids.programme = batch.programme({
    name: "Momentum",
    startsOn: londonDay(-300),
    endsOn: londonDay(600),
    targets: [{ audience: "vcse_staff", sessions: 10, people: 100 }],
  });
  const training = batch.offering({
    programmeId: ids.programme,
    title: "Understanding exploitation",
    audience: "vcse_staff",
    format: "community_session",
    openToPublic: true,
  });
  ids.open = batch.session({
    programmeId: ids.programme,
    offeringId: training,
    districtId: norwich,
    startsAt: londonAtIso(20, "10:00"),
    status: "scheduled",
    isOpen: true,
    capacity: 20,
  });
  ids.delivered = batch.session({
    programmeId: ids.programme,
    offeringId: training,
    districtId: norwich,
    startsAt: londonAtIso(-10, "10:00"),
    status: "delivered",
  });
  batch.registration({
    sessionId: ids.delivered,
    name: "Volunteer One",
    attendance: "attended",
    organisationId: harbour,
  });
  await batch.write(db);
});

afterAll(async () => {
  await server?.close();
});

async function lead() {
  const c = new Client(server.url);
  await c.signIn("lead@example.org", PASSWORD);
  return c;
}

function expectOneName(text: string) {
  expect(text).toContain(VCSE);
  for (const other of OTHER_NAMES) expect(text).not.toContain(other);
}

describe("each audience has one name everywhere", () => {
  it("keeps the audiences table's labels equal to the module's", async () => {
    const { getDb } = await import("~/db/db.server");
    const { AUDIENCES } = await import("~/sessions/audiences");
    const rows = await getDb()
      .selectFrom("audiences")
      .select(["name", "label"])
      .orderBy("sort_order")
      .execute();
    expect(rows).toEqual(AUDIENCES.map((a) => ({ name: a.name, label: a.label })));
  });

  it("names VCSE staff the same on the public list, the public session page and the run-sheet", async () => {
    const anyone = new Client(server.url);
    expectOneName(textOf(await (await anyone.get("/sessions/open")).text()));
    expectOneName(textOf(await (await anyone.get(`/sessions/open/${ids.open}`)).text()));
    const c = await lead();
    expectOneName(textOf(await (await c.get(`/sessions/${ids.open}`)).text()));
    expectOneName(textOf(await (await c.get("/offerings")).text()));
  });

  it("names them the same on the dashboard and in its CSV", async () => {
    const c = await lead();
    expectOneName(textOf(await (await c.get(`/reports?programme=${ids.programme}`)).text()));
    const csv = await (await c.get(`/reports/csv/targets?programme=${ids.programme}`)).text();
    const rows: string[][] = parse(csv.replace(/^\uFEFF/, ""));
    expect(rows.slice(1).map((r) => r[0])).toContain(VCSE);
  });
});
