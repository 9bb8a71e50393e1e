import ICAL from "ical.js";
import { dateFields } from "~/utils/date-input";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import {
  addDays,
  dayMonthYearText,
  freezeServerAt,
  londonAt,
  londonAtIso,
  londonDay,
  nextMonthDay,
  resetServerClock,
  setTerms,
  weekdayFromToday,
  weekdayOf,
  weekdayOnOrAfter,
} from "../support/time";

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;

// Every day below is relative to today (decision 063), and the test sets its own terms around it.
/** The first session day: a weekday a little over two weeks ahead. */
const D1 = weekdayFromToday(16);
/** A weekday in a school holiday, the only day between the test's two terms. */
const HOLIDAY = weekdayFromToday(30);
/** A Tuesday about seven weeks ahead: the first of six weekly group-work meetings. */
const SERIES = (() => {
  let d = londonDay(44);
  while (weekdayOf(d) !== 2) d = addDays(d, 1);
  return d;
})();
/** A July weekday (British Summer Time, UTC+1) and a January weekday (GMT), both over 90 days ahead. */
const JULY = weekdayOnOrAfter(nextMonthDay("07-08", 90));
const JANUARY = weekdayOnOrAfter(nextMonthDay("01-12", 90));

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

/** Noon UTC on a calendar day: the `from` for londonAt, clear of every clock change. */
function noon(day: string) {
  return new Date(`${day}T12:00:00Z`);
}

async function db() {
  return (await import("~/db/db.server")).getDb();
}

let classA: string;
let classB: string;
let requestA: string;
let sessionA: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  await setTerms(world.db, [
    [londonDay(-400), addDays(HOLIDAY, -1)],
    [addDays(HOLIDAY, 1), londonDay(800)],
  ]);
});

afterAll(async () => {
  await resetServerClock();
  await server?.close();
});

describe("classes and requests are scoped to the coordinator's school", () => {
  it("lets a coordinator register a class (counted, never named) and request a session, and emails a receipt", async () => {
    const a = await signedIn("coord.a@example.org");
    const res = await a.post("/classes/new", {
      intent: "save",
      yearGroup: "9",
      name: "9W1",
      pupilCount: "28",
      accessNeeds: "",
    });
    expect(res.status).toBe(302);
    classA = (
      await (
        await db()
      )
        .selectFrom("classes")
        .select("id")
        .where("name", "=", "9W1")
        .executeTakeFirstOrThrow()
    ).id;

    const b = await signedIn("coord.b@example.org");
    expect(
      (
        await b.post("/classes/new", {
          intent: "save",
          yearGroup: "10",
          name: "10H2",
          pupilCount: "30",
        })
      ).status,
    ).toBe(302);
    classB = (
      await (
        await db()
      )
        .selectFrom("classes")
        .select("id")
        .where("name", "=", "10H2")
        .executeTakeFirstOrThrow()
    ).id;

    const req = await a.post("/bookings/new", {
      offeringIds: world.offerings.workshop,
      classes0: classA,
      ...dateFields("date1", D1),
      time1: "10:00",
      notes: "Period 2, please.",
    });
    expect(req.status).toBe(302);
    expect(req.headers.get("location")).toBe("/bookings?sent=1");
    const row = await (
      await db()
    )
      .selectFrom("booking_requests")
      .selectAll()
      .where("setting_id", "=", world.schoolA)
      .executeTakeFirstOrThrow();
    requestA = row.id;
    expect(row.status).toBe("requested");
    const mail = await (
      await db()
    )
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "coord.a@example.org")
      .execute();
    expect(mail.map((m) => m.subject)).toContain("Booking request received: Wensum Valley Academy");
  });

  it("answers 404 when a coordinator of school A opens, edits or removes school B's class by its id", async () => {
    const a = await signedIn("coord.a@example.org");
    expect((await a.get(`/classes/${classB}`)).status).toBe(404);
    expect(
      (
        await a.post(`/classes/${classB}`, {
          intent: "save",
          yearGroup: "10",
          name: "Renamed",
          pupilCount: "1",
        })
      ).status,
    ).toBe(404);
    expect((await a.post(`/classes/${classB}`, { intent: "archive" })).status).toBe(404);
    const row = await (
      await db()
    )
      .selectFrom("classes")
      .selectAll()
      .where("id", "=", classB)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "10H2", pupil_count: 30, archived_at: null });
    const list = textOf(await (await a.get("/classes")).text());
    expect(list).toContain("9W1");
    expect(list).not.toContain("10H2");
  });

  it("refuses to add a class to another school by changing the school id", async () => {
    const a = await signedIn("coord.a@example.org");
    const res = await a.post("/classes/new", {
      intent: "save",
      settingId: world.schoolB,
      yearGroup: "7",
      name: "Sneaky",
      pupilCount: "20",
    });
    expect(res.status).toBe(403);
    expect(
      await (
        await db()
      )
        .selectFrom("classes")
        .select("id")
        .where("name", "=", "Sneaky")
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("answers 404 when a coordinator of school B opens or cancels school A's request, and will not book A's classes", async () => {
    const b = await signedIn("coord.b@example.org");
    expect((await b.get(`/bookings/${requestA}`)).status).toBe(404);
    expect(
      (await b.post(`/bookings/${requestA}`, { intent: "cancel", reason: "Not mine" })).status,
    ).toBe(404);
    expect(
      (
        await (
          await db()
        )
          .selectFrom("booking_requests")
          .select("status")
          .where("id", "=", requestA)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("requested");
    expect(textOf(await (await b.get("/bookings")).text())).not.toContain("Classroom workshop");

    const stolen = await b.post("/bookings/new", {
      settingId: world.schoolB,
      offeringIds: world.offerings.workshop,
      classes0: classA,
      ...dateFields("date1", addDays(D1, 1)),
    });
    expect(stolen.status).toBe(400);
    expect(textOf(await stolen.text())).toContain("Choose classes from your school");
    const asA = await b.post("/bookings/new", {
      settingId: world.schoolA,
      offeringIds: world.offerings.twilight,
      ...dateFields("date1", addDays(D1, 1)),
    });
    expect(asA.status).toBe(403);
    expect(
      await (
        await db()
      )
        .selectFrom("booking_requests")
        .select("id")
        .where("setting_id", "=", world.schoolB)
        .execute(),
    ).toHaveLength(0);
  });

  it("keeps coordinators out of the leads' pages", async () => {
    const a = await signedIn("coord.a@example.org");
    expect((await a.get("/schedule")).status).toBe(403);
    expect((await a.get(`/schedule/${requestA}`)).status).toBe(403);
    expect((await a.get("/programmes")).status).toBe(403);
  });
});

describe("scheduling with clash checks", () => {
  let requestB: string;

  it("confirms a request with a trainer, emailing the coordinator and the trainer an .ics invite", async () => {
    const lead = await signedIn("lead@example.org");
    const res = await lead.post(`/schedule/${requestA}`, {
      ...dateFields("date", D1),
      time: "10:00",
      durationMinutes: "50",
      venue: "Wensum Valley Academy",
      room: "Room 4",
      trainerIds: world.users.dan,
    });
    expect(res.status).toBe(302);
    const s = await (
      await db()
    )
      .selectFrom("delivery_sessions")
      .selectAll()
      .where("booking_request_id", "=", requestA)
      .executeTakeFirstOrThrow();
    sessionA = s.id;
    expect(s).toMatchObject({
      status: "scheduled",
      starts_at: londonAtIso(0, "10:00", noon(D1)),
      ends_at: londonAtIso(0, "10:50", noon(D1)),
      setting_id: world.schoolA,
    });
    const outbox = await (await db()).selectFrom("outbox").selectAll().execute();
    const confirmed = outbox.find(
      (m) => m.to_address === "coord.a@example.org" && m.subject.startsWith("Booking confirmed"),
    );
    const assigned = outbox.find(
      (m) => m.to_address === "dan@example.org" && m.subject.startsWith("New session for you"),
    );
    for (const m of [confirmed, assigned]) {
      expect(m).toBeTruthy();
      const [att] = JSON.parse(m!.attachments!) as { content: string }[];
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(att.content)).getFirstSubcomponent("vevent")!,
      );
      expect(event.startDate.toJSDate().toISOString()).toBe(londonAtIso(0, "10:00", noon(D1)));
    }
  });

  it("refuses a trainer booked elsewhere within the travel buffer, with the reason, and accepts another trainer", async () => {
    const b = await signedIn("coord.b@example.org");
    expect(
      (
        await b.post("/bookings/new", {
          offeringIds: world.offerings.workshop,
          classes0: classB,
          ...dateFields("date1", D1),
          time1: "11:00",
        })
      ).status,
    ).toBe(302);
    requestB = (
      await (
        await db()
      )
        .selectFrom("booking_requests")
        .select("id")
        .where("setting_id", "=", world.schoolB)
        .executeTakeFirstOrThrow()
    ).id;

    const lead = await signedIn("lead@example.org");
    const form = {
      ...dateFields("date", D1),
      time: "11:00",
      durationMinutes: "50",
      venue: "Harbour Reach Academy",
      trainerIds: world.users.dan,
    };
    const refused = await lead.post(`/schedule/${requestB}`, form);
    expect(refused.status).toBe(409);
    const text = textOf(await refused.text());
    expect(text).toContain("This cannot be booked");
    expect(text).toContain(
      "Dan Okafor is booked for “Classroom workshop (Years 7–12)” at Wensum Valley Academy",
    );
    expect(text).toContain("needs 30 minutes to travel between venues");
    expect(
      await (
        await db()
      )
        .selectFrom("delivery_sessions")
        .select("id")
        .where("booking_request_id", "=", requestB)
        .execute(),
    ).toHaveLength(0);

    const lapsed = await lead.post(`/schedule/${requestB}`, {
      ...form,
      trainerIds: world.users.rob,
    });
    expect(lapsed.status).toBe(409);
    expect(textOf(await lapsed.text())).toContain(
      `Rob Whitlock’s safeguarding training lapsed on ${dayMonthYearText(londonDay(-60))}`,
    );

    expect(
      (await lead.post(`/schedule/${requestB}`, { ...form, trainerIds: world.users.megan })).status,
    ).toBe(302);
  });

  it("warns about a date outside term and books it only with a recorded reason", async () => {
    const a = await signedIn("coord.a@example.org");
    expect(
      (
        await a.post("/bookings/new", {
          offeringIds: world.offerings.twilight,
          ...dateFields("date1", HOLIDAY),
        })
      ).status,
    ).toBe(302);
    const req = (
      await (
        await db()
      )
        .selectFrom("booking_requests")
        .select("id")
        .where("setting_id", "=", world.schoolA)
        .where("status", "=", "requested")
        .executeTakeFirstOrThrow()
    ).id;
    const lead = await signedIn("lead@example.org");
    const form = {
      ...dateFields("date", HOLIDAY),
      time: "15:45",
      durationMinutes: "90",
      venue: "Wensum Valley Academy",
      trainerIds: world.users.dan,
    };
    const warned = await lead.post(`/schedule/${req}`, form);
    expect(warned.status).toBe(400);
    const text = textOf(await warned.text());
    expect(text).toContain(
      `${dayMonthYearText(HOLIDAY)} is not in any term (it falls in a school holiday).`,
    );
    expect(text).toContain("Reason for booking despite the warnings");
    const noReason = await lead.post(`/schedule/${req}`, {
      ...form,
      overrideAsked: "yes",
      overrideReason: "",
    });
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain(
      "Enter your reason for booking despite the warnings",
    );
    const booked = await lead.post(`/schedule/${req}`, {
      ...form,
      overrideReason: "Staff INSET day: the school is open to staff only.",
    });
    expect(booked.status).toBe(302);
    const ev = await (
      await db()
    )
      .selectFrom("session_events")
      .selectAll()
      .where("booking_request_id", "=", req)
      .where("event", "=", "scheduled")
      .where("session_id", "is", null)
      .executeTakeFirstOrThrow();
    expect(ev.reason).toBe("Staff INSET day: the school is open to staff only.");
    expect(JSON.parse(ev.overridden_warnings!)).toEqual([
      `${dayMonthYearText(HOLIDAY)} is not in any term (it falls in a school holiday).`,
    ]);
  });

  it("books a series offering as a weekly series, each meeting checked", async () => {
    const a = await signedIn("coord.a@example.org");
    // Group work takes up to 10: a whole class of 28 is refused; the school registers the small group.
    const tooBig = await a.post("/bookings/new", {
      offeringIds: world.offerings.groupWork,
      classes0: classA,
      ...dateFields("date1", addDays(SERIES, 7)),
    });
    expect(tooBig.status).toBe(400);
    expect(textOf(await tooBig.text())).toContain("takes up to 10 pupils");
    expect(
      (
        await a.post("/classes/new", {
          intent: "save",
          yearGroup: "9",
          name: "Year 9 nurture group",
          pupilCount: "8",
        })
      ).status,
    ).toBe(302);
    const group = (
      await (
        await db()
      )
        .selectFrom("classes")
        .select("id")
        .where("name", "=", "Year 9 nurture group")
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await a.post("/bookings/new", {
          offeringIds: world.offerings.groupWork,
          classes0: group,
          ...dateFields("date1", SERIES),
        })
      ).status,
    ).toBe(302);
    const req = (
      await (
        await db()
      )
        .selectFrom("booking_requests")
        .select("id")
        .where("offering_id", "=", world.offerings.groupWork)
        .executeTakeFirstOrThrow()
    ).id;
    const lead = await signedIn("lead@example.org");
    expect(
      (
        await lead.post(`/schedule/${req}`, {
          ...dateFields("date", SERIES),
          time: "13:30",
          durationMinutes: "60",
          venue: "Wensum Valley Academy",
          trainerIds: world.users.megan,
        })
      ).status,
    ).toBe(302);
    const meetings = await (
      await db()
    )
      .selectFrom("delivery_sessions")
      .select(["starts_at", "series_index"])
      .where("booking_request_id", "=", req)
      .orderBy("starts_at")
      .execute();
    expect(meetings.map((m) => m.starts_at)).toEqual(
      [0, 7, 14, 21, 28, 35].map((n) => londonAtIso(0, "13:30", noon(addDays(SERIES, n)))),
    );
    expect(meetings.map((m) => m.series_index)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("trainers see only their own sessions", () => {
  it("answers 404 when a trainer opens, records attendance on, or downloads a session they are not assigned to", async () => {
    const megan = await signedIn("megan@example.org");
    expect((await megan.get(`/sessions/${sessionA}`)).status).toBe(404);
    expect((await megan.get(`/sessions/${sessionA}/attendance`)).status).toBe(404);
    expect(
      (await megan.post(`/sessions/${sessionA}/attendance`, { [`class-${classA}`]: "20" })).status,
    ).toBe(404);
    expect((await megan.post(`/sessions/${sessionA}`, { intent: "deliver" })).status).toBe(404);
    expect((await megan.get(`/sessions/${sessionA}/session.ics`)).status).toBe(404);
    const list = await (await megan.get("/sessions")).text();
    expect(list).toContain("Extended group work");
    expect(list).not.toContain(`/sessions/${sessionA}`);

    const dan = await signedIn("dan@example.org");
    const page = await dan.get(`/sessions/${sessionA}`);
    expect(page.status).toBe(200);
    expect(textOf(await page.text())).toContain("Room 4, Wensum Valley Academy");
  });

  it("lets the school's coordinator download the session's .ics, but not another school's coordinator", async () => {
    const a = await signedIn("coord.a@example.org");
    const ics = await a.get(`/sessions/${sessionA}/session.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const b = await signedIn("coord.b@example.org");
    expect((await b.get(`/sessions/${sessionA}/session.ics`)).status).toBe(404);
  });
});

describe("calendar feed", () => {
  it("gives the right instants for a July (BST) and a December (GMT) session, stores only the token's hash, and stops the old link on reset", async () => {
    const a = await signedIn("coord.a@example.org");
    expect(
      (
        await a.post("/bookings/new", {
          offeringIds: world.offerings.workshop,
          classes0: classA,
          ...dateFields("date1", JULY),
          time1: "10:00",
        })
      ).status,
    ).toBe(302);
    const req = (
      await (
        await db()
      )
        .selectFrom("booking_requests")
        .select("id")
        .where("preferred_dates", "like", `%${JULY}%`)
        .executeTakeFirstOrThrow()
    ).id;
    const lead = await signedIn("lead@example.org");
    expect(
      (
        await lead.post(`/schedule/${req}`, {
          ...dateFields("date", JULY),
          time: "10:00",
          durationMinutes: "50",
          venue: "Wensum Valley Academy",
          trainerIds: world.users.dan,
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await a.post("/bookings/new", {
          offeringIds: world.offerings.workshop,
          classes0: classA,
          ...dateFields("date1", JANUARY),
          time1: "10:00",
        })
      ).status,
    ).toBe(302);
    const winter = (
      await (
        await db()
      )
        .selectFrom("booking_requests")
        .select("id")
        .where("preferred_dates", "like", `%${JANUARY}%`)
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await lead.post(`/schedule/${winter}`, {
          ...dateFields("date", JANUARY),
          time: "10:00",
          durationMinutes: "50",
          venue: "Wensum Valley Academy",
          trainerIds: world.users.dan,
        })
      ).status,
    ).toBe(302);

    const dan = await signedIn("dan@example.org");
    const made = await dan.post("/sessions/calendar-feed", { intent: "reset" });
    expect(made.status).toBe(200);
    const url = /https?:\/\/[^\s"<>]+\/calendar\/([a-z2-7]{32})\/lantern\.ics/.exec(
      await made.text(),
    );
    expect(url).toBeTruthy();
    const token = url![1];
    const stored = await (
      await db()
    )
      .selectFrom("calendar_feeds")
      .selectAll()
      .where("user_id", "=", world.users.dan)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token);

    const feed = await fetch(`${server.url}/calendar/${token}/lantern.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const events = new ICAL.Component(ICAL.parse(await feed.text()))
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v));
    const starts = events.map((e) => ({
      start: e.startDate.toJSDate().toISOString(),
      summary: e.summary,
    }));
    // 10am London: 09:00 UTC in July (BST), 10:00 UTC in December (GMT).
    expect(starts).toContainEqual({
      start: `${JULY}T09:00:00.000Z`,
      summary: "Classroom workshop (Years 7–12) — Wensum Valley Academy",
    });
    expect(starts).toContainEqual({
      start: `${JANUARY}T10:00:00.000Z`,
      summary: "Classroom workshop (Years 7–12) — Wensum Valley Academy",
    });
    // Megan's series is not in Dan's feed.
    expect(events.some((e) => e.summary.includes("Extended group work"))).toBe(false);

    expect((await dan.post("/sessions/calendar-feed", { intent: "reset" })).status).toBe(200);
    expect((await fetch(`${server.url}/calendar/${token}/lantern.ics`)).status).toBe(404);
  });
});

describe("lifecycle", () => {
  it("cancels a session with a reason, records who and when, and emails the trainer and the school", async () => {
    const july = (
      await (
        await db()
      )
        .selectFrom("delivery_sessions")
        .select("id")
        .where("starts_at", "=", `${JULY}T09:00:00.000Z`)
        .executeTakeFirstOrThrow()
    ).id;
    const lead = await signedIn("lead@example.org");
    const res = await lead.post(`/sessions/${july}/change`, {
      intent: "cancel",
      cancelReason: "Sports day moved to that morning.",
    });
    expect(res.status).toBe(302);
    const row = await (
      await db()
    )
      .selectFrom("delivery_sessions")
      .select("status")
      .where("id", "=", july)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("cancelled");
    const ev = await (
      await db()
    )
      .selectFrom("session_events")
      .selectAll()
      .where("session_id", "=", july)
      .where("event", "=", "cancelled")
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({
      actor_user_id: world.users.lead,
      reason: "Sports day moved to that morning.",
      from_status: "scheduled",
      to_status: "cancelled",
    });
    const mail = await (
      await db()
    )
      .selectFrom("outbox")
      .select(["to_address", "subject"])
      .where("subject", "like", "Cancelled:%")
      .execute();
    expect(mail.map((m) => m.to_address).sort()).toEqual([
      "coord.a@example.org",
      "dan@example.org",
    ]);
    const page = textOf(await (await lead.get(`/sessions/${july}`)).text());
    expect(page).toContain("Sports day moved to that morning.");
    expect(page).toContain("by Priya Shah");
  });

  it("needs attendance before a session is marked delivered, then counts it on the programme", async () => {
    await freezeServerAt(londonAt(0, "11:00", noon(D1)));
    const dan = await signedIn("dan@example.org");
    const early = await dan.post(`/sessions/${sessionA}`, { intent: "deliver" });
    expect(early.status).toBe(409);
    expect(textOf(await early.text())).toContain(
      "Record attendance before marking the session delivered.",
    );
    const tooMany = await dan.post(`/sessions/${sessionA}/attendance`, {
      [`class-${classA}`]: "29",
    });
    expect(tooMany.status).toBe(400);
    expect(textOf(await tooMany.text())).toContain(
      "has 28 pupils, so no more than 28 can have attended",
    );
    expect(
      (await dan.post(`/sessions/${sessionA}/attendance`, { [`class-${classA}`]: "26" })).status,
    ).toBe(302);
    expect((await dan.post(`/sessions/${sessionA}`, { intent: "deliver" })).status).toBe(302);

    const lead = await signedIn("lead@example.org");
    const programme = textOf(await (await lead.get(`/programmes/${world.programme}`)).text());
    expect(programme).toContain("1 of 120 (1%)");
    expect(programme).toContain("26 of 8,600 (0%)");
  });

  it("moves a meeting to a new time after checking it, and records the change; a move into a clash is refused", async () => {
    const first = await (
      await db()
    )
      .selectFrom("delivery_sessions")
      .select(["id", "booking_request_id"])
      .where("starts_at", "=", londonAtIso(0, "13:30", noon(SERIES)))
      .executeTakeFirstOrThrow();
    const lead = await signedIn("lead@example.org");
    const base = {
      intent: "reschedule",
      durationMinutes: "60",
      venue: "Wensum Valley Academy",
      trainerIds: world.users.megan,
      reason: "The group has a trip that day.",
    };
    const clash = await lead.post(`/sessions/${first.id}/change`, {
      ...base,
      ...dateFields("date", addDays(SERIES, 7)),
      time: "13:00",
    });
    expect(clash.status).toBe(409);
    expect(textOf(await clash.text())).toContain(
      "Megan Hollis is already booked for “Extended group work (6 weeks)”",
    );
    const moved = await lead.post(`/sessions/${first.id}/change`, {
      ...base,
      ...dateFields("date", addDays(SERIES, 1)),
      time: "13:30",
    });
    expect(moved.status).toBe(302);
    const row = await (
      await db()
    )
      .selectFrom("delivery_sessions")
      .select(["starts_at", "status"])
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      starts_at: londonAtIso(0, "13:30", noon(addDays(SERIES, 1))),
      status: "scheduled",
    });
    const ev = await (
      await db()
    )
      .selectFrom("session_events")
      .selectAll()
      .where("session_id", "=", first.id)
      .where("event", "=", "rescheduled")
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({
      actor_user_id: world.users.lead,
      reason: "The group has a trip that day.",
    });
    const mail = await (
      await db()
    )
      .selectFrom("outbox")
      .select(["to_address", "subject"])
      .where("subject", "like", "Session moved:%")
      .execute();
    expect(mail.map((m) => m.to_address).sort()).toEqual([
      "coord.a@example.org",
      "megan@example.org",
    ]);

    const postponed = await lead.post(`/sessions/${first.id}/change`, {
      intent: "postpone",
      postponeReason: "Trainer unwell.",
    });
    expect(postponed.status).toBe(302);
    expect(
      (
        await (
          await db()
        )
          .selectFrom("delivery_sessions")
          .select("status")
          .where("id", "=", first.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("postponed");
  });
});
