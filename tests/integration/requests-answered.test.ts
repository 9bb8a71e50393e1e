import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateFields } from "~/utils/date-input";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { weekdayFromToday } from "../support/time";

// A school's request reaches the leads at once, and a lead can decline it with a reason the
// coordinator is told. Days are relative to today (decision 063).

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
});

afterAll(async () => {
  await server?.close();
});

async function requestTwilight(coord: Client) {
  const res = await coord.post("/bookings/new", {
    offeringIds: world.offerings.twilight,
    ...dateFields("date1", weekdayFromToday(20)),
    time1: "15:45",
    notes: "All teaching staff.",
  });
  expect(res.status).toBe(302);
  return (
    await world.db
      .selectFrom("booking_requests")
      .select("id")
      .where("setting_id", "=", world.schoolA)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow()
  ).id;
}

describe("answering a school's request", () => {
  it("emails every programme lead when a school asks", async () => {
    const coord = await signedIn("coord.a@example.org");
    const before = new Date().toISOString();
    await requestTwilight(coord);
    const mail = await world.db
      .selectFrom("outbox")
      .select(["to_address", "subject", "text_body"])
      .where("subject", "like", "New booking request%")
      .where("created_at", ">=", before)
      .execute();
    expect(mail.map((m) => m.to_address)).toEqual(["lead@example.org"]);
    expect(mail[0].subject).toBe("New booking request: Wensum Valley Academy");
    expect(mail[0].text_body).toContain("Helen Carter at Wensum Valley Academy has asked for:");
    expect(mail[0].text_body).toContain("Twilight CPD for school staff");
  });

  it("lets a lead decline with a reason: the coordinator is emailed it, the request closes, and it cannot be scheduled after", async () => {
    const coord = await signedIn("coord.a@example.org");
    const id = await requestTwilight(coord);
    const lead = await signedIn("lead@example.org");
    expect(textOf(await (await lead.get(`/schedule/${id}`)).text())).toContain(
      "Decline the request",
    );

    const empty = await lead.post(`/schedule/${id}`, { intent: "decline", declineReason: "" });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain("Enter why the request is declined");

    const res = await lead.post(`/schedule/${id}`, {
      intent: "decline",
      declineReason: "No trainer is free before half term; please ask for dates after it.",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/schedule?declined=${id}`);
    expect(
      await world.db
        .selectFrom("booking_requests")
        .select(["status", "cancel_reason"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: "cancelled",
      cancel_reason: "No trainer is free before half term; please ask for dates after it.",
    });
    const mail = await world.db
      .selectFrom("outbox")
      .select(["subject", "text_body"])
      .where("to_address", "=", "coord.a@example.org")
      .where("subject", "like", "Booking request declined%")
      .execute();
    expect(mail.length).toBe(1);
    expect(mail[0].text_body).toContain("Why: No trainer is free before half term");

    const history = textOf(await (await coord.get(`/bookings/${id}`)).text());
    expect(history).toContain("Declined");
    const again = await lead.post(`/schedule/${id}`, { intent: "decline", declineReason: "Twice" });
    expect(again.status).toBe(409);
  });

  it("answers declining a request that is not there with 404", async () => {
    const lead = await signedIn("lead@example.org");
    const res = await lead.post("/schedule/no-such-request", {
      intent: "decline",
      declineReason: "Nothing to decline",
    });
    expect(res.status).toBe(404);
  });

  it("is for leads only: a coordinator or trainer cannot decline", async () => {
    const coord = await signedIn("coord.a@example.org");
    const id = await requestTwilight(coord);
    for (const email of ["coord.a@example.org", "dan@example.org"]) {
      const c = await signedIn(email);
      expect(
        (
          await c.post(`/schedule/${id}`, {
            intent: "decline",
            declineReason: "Not mine to decline",
          })
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await world.db
          .selectFrom("booking_requests")
          .select("status")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("requested");
  });
});
