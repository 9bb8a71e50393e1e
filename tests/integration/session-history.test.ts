import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateFields } from "~/utils/date-input";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, type TestServer } from "../support/server";
import { weekdayFromToday } from "../support/time";

// Issue 12, item 6: cancelling a school's only session wrote "Cancelled" twice in its history —
// once for the session and once for the request it closed.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
const DAY = weekdayFromToday(18);

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

function headings(html: string, text: string) {
  return [...html.matchAll(/<h3[^>]*>([^<]*)<\/h3>/g)].filter((m) => m[1] === text).length;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
});

afterAll(async () => {
  await server?.close();
});

describe("a cancelled school session's history", () => {
  it("says Cancelled once, on the session page and on the booking", async () => {
    const coord = await signedIn("coord.a@example.org");
    expect(
      (
        await coord.post("/classes/new", {
          intent: "save",
          yearGroup: "8",
          name: "8K",
          pupilCount: "27",
        })
      ).status,
    ).toBe(302);
    const cls = (
      await world.db
        .selectFrom("classes")
        .select("id")
        .where("name", "=", "8K")
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await coord.post("/bookings/new", {
          offeringIds: world.offerings.workshop,
          classes0: cls,
          ...dateFields("date1", DAY),
          time1: "10:00",
        })
      ).status,
    ).toBe(302);
    const request = (
      await world.db
        .selectFrom("booking_requests")
        .select("id")
        .where("setting_id", "=", world.schoolA)
        .executeTakeFirstOrThrow()
    ).id;
    const lead = await signedIn("lead@example.org");
    expect(
      (
        await lead.post(`/schedule/${request}`, {
          ...dateFields("date", DAY),
          time: "10:00",
          durationMinutes: "50",
          venue: "Wensum Valley Academy",
          trainerIds: world.users.dan,
        })
      ).status,
    ).toBe(302);
    const session = (
      await world.db
        .selectFrom("delivery_sessions")
        .select("id")
        .where("booking_request_id", "=", request)
        .executeTakeFirstOrThrow()
    ).id;

    expect(
      (
        await lead.post(`/sessions/${session}/change`, {
          intent: "cancel",
          cancelReason: "The school closed for snow.",
        })
      ).status,
    ).toBe(302);
    const req = await world.db
      .selectFrom("booking_requests")
      .select("status")
      .where("id", "=", request)
      .executeTakeFirstOrThrow();
    expect(req.status).toBe("cancelled");
    expect(headings(await (await lead.get(`/sessions/${session}`)).text(), "Cancelled")).toBe(1);
    expect(headings(await (await coord.get(`/bookings/${request}`)).text(), "Cancelled")).toBe(1);
  });
});

describe("the programme's leads hear about requests (issue 12, item 11)", () => {
  it("emails the leads when a school sends a request and when it cancels one", async () => {
    const coord = await signedIn("coord.a@example.org");
    expect(
      (
        await coord.post("/classes/new", {
          intent: "save",
          yearGroup: "8",
          name: "8L",
          pupilCount: "25",
        })
      ).status,
    ).toBe(302);
    const cls = (
      await world.db
        .selectFrom("classes")
        .select("id")
        .where("name", "=", "8L")
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await coord.post("/bookings/new", {
          offeringIds: world.offerings.workshop,
          classes0: cls,
          ...dateFields("date1", weekdayFromToday(25)),
          time1: "11:00",
        })
      ).status,
    ).toBe(302);
    const leadMail = async () =>
      (
        await world.db
          .selectFrom("outbox")
          .select(["subject", "text_body"])
          .where("to_address", "=", "lead@example.org")
          .execute()
      ).map((m) => m.subject);
    expect(
      (await leadMail()).filter((s) => s === "New booking request: Wensum Valley Academy").length,
    ).toBeGreaterThanOrEqual(1);
    const request = (
      await world.db
        .selectFrom("booking_requests")
        .select("id")
        .where("status", "=", "requested")
        .executeTakeFirstOrThrow()
    ).id;
    const page = await (await coord.get(`/bookings/${request}`)).text();
    expect(page).toContain("The programme team will be told.");
    expect(
      (
        await coord.post(`/bookings/${request}`, {
          intent: "cancel",
          reason: "Exams were moved to that week.",
        })
      ).status,
    ).toBe(302);
    expect(await leadMail()).toContain("Booking request cancelled: Wensum Valley Academy");
  });
});

describe("classes (issue 12, item 12)", () => {
  it("refuses a second class with the same name in the same year group, in any case", async () => {
    const coord = await signedIn("coord.a@example.org");
    expect(
      (
        await coord.post("/classes/new", {
          intent: "save",
          yearGroup: "7",
          name: "7Oak",
          pupilCount: "25",
        })
      ).status,
    ).toBe(302);
    const again = await coord.post("/classes/new", {
      intent: "save",
      yearGroup: "7",
      name: "7oak ",
      pupilCount: "26",
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already has a class with this name");
    const rows = await world.db
      .selectFrom("classes")
      .select("id")
      .where("setting_id", "=", world.schoolA)
      .where("year_group", "=", "7")
      .execute();
    expect(rows).toHaveLength(1);
  });
});
