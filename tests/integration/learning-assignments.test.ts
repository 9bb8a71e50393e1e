import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateFields } from "~/utils/date-input";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { decodeQuotedPrintable, startSmtpServer } from "../support/smtp";
import { londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// A manager assigns a module with a due date; the learner is emailed, sees it on "My learning",
// and once the date has passed is reminded once — through the real outbox to an SMTP server.

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let ids: {
  harbour: string;
  other: string;
  aisha: string;
  ben: string;
  grace: string;
  module: string;
  second: string;
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { insertModule } = await import("~/learning/seed.server");
  const db = getDb();
  const momentum = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  const harbour = await insertOrganisation(db, { kind: "vcse", name: "Norwich Youth Harbour" });
  const other = await insertOrganisation(db, { kind: "vcse", name: "Lynn Street Pastors" });
  const author = await insertUser(db, {
    email: "author@example.org",
    name: "Sam Lowe",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "content_author" }],
  });
  const aisha = await insertUser(db, {
    email: "aisha@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "learner" }],
  });
  const ben = await insertUser(db, {
    email: "ben@example.org",
    name: "Ben Carter",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "learner" }],
  });
  const grace = await insertUser(db, {
    email: "grace@example.org",
    name: "Grace Ojo",
    password: PASSWORD,
    memberships: [{ organisationId: other, role: "learner" }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "organisation_manager" }],
  });
  await insertUser(db, {
    email: "other.manager@example.org",
    name: "Ada Quinn",
    password: PASSWORD,
    memberships: [{ organisationId: other, role: "organisation_manager" }],
  });
  const spec = (title: string) => ({
    details: {
      title,
      summary: "A module.",
      audience: "VCSE staff and volunteers",
      estimatedMinutes: 20,
      passMark: 50,
      contentNote: null,
    },
    lessons: [{ title: `${title} lesson`, body: "Text." }],
    questions: [
      {
        prompt: "Yes?",
        kind: "single" as const,
        options: [
          { text: "Yes", correct: true, feedback: "Right." },
          { text: "No", correct: false, feedback: "No." },
        ],
      },
    ],
  });
  const module = (await insertModule(db, author, spec("Recognising exploitation"))).moduleId;
  const second = (await insertModule(db, author, spec("Responding to a disclosure"))).moduleId;
  ids = { harbour, other, aisha, ben, grace, module, second };
});

afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
  await smtp?.close();
});

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

async function deliverOutbox() {
  const { getDb } = await import("~/db/db.server");
  const { deliverDue } = await import("~/email/outbox.server");
  for (;;) if ((await deliverDue(getDb(), 100)).sent === 0) return;
}

const mailTo = (address: string, subject: RegExp) =>
  smtp.received.filter((m) => m.to.includes(address) && subject.test(decodeQuotedPrintable(m.raw)));

describe("assigned e-learning", () => {
  it("a manager assigns a module with a due date; the learner is emailed and sees it; when overdue they are reminded once, by email through SMTP", async () => {
    const { getDb } = await import("~/db/db.server");
    const { sendOverdueReminders } = await import("~/learning/assignments.server");
    const { clock } = await import("~/utils/clock.server");
    const manager = await signedIn("manager@example.org");
    const form = await manager.get(`/learning/organisations/${ids.harbour}/assign`);
    expect(form.status).toBe(200);
    expect(textOf(await form.text())).toContain("Aisha Begum");

    const due = londonDay(2);
    const res = await manager.post(`/learning/organisations/${ids.harbour}/assign`, {
      moduleId: ids.module,
      userIds: [ids.aisha, ids.ben],
      ...dateFields("dueOn", due),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/learning/organisations/${ids.harbour}?assigned=2`);
    const page = textOf(await (await manager.get(res.headers.get("location")!)).text());
    expect(page).toContain("Assigned to 2 people");
    expect(page).toMatch(/Aisha Begum\s*Recognising exploitation/);

    const mine = textOf(
      await (await (await signedIn("aisha@example.org")).get("/learning/my")).text(),
    );
    expect(mine).toContain("Asked of you");
    expect(mine).toContain("Recognising exploitation");

    await deliverOutbox();
    expect(mailTo("aisha@example.org", /has asked you to complete/)).toHaveLength(1);

    // Nothing is overdue before the date.
    const remindedIds = async () =>
      (
        await getDb()
          .selectFrom("learning_assignments")
          .select("user_id")
          .where("module_id", "=", ids.module)
          .where("reminded_at", "is not", null)
          .execute()
      )
        .map((r) => r.user_id)
        .sort();
    await sendOverdueReminders(getDb(), server.url);
    expect(await remindedIds()).toEqual([]);

    // Ben finishes in time; Aisha does not. Three days on, only Aisha is reminded, once.
    await getDb()
      .insertInto("learning_enrolments")
      .values({
        id: "enrolment-ben",
        user_id: ids.ben,
        module_id: ids.module,
        version_id: (
          await getDb()
            .selectFrom("learning_module_versions")
            .select("id")
            .where("module_id", "=", ids.module)
            .executeTakeFirstOrThrow()
        ).id,
        enrolled_at: new Date().toISOString(),
        last_position: 2,
        last_activity_at: new Date().toISOString(),
        best_score: 100,
        completed_at: new Date().toISOString(),
      })
      .execute();
    clock.advance(3 * 24 * 3600_000);
    try {
      await Promise.all([
        sendOverdueReminders(getDb(), server.url),
        sendOverdueReminders(getDb(), server.url),
      ]);
      await sendOverdueReminders(getDb(), server.url);
      // Signed in again: days later, the earlier session has gone idle.
      const later = await signedIn("manager@example.org");
      const overdue = textOf(
        await (await later.get(`/learning/organisations/${ids.harbour}`)).text(),
      );
      expect(overdue).toMatch(/Aisha Begum\s*Recognising exploitation\s*\S.*?Overdue/);
      expect(overdue).toMatch(/Ben Carter\s*Recognising exploitation\s*\S.*?Completed/);
      // The outbox sends what is due by its clock, so it runs while the clock is moved on.
      await deliverOutbox();
    } finally {
      clock.reset();
    }
    expect(await remindedIds()).toEqual([ids.aisha]);
    const reminders = mailTo("aisha@example.org", /it is not finished yet/);
    expect(reminders).toHaveLength(1);
    expect(decodeQuotedPrintable(reminders[0].raw)).toContain("Recognising exploitation");
    expect(mailTo("ben@example.org", /it is not finished yet/)).toHaveLength(0);
  });

  it("refuses a date in the past, nobody chosen, and people from another organisation", async () => {
    const { getDb } = await import("~/db/db.server");
    const manager = await signedIn("manager@example.org");
    const past = await manager.post(`/learning/organisations/${ids.harbour}/assign`, {
      moduleId: ids.second,
      userIds: [ids.aisha],
      ...dateFields("dueOn", londonDay(-1)),
    });
    expect(past.status).toBe(400);
    expect(textOf(await past.text())).toContain("The date must be today or later");
    // Day, month and year fields (issue 17, item 14): a day that does not exist is refused in the
    // Design System's words, and what was typed is shown again.
    const year = londonDay(400).slice(0, 4);
    const notReal = await manager.post(`/learning/organisations/${ids.harbour}/assign`, {
      moduleId: ids.second,
      userIds: [ids.aisha],
      "dueOn-day": "31",
      "dueOn-month": "4",
      "dueOn-year": year,
    });
    expect(notReal.status).toBe(400);
    const notRealHtml = await notReal.text();
    expect(textOf(notRealHtml)).toContain("The due date must be a real date");
    expect(notRealHtml).toMatch(/name="dueOn-day"[^>]*value="31"/);
    expect(notRealHtml).toMatch(new RegExp(`name="dueOn-year"[^>]*value="${year}"`));
    const noYear = await manager.post(`/learning/organisations/${ids.harbour}/assign`, {
      moduleId: ids.second,
      userIds: [ids.aisha],
      "dueOn-day": "3",
      "dueOn-month": "4",
    });
    expect(noYear.status).toBe(400);
    expect(textOf(await noYear.text())).toContain("The due date must include a year");
    const nobody = await manager.post(`/learning/organisations/${ids.harbour}/assign`, {
      moduleId: ids.second,
      ...dateFields("dueOn", londonDay(3)),
    });
    expect(nobody.status).toBe(400);
    expect(textOf(await nobody.text())).toContain("Choose at least one person");
    const stranger = await manager.post(`/learning/organisations/${ids.harbour}/assign`, {
      moduleId: ids.second,
      userIds: [ids.grace],
      ...dateFields("dueOn", londonDay(3)),
    });
    expect(stranger.status).toBe(400);
    expect(textOf(await stranger.text())).toContain("Choose people from your organisation's staff");
    expect(
      await getDb()
        .selectFrom("learning_assignments")
        .select("id")
        .where("module_id", "=", ids.second)
        .execute(),
    ).toEqual([]);
  });

  it("is only for the organisation's own manager (and leads)", async () => {
    const other = await signedIn("other.manager@example.org");
    expect((await other.get(`/learning/organisations/${ids.harbour}/assign`)).status).toBe(403);
    expect(
      (
        await other.post(`/learning/organisations/${ids.harbour}/assign`, {
          moduleId: ids.second,
          userIds: [ids.aisha],
          ...dateFields("dueOn", londonDay(3)),
        })
      ).status,
    ).toBe(403);
    const learner = await signedIn("aisha@example.org");
    expect((await learner.get(`/learning/organisations/${ids.harbour}/assign`)).status).toBe(403);
    const anon = await new Client(server.url).get(`/learning/organisations/${ids.harbour}/assign`);
    expect(anon.status).toBe(302);
  });
});
