import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateFields } from "~/utils/date-input";
import { formatDay } from "~/utils/dates";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { londonDay, weekdayFromToday } from "../support/time";

// Issue 17, item 3: a lead proposes other dates for a school's request; the coordinator is
// emailed, and accepts one (the lead then schedules it there) or refuses with their words (the
// request is back with the leads). Item 6: once scheduled, the school's booking page shows each
// session's time, venue, room and trainers. Through the real handler; days relative to today.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
});

afterAll(async () => {
  await server?.close();
});

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

async function requestTwilight(coord: Client) {
  const res = await coord.post("/bookings/new", {
    offeringIds: world.offerings.twilight,
    ...dateFields("date1", weekdayFromToday(20)),
    time1: "15:45",
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

async function mailTo(address: string, subjectStart: string) {
  return world.db
    .selectFrom("outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", address)
    .where("subject", "like", `${subjectStart}%`)
    .execute();
}

async function requestRow(id: string) {
  return world.db
    .selectFrom("booking_requests")
    .select(["status", "preferred_dates", "proposed_dates"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

const FIRST = weekdayFromToday(40);
const SECOND = weekdayFromToday(47);

async function propose(lead: Client, id: string) {
  return lead.post(`/schedule/${id}`, {
    intent: "propose",
    ...dateFields("proposed1", FIRST),
    proposedTime1: "15:30",
    ...dateFields("proposed2", SECOND),
    proposalNote: "Our trainers are booked until then.",
  });
}

describe("proposing other dates", () => {
  it("refuses dates in the past and a half-typed date, keeping what was typed", async () => {
    const coord = await signedIn("coord.a@example.org");
    const id = await requestTwilight(coord);
    const lead = await signedIn("lead@example.org");
    const past = await lead.post(`/schedule/${id}`, {
      intent: "propose",
      ...dateFields("proposed1", londonDay(-3)),
    });
    expect(past.status).toBe(400);
    expect(textOf(await past.text())).toContain("The dates you offer must be in the future");
    const half = await lead.post(`/schedule/${id}`, {
      intent: "propose",
      "proposed1-day": "12",
      "proposed1-month": "",
      "proposed1-year": FIRST.slice(0, 4),
    });
    expect(half.status).toBe(400);
    const html = await half.text();
    expect(textOf(html)).toContain("The first date you can offer must include a month");
    expect(html).toMatch(/name="proposed1-day"[^>]*value="12"|value="12"[^>]*name="proposed1-day"/);
    expect((await requestRow(id)).proposed_dates).toBeNull();
  });

  it("blames a past date on the slot it was typed in, and answers a request that is not there with 404", async () => {
    const coord = await signedIn("coord.a@example.org");
    const id = await requestTwilight(coord);
    const lead = await signedIn("lead@example.org");
    const second = await lead.post(`/schedule/${id}`, {
      intent: "propose",
      ...dateFields("proposed1", FIRST),
      ...dateFields("proposed2", londonDay(-3)),
    });
    expect(second.status).toBe(400);
    const html = await second.text();
    expect(html).toContain('id="f-proposed2-error"');
    expect(html).not.toContain('id="f-proposed1-error"');
    expect((await requestRow(id)).proposed_dates).toBeNull();
    const missing = await lead.post("/schedule/no-such-request", {
      intent: "propose",
      ...dateFields("proposed1", FIRST),
    });
    expect(missing.status).toBe(404);
  });

  it("emails the coordinator, who accepts one: it becomes the date the lead schedules", async () => {
    const coord = await signedIn("coord.a@example.org");
    const id = await requestTwilight(coord);
    const lead = await signedIn("lead@example.org");
    const res = await propose(lead, id);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/schedule?proposed=${id}`);
    const mail = await mailTo("coord.a@example.org", "Other dates proposed");
    expect(mail.length).toBe(1);
    expect(mail[0].text_body).toContain(`${formatDay(FIRST)} at 3:30pm`);
    expect(mail[0].text_body).toContain(formatDay(SECOND));
    expect(mail[0].text_body).toContain("Our trainers are booked until then.");
    const audited = await world.db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(audited.map((a) => a.action)).toEqual(["booking.dates_proposed"]);

    // Only the school's coordinator answers: not another school's, not a lead.
    const other = await signedIn("coord.b@example.org");
    expect((await other.post(`/bookings/${id}`, { intent: "accept", proposal: "0" })).status).toBe(
      404,
    );
    expect(textOf(await (await coord.get("/bookings")).text())).toContain(
      "Other dates proposed: answer",
    );
    const page = textOf(await (await coord.get(`/bookings/${id}`)).text());
    expect(page).toContain("Other dates proposed");
    expect(page).toContain("Which date suits you?");

    const accepted = await coord.post(`/bookings/${id}`, { intent: "accept", proposal: "1" });
    expect(accepted.status).toBe(302);
    const row = await requestRow(id);
    expect(row.status).toBe("requested");
    expect(row.proposed_dates).toBeNull();
    expect(JSON.parse(row.preferred_dates)).toEqual([{ date: SECOND, time: null }]);
    const toLead = await mailTo("lead@example.org", "Proposed date accepted");
    expect(toLead.length).toBe(1);
    expect(toLead[0].text_body).toContain(`accepted ${formatDay(SECOND)}`);
    // The schedule form now starts on the accepted date.
    const schedule = await (await lead.get(`/schedule/${id}`)).text();
    const [y, m, d] = SECOND.split("-").map(Number);
    expect(schedule).toMatch(new RegExp(`name="date-day"[^>]*value="${d}"`));
    expect(schedule).toMatch(new RegExp(`name="date-month"[^>]*value="${m}"`));
    expect(schedule).toMatch(new RegExp(`name="date-year"[^>]*value="${y}"`));
    // Answered once: a second answer finds nothing waiting.
    expect((await coord.post(`/bookings/${id}`, { intent: "accept", proposal: "0" })).status).toBe(
      409,
    );
  });

  it("lets the coordinator refuse with their words, which reach the leads and the history", async () => {
    const coord = await signedIn("coord.a@example.org");
    const id = await requestTwilight(coord);
    const lead = await signedIn("lead@example.org");
    expect((await propose(lead, id)).status).toBe(302);
    const empty = await coord.post(`/bookings/${id}`, { intent: "refuse", refuseReason: "" });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain("Enter why none of the dates suits");

    const words = "Those are our exam weeks; any Tuesday after half term works.";
    const refused = await coord.post(`/bookings/${id}`, { intent: "refuse", refuseReason: words });
    expect(refused.status).toBe(302);
    const row = await requestRow(id);
    expect(row.status).toBe("requested");
    expect(row.proposed_dates).toBeNull();
    expect(JSON.parse(row.preferred_dates)).toEqual([
      { date: weekdayFromToday(20), time: "15:45" },
    ]);
    const toLead = (await mailTo("lead@example.org", "Proposed dates refused")).filter((m) =>
      m.text_body.includes(words),
    );
    expect(toLead.length).toBe(1);
    const history = textOf(await (await lead.get(`/bookings/${id}`)).text());
    expect(history).toContain("Proposed dates refused");
    expect(history).toContain(words);
    const actions = await world.db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", id)
      .orderBy("at")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "booking.dates_proposed",
      "booking.dates_refused",
    ]);
  });
});

describe("the school's booking page once scheduled", () => {
  it("shows each session's time, venue, room and trainer", async () => {
    const coord = await signedIn("coord.a@example.org");
    const id = await requestTwilight(coord);
    const lead = await signedIn("lead@example.org");
    const res = await lead.post(`/schedule/${id}`, {
      ...dateFields("date", weekdayFromToday(20)),
      time: "15:45",
      durationMinutes: "90",
      venue: "Wensum Valley Academy",
      room: "The library",
      trainerIds: world.users.dan,
    });
    expect(res.status).toBe(302);
    const page = textOf(await (await coord.get(`/bookings/${id}`)).text());
    expect(page).toContain("3:45pm to 5:15pm");
    expect(page).toContain("Venue Wensum Valley Academy");
    expect(page).toContain("Room The library");
    expect(page).toContain("Trainer Dan Okafor");
  });
});
