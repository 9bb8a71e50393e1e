import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 11, finding 7 (the rest): bookings that arrive in a burst for one public session — more
// than BURST.bookings in a minute, from any addresses — are held until the booker follows an
// emailed link (the place is kept meanwhile and freed when the hold runs out), and the programme's
// leads are emailed once about the burst. One person booking one place notices nothing.
let server: TestServer;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: "1" });
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const db = getDb();
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead" }],
  });
  const programmeId = await f.insertProgramme(db, { name: "Burst Programme" });
  const offeringId = await f.insertOffering(db, {
    programmeId,
    title: "Parents' evening",
    audience: "parents",
    openToPublic: true,
  });
  sessionId = await f.insertSession(db, {
    programmeId,
    offeringId,
    startsAt: new Date(Date.now() + 9 * 24 * 3600_000),
    capacity: 25,
    isOpen: true,
    venue: "The Forum, Norwich",
  });
});
afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
});

async function book(i: number, prefix = "person", session = sessionId) {
  return new Client(server.url).post(
    `/sessions/open/${session}`,
    { name: `Person ${i}`, email: `${prefix}-${i}@example.net` },
    { "x-forwarded-for": `198.51.100.${i + 1}` },
  );
}

async function registration(email: string) {
  const { getDb } = await import("~/db/db.server");
  return getDb()
    .selectFrom("registrations")
    .select(["id", "status", "held_until"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
}

async function mailTo(to: string) {
  const { getDb } = await import("~/db/db.server");
  return getDb()
    .selectFrom("outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", to)
    .orderBy("created_at")
    .execute();
}

describe("bookings that arrive in a burst", () => {
  it("one person booking one place notices nothing: booked at once, the usual email, no lead told", async () => {
    const res = await book(0, "alone");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("status=confirmed");
    expect((await registration("alone-0@example.net")).held_until).toBeNull();
    const mail = await mailTo("alone-0@example.net");
    expect(mail.map((m) => m.subject)).toEqual(["Your place is booked: Parents' evening"]);
    expect(await mailTo("lead@example.org")).toEqual([]);
  });

  it("past the burst limit, places are held until the emailed link is followed, and the leads are emailed once", async () => {
    const { clock } = await import("~/utils/clock.server");
    const { BURST } = await import("~/sessions/open.server");
    clock.advance(5 * 60_000);
    const n = BURST.bookings + 5;
    const answers = [];
    for (let i = 0; i < n; i++) answers.push(await book(i, "burst"));
    expect(answers.every((r) => r.status === 302)).toBe(true);
    const held = [];
    for (let i = 0; i < n; i++) {
      const r = await registration(`burst-${i}@example.net`);
      if (i < BURST.bookings) expect(r.held_until, `booking ${i}`).toBeNull();
      else {
        expect(r.held_until, `booking ${i}`).not.toBeNull();
        expect(answers[i].headers.get("location")).toContain("status=held");
        held.push(i);
      }
    }
    expect(held).toHaveLength(5);
    // A held booker gets a link to confirm, not a booking.
    const [confirmMail] = await mailTo(`burst-${held[0]}@example.net`);
    expect(confirmMail.subject).toBe("Confirm your place: Parents' evening");
    const link = /\/sessions\/open\/confirm\/[a-z2-7]{32}/.exec(confirmMail.text_body)![0];
    // The leads hear once about the burst, however many bookings it had.
    const leadMail = await mailTo("lead@example.org");
    expect(leadMail).toHaveLength(1);
    expect(leadMail[0].subject).toBe("Many bookings at once: Parents' evening");

    // Following the link: a page with a button (mail scanners open links); pressing it confirms.
    const visitor = new Client(server.url);
    const page = await visitor.get(link);
    expect(page.status).toBe(200);
    expect((await registration(`burst-${held[0]}@example.net`)).held_until).not.toBeNull();
    const confirmed = await visitor.post(link, {});
    expect(confirmed.status).toBe(302);
    expect((await registration(`burst-${held[0]}@example.net`)).held_until).toBeNull();
    expect((await mailTo(`burst-${held[0]}@example.net`)).map((m) => m.subject)).toContain(
      "Your place is booked: Parents' evening",
    );

    // The rest are never confirmed: once the hold runs out their places are freed.
    clock.advance(BURST.holdMs + 60_000);
    const { releaseExpiredHolds } = await import("~/sessions/open.server");
    const { getDb } = await import("~/db/db.server");
    expect(await releaseExpiredHolds(getDb(), server.url)).toBe(4);
    for (const i of held.slice(1))
      expect((await registration(`burst-${i}@example.net`)).status).toBe("cancelled");
    expect((await registration(`burst-${held[0]}@example.net`)).status).toBe("confirmed");
    // A link followed too late does nothing.
    const late = /\/sessions\/open\/confirm\/[a-z2-7]{32}/.exec(
      (await mailTo(`burst-${held[1]}@example.net`))[0].text_body,
    )![0];
    expect((await new Client(server.url).post(late, {})).status).toBe(410);

    // The burst over, one person booking one place is booked at once again.
    const after = await book(0, "later");
    expect(after.headers.get("location")).toContain("status=confirmed");
    expect((await registration("later-0@example.net")).held_until).toBeNull();
  });
  it("marks waiting-list places taken in a burst: a place that comes up for one is held until confirmed, and leads see which", async () => {
    const { clock, now } = await import("~/utils/clock.server");
    const { BURST, releaseExpiredHolds } = await import("~/sessions/open.server");
    const { getDb } = await import("~/db/db.server");
    const f = await import("~/seed/factories/sessions.server");
    const db = getDb();
    clock.advance(5 * 60_000);
    const programmeId = await f.insertProgramme(db, { name: "Waiting Programme" });
    const offeringId = await f.insertOffering(db, {
      programmeId,
      title: "Carers' evening",
      audience: "parents",
      openToPublic: true,
    });
    const full = await f.insertSession(db, {
      programmeId,
      offeringId,
      startsAt: new Date(now().getTime() + 9 * 24 * 3600_000),
      capacity: 2,
      isOpen: true,
      venue: "The Forum, Norwich",
    });
    const statusOf = async (i: number) => (await registration(`queue-${i}@example.net`)).status;

    // Two places, then the waiting list; the burst begins after BURST.bookings bookings. Everyone
    // waiting is answered as usual, with their place in the queue.
    const n = BURST.bookings + 3;
    const answers = [];
    for (let i = 0; i < n; i++) answers.push(await book(i, "queue", full));
    expect(
      answers.slice(2).every((r) => r.headers.get("location")!.includes("status=waiting")),
    ).toBe(true);
    expect([await statusOf(0), await statusOf(1)]).toEqual(["confirmed", "confirmed"]);
    const plain = Array.from({ length: BURST.bookings - 2 }, (_, k) => k + 2);
    const marked = Array.from({ length: n - BURST.bookings }, (_, k) => k + BURST.bookings);
    for (const i of [...plain, ...marked]) expect(await statusOf(i)).toBe("waiting");

    // The lead's list says which waiting places were taken in the burst, on the page and in the CSV.
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    const list = await (await lead.get(`/sessions/${full}/bookers`)).text();
    expect(list.match(/Joined in a burst of bookings/g)).toHaveLength(marked.length);
    const csv = await (await lead.get(`/sessions/${full}/bookers.csv`)).text();
    expect(csv.match(/Waiting \(joined in a burst/g)).toHaveLength(marked.length);

    // Places come up for everyone: the plain waiting places become bookings at once; the marked
    // ones are held until their emailed link is followed.
    const saved = await lead.post(`/sessions/${full}/bookers`, {
      intent: "places",
      capacity: String(n),
      publish: "yes",
    });
    expect(saved.status).toBe(302);
    for (const i of plain) {
      expect(await statusOf(i)).toBe("confirmed");
      expect((await registration(`queue-${i}@example.net`)).held_until).toBeNull();
      expect((await mailTo(`queue-${i}@example.net`)).map((m) => m.subject)).toContain(
        "A place has come up for you: Carers' evening",
      );
    }
    for (const i of marked) {
      expect(await statusOf(i)).toBe("confirmed");
      expect((await registration(`queue-${i}@example.net`)).held_until).not.toBeNull();
      const mail = (await mailTo(`queue-${i}@example.net`)).at(-1)!;
      expect(mail.subject).toBe("Confirm your place: Carers' evening");
      expect(mail.text_body).toContain("from the waiting list");
    }
    expect(
      (await (await lead.get(`/sessions/${full}/bookers`)).text()).match(/Held until/g),
    ).toHaveLength(marked.length);

    // One follows the link and keeps the place; the others are freed when the hold runs out.
    const link = /\/sessions\/open\/confirm\/[a-z2-7]{32}/.exec(
      (await mailTo(`queue-${marked[0]}@example.net`)).at(-1)!.text_body,
    )![0];
    expect((await new Client(server.url).post(link, {})).status).toBe(302);
    expect((await registration(`queue-${marked[0]}@example.net`)).held_until).toBeNull();
    clock.advance(BURST.holdMs + 60_000);
    expect(await releaseExpiredHolds(db, server.url)).toBe(marked.length - 1);
    expect(await statusOf(marked[0])).toBe("confirmed");
    for (const i of marked.slice(1)) expect(await statusOf(i)).toBe("cancelled");
  });
});
