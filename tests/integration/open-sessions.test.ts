import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { decodeQuotedPrintable, startSmtpServer, type ReceivedMail } from "../support/smtp";
import { MONTHS } from "~/utils/dates";
import { addDays, monthEnd, monthStartFromToday, nextMonthDay } from "../support/time";

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let programmeId: string;
let parentsOffering: string;
let teachersOffering: string;
let norwich: string;
let yarmouth: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // TRUST_PROXY: the concurrency test books from 50 addresses (one address may book only a few places).
  server = await startTestServer({ SMTP_URL: smtp.url, TRUST_PROXY: "1" });
  const { getDb } = await import("~/db/db.server");
  const f = await import("~/seed/factories/sessions.server");
  const db = getDb();
  programmeId = await f.insertProgramme(db, { name: "SOS+" });
  parentsOffering = await f.insertOffering(db, {
    programmeId,
    title: "Keeping your child safe: a session for parents",
    audience: "parents",
    openToPublic: true,
  });
  teachersOffering = await f.insertOffering(db, {
    programmeId,
    title: "Spotting exploitation: twilight CPD",
    audience: "teachers",
    format: "twilight_cpd",
    openToPublic: true,
  });
  norwich = await f.districtIdByCode(db, "E07000148");
  yarmouth = await f.districtIdByCode(db, "E07000145");
});

afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
  await smtp?.close();
});

async function deliverOutbox() {
  const { getDb } = await import("~/db/db.server");
  const { deliverDue } = await import("~/email/outbox.server");
  let total = 0;
  for (;;) {
    const { sent } = await deliverDue(getDb(), 100);
    total += sent;
    if (sent === 0) return total;
  }
}

async function newSession(opts: {
  startsAt: Date;
  capacity?: number;
  districtId?: string;
  offeringId?: string;
  venue?: string;
}) {
  const { getDb } = await import("~/db/db.server");
  const { insertSession } = await import("~/seed/factories/sessions.server");
  return insertSession(getDb(), {
    programmeId,
    offeringId: opts.offeringId ?? parentsOffering,
    startsAt: opts.startsAt,
    capacity: opts.capacity ?? 20,
    isOpen: true,
    districtId: opts.districtId ?? norwich,
    venue: opts.venue ?? "The Forum, Millennium Plain, Norwich",
  });
}

function inDays(days: number) {
  return new Date(Date.now() + days * 24 * 3600_000);
}

/** The decoded body of a MIME part by its filename, from the raw message the SMTP server received. */
function attachment(mail: ReceivedMail, filename: string): string | undefined {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(mail.raw)?.[1];
  if (!boundary) return undefined;
  for (const part of mail.raw.split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    const head = part.slice(0, split);
    if (
      !new RegExp(`filename="?${filename.replace(".", "\\.")}`, "i").test(
        head.replace(/\r\n\s+/g, " "),
      )
    )
      continue;
    const body = part.slice(split + 4).trim();
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (encoding === "base64")
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
    return body;
  }
  return undefined;
}

function mailTo(address: string, subject: RegExp) {
  return smtp.received.filter((m) => m.to.includes(address) && subject.test(decodeHeader(m.raw)));
}

/** The Subject header, with RFC 2047 encoded words decoded. */
function decodeHeader(raw: string) {
  const head = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n\s+/g, " ");
  const subject = /^subject:\s*(.*)$/im.exec(head)?.[1] ?? "";
  return subject.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

function cancelLinkIn(mail: ReceivedMail) {
  const link = /https?:\/\/[^\s"<>]+\/sessions\/open\/cancel\/[a-z2-7]{32}/.exec(
    decodeQuotedPrintable(mail.raw),
  )?.[0];
  expect(link, "a cancel link in the email").toBeTruthy();
  return new URL(link!).pathname;
}

describe("booking an open session under load", () => {
  it("takes 50 concurrent bookings for the last place: exactly one is confirmed, 49 wait in one order; a cancellation promotes the first in line and emails them", async () => {
    const sessionId = await newSession({ startsAt: inDays(10), capacity: 2 });
    // One place is already taken.
    const first = await new Client(server.url).post(`/sessions/open/${sessionId}`, {
      name: "Early Bird",
      email: "early@example.org",
    });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(
      `/sessions/open/${sessionId}/booked?status=confirmed`,
    );

    const N = 50;
    const results = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const res = await new Client(server.url).post(
          `/sessions/open/${sessionId}`,
          {
            name: `Parent ${i}`,
            email: `parent${i}@example.org`,
            organisation: "Colman Road Primary School",
            accessNeeds: "",
          },
          { "x-forwarded-for": `10.50.0.${i + 1}` },
        );
        return { i, status: res.status, location: res.headers.get("location") ?? "" };
      }),
    );
    expect(results.every((r) => r.status === 302)).toBe(true);
    const confirmed = results.filter((r) => r.location.endsWith("status=confirmed"));
    const waiting = results.filter((r) => r.location.includes("status=waiting"));
    expect(confirmed).toHaveLength(1);
    expect(waiting).toHaveLength(N - 1);
    // Each waiting booker was told a distinct place in the queue: 1 … 49.
    const positions = waiting
      .map((r) => Number(new URL(r.location, server.url).searchParams.get("position")))
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: N - 1 }, (_, k) => k + 1));

    const { getDb } = await import("~/db/db.server");
    const rows = await getDb()
      .selectFrom("registrations")
      .select(["email", "status", "created_at"])
      .where("session_id", "=", sessionId)
      .orderBy("created_at")
      .execute();
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(2);
    expect(rows.filter((r) => r.status === "waiting")).toHaveLength(N - 1);
    expect(new Set(rows.map((r) => r.created_at)).size).toBe(rows.length);

    // The page says it is full.
    const page = textOf(
      await (await new Client(server.url).get(`/sessions/open/${sessionId}`)).text(),
    );
    expect(page).toContain("Full. 49 people are on the waiting list.");
    expect(page).toContain("Join the waiting list");

    const firstInLine = waiting.find((r) => r.location.endsWith("position=1"))!;
    const firstInLineEmail = `parent${firstInLine.i}@example.org`;
    expect(rows.find((r) => r.status === "waiting")!.email).toBe(firstInLineEmail);

    await deliverOutbox();
    const winnerEmail = `parent${confirmed[0].i}@example.org`;
    const confirmation = mailTo(winnerEmail, /Your place is booked/);
    expect(confirmation).toHaveLength(1);
    expect(mailTo(firstInLineEmail, /waiting list/)).toHaveLength(1);
    expect(decodeQuotedPrintable(mailTo(firstInLineEmail, /waiting list/)[0].raw)).toContain(
      "You are number 1 in the queue",
    );

    // The cancel link: opening it changes nothing; the button cancels.
    const cancelPath = cancelLinkIn(confirmation[0]);
    const c = new Client(server.url);
    const view = await c.get(cancelPath);
    expect(view.status).toBe(200);
    expect(textOf(await view.text())).toContain("Cancel your place");
    expect(
      (
        await getDb()
          .selectFrom("registrations")
          .select("status")
          .where("email", "=", winnerEmail)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("confirmed");

    const before = smtp.received.length;
    const cancel = await c.post(cancelPath, {});
    expect(cancel.status).toBe(302);
    const after = await getDb()
      .selectFrom("registrations")
      .select(["email", "status", "promoted_at"])
      .where("session_id", "=", sessionId)
      .execute();
    expect(after.find((r) => r.email === winnerEmail)!.status).toBe("cancelled");
    const promoted = after.find((r) => r.email === firstInLineEmail)!;
    expect(promoted.status).toBe("confirmed");
    expect(promoted.promoted_at).toBeTruthy();
    expect(after.filter((r) => r.status === "confirmed")).toHaveLength(2);
    expect(after.filter((r) => r.status === "waiting")).toHaveLength(N - 2);

    // The promotion email goes out over SMTP, with the invitation and a fresh cancel link.
    await deliverOutbox();
    const news = smtp.received.slice(before).filter((m) => m.to.includes(firstInLineEmail));
    expect(news).toHaveLength(1);
    expect(decodeHeader(news[0].raw)).toContain("A place has come up for you");
    expect(attachment(news[0], "invite.ics")).toContain("BEGIN:VEVENT");
    const promotedCancel = cancelLinkIn(news[0]);
    expect(textOf(await (await c.get(promotedCancel)).text())).toContain("Cancel your place");

    // The used link now only says it is done, and cannot cancel anything else.
    expect(textOf(await (await c.get(cancelPath)).text())).toContain("Booking cancelled");
    const again = await c.post(cancelPath, {});
    expect(again.status).toBe(302);
    expect(
      (
        await getDb()
          .selectFrom("registrations")
          .select("status")
          .where("email", "=", firstInLineEmail)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("confirmed");
  });

  it("answers a second booking for the same email exactly like a new one and tells the person by email, and shows errors for an empty form (issue 11, finding 12)", async () => {
    const sessionId = await newSession({ startsAt: inDays(12) });
    const c = new Client(server.url);
    const first = await c.post(`/sessions/open/${sessionId}`, {
      name: "Sam",
      email: "sam@example.org",
    });
    expect(first.status).toBe(302);
    // Someone who knows Sam's address learns nothing from the page: the same answer as anyone's.
    const dup = await new Client(server.url).post(`/sessions/open/${sessionId}`, {
      name: "Sam",
      email: "SAM@example.org",
    });
    const stranger = await new Client(server.url).post(`/sessions/open/${sessionId}`, {
      name: "Someone Else",
      email: "someone-else@example.org",
    });
    expect(dup.status).toBe(stranger.status);
    expect(dup.headers.get("location")).toBe(stranger.headers.get("location"));
    expect(textOf(await dup.text())).not.toContain("already");
    const { getDb } = await import("~/db/db.server");
    expect(
      (
        await getDb()
          .selectFrom("registrations")
          .select("id")
          .where("session_id", "=", sessionId)
          .where("email", "=", "sam@example.org")
          .execute()
      ).length,
    ).toBe(1);
    const mails = await getDb()
      .selectFrom("outbox")
      .select("subject")
      .where("to_address", "=", "sam@example.org")
      .execute();
    expect(mails.map((m) => m.subject)).toContainEqual(
      expect.stringMatching(/^You already have a place/),
    );
    const empty = await c.post(`/sessions/open/${sessionId}`, { name: "", email: "not-an-email" });
    expect(empty.status).toBe(400);
    const text = textOf(await empty.text());
    expect(text).toContain("Enter your full name");
    expect(text).toContain("Enter an email address in the correct format");
  });
});

describe("calendar invitations", () => {
  it("attaches an .ics that ical.js reads as the right instant for a July (BST) and a December (GMT) session", async () => {
    const { londonToUtc } = await import("~/utils/dates");
    // The next 8 July (British Summer Time, UTC+1) and the next 9 December (GMT), whatever today is.
    const july = nextMonthDay("07-08");
    const december = nextMonthDay("12-09");
    for (const [date, expected] of [
      [july, `${july}T17:30:00.000Z`],
      [december, `${december}T18:30:00.000Z`],
    ] as const) {
      const sessionId = await newSession({
        startsAt: londonToUtc(date, "18:30"),
        venue: "Sprowston Community Centre",
      });
      const email = `ics-${date}@example.org`;
      expect(
        (
          await new Client(server.url).post(`/sessions/open/${sessionId}`, {
            name: "Cal Endar",
            email,
          })
        ).status,
      ).toBe(302);
      await deliverOutbox();
      const [mail] = mailTo(email, /Your place is booked/);
      const ics = attachment(mail, "invite.ics");
      expect(ics).toBeTruthy();
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(ics!)).getFirstSubcomponent("vevent")!,
      );
      expect(event.startDate.toJSDate().toISOString()).toBe(expected);
      expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(
        90 * 60_000,
      );
      expect(event.summary).toBe("Keeping your child safe: a session for parents");
      expect(event.location).toBe("Sprowston Community Centre");
      // The email itself states the London time.
      expect(decodeQuotedPrintable(mail.raw)).toContain("6:30pm to 8pm");
      // The booking page's download gives the same instant.
      const download = await fetch(`${server.url}/sessions/open/${sessionId}/calendar`);
      expect(download.headers.get("content-type")).toContain("text/calendar");
      const downloaded = new ICAL.Event(
        new ICAL.Component(ICAL.parse(await download.text())).getFirstSubcomponent("vevent")!,
      );
      expect(downloaded.startDate.toJSDate().toISOString()).toBe(expected);
    }
  });
});

describe("the public list", () => {
  it("filters by district, audience and date range from the URL, and leaves out past, closed and cancelled sessions", async () => {
    const { getDb } = await import("~/db/db.server");
    const { insertSession } = await import("~/seed/factories/sessions.server");
    const { londonToUtc } = await import("~/utils/dates");
    // A month about two months ahead: two sessions in it, one in the month after.
    const first = monthStartFromToday(62);
    const last = monthEnd(first);
    await newSession({
      startsAt: londonToUtc(addDays(first, 2), "18:00"),
      districtId: yarmouth,
      venue: "Yarmouth Library",
    });
    await newSession({
      startsAt: londonToUtc(addDays(first, 19), "16:00"),
      districtId: yarmouth,
      offeringId: teachersOffering,
      venue: "Harbour Reach Academy",
    });
    await newSession({
      startsAt: londonToUtc(addDays(first, 37), "18:00"),
      districtId: yarmouth,
      venue: "Gorleston Beacon Hall",
    });
    await insertSession(getDb(), {
      programmeId,
      offeringId: parentsOffering,
      startsAt: londonToUtc(addDays(first, 4), "18:00"),
      isOpen: true,
      status: "cancelled",
      districtId: yarmouth,
      venue: "Cancelled Hall",
    });
    await insertSession(getDb(), {
      programmeId,
      offeringId: parentsOffering,
      startsAt: londonToUtc(addDays(first, 5), "18:00"),
      isOpen: false,
      districtId: yarmouth,
      venue: "Closed School",
    });
    await insertSession(getDb(), {
      programmeId,
      offeringId: parentsOffering,
      startsAt: inDays(-3),
      isOpen: true,
      districtId: yarmouth,
      venue: "Past Hall",
    });

    const c = new Client(server.url);
    const all = textOf(await (await c.get(`/sessions/open?district=${yarmouth}`)).text());
    expect(all).toContain("Yarmouth Library");
    expect(all).toContain("Harbour Reach Academy");
    expect(all).toContain("Gorleston Beacon Hall");
    expect(all).not.toContain("Cancelled Hall");
    expect(all).not.toContain("Closed School");
    expect(all).not.toContain("Past Hall");
    expect(all).not.toContain("The Forum");

    const teachers = textOf(
      await (await c.get(`/sessions/open?district=${yarmouth}&audience=teachers`)).text(),
    );
    expect(teachers).toContain("Harbour Reach Academy");
    expect(teachers).not.toContain("Yarmouth Library");

    const feb = textOf(
      await (
        await c.get(`/sessions/open?district=${yarmouth}&audience=parents&from=${first}&to=${last}`)
      ).text(),
    );
    expect(feb).toContain("1 session");
    expect(feb).toContain("Yarmouth Library");
    expect(feb).not.toContain("Gorleston Beacon Hall");

    const bad = await c.get(`/sessions/open?from=${first.slice(0, 4)}-13-45`);
    expect(bad.status).toBe(200);
    expect(textOf(await bad.text())).toContain("The ‘from’ date must be a real date");

    // The form itself sends GOV.UK date inputs, day, month and year (issue 17, item 14); a GET
    // form, so this is what a browser with JavaScript off asks for. A month may be a name.
    const monthName = MONTHS[Number(first.slice(5, 7)) - 1]!.slice(0, 4);
    const parts = (name: string, iso: string, month = String(Number(iso.slice(5, 7)))) =>
      `${name}-day=${Number(iso.slice(8))}&${name}-month=${month}&${name}-year=${iso.slice(0, 4)}`;
    const byParts = await (
      await c.get(
        `/sessions/open?district=${yarmouth}&audience=parents&${parts("from", first, monthName)}&${parts("to", last)}`,
      )
    ).text();
    expect(textOf(byParts)).toContain("1 session");
    expect(textOf(byParts)).toContain("Yarmouth Library");
    expect(textOf(byParts)).not.toContain("Gorleston Beacon Hall");
    expect(textOf(byParts)).not.toContain("There is a problem");
    // What was typed is shown again as typed (the month's name stays a name).
    expect(byParts).toMatch(new RegExp(`name="from-month"[^>]*value="${monthName}"`));

    // A day that does not exist and a date without its month: each is reported in the Design
    // System's words, linked to the field, the parts typed are kept, and the other filters apply.
    const year = first.slice(0, 4);
    const wrong = await c.get(
      `/sessions/open?district=${yarmouth}&from-day=31&from-month=2&from-year=${year}&to-day=3&to-month=&to-year=${year}`,
    );
    expect(wrong.status).toBe(200);
    const html = await wrong.text();
    expect(textOf(html)).toContain("The ‘from’ date must be a real date");
    expect(textOf(html)).toContain("The ‘to’ date must include a month");
    expect(html).toMatch(/name="from-day"[^>]*value="31"/);
    expect(html).toMatch(/name="to-day"[^>]*value="3"/);
    expect(html).toMatch(/href="#f-from"/);
    // Only the parts in error are highlighted: the ‘to’ date's month, the ‘from’ date's day.
    expect(html).toMatch(/class="[^"]*govuk-input--error"[^>]*name="to-month"/);
    expect(html).not.toMatch(/class="[^"]*govuk-input--error"[^>]*name="to-day"/);
    expect(html).toMatch(/class="[^"]*govuk-input--error"[^>]*name="from-day"/);
    expect(html).not.toMatch(/class="[^"]*govuk-input--error"[^>]*name="from-month"/);
    expect(textOf(html)).toContain("Gorleston Beacon Hall");
  });
});

describe("reminders and cancellations by a lead", () => {
  it("sends one reminder 48 hours before to those who booked earlier, once, however often the job runs", async () => {
    const { getDb } = await import("~/db/db.server");
    const { sendDueReminders } = await import("~/sessions/open.server");
    const { clock } = await import("~/utils/clock.server");
    const start = inDays(5);
    const sessionId = await newSession({ startsAt: start, venue: "Reminder Hall" });
    const c = new Client(server.url);
    await c.post(`/sessions/open/${sessionId}`, {
      name: "Rita Reminder",
      email: "rita@example.org",
    });
    await c.post(`/sessions/open/${sessionId}`, {
      name: "Ravi Reminder",
      email: "ravi@example.org",
    });

    // The job sweeps every open session in the database, and other tests in this file own some of
    // them: what it did is read from this session's own registrations, never from its return value.
    const reminded = async () =>
      (
        await getDb()
          .selectFrom("registrations")
          .select("email")
          .where("session_id", "=", sessionId)
          .where("reminder_sent_at", "is not", null)
          .orderBy("email")
          .execute()
      ).map((r) => r.email);
    await sendDueReminders(getDb(), server.url);
    expect(await reminded()).toEqual([]);
    clock.advance(start.getTime() - Date.now() - 47 * 3600_000);
    try {
      // Someone booking inside the 48 hours has just had their confirmation: no reminder.
      await c.post(`/sessions/open/${sessionId}`, {
        name: "Late Larry",
        email: "larry@example.org",
      });
      await Promise.all([
        sendDueReminders(getDb(), server.url),
        sendDueReminders(getDb(), server.url),
      ]);
      expect(await reminded()).toEqual(["ravi@example.org", "rita@example.org"]);
      await sendDueReminders(getDb(), server.url);
      await deliverOutbox();
    } finally {
      clock.reset();
    }
    expect(mailTo("rita@example.org", /^Reminder:/)).toHaveLength(1);
    expect(mailTo("ravi@example.org", /^Reminder:/)).toHaveLength(1);
    expect(mailTo("larry@example.org", /^Reminder:/)).toHaveLength(0);
    const regs = await getDb()
      .selectFrom("registrations")
      .select(["email", "reminder_sent_at"])
      .where("session_id", "=", sessionId)
      .execute();
    expect(regs.filter((r) => r.reminder_sent_at)).toHaveLength(2);
  });

  it("notifyRegistrationsOfCancellation emails everyone booked or waiting, with a calendar cancellation for those with places", async () => {
    const { getDb } = await import("~/db/db.server");
    const { notifyRegistrationsOfCancellation } = await import("~/sessions/open.server");
    const sessionId = await newSession({
      startsAt: inDays(20),
      capacity: 1,
      venue: "Cancelled Centre",
    });
    const c = new Client(server.url);
    await c.post(`/sessions/open/${sessionId}`, { name: "Holder", email: "holder@example.org" });
    await c.post(`/sessions/open/${sessionId}`, { name: "Waiter", email: "waiter@example.org" });
    const n = await getDb()
      .transaction()
      .execute(async (tx) => {
        await tx
          .updateTable("delivery_sessions")
          .set({ status: "cancelled" })
          .where("id", "=", sessionId)
          .execute();
        return notifyRegistrationsOfCancellation(tx, sessionId, { reason: "The trainer is ill" });
      });
    expect(n).toBe(2);
    await deliverOutbox();
    const [held] = mailTo("holder@example.org", /^Cancelled:/);
    expect(decodeQuotedPrintable(held.raw)).toContain("The trainer is ill");
    const ics = attachment(held, "cancelled.ics")!;
    const comp = new ICAL.Component(ICAL.parse(ics));
    expect(comp.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(comp.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(mailTo("waiter@example.org", /^Cancelled:/)).toHaveLength(1);
    // The session page says so, and takes no more bookings.
    const page = textOf(await (await c.get(`/sessions/open/${sessionId}`)).text());
    expect(page).toContain("This session has been cancelled");
    const late = await c.post(`/sessions/open/${sessionId}`, {
      name: "Late",
      email: "late@example.org",
    });
    expect(late.status).toBe(409);
  });
});
