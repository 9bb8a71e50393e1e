import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  launchBrowser,
  newContextWithoutAppScripts,
  signInAs,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { addDays, londonAt, londonDay, weekdayOf } from "../support/time";

// Every scheduling page over the demo data, for each role that uses it, checked with axe; and the
// week view and run-sheet with JavaScript off.
let server: TestServer;
let browser: Browser;
let ids: {
  programme: string;
  offering: string;
  request: string;
  waiting: string;
  session: string;
  delivered: string;
  trainer: string;
  cls: string;
  term: string;
};
// Last week's Monday: a week the test fills with one session in each state for the demo trainer.
const LAST_MONDAY = addDays(londonDay(-7), -((weekdayOf(londonDay(-7)) + 6) % 7));
const DEMO = "lantern-demo-2026";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  const db = getDb();
  const ctx = await seedDemo(db);
  const s = ctx.sessions!;
  const dan = ctx.foundation.users.trainer;
  const scheduled = await db
    .selectFrom("delivery_sessions")
    .innerJoin("session_trainers", "session_trainers.session_id", "delivery_sessions.id")
    .select("delivery_sessions.id")
    .where("session_trainers.trainer_id", "=", dan)
    .where("delivery_sessions.status", "=", "scheduled")
    .where("delivery_sessions.booking_request_id", "is not", null)
    .orderBy("delivery_sessions.starts_at")
    .executeTakeFirstOrThrow();
  const delivered = await db
    .selectFrom("delivery_sessions")
    .innerJoin("session_trainers", "session_trainers.session_id", "delivery_sessions.id")
    .select("delivery_sessions.id")
    .where("session_trainers.trainer_id", "=", dan)
    .where("delivery_sessions.status", "=", "delivered")
    .executeTakeFirstOrThrow();
  const wensum = ctx.foundation.organisations["Wensum Valley Academy"];
  ids = {
    programme: s.programmes.sosPlus,
    offering: s.offerings.group_work,
    request: (
      await db
        .selectFrom("booking_requests")
        .select("id")
        .where("setting_id", "=", wensum)
        .where("status", "=", "scheduled")
        .executeTakeFirstOrThrow()
    ).id,
    waiting: (
      await db
        .selectFrom("booking_requests")
        .select("id")
        .where("status", "=", "requested")
        .orderBy("created_at")
        .executeTakeFirstOrThrow()
    ).id,
    session: scheduled.id,
    delivered: delivered.id,
    trainer: s.trainers.megan,
    cls: (
      await db
        .selectFrom("classes")
        .select("id")
        .where("setting_id", "=", wensum)
        .executeTakeFirstOrThrow()
    ).id,
    term: (await db.selectFrom("term_dates").select("id").executeTakeFirstOrThrow()).id,
  };
  // Every state a session can show in the week view, side by side in one week.
  const { insertSession } = await import("~/seed/factories/sessions.server");
  const states = ["scheduled", "delivered", "cancelled", "postponed"] as const;
  for (const [i, status] of states.entries()) {
    const from = new Date(`${addDays(LAST_MONDAY, i)}T12:00:00Z`);
    await insertSession(db, {
      programmeId: ids.programme,
      offeringId: ids.offering,
      startsAt: londonAt(0, "12:00", from),
      durationMinutes: 60,
      status,
      trainerIds: [dan],
      venue: `Week view ${status} hall`,
    });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function sweep(page: Page, paths: string[]) {
  for (const p of paths) {
    const res = await page.goto(server.url + p);
    expect(res?.status(), p).toBe(200);
    expect(await page.locator("h1").count(), `one h1 on ${p}`).toBe(1);
    await expectNoAxeViolations(page, p);
  }
}

describe("scheduling pages", () => {
  it("a lead's pages pass axe", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, server.url, "lead@example.org", DEMO);
    await sweep(page, [
      "/",
      "/programmes",
      `/programmes/${ids.programme}`,
      `/programmes/${ids.programme}/edit`,
      "/programmes/new",
      "/offerings",
      "/offerings/new",
      `/offerings/${ids.offering}`,
      "/schedule",
      `/schedule/${ids.waiting}`,
      `/bookings/${ids.request}`,
      "/sessions",
      "/sessions?when=past",
      "/sessions/week",
      `/sessions/${ids.session}`,
      `/sessions/${ids.session}/change`,
      `/sessions/${ids.delivered}`,
      `/sessions/${ids.delivered}/attendance`,
      "/trainers",
      `/trainers/${ids.trainer}`,
      "/term-dates",
      `/term-dates?edit=${ids.term}`,
    ]);
    // The queue shows Megan's DBS check running out soon, and Rob's lapsed training.
    await page.goto(`${server.url}/trainers`);
    const text = await page.locator("table").innerText();
    expect(text).toContain("Runs out soon");
    expect(text).toContain("Lapsed");
  });

  it("a trainer's pages pass axe, and the calendar link page shows a new link once", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, server.url, "trainer@example.org", DEMO);
    await sweep(page, [
      "/",
      "/sessions",
      "/sessions/week",
      `/sessions/${ids.session}`,
      `/sessions/${ids.delivered}`,
      `/sessions/${ids.delivered}/attendance`,
      "/sessions/calendar-feed",
    ]);
    await page.getByRole("button", { name: "Create my calendar link" }).click();
    await page.locator('[data-testid="feed-url"]').waitFor();
    await expectNoAxeViolations(page, "calendar feed after reset");
    expect(await page.locator('[data-testid="feed-url"]').innerText()).toMatch(
      /\/calendar\/[a-z2-7]{32}\/lantern\.ics$/,
    );
  });

  it("a school coordinator's pages pass axe", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, server.url, "school@example.org", DEMO);
    await sweep(page, [
      "/",
      "/classes",
      "/classes/new",
      `/classes/${ids.cls}`,
      "/bookings",
      "/bookings/new",
      `/bookings/${ids.request}`,
    ]);
  });

  it("the week view passes axe with a session in every state, with JavaScript on and off", async () => {
    for (const javaScriptEnabled of [true, false]) {
      for (const [email, label] of [
        ["trainer@example.org", "trainer"],
        ["lead@example.org", "lead"],
      ]) {
        const context = javaScriptEnabled
          ? await browser.newContext()
          : await newContextWithoutAppScripts(browser);
        const page = await context.newPage();
        await signInAs(page, server.url, email, DEMO);
        await page.goto(`${server.url}/sessions/week?week=${LAST_MONDAY}`);
        const text = await page.locator(".lantern-week").innerText();
        for (const status of ["scheduled", "delivered", "cancelled", "postponed"])
          expect(text).toContain(`Week view ${status} hall`);
        await expectNoAxeViolations(
          page,
          `week view (${label}, JavaScript ${javaScriptEnabled ? "on" : "off"})`,
        );
        await context.close();
      }
    }
  });

  it("the week view and run-sheet work with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, server.url, "trainer@example.org", DEMO);
    await page.goto(`${server.url}/sessions/week`);
    await page.getByRole("link", { name: "Next week" }).click();
    await page.waitForURL(/week=\d{4}-\d{2}-\d{2}/);
    expect(await page.locator(".lantern-week__day").count()).toBe(7);
    await page.goto(`${server.url}/sessions/${ids.session}`);
    expect(await page.locator("h1").innerText()).not.toBe("");
    await context.close();
  });
});
