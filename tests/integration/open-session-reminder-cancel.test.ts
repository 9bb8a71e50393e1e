import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { decodeQuotedPrintable, startSmtpServer } from "../support/smtp";

// Issue 17, item 9: the 48-hour reminder carries the booker's cancel link, as the confirmation
// does. Two members of the public book a one-place session through the real page (the second is
// put on the waiting list); the scheduled job (as the server runs it) sends the reminder through
// the outbox to an SMTP server; its link cancels the place and the person waiting is given it, the
// confirmation's older link no longer works, and the outbox's stored copy has the link removed.

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let sessionId: string;
let startsAt: Date;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  const { getDb } = await import("~/db/db.server");
  const f = await import("~/seed/factories/sessions.server");
  const db = getDb();
  const programmeId = await f.insertProgramme(db, { name: "SOS+" });
  const offeringId = await f.insertOffering(db, {
    programmeId,
    title: "Keeping your child safe: a session for parents",
    audience: "parents",
    openToPublic: true,
  });
  startsAt = new Date(Date.now() + 5 * 24 * 3600_000);
  sessionId = await f.insertSession(db, {
    programmeId,
    offeringId,
    startsAt,
    capacity: 1,
    isOpen: true,
    districtId: await f.districtIdByCode(db, "E07000148"),
    venue: "The Forum, Millennium Plain, Norwich",
  });
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
  for (;;) if ((await deliverDue(getDb(), 100)).sent === 0) return;
}

function mailTo(address: string, subject: RegExp) {
  return smtp.received
    .filter((m) => m.to.includes(address))
    .map((m) => decodeQuotedPrintable(m.raw))
    .filter((raw) => subject.test(/^Subject: (.*)$/m.exec(raw)?.[1] ?? ""));
}

const cancelLink = (mail: string) =>
  /https?:\/\/[^\s"<>]+\/sessions\/open\/cancel\/[a-z2-7]{32}/.exec(mail)?.[0];

describe("the reminder before an open session", () => {
  it("carries a cancel link that cancels the place and promotes the first waiting, replacing the confirmation's link, and is kept redacted", async () => {
    const { getDb } = await import("~/db/db.server");
    const { clock } = await import("~/utils/clock.server");
    const { OPEN_SESSION_JOBS } = await import("~/sessions/open-jobs.server");
    const reminders = OPEN_SESSION_JOBS.find((j) => j.name === "open-session-reminders")!;
    const c = new Client(server.url);
    const booked = await c.post(`/sessions/open/${sessionId}`, {
      name: "Rita Reminder",
      email: "rita@example.org",
    });
    expect(booked.status).toBe(302);
    await deliverOutbox();
    const confirmation = mailTo("rita@example.org", /^Your place is booked/);
    expect(confirmation).toHaveLength(1);
    const firstLink = cancelLink(confirmation[0])!;
    expect(firstLink).toBeTruthy();
    const waiting = await c.post(`/sessions/open/${sessionId}`, {
      name: "Wanda Waiting",
      email: "wanda@example.org",
    });
    expect(waiting.status).toBe(302);
    await deliverOutbox();
    expect(mailTo("wanda@example.org", /^You are on the waiting list/)).toHaveLength(1);

    clock.advance(startsAt.getTime() - Date.now() - 47 * 3600_000);
    try {
      await Promise.all([reminders.run(getDb()), reminders.run(getDb())]);
      await reminders.run(getDb());
      await deliverOutbox();
    } finally {
      clock.reset();
    }
    const reminder = mailTo("rita@example.org", /^Reminder:/);
    expect(reminder).toHaveLength(1);
    // Only people with a place are reminded.
    expect(mailTo("wanda@example.org", /^Reminder:/)).toHaveLength(0);
    expect(reminder[0]).toContain("Cancel my place");
    expect(reminder[0]).toContain("it replaces the one in your booking confirmation");
    const link = cancelLink(reminder[0])!;
    expect(link).toBeTruthy();
    expect(link).not.toBe(firstLink);

    // The confirmation's link was replaced; the reminder's opens the cancel page and cancels.
    const path = (url: string) => new URL(url).pathname;
    expect((await c.get(path(firstLink))).status).toBe(404);
    const page = await c.get(path(link));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Keeping your child safe");
    const cancelled = await c.post(path(link), {});
    expect(cancelled.status).toBe(302);
    const regs = await getDb()
      .selectFrom("registrations")
      .select(["email", "status", "reminder_sent_at", "promoted_at"])
      .where("session_id", "=", sessionId)
      .orderBy("email")
      .execute();
    expect(regs.map((r) => [r.email, r.status])).toEqual([
      ["rita@example.org", "cancelled"],
      ["wanda@example.org", "confirmed"],
    ]);
    expect(regs[0].reminder_sent_at).not.toBeNull();
    expect(regs[1].promoted_at).not.toBeNull();
    const after = await c.get(path(link));
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("Booking cancelled");

    // The person waiting is told the place is theirs, with their own cancel link.
    await deliverOutbox();
    const promoted = mailTo("wanda@example.org", /^A place has come up for you/);
    expect(promoted).toHaveLength(1);
    expect(cancelLink(promoted[0])).toBeTruthy();

    // Once sent, the outbox keeps the reminder without its link.
    const stored = await getDb()
      .selectFrom("outbox")
      .select(["subject", "text_body", "html_body", "status"])
      .where("to_address", "=", "rita@example.org")
      .execute();
    const kept = stored.find((m) => m.subject.startsWith("Reminder:"))!;
    expect(kept.status).toBe("sent");
    expect(kept.text_body).not.toContain("/sessions/open/cancel/");
    expect(kept.html_body ?? "").not.toContain("/sessions/open/cancel/");
    expect(kept.text_body).toContain("link removed once sent");
  });
});
