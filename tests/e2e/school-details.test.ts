import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  launchBrowser,
  newContextWithoutAppScripts,
  signInAs,
} from "../support/browser";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { startTestServer, type TestServer } from "../support/server";
import { londonAt } from "../support/time";

// Issue 17, item 8, in Chromium with the app's scripts off: a school coordinator finds the form for
// trainers' visits from their classes, gets a wrong phone number back with an error summary and what
// they typed, corrects it, and the trainer's run-sheet then shows the address, postcode and phone.
// axe runs on each page the coordinator sees.

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let session: string;

beforeAll(async () => {
  server = await startTestServer();
  const world = await buildDeliveryWorld();
  const f = await import("~/seed/factories/sessions.server");
  session = await f.insertSession(world.db, {
    programmeId: world.programme,
    offeringId: world.offerings.twilight,
    startsAt: londonAt(3, "15:45"),
    settingId: world.schoolA,
    venue: "Library",
    trainerIds: [world.users.dan],
  });
  browser = await launchBrowser();
  context = await newContextWithoutAppScripts(browser, { viewport: { width: 1024, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe("a school's details for trainers' visits, without JavaScript", () => {
  it("are kept by the school's coordinator and shown on the trainer's run-sheet", async () => {
    const page = await context.newPage();
    await signInAs(page, server.url, "coord.a@example.org", PASSWORD);
    await page.goto(`${server.url}/classes`);
    await page.getByRole("link", { name: "Details for trainers’ visits" }).click();
    await page.waitForURL(`${server.url}/school-details`);
    await expectNoAxeViolations(page);
    expect(await page.getByLabel("Postcode").inputValue()).toBe("NR2 4AA");

    await page.getByLabel("Street address (optional)").fill("Bluebell Road\nNorwich");
    await page.getByLabel("Phone for visits (optional)").fill("ring reception");
    await page.getByRole("button", { name: "Save the details" }).click();
    await page.getByText("There is a problem").waitFor();
    await expectNoAxeViolations(page);
    const summaryLink = page
      .locator(".govuk-error-summary")
      .getByRole("link", { name: "Enter a phone number using digits, like 01603 123456" });
    expect(await summaryLink.getAttribute("href")).toBe("#f-contactPhone");
    expect(await page.getByLabel("Street address (optional)").inputValue()).toBe(
      "Bluebell Road\nNorwich",
    );
    expect(await page.getByLabel("Phone for visits (optional)").inputValue()).toBe(
      "ring reception",
    );

    await page.getByLabel("Phone for visits (optional)").fill("01603 555 0101");
    await page.getByRole("button", { name: "Save the details" }).click();
    await page.getByText("have been saved").waitFor();
    await expectNoAxeViolations(page);
    expect(await page.getByLabel("Phone for visits (optional)").inputValue()).toBe(
      "01603 555 0101",
    );
    await page.close();

    const trainer = await context.newPage();
    await context.clearCookies();
    await signInAs(trainer, server.url, "dan@example.org", PASSWORD);
    await trainer.goto(`${server.url}/sessions/${session}`);
    const text = (await trainer.locator("main").innerText()).replace(/\s+/g, " ");
    expect(text).toContain("Address Bluebell Road Norwich");
    expect(text).toContain("Postcode NR2 4AA");
    expect(text).toContain("Phone on the day 01603 555 0101");
    await trainer.close();
  });
});
