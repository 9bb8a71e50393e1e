import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  fillDate,
  launchBrowser,
  newContextWithoutAppScripts,
  signInAs,
} from "../support/browser";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { startTestServer, type TestServer } from "../support/server";
import { weekdayFromToday } from "../support/time";

// Issue 17, items 5, 6 and 3 in a browser: a coordinator books the usual package — an assembly
// for a year group, a workshop for each class, a staff session and a parents' evening — with
// different classes per session, on a phone with JavaScript and once without; the lead schedules
// it; the school sees each session's trainer, room and time on its booking page and can print it;
// a lead declines a request and the coordinator is emailed. Axe on every page visited.

let server: TestServer;
let browser: Browser;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
const SHOTS = process.env.SCREENSHOT_DIR;
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };
const ASSEMBLY = "Assembly: county lines and criminal exploitation";
const WORKSHOP = "Classroom workshop (Years 7–12)";
const PARENTS = "Parent and carer session";
const TWILIGHT = "Twilight CPD for school staff";
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const { createOffering } = await import("~/sessions/offerings.server");
  const { createClass } = await import("~/sessions/classes.server");
  const base = {
    programmeId: world.programme,
    questionnaireId: null,
    seriesLength: 1,
    seriesIntervalDays: 7,
    openToPublic: false,
  };
  await createOffering(world.db, {
    ...base,
    title: ASSEMBLY,
    description: "A trainer with lived experience talks to a year group.",
    audience: "pupils",
    format: "assembly",
    durationMinutes: 45,
    capacity: 300,
  });
  await createOffering(world.db, {
    ...base,
    title: "Primary workshop (Years 5–6)",
    description: "Safe and unsafe secrets, trusted adults.",
    audience: "pupils",
    format: "classroom_workshop",
    durationMinutes: 50,
    capacity: 35,
    schoolPhase: "primary",
  });
  await createOffering(world.db, {
    ...base,
    title: PARENTS,
    description: "What exploitation looks like and what parents can do.",
    audience: "parents",
    format: "community_session",
    durationMinutes: 90,
    capacity: 40,
  });
  for (const [school, names] of [
    [world.schoolA, ["9A", "9B"]],
    [world.schoolB, ["10A", "10B"]],
  ] as const) {
    for (const name of names)
      await createClass(world.db, [school], {
        settingId: school,
        yearGroup: name.slice(0, -1),
        name,
        pupilCount: 30,
        accessNeeds: null,
      });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.close();
});

async function checked(page: Page, shot?: string) {
  await page.waitForLoadState("load");
  await expectNoAxeViolations(page);
  if (SHOTS && shot) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
  }
}

async function as(email: string, opts: { phone?: boolean; js?: boolean } = {}) {
  const options = opts.phone ? PHONE : {};
  const context =
    opts.js === false
      ? await newContextWithoutAppScripts(browser, options)
      : await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, server.url, email, PASSWORD);
  await checked(page);
  return page;
}

/** The two steps of the request form: what to book, then each pupil session's classes and a date. */
async function requestPackage(
  coord: Page,
  opts: { offerings: string[]; classes: [string, string[]][]; day: string; shots?: string },
) {
  await coord.goto(`${server.url}/bookings/new`);
  await checked(coord, opts.shots && `${opts.shots}-offerings`);
  const text = await coord.locator("main").innerText();
  expect(text).toContain("A trainer with lived experience talks to a year group.");
  expect(text).not.toContain("Primary workshop");
  for (const o of opts.offerings) await coord.getByLabel(o, { exact: true }).check();
  await coord.getByRole("button", { name: "Continue" }).click();
  await coord.waitForURL("**/bookings/new?*offeringIds=*");
  await checked(coord);
  for (const [offering, names] of opts.classes) {
    const group = coord.getByRole("group", { name: `Which classes is “${offering}” for?` });
    for (const n of names) await group.getByLabel(new RegExp(`— ${n}$`)).check();
  }
  await fillDate(coord, "First preferred date", opts.day);
  await coord.getByLabel("Time on the first date (optional)").fill("09:00");
  await checked(coord, opts.shots && `${opts.shots}-classes`);
  await coord.getByRole("button", { name: "Send the request" }).click();
  await coord.waitForURL("**/bookings?sent=*");
  await checked(coord);
  return new URL(coord.url()).searchParams.get("sent");
}

async function classesOfRequests(settingId: string) {
  const rows = await world.db
    .selectFrom("booking_requests")
    .innerJoin("offerings", "offerings.id", "booking_requests.offering_id")
    .leftJoin(
      "booking_request_classes",
      "booking_request_classes.booking_request_id",
      "booking_requests.id",
    )
    .leftJoin("classes", "classes.id", "booking_request_classes.class_id")
    .select(["booking_requests.id", "offerings.title", "classes.name"])
    .where("booking_requests.setting_id", "=", settingId)
    .execute();
  const by = new Map<string, { id: string; title: string; classes: string[] }>();
  for (const r of rows) {
    const x = by.get(r.id) ?? { id: r.id, title: r.title, classes: [] };
    if (r.name) x.classes.push(r.name);
    by.set(r.id, x);
  }
  return [...by.values()]
    .map((x) => ({ ...x, classes: x.classes.sort() }))
    .sort((a, b) => `${a.title}${a.classes}`.localeCompare(`${b.title}${b.classes}`));
}

describe("a school's usual package", () => {
  it("coordinator books it with different classes per session (phone, JavaScript on); the lead schedules it; the school sees trainer, room and time and can print it", async () => {
    const coord = await as("coord.a@example.org", { phone: true });
    const sent = await requestPackage(coord, {
      offerings: [ASSEMBLY, WORKSHOP, TWILIGHT, PARENTS],
      classes: [
        [ASSEMBLY, ["9A", "9B"]],
        [WORKSHOP, ["9A", "9B"]],
      ],
      day: weekdayFromToday(30),
      shots: "package-request-375",
    });
    expect(sent).toBe("5");
    const requests = await classesOfRequests(world.schoolA);
    expect(requests.map((r) => [r.title, r.classes])).toEqual([
      [ASSEMBLY, ["9A", "9B"]],
      [WORKSHOP, ["9A"]],
      [WORKSHOP, ["9B"]],
      [PARENTS, []],
      [TWILIGHT, []],
    ]);

    // The lead schedules each session of the package from the queue, each on its own day.
    const lead = await as("lead@example.org");
    for (let i = 0; i < requests.length; i++) {
      await lead.goto(`${server.url}/schedule`);
      await checked(lead);
      const row = lead.locator("tbody tr", { hasText: "Wensum Valley Academy" }).first();
      await row.getByRole("link").click();
      await lead.waitForURL("**/schedule/*");
      await checked(lead);
      const title = (await lead.locator("h1").innerText()).replace("Schedule: ", "");
      const page = await lead.locator("main").innerText();
      // Each request carries only the classes it was asked for.
      if (title === WORKSHOP) expect(page).toMatch(/Year 9 — 9[AB] \(30 pupils\)(?!, Year 9)/);
      await fillDate(lead, "Date", weekdayFromToday(30 + 7 * i));
      await lead.getByLabel("Start time").fill(title === TWILIGHT ? "15:45" : "10:00");
      await lead.getByLabel("Room (optional)").fill(`Room ${i + 1}`);
      await lead.getByLabel(i % 2 ? "Megan Hollis" : "Dan Okafor").check();
      await lead.getByRole("button", { name: "Schedule the session" }).click();
      await lead.waitForURL("**/schedule?scheduled=*");
      await checked(lead);
    }
    expect(await lead.locator("tbody tr", { hasText: "Wensum Valley Academy" }).count()).toBe(0);

    // The coordinator opens a workshop's booking page on the phone: when, where and who.
    const workshop = requests.find((r) => r.title === WORKSHOP && r.classes[0] === "9B")!;
    const session = await world.db
      .selectFrom("delivery_sessions")
      .innerJoin("session_trainers", "session_trainers.session_id", "delivery_sessions.id")
      .innerJoin("users", "users.id", "session_trainers.trainer_id")
      .select(["delivery_sessions.room", "users.name"])
      .where("delivery_sessions.booking_request_id", "=", workshop.id)
      .executeTakeFirstOrThrow();
    await coord.goto(`${server.url}/bookings/${workshop.id}`);
    await checked(coord, "booking-page-375");
    const main = await coord.locator("main").innerText();
    expect(main).toContain("10am to 10:50am");
    expect(main).toContain(session.room!);
    expect(main).toContain(session.name);
    expect(main).toContain("Year 9 — 9B (30 pupils)");
    await expect.poll(() => coord.getByRole("button", { name: "Print this page" }).count()).toBe(1);
    // Printed: the navigation, footer, history and buttons are left off; the meeting stays.
    await coord.emulateMedia({ media: "print" });
    expect(await coord.locator(".lantern-nav").isVisible()).toBe(false);
    expect(await coord.locator(".govuk-footer").isVisible()).toBe(false);
    expect(await coord.getByRole("heading", { name: "History" }).isVisible()).toBe(false);
    expect(await coord.getByRole("button", { name: "Print this page" }).isVisible()).toBe(false);
    expect(await coord.locator(".lantern-session-summary").isVisible()).toBe(true);
    await coord.emulateMedia({ media: "screen" });
  });

  it("works without JavaScript, and a lead declines a request: the coordinator is emailed why", async () => {
    const coord = await as("coord.b@example.org", { phone: true, js: false });
    const sent = await requestPackage(coord, {
      offerings: [ASSEMBLY, WORKSHOP],
      classes: [
        [ASSEMBLY, ["10A", "10B"]],
        [WORKSHOP, ["10B"]],
      ],
      day: weekdayFromToday(31),
    });
    expect(sent).toBe("2");
    const requests = await classesOfRequests(world.schoolB);
    expect(requests.map((r) => [r.title, r.classes])).toEqual([
      [ASSEMBLY, ["10A", "10B"]],
      [WORKSHOP, ["10B"]],
    ]);
    // Without JavaScript there is no Print button: the browser's own Print uses the same stylesheet.
    await coord.goto(`${server.url}/bookings/${requests[0].id}`);
    await checked(coord);
    expect(await coord.getByRole("button", { name: "Print this page" }).count()).toBe(0);

    const lead = await as("lead@example.org");
    await lead.goto(`${server.url}/schedule/${requests[0].id}`);
    await checked(lead);
    const reason = "No trainer is free for an assembly that week; please ask for dates after it.";
    await lead.getByLabel("Why it is declined").fill(reason);
    await lead.getByRole("button", { name: "Decline the request" }).click();
    await lead.waitForURL("**/schedule?declined=*");
    await checked(lead);
    const mail = await world.db
      .selectFrom("outbox")
      .select(["subject", "text_body"])
      .where("to_address", "=", "coord.b@example.org")
      .where("subject", "like", "Booking request declined%")
      .execute();
    expect(mail.length).toBe(1);
    expect(mail[0].text_body).toContain(reason);
    await coord.goto(`${server.url}/bookings/${requests[0].id}`);
    await checked(coord);
    expect(await coord.locator("main").innerText()).toContain(reason);
  });
});
