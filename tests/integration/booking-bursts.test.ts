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
  const f = await import("~/sessions/open-fixtures.server");
  const db = getDb();
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  await insertUser(db, { email: "lead@example.org", name: "Priya Shah", password: PASSWORD, memberships: [{ organisationId: sgt, role: "programme_lead" }] });
  const programmeId = await f.insertProgramme(db, { name: "Burst Programme" });
  const offeringId = await f.insertOffering(db, { programmeId, title: "Parents' evening", audience: "parents", openToPublic: true });
  sessionId = await f.insertSession(db, { programmeId, offeringId, startsAt: new Date(Date.now() + 9 * 24 * 3600_000), capacity: 25, isOpen: true, venue: "The Forum, Norwich" });
});
afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
});

async function book(i: number, prefix = "person") {
  return new Client(server.url).post(`/sessions/open/${sessionId}`, { name: `Person ${i}`, email: `${prefix}-${i}@example.net` }, { "x-forwarded-for": `198.51.100.${i + 1}` });
}

async function registration(email: string) {
  const { getDb } = await import("~/db/db.server");
  return getDb().selectFrom("registrations").select(["id", "status", "held_until"]).where("email", "=", email).executeTakeFirstOrThrow();
}

async function mailTo(to: string) {
  const { getDb } = await import("~/db/db.server");
  return getDb().selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", to).orderBy("created_at").execute();
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
    expect((await mailTo(`burst-${held[0]}@example.net`)).map((m) => m.subject)).toContain("Your place is booked: Parents' evening");

    // The rest are never confirmed: once the hold runs out their places are freed.
    clock.advance(BURST.holdMs + 60_000);
    const { releaseExpiredHolds } = await import("~/sessions/open.server");
    const { getDb } = await import("~/db/db.server");
    expect(await releaseExpiredHolds(getDb(), server.url)).toBe(4);
    for (const i of held.slice(1)) expect((await registration(`burst-${i}@example.net`)).status).toBe("cancelled");
    expect((await registration(`burst-${held[0]}@example.net`)).status).toBe("confirmed");
    // A link followed too late does nothing.
    const late = /\/sessions\/open\/confirm\/[a-z2-7]{32}/.exec((await mailTo(`burst-${held[1]}@example.net`))[0].text_body)![0];
    expect((await new Client(server.url).post(late, {})).status).toBe(410);

    // The burst over, one person booking one place is booked at once again.
    const after = await book(0, "later");
    expect(after.headers.get("location")).toContain("status=confirmed");
    expect((await registration("later-0@example.net")).held_until).toBeNull();
  });
});
