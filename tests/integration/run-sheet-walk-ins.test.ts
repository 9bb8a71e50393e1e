import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { londonAt } from "../support/time";

// Issue 17, items 7 and 8, through the real handler: the run-sheet tells the trainer where to go
// (address, postcode with a map link) and whom to ring (the school's phone, entered by a lead on
// the school's page or by the school's own coordinator); walk-ins written in by name at attendance get certificates where their
// audience does, the same way as a booker; and tallies counted from the paper questionnaire are
// entered on the feedback page and counted by the reports.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
let atSchool: string;
let teachers: string;
let parents: string;
let booker: string;

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

async function csvOf(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return parse(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3)));
}

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const f = await import("~/seed/factories/sessions.server");
  const { db, programme, offerings, users } = world;
  atSchool = await f.insertSession(db, {
    programmeId: programme,
    offeringId: offerings.twilight,
    startsAt: londonAt(2, "15:45"),
    settingId: world.schoolA,
    venue: "Library",
    trainerIds: [users.dan],
  });
  // Began two hours ago: attendance can be recorded and the session marked delivered.
  const began = new Date(Date.now() - 2 * 3600_000);
  teachers = await f.insertSession(db, {
    programmeId: programme,
    offeringId: offerings.twilight,
    startsAt: began,
    durationMinutes: 60,
    settingId: world.schoolA,
    trainerIds: [users.dan],
  });
  const parentsOffering = await f.insertOffering(db, {
    programmeId: programme,
    title: "Keeping your child safe",
    audience: "parents",
  });
  parents = await f.insertSession(db, {
    programmeId: programme,
    offeringId: parentsOffering,
    startsAt: began,
    durationMinutes: 60,
    venue: "Village hall",
    trainerIds: [users.dan],
  });
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const batch = new DeliveryBatch();
  booker = batch.registration({ sessionId: teachers, name: "Bella Booker" });
  await batch.write(db);
});

afterAll(async () => {
  await server?.close();
});

describe("the run-sheet", () => {
  it("shows the school's address, its postcode with a map link and the phone a lead entered", async () => {
    const lead = await signedIn("lead@example.org");
    const saved = await lead.post(`/admin/organisations/${world.schoolA}/edit`, {
      name: "Wensum Valley Academy",
      urn: "880101",
      phase: "Secondary",
      establishmentType: "Academy converter",
      districtId: (await world.db
        .selectFrom("organisations")
        .select("district_id")
        .where("id", "=", world.schoolA)
        .executeTakeFirstOrThrow())!.district_id!,
      postcode: "nr2 4aa",
      address: "Bluebell Road\nNorwich",
      contactPhone: "01603 555 0101",
    });
    expect(saved.status).toBe(302);
    const dan = await signedIn("dan@example.org");
    const html = await (await dan.get(`/sessions/${atSchool}`)).text();
    const text = textOf(html);
    expect(text).toContain("Address Bluebell Road Norwich");
    expect(text).toContain("Postcode NR2 4AA · Map of NR2 4AA");
    expect(html).toContain('href="https://www.openstreetmap.org/search?query=NR2%204AA"');
    expect(text).toContain("Phone on the day 01603 555 0101");
    expect(html).toContain('href="tel:016035550101"');
  });

  it("refuses a phone number that is not one", async () => {
    const lead = await signedIn("lead@example.org");
    const res = await lead.post(`/admin/organisations/${world.schoolA}/edit`, {
      name: "Wensum Valley Academy",
      urn: "880101",
      phase: "Secondary",
      establishmentType: "Academy converter",
      postcode: "NR2 4AA",
      contactPhone: "ring reception",
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Enter a phone number using digits");
  });
});

describe("a school's details for visits, kept by its own coordinator", () => {
  async function schoolA() {
    return world.db
      .selectFrom("organisations")
      .select(["postcode", "address", "contact_phone"])
      .where("id", "=", world.schoolA)
      .executeTakeFirstOrThrow();
  }

  it("are saved by the school's coordinator, audited, and shown on the trainer's run-sheet", async () => {
    const coordA = await signedIn("coord.a@example.org");
    const form = textOf(await (await coordA.get("/school-details")).text());
    expect(form).toContain("Wensum Valley Academy Details for trainers’ visits");
    const saved = await coordA.post("/school-details", {
      settingId: world.schoolA,
      postcode: "nr3 1ab",
      address: "Bluebell Road\nNorwich (use the Colman Road gate)",
      contactPhone: "07700 900123",
    });
    expect(saved.status).toBe(302);
    const back = saved.headers.get("location")!;
    expect(back).toBe(`/school-details?school=${world.schoolA}&saved=1`);
    expect(textOf(await (await coordA.get(back)).text())).toContain(
      "The details for visits to Wensum Valley Academy have been saved.",
    );
    expect(await schoolA()).toEqual({
      postcode: "NR3 1AB",
      address: "Bluebell Road\nNorwich (use the Colman Road gate)",
      contact_phone: "07700 900123",
    });
    const entry = await world.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "detail"])
      .where("action", "=", "organisation.updated")
      .where("subject_id", "=", world.schoolA)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe(world.users.coordA);
    expect(JSON.parse(entry.detail!).changes.contact_phone).toEqual({
      from: "01603 555 0101",
      to: "07700 900123",
    });
    const dan = await signedIn("dan@example.org");
    const html = await (await dan.get(`/sessions/${atSchool}`)).text();
    const text = textOf(html);
    expect(text).toContain("Address Bluebell Road Norwich (use the Colman Road gate)");
    expect(text).toContain("Postcode NR3 1AB · Map of NR3 1AB");
    expect(html).toContain('href="https://www.openstreetmap.org/search?query=NR3%201AB"');
    expect(text).toContain("Phone on the day 07700 900123");
    expect(html).toContain('href="tel:07700900123"');
  });

  it("are not found by another school's coordinator, and refused to a trainer", async () => {
    const before = await schoolA();
    const coordB = await signedIn("coord.b@example.org");
    // Their own page shows their own school only.
    const own = textOf(await (await coordB.get("/school-details")).text());
    expect(own).toContain("Harbour Reach Academy");
    expect(own).not.toContain("Wensum Valley Academy");
    expect((await coordB.get(`/school-details?school=${world.schoolA}`)).status).toBe(404);
    const refused = await coordB.post(`/school-details?school=${world.schoolA}`, {
      settingId: world.schoolA,
      postcode: "NR30 3EE",
      contactPhone: "07700 900999",
    });
    expect(refused.status).toBe(404);
    const dan = await signedIn("dan@example.org");
    expect((await dan.get("/school-details")).status).toBe(403);
    const byTrainer = await dan.post("/school-details", {
      settingId: world.schoolA,
      postcode: "NR30 3EE",
    });
    expect(byTrainer.status).toBe(403);
    expect(await schoolA()).toEqual(before);
  });

  it("keep what was typed when the postcode or phone is wrong, say what to fix, and save nothing", async () => {
    const before = await schoolA();
    const coordA = await signedIn("coord.a@example.org");
    const res = await coordA.post(`/school-details?school=${world.schoolA}`, {
      settingId: world.schoolA,
      postcode: "NR99",
      address: "Gate 3, Bluebell Road",
      contactPhone: "ring reception",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain("There is a problem");
    expect(text).toContain("Enter a real postcode, like NR2 4AA");
    expect(text).toContain("Enter a phone number using digits, like 01603 123456");
    expect(html).toContain('value="NR99"');
    expect(html).toContain('value="ring reception"');
    expect(html).toMatch(/<textarea[^>]*>Gate 3, Bluebell Road<\/textarea>/);
    expect(await schoolA()).toEqual(before);
  });
});

describe("walk-ins named at attendance", () => {
  it("refuses a walk-in's email without a name, and saves nothing", async () => {
    const dan = await signedIn("dan@example.org");
    const res = await dan.post(`/sessions/${teachers}/attendance`, {
      [`reg-${booker}`]: "attended",
      "walkInEmail-1": "nameless@example.org",
      walkIns: "0",
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Enter the name of walk-in 1");
    const rows = await world.db
      .selectFrom("registrations")
      .select("id")
      .where("session_id", "=", teachers)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("gives a named walk-in with an email a certificate, emailed like a booker's", async () => {
    const dan = await signedIn("dan@example.org");
    const page = textOf(await (await dan.get(`/sessions/${teachers}/attendance`)).text());
    expect(page).toContain("Walk-in 1");
    expect(page).toContain("is sent a certificate");
    const saved = await dan.post(`/sessions/${teachers}/attendance`, {
      [`reg-${booker}`]: "attended",
      "walkInName-1": "Sam  Walker",
      "walkInEmail-1": "Sam.Walker@Example.org",
      "walkInOrganisation-1": "Harbour Reach Academy",
      "walkInName-2": "",
      "walkInName-3": "Jo Noemail",
      walkIns: "2",
    });
    expect(saved.status).toBe(302);
    const sheet = textOf(await (await dan.get(`/sessions/${teachers}`)).text());
    expect(sheet).toContain("1 booked");
    expect(sheet).toContain("4 walk-ins (2 named)");
    // Five people attended: the booker, two named walk-ins and two counted.
    expect(sheet).toContain("5 people attended");
    expect((await dan.post(`/sessions/${teachers}`, { intent: "deliver" })).status).toBe(302);
    const certificates = await world.db
      .selectFrom("certificates")
      .select(["holder_name", "holder_email"])
      .where("source_key", "like", `session:${teachers}:%`)
      .orderBy("holder_name")
      .execute();
    expect(certificates).toEqual([
      { holder_name: "Bella Booker", holder_email: null },
      { holder_name: "Jo Noemail", holder_email: null },
      { holder_name: "Sam Walker", holder_email: "sam.walker@example.org" },
    ]);
    const mail = await world.db
      .selectFrom("outbox")
      .select("to_address")
      .where("to_address", "=", "sam.walker@example.org")
      .execute();
    expect(mail).toHaveLength(1);
    // Back on the attendance page, a named walk-in is one of the people to mark.
    const again = textOf(await (await dan.get(`/sessions/${teachers}/attendance`)).text());
    expect(again).toContain("Sam Walker, Harbour Reach Academy (walk-in)");
  });

  it("gives no certificate to a walk-in at a parents' session, whose audience earns none", async () => {
    const dan = await signedIn("dan@example.org");
    const saved = await dan.post(`/sessions/${parents}/attendance`, {
      "walkInName-1": "Pat Parent",
      "walkInEmail-1": "pat@example.org",
      walkIns: "0",
    });
    expect(saved.status).toBe(302);
    expect((await dan.post(`/sessions/${parents}`, { intent: "deliver" })).status).toBe(302);
    const certificates = await world.db
      .selectFrom("certificates")
      .select("id")
      .where("source_key", "like", `session:${parents}:%`)
      .execute();
    expect(certificates).toHaveLength(0);
    const sheet = textOf(await (await dan.get(`/sessions/${parents}`)).text());
    expect(sheet).toContain("1 person attended");
  });
});

describe("tallies from the paper questionnaire", () => {
  it("are entered on the feedback page the paper form links to, and the reports count them", async () => {
    const dan = await signedIn("dan@example.org");
    const paper = await (await dan.get(`/sessions/${teachers}/feedback/paper`)).text();
    expect(paper).toContain(`href="/sessions/${teachers}/feedback#paper"`);
    expect(textOf(paper)).toContain("I can recognise the signs of child criminal exploitation");
    // Six paper forms: before, two said 2 and four said 3; after, one said 4 and five said 5.
    const res = await dan.post(`/sessions/${teachers}/feedback`, {
      intent: "tallies",
      "t_q-standard-1_before_2": "2",
      "t_q-standard-1_before_3": "4",
      "t_q-standard-1_after_4": "1",
      "t_q-standard-1_after_5": "5",
    });
    expect(res.status).toBe(302);
    const page = textOf(await (await dan.get(`/sessions/${teachers}/feedback`)).text());
    expect(page).toContain("Paper questionnaires 6");
    const lead = await signedIn("lead@example.org");
    const rows = await csvOf(
      await lead.get(`/reports/csv/feedback-audiences?programme=${world.programme}`),
    );
    const h = rows[0];
    const row = rows.find(
      (r) =>
        r[0] === "I can recognise the signs of child criminal exploitation" &&
        r[1] === "All audiences",
    );
    expect(row, JSON.stringify(rows.slice(0, 3))).toBeDefined();
    expect(Number(row![h.indexOf("Answers before")])).toBe(6);
    // (2·2 + 4·3) / 6 and (1·4 + 5·5) / 6, to two decimal places.
    expect(row![h.indexOf("Mean before (out of 5)")]).toBe("2.67");
    expect(row![h.indexOf("Mean after (out of 5)")]).toBe("4.83");
  });
});
