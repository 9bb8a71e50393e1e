import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateFields } from "~/utils/date-input";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { weekdayFromToday } from "../support/time";

// Issue 17, item 5: a school asks for the usual package in one request — an assembly for a year
// group, a classroom workshop for each class, a staff session and a parents' evening — each pupil
// session with its own classes, from the offerings that suit the school's phase. Through the real
// handler; every day is relative to today (decision 063).

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
const offering = { assembly: "", primary: "", parents: "" };
const cls = { y9a: "", y9b: "", y10: "" };

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const { createOffering } = await import("~/sessions/offerings.server");
  const { createClass } = await import("~/sessions/classes.server");
  const base = {
    programmeId: world.programme,
    questionnaireId: null,
    seriesLength: 1,
    seriesIntervalDays: 7,
    openToPublic: false,
  };
  offering.assembly = await createOffering(world.db, {
    ...base,
    title: "Assembly: county lines",
    description: "A trainer with lived experience talks to a year group.",
    audience: "pupils",
    format: "assembly",
    durationMinutes: 45,
    capacity: 300,
  });
  offering.primary = await createOffering(world.db, {
    ...base,
    title: "Primary workshop (Years 5–6)",
    description: "Safe and unsafe secrets, trusted adults.",
    audience: "pupils",
    format: "classroom_workshop",
    durationMinutes: 50,
    capacity: 35,
    schoolPhase: "primary",
  });
  offering.parents = await createOffering(world.db, {
    ...base,
    title: "Parent and carer session",
    description: "What exploitation looks like and what parents can do.",
    audience: "parents",
    format: "community_session",
    durationMinutes: 90,
    capacity: 40,
  });
  const mk = (yearGroup: string, name: string, pupilCount: number) =>
    createClass(world.db, [world.schoolA], {
      settingId: world.schoolA,
      yearGroup,
      name,
      pupilCount,
      accessNeeds: null,
    });
  // Two classes of 30: together more than one workshop takes (35), the package refused before.
  cls.y9a = await mk("9", "9A", 30);
  cls.y9b = await mk("9", "9B", 30);
  cls.y10 = await mk("10", "10C", 28);
});

afterAll(async () => {
  await server?.close();
});

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

async function requestsOfSchoolA() {
  return world.db
    .selectFrom("booking_requests")
    .innerJoin("offerings", "offerings.id", "booking_requests.offering_id")
    .select(["booking_requests.id", "booking_requests.package_id", "offerings.title"])
    .where("booking_requests.setting_id", "=", world.schoolA)
    .execute();
}

async function classesOf(requestId: string) {
  const rows = await world.db
    .selectFrom("booking_request_classes")
    .innerJoin("classes", "classes.id", "booking_request_classes.class_id")
    .select("classes.name")
    .where("booking_request_id", "=", requestId)
    .execute();
  return rows.map((r) => r.name).sort();
}

describe("a school's usual package", () => {
  it("offers a secondary school only what suits its phase, each with its description", async () => {
    const coord = await signedIn("coord.a@example.org");
    const page = textOf(await (await coord.get("/bookings/new")).text());
    expect(page).toContain("Assembly: county lines");
    expect(page).toContain("A trainer with lived experience talks to a year group.");
    expect(page).toContain("Classroom workshop (Years 7–12)");
    expect(page).toContain("Parent and carer session");
    expect(page).not.toContain("Primary workshop");

    // The second step asks for each pupil session's own classes.
    const step2 = textOf(
      await (
        await coord.get(
          `/bookings/new?settingId=${world.schoolA}&offeringIds=${offering.assembly}&offeringIds=${world.offerings.workshop}&offeringIds=${world.offerings.twilight}`,
        )
      ).text(),
    );
    expect(step2).toContain("Which classes is “Assembly: county lines” for?");
    expect(step2).toContain("Which classes is “Classroom workshop (Years 7–12)” for?");
    expect(step2).toContain("Each class you choose gets its own workshop.");
    expect(step2).not.toContain("Which classes is “Twilight CPD for school staff” for?");
    // An out-of-phase offering in the address does not reach the second step.
    const sneaky = textOf(
      await (
        await coord.get(`/bookings/new?settingId=${world.schoolA}&offeringIds=${offering.primary}`)
      ).text(),
    );
    expect(sneaky).toContain("What would you like to book?");
    expect(sneaky).not.toContain("Primary workshop");
  });

  it("refuses a posted offering that is not for the school's phase", async () => {
    const coord = await signedIn("coord.a@example.org");
    const before = (await requestsOfSchoolA()).length;
    const res = await coord.post("/bookings/new", {
      settingId: world.schoolA,
      offeringIds: offering.primary,
      classes0: cls.y9a,
      ...dateFields("date1", weekdayFromToday(30)),
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain(
      "“Primary workshop (Years 5–6)” is for primary schools",
    );
    expect((await requestsOfSchoolA()).length).toBe(before);
  });

  it("asks for the classes of each pupil session, on that session's field", async () => {
    const coord = await signedIn("coord.a@example.org");
    const before = (await requestsOfSchoolA()).length;
    const res = await coord.post("/bookings/new", {
      settingId: world.schoolA,
      offeringIds: [offering.assembly, world.offerings.workshop],
      classes0: [cls.y9a, cls.y9b],
      ...dateFields("date1", weekdayFromToday(30)),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain("Choose the classes “Classroom workshop (Years 7–12)” is for");
    expect(html).toMatch(/href="#f-classes1"/);
    expect((await requestsOfSchoolA()).length).toBe(before);
  });

  it("books the usual package in one request, each pupil session with its own classes, and the lead schedules one with its classes", async () => {
    const coord = await signedIn("coord.a@example.org");
    const before = new Set((await requestsOfSchoolA()).map((r) => r.id));
    const res = await coord.post("/bookings/new", {
      settingId: world.schoolA,
      offeringIds: [
        offering.assembly,
        world.offerings.workshop,
        world.offerings.twilight,
        offering.parents,
      ],
      classes0: [cls.y9a, cls.y9b],
      classes1: [cls.y9a, cls.y9b, cls.y10],
      ...dateFields("date1", weekdayFromToday(30)),
      time1: "09:00",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/bookings?sent=6");
    const made = (await requestsOfSchoolA()).filter((r) => !before.has(r.id));
    expect(made.map((r) => r.title).sort()).toEqual([
      "Assembly: county lines",
      "Classroom workshop (Years 7–12)",
      "Classroom workshop (Years 7–12)",
      "Classroom workshop (Years 7–12)",
      "Parent and carer session",
      "Twilight CPD for school staff",
    ]);
    // One package.
    expect(new Set(made.map((r) => r.package_id)).size).toBe(1);
    expect(made[0].package_id).not.toBeNull();
    const byTitle = async (title: string) =>
      Promise.all(made.filter((r) => r.title === title).map((r) => classesOf(r.id)));
    expect(await byTitle("Assembly: county lines")).toEqual([["9A", "9B"]]);
    expect((await byTitle("Classroom workshop (Years 7–12)")).sort()).toEqual([
      ["10C"],
      ["9A"],
      ["9B"],
    ]);
    expect(await byTitle("Twilight CPD for school staff")).toEqual([[]]);
    expect(await byTitle("Parent and carer session")).toEqual([[]]);

    // The leads' email lists each workshop with its class.
    const mail = await world.db
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", "lead@example.org")
      .where("subject", "=", "New booking request: Wensum Valley Academy")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("Classroom workshop (Years 7–12) for Year 9 — 9B");

    // The lead schedules the 9B workshop: its page and its session carry 9B alone.
    const lead = await signedIn("lead@example.org");
    let workshop9b = "";
    for (const r of made.filter((x) => x.title.startsWith("Classroom")))
      if ((await classesOf(r.id)).join() === "9B") workshop9b = r.id;
    const page = textOf(await (await lead.get(`/schedule/${workshop9b}`)).text());
    expect(page).toContain("9B (30 pupils)");
    expect(page).not.toContain("9A (30 pupils)");
    const scheduled = await lead.post(`/schedule/${workshop9b}`, {
      ...dateFields("date", weekdayFromToday(30)),
      time: "11:00",
      durationMinutes: "50",
      venue: "Wensum Valley Academy",
      room: "Room 9",
      trainerIds: world.users.dan,
    });
    expect(scheduled.status).toBe(302);
    const session = await world.db
      .selectFrom("delivery_sessions")
      .select("id")
      .where("booking_request_id", "=", workshop9b)
      .executeTakeFirstOrThrow();
    const sessionClasses = await world.db
      .selectFrom("session_classes")
      .innerJoin("classes", "classes.id", "session_classes.class_id")
      .select("classes.name")
      .where("session_classes.session_id", "=", session.id)
      .execute();
    expect(sessionClasses.map((c) => c.name)).toEqual(["9B"]);
  });
});
