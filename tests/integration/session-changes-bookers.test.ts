import ICAL from "ical.js";
import { dateFields } from "~/utils/date-input";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, type TestServer } from "../support/server";
import { freezeServerAt, londonAtIso, resetServerClock, weekdayFromToday } from "../support/time";

// Issue 12, items 4 and 5. When a lead moves, postpones or cancels an open session, every booker and
// everyone on its waiting list is emailed; bookers get a calendar file with the UID of the invite
// they hold and a higher SEQUENCE (a cancellation removes the event), and SEQUENCE rises with every
// change, even several in one second.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
let sessionId: string;
const DAY = weekdayFromToday(20);
const BOOKERS = ["ada@example.com", "bo@example.com"];
const WAITING = "cy@example.com";

type Attachment = { filename: string; contentType: string; content: string };

async function db() {
  return (await import("~/db/db.server")).getDb();
}

/** Every email to one address about this test's session, with its calendar files parsed. */
async function mailTo(to: string) {
  const rows = await (
    await db()
  )
    .selectFrom("outbox")
    .select(["subject", "text_body", "attachments"])
    .where("to_address", "=", to)
    .execute();
  return rows.map((r) => {
    const files = r.attachments ? (JSON.parse(r.attachments) as Attachment[]) : [];
    return {
      subject: r.subject,
      text: r.text_body,
      calendars: files
        .filter((f) => f.filename.endsWith(".ics"))
        .map((f) => {
          const cal = new ICAL.Component(ICAL.parse(f.content));
          const ev = new ICAL.Event(cal.getFirstSubcomponent("vevent")!);
          return {
            method: cal.getFirstPropertyValue("method"),
            uid: ev.uid,
            sequence: ev.sequence,
            status: ev.component.getFirstPropertyValue("status"),
            start: ev.startDate.toJSDate().toISOString(),
          };
        }),
    };
  });
}

async function lead() {
  const c = new Client(server.url);
  await c.signIn("lead@example.org", PASSWORD);
  return c;
}

function move(time: string) {
  return {
    intent: "reschedule",
    ...dateFields("date", DAY),
    time,
    durationMinutes: "90",
    venue: "The Forum, Norwich",
    trainerIds: world.users.dan,
    reason: `Room change to ${time}.`,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const f = await import("~/seed/factories/sessions.server");
  const { bookOpenSession } = await import("~/sessions/open.server");
  sessionId = await f.insertSession(world.db, {
    programmeId: world.programme,
    offeringId: world.offerings.twilight,
    startsAt: londonAtIso(0, "16:00", new Date(`${DAY}T12:00:00Z`)),
    durationMinutes: 90,
    capacity: 2,
    isOpen: true,
    venue: "The Forum, Norwich",
    trainerIds: [world.users.dan],
  });
  for (const [i, email] of [...BOOKERS, WAITING].entries()) {
    const r = await bookOpenSession(world.db, {
      sessionId,
      name: `Booker ${i + 1}`,
      email,
      baseUrl: server.url,
    });
    expect(r.ok).toBe(true);
  }
});

afterAll(async () => {
  await resetServerClock();
  await server?.close();
});

describe("changes to an open session reach its bookers", () => {
  it("emails every booker and waiting-list member when the session moves, with an invite that replaces the one they hold", async () => {
    const before = await mailTo(BOOKERS[0]);
    const invite = before[0].calendars[0];
    expect(invite.uid).toBe(`open-session-${sessionId}@lantern`);

    const res = await (await lead()).post(`/sessions/${sessionId}/change`, move("17:00"));
    expect(res.status).toBe(302);
    const newStart = londonAtIso(0, "17:00", new Date(`${DAY}T12:00:00Z`));
    for (const email of BOOKERS) {
      const moved = (await mailTo(email)).filter((m) => m.subject.startsWith("Changed:"));
      expect(moved).toHaveLength(1);
      expect(moved[0].text).toContain("Room change to 17:00.");
      expect(moved[0].calendars).toHaveLength(1);
      const cal = moved[0].calendars[0];
      expect(cal).toMatchObject({ uid: invite.uid, start: newStart, status: "CONFIRMED" });
      expect(cal.sequence).toBeGreaterThan(invite.sequence);
    }
    const waiting = (await mailTo(WAITING)).filter((m) => m.subject.startsWith("Changed:"));
    expect(waiting).toHaveLength(1);
    expect(waiting[0].text).toContain("still on the waiting list");
  });

  it("raises SEQUENCE with every change, even five in the same second", async () => {
    await freezeServerAt(new Date(Date.now() + 60_000));
    const c = await lead();
    const times = ["17:05", "17:10", "17:15", "17:20", "17:25"];
    const trainerSequences: number[] = [];
    for (const t of times) {
      expect((await c.post(`/sessions/${sessionId}/change`, move(t))).status).toBe(302);
      const ics = await (await c.get(`/sessions/${sessionId}/session.ics`)).text();
      trainerSequences.push(
        new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!)
          .sequence,
      );
    }
    await resetServerClock();
    // The trainer's calendar file, then each booker's.
    for (let i = 1; i < times.length; i++)
      expect(trainerSequences[i]).toBeGreaterThan(trainerSequences[i - 1]);
    // Each move's invite, in the order of the moves (their start times say which is which).
    const sent = (await mailTo(BOOKERS[1])).flatMap((m) => m.calendars);
    const sequences = times.map(
      (t) =>
        sent.find((x) => x.start === londonAtIso(0, t, new Date(`${DAY}T12:00:00Z`)))!.sequence,
    );
    for (let i = 1; i < times.length; i++) {
      expect(sequences[i]).toBeGreaterThan(sequences[i - 1]);
    }
  });

  it("tells bookers and the waiting list when the session is postponed, taking it out of bookers' calendars", async () => {
    const latest = Math.max(
      ...(await mailTo(BOOKERS[0])).flatMap((m) => m.calendars.map((x) => x.sequence)),
    );
    expect(
      (
        await (
          await lead()
        ).post(`/sessions/${sessionId}/change`, {
          intent: "postpone",
          postponeReason: "The venue flooded.",
        })
      ).status,
    ).toBe(302);
    for (const email of BOOKERS) {
      const mail = (await mailTo(email)).filter((m) => m.subject.startsWith("Postponed:"));
      expect(mail).toHaveLength(1);
      expect(mail[0].text).toContain("The venue flooded.");
      expect(mail[0].calendars[0]).toMatchObject({
        method: "CANCEL",
        status: "CANCELLED",
        uid: `open-session-${sessionId}@lantern`,
      });
      expect(mail[0].calendars[0].sequence).toBeGreaterThan(latest);
    }
    expect((await mailTo(WAITING)).filter((m) => m.subject.startsWith("Postponed:"))).toHaveLength(
      1,
    );
  });

  it("sends bookers a calendar cancellation when the session is cancelled", async () => {
    const latest = Math.max(
      ...(await mailTo(BOOKERS[0])).flatMap((m) => m.calendars.map((x) => x.sequence)),
    );
    expect(
      (
        await (
          await lead()
        ).post(`/sessions/${sessionId}/change`, {
          intent: "cancel",
          cancelReason: "No new date could be found.",
        })
      ).status,
    ).toBe(302);
    for (const email of BOOKERS) {
      const mail = (await mailTo(email)).filter((m) => m.subject.startsWith("Cancelled:"));
      expect(mail).toHaveLength(1);
      expect(mail[0].text).toContain("No new date could be found.");
      expect(mail[0].calendars).toHaveLength(1);
      expect(mail[0].calendars[0]).toMatchObject({
        method: "CANCEL",
        status: "CANCELLED",
        uid: `open-session-${sessionId}@lantern`,
      });
      expect(mail[0].calendars[0].sequence).toBeGreaterThan(latest);
    }
    const waiting = (await mailTo(WAITING)).filter((m) => m.subject.startsWith("Cancelled:"));
    expect(waiting).toHaveLength(1);
    expect(waiting[0].calendars).toHaveLength(0);
  });
});
