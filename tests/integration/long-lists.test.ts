import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 12, item 8: "Past sessions, newest first" took the oldest 1,000 and reversed them, so at
// real scale the most recent disappeared; the outbox showed the latest 100 with no search; the
// safeguarding log stopped at 500 without saying so (it now pages with the count, issue 16).

let server: TestServer;
let newest: string;
const HOUR = 3600_000;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const { enqueueEmail } = await import("~/email/outbox.server");
  const { recordSafeguarding } = await import("~/safeguarding/records.server");
  const db = getDb();
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const lead = await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead", safeguardingCleared: true }],
  });
  const programmeId = await f.insertProgramme(db, { name: "SOS+" });
  const offering = await f.insertOffering(db, {
    programmeId,
    title: "Parents' evening",
    audience: "parents",
  });
  await db.transaction().execute(async (tx) => {
    // 1,100 past sessions, one every six hours back from two hours ago; the newest is the one to find.
    for (let i = 1100; i >= 1; i--) {
      const id = await f.insertSession(tx, {
        programmeId,
        offeringId: offering,
        startsAt: new Date(Date.now() - 2 * HOUR - (i - 1) * 6 * HOUR),
        durationMinutes: 60,
        venue: i === 1 ? "Newest hall" : `Hall ${i}`,
      });
      if (i === 1) newest = id;
    }
    // 150 emails, the one to find written first (so it is not among the latest 100).
    await enqueueEmail(tx, {
      to: "needle.parent@example.com",
      subject: "Your place is booked: Parents' evening",
      text: "Hello",
      html: "<p>Hello</p>",
    });
    for (let i = 0; i < 150; i++)
      await enqueueEmail(tx, {
        to: `person${i}@example.com`,
        subject: `Reminder ${i}`,
        text: "Hello",
        html: "<p>Hello</p>",
      });
    for (let i = 0; i < 505; i++) {
      await recordSafeguarding(tx, {
        sessionId: newest,
        kind: "concern",
        category: "criminal_exploitation",
        destination: null,
        initials: "AB",
        yearGroup: "9",
        consent: "not_applicable",
        notes: null,
        userId: lead,
        ip: null,
      });
    }
  });
});

afterAll(async () => {
  await server?.close();
});

async function lead() {
  const c = new Client(server.url);
  await c.signIn("lead@example.org", PASSWORD);
  return c;
}

describe("long lists", () => {
  it("lists past sessions newest first from the most recent, with a link to older ones", async () => {
    const c = await lead();
    const html = await (await c.get("/sessions?when=past")).text();
    expect(html).toContain(`/sessions/${newest}"`);
    expect(textOf(html).indexOf("Newest hall")).toBeLessThan(textOf(html).indexOf("Hall 2 "));
    expect(html).toContain("/sessions?when=past&amp;page=2");
    // The oldest of the 1,100 is on the last page, however many a page holds.
    const { SCHEDULE_PAGE } = await import("~/sessions/delivery.server");
    const last = Math.ceil(1100 / SCHEDULE_PAGE);
    const older = textOf(await (await c.get(`/sessions?when=past&page=${last}`)).text());
    expect(older).toContain("Hall 1100");
  });

  it("finds an email older than the latest hundred by searching the outbox", async () => {
    const c = await lead();
    const first = textOf(await (await c.get("/admin/outbox")).text());
    expect(first).not.toContain("needle.parent@example.com");
    expect(first).toContain("Older emails");
    const found = textOf(await (await c.get("/admin/outbox?q=NEEDLE")).text());
    expect(found).toContain("needle.parent@example.com");
    expect(found).not.toContain("person1@example.com");
  });

  it("says when the safeguarding log has more records than one page shows, and shows them", async () => {
    const { RECORDS_PAGE } = await import("~/safeguarding/records.server");
    const c = await lead();
    const first = textOf(await (await c.get("/safeguarding")).text());
    expect(first).toContain(`Showing 1 to ${RECORDS_PAGE} of 505 records`);
    expect(first).toContain("Next page");
    const last = Math.ceil(505 / RECORDS_PAGE);
    const lastText = textOf(await (await c.get(`/safeguarding?page=${last}`)).text());
    expect(lastText).toContain(`Showing ${(last - 1) * RECORDS_PAGE + 1} to 505 of 505 records`);
    expect(lastText).not.toContain("Next page");
  });
});
