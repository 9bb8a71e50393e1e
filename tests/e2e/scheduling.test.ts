import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dateValue,
  expectNoAxeViolations,
  fillDate,
  launchBrowser,
  signInAs,
} from "../support/browser";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { startTestServer, type TestServer } from "../support/server";
import {
  freezeServerAt,
  longDateText,
  londonAt,
  resetServerClock,
  weekdayFromToday,
} from "../support/time";

let server: TestServer;
let browser: Browser;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
// The session day: a weekday a little over two weeks ahead, whatever today is.
const DAY = weekdayFromToday(16);

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();

  // Dan is already delivering at Harbour Reach Academy (Great Yarmouth) on that day, 10:00–10:50.
  const { createClass } = await import("~/sessions/classes.server");
  const { createPackageRequest } = await import("~/sessions/requests.server");
  const { confirmRequest } = await import("~/sessions/scheduling.server");
  const classB = await createClass(world.db, [world.schoolB], {
    settingId: world.schoolB,
    yearGroup: "10",
    name: "10H2",
    pupilCount: 30,
    accessNeeds: null,
  });
  const coordB = {
    userId: world.users.coordB,
    all: false,
    trainer: false,
    schoolIds: [world.schoolB],
  };
  const req = await createPackageRequest(
    world.db,
    coordB,
    {
      settingId: world.schoolB,
      sessions: [{ offeringId: world.offerings.workshop, classIds: [classB] }],
      preferredDates: [{ date: DAY, time: "10:00" }],
      notes: null,
    },
    server.url,
  );
  if (!req.ok) throw new Error(req.message);
  const lead = { userId: world.users.lead, all: true, trainer: false, schoolIds: [] };
  const done = await confirmRequest(
    world.db,
    lead,
    req.requestIds[0],
    {
      date: DAY,
      time: "10:00",
      durationMinutes: 50,
      venue: "Harbour Reach Academy",
      room: null,
      trainerIds: [world.users.dan],
      overrideReason: null,
    },
    server.url,
  );
  if (done === "not_found" || done === "not_waiting" || !done.ok)
    throw new Error("could not set up Dan's existing session");

  browser = await launchBrowser();
});

afterAll(async () => {
  await resetServerClock();
  await browser?.close();
  await server?.close();
});

/** A signed-in page whose every visit is checked with axe. */
async function as(email: string) {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, server.url, email, PASSWORD);
  await expectNoAxeViolations(page);
  return page;
}

async function checked(page: Page) {
  await page.waitForLoadState("load");
  await expectNoAxeViolations(page);
}

async function pupilFigures(page: Page) {
  await page.goto(`${server.url}/programmes/${world.programme}`);
  await checked(page);
  const row = page.locator('tr[data-audience="pupils"]');
  return {
    sessions: (await row.locator('[data-figure="sessions"]').innerText()).trim(),
    people: (await row.locator('[data-figure="people"]').innerText()).trim(),
  };
}

describe("from a school's request to a delivered session", () => {
  it("coordinator registers a class and requests; lead is refused a clashing trainer, schedules another; trainer records attendance and marks delivered; the lead's counts go up", async () => {
    // The lead's figures before.
    let lead = await as("lead@example.org");
    const before = await pupilFigures(lead);
    expect(before.sessions).toBe("0 of 120 (0%)");
    expect(before.people).toBe("0 of 8,600 (0%)");

    // The coordinator registers a class…
    const coord = await as("coord.a@example.org");
    await coord.goto(`${server.url}/classes`);
    await checked(coord);
    await coord.getByRole("link", { name: "Add a class" }).click();
    await coord.waitForURL("**/classes/new");
    await checked(coord);
    await coord.getByLabel("Year group").selectOption("9");
    await coord.getByLabel("Class name").fill("9W1");
    await coord.getByLabel("Number of pupils").fill("28");
    await coord.getByRole("button", { name: "Add the class" }).click();
    await coord.waitForURL("**/classes?saved=1");
    await checked(coord);
    expect(await coord.locator("table").innerText()).toContain("9W1");

    // …and requests a session for it.
    await coord.getByRole("link", { name: "Request a session" }).click();
    await coord.waitForURL("**/bookings/new");
    await checked(coord);
    await coord.getByLabel("Classroom workshop (Years 7–12)").check();
    await coord.getByRole("button", { name: "Continue" }).click();
    await coord.waitForURL("**/bookings/new?*offeringIds=*");
    await checked(coord);
    await coord.getByLabel("Year 9 — 9W1").check();
    await fillDate(coord, "First preferred date", DAY);
    await coord.getByLabel("Time on the first date (optional)").fill("11:00");
    await coord
      .getByLabel("Anything else we should know? (optional)")
      .fill("Period 3, in the drama studio.");
    await coord.getByRole("button", { name: "Send the request" }).click();
    await coord.waitForURL("**/bookings?sent=1");
    await checked(coord);
    expect(await coord.locator("table").innerText()).toContain("Waiting to be scheduled");

    // The lead opens the queue and tries Dan, who is at Harbour Reach Academy until 10:50.
    await lead.goto(`${server.url}/schedule`);
    await checked(lead);
    await lead
      .getByRole("link", { name: /Classroom workshop \(Years 7–12\) for Wensum Valley Academy/ })
      .click();
    await lead.waitForURL("**/schedule/*");
    await checked(lead);
    expect(await dateValue(lead, "Date")).toBe(DAY);
    expect(await lead.getByLabel("Start time").inputValue()).toBe("11:00");
    await lead.getByLabel("Room (optional)").fill("Drama studio");
    // Who is free at 11:00 (issue 17, item 4): not Dan, who needs the time to travel from Harbour Reach.
    await lead.getByRole("button", { name: "Check who is free" }).click();
    const free = lead.locator("#who-is-free");
    await free.waitFor();
    await checked(lead);
    expect(await free.locator("table").innerText()).toContain("Megan Hollis");
    expect(await free.locator("table").innerText()).not.toContain("Dan Okafor");
    expect(await lead.getByLabel("Room (optional)").inputValue()).toBe("Drama studio");
    await lead.getByLabel("Dan Okafor").check();
    await lead.getByRole("button", { name: "Schedule the session" }).click();
    const refusal = lead.locator(".govuk-error-summary");
    await refusal.waitFor();
    await checked(lead);
    const reason = await refusal.innerText();
    expect(reason).toContain("This cannot be booked");
    expect(reason).toContain(
      `Dan Okafor is booked for “Classroom workshop (Years 7–12)” at Harbour Reach Academy from 10am to 10:50am on ${longDateText(DAY)}`,
    );
    expect(reason).toContain("needs 30 minutes to travel between venues");

    // Megan instead.
    await lead.getByLabel("Dan Okafor").uncheck();
    await lead.getByLabel("Megan Hollis").check();
    await lead.getByRole("button", { name: "Schedule the session" }).click();
    await lead.waitForURL("**/schedule?scheduled=*");
    await checked(lead);
    expect(await lead.locator(".govuk-notification-banner").innerText()).toContain("Scheduled");

    // The day of the session, after it has started: Megan takes attendance and marks it delivered.
    await freezeServerAt(londonAt(0, "11:20", new Date(`${DAY}T12:00:00Z`)));
    const megan = await as("megan@example.org");
    await megan.goto(`${server.url}/sessions`);
    await checked(megan);
    await megan.getByRole("link", { name: "Classroom workshop (Years 7–12)" }).first().click();
    await megan.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    await checked(megan);
    expect(await megan.locator("h1").innerText()).toContain("Classroom workshop (Years 7–12)");
    expect(await megan.locator(".govuk-summary-list").innerText()).toContain(
      "Drama studio, Wensum Valley Academy",
    );
    await megan.getByRole("link", { name: "Record attendance" }).click();
    await megan.waitForURL("**/attendance");
    await checked(megan);
    await megan.getByLabel("Year 9 — 9W1: pupils who attended").fill("26");
    await megan.getByRole("button", { name: "Save attendance" }).click();
    await megan.waitForURL("**?saved=1");
    await checked(megan);
    await megan.getByRole("button", { name: "Mark delivered" }).click();
    await megan.waitForURL("**?delivered=1");
    await checked(megan);
    expect(await megan.locator(".govuk-tag").first().innerText()).toBe("Delivered");

    // The lead's figures after (signed in again: two weeks have passed on the server's clock).
    lead = await as("lead@example.org");
    const after = await pupilFigures(lead);
    expect(after.sessions).toBe("1 of 120 (1%)");
    expect(after.people).toBe("26 of 8,600 (0%)");
  });
});
