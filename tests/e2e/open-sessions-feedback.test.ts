import fs from "node:fs";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { londonAt } from "../support/time";
import { PASSWORD } from "../support/password";

let server: TestServer;
let browser: Browser;
let parentsSession: string;
let deliveredSession: string;
let pupilSession: string;
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = process.env.SCREENSHOT_DIR;

/**
 * axe needs JavaScript in the page, so for a page shown with JavaScript off, the exact HTML the
 * server sent is checked in a second page (same address, same styles, the app's scripts blocked).
 */
async function axeJsOff(page: import("playwright-core").Page) {
  const html = await page.content();
  const url = page.url();
  const context = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const copy = await context.newPage();
  await copy.route(
    (u) => u.pathname.endsWith(".js"),
    (r) => r.abort(),
  );
  await copy.route(
    (u) => u.href === url,
    (r) => r.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await copy.goto(url);
  await expectNoAxeViolations(copy, url);
  await context.close();
}

async function shoot(page: import("playwright-core").Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const f = await import("~/seed/factories/sessions.server");
  const db = getDb();
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const trainer = await insertUser(db, {
    email: "trainer@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "trainer", safeguardingCleared: true }],
  });
  const programmeId = await f.insertProgramme(db, { name: "SOS+" });
  const parents = await f.insertOffering(db, {
    programmeId,
    title: "Keeping your child safe from exploitation",
    audience: "parents",
    openToPublic: true,
    description:
      "How criminal exploitation and county lines work, the signs to look out for, and where to get help.",
  });
  const cpd = await f.insertOffering(db, {
    programmeId,
    title: "Spotting the signs: twilight CPD for school staff",
    audience: "teachers",
    format: "twilight_cpd",
    openToPublic: true,
  });
  const norwich = await f.districtIdByCode(db, "E07000148");
  const yarmouth = await f.districtIdByCode(db, "E07000145");
  parentsSession = await f.insertSession(db, {
    programmeId,
    offeringId: parents,
    startsAt: londonAt(39, "18:30"),
    capacity: 2,
    isOpen: true,
    districtId: norwich,
    venue: "Norwich Youth Harbour hall, Magpie Road",
  });
  await f.insertSession(db, {
    programmeId,
    offeringId: cpd,
    startsAt: londonAt(45, "15:45"),
    capacity: 30,
    isOpen: true,
    districtId: yarmouth,
    venue: "Harbour Reach Academy, library",
  });
  deliveredSession = await f.insertSession(db, {
    programmeId,
    offeringId: parents,
    startsAt: new Date(Date.now() - 3600_000),
    durationMinutes: 180,
    trainerIds: [trainer],
    venue: "Forum",
  });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead", safeguardingCleared: true }],
  });
  const school = await insertOrganisation(db, { kind: "setting", name: "Wensum Valley Academy" });
  const assembly = await f.insertOffering(db, {
    programmeId,
    title: "SOS+ assembly",
    audience: "pupils",
    format: "assembly",
  });
  pupilSession = await f.insertSession(db, {
    programmeId,
    offeringId: assembly,
    startsAt: new Date(Date.now() - 2 * 3600_000),
    durationMinutes: 180,
    settingId: school,
    trainerIds: [trainer],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the public open-sessions pages", () => {
  it("lists, filters and books with JavaScript off at phone width, then puts the next person on the waiting list", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${server.url}/sessions/open`);
    await axeJsOff(page);
    await shoot(page, "open-list-phone");
    expect(await page.locator("h2", { hasText: "2 sessions" }).count()).toBe(1);
    await page.getByLabel("Who it is for").selectOption("parents");
    await page.getByRole("button", { name: "Show sessions" }).click();
    await page.waitForURL(/audience=parents/);
    await axeJsOff(page);
    expect(await page.locator("h2", { hasText: "1 session" }).count()).toBe(1);
    await page.getByRole("link", { name: "Keeping your child safe from exploitation" }).click();
    await page.waitForURL(`**/sessions/open/${parentsSession}`);
    await axeJsOff(page);
    await shoot(page, "open-session-phone");

    // An empty form shows the error summary.
    await page.getByRole("button", { name: "Book a place" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await axeJsOff(page);

    for (const [i, who] of ["Amira Bell", "Ben Chambers", "Chloe Dunn"].entries()) {
      await page.goto(`${server.url}/sessions/open/${parentsSession}`);
      await page.getByLabel("Full name").fill(who);
      await page.getByLabel("Email address").fill(`person${i}@example.com`);
      await page.getByLabel("School or organisation (optional)").fill("Colman Road Primary School");
      await page
        .getByRole("button", { name: i < 2 ? "Book a place" : "Join the waiting list" })
        .click();
      await page.waitForURL(/\/booked\?/);
      await axeJsOff(page);
      if (i === 2) {
        expect(await page.locator("h1").textContent()).toContain("You are on the waiting list");
        expect(await page.locator(".govuk-panel__body").textContent()).toContain(
          "You are number 1 in the queue",
        );
        await shoot(page, "open-waiting-phone");
      } else {
        expect(await page.locator("h1").textContent()).toContain("Your place is booked");
      }
    }

    // The first booker cancels with the link from their email; the waiting booker gets the place.
    const { getDb } = await import("~/db/db.server");
    const mail = await getDb()
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", "person0@example.com")
      .executeTakeFirstOrThrow();
    const cancel = /https?:\/\/\S+\/sessions\/open\/cancel\/[a-z2-7]{32}/.exec(mail.text_body)![0];
    await page.goto(cancel);
    expect(await page.locator("h1").textContent()).toBe("Cancel your place");
    await axeJsOff(page);
    await shoot(page, "open-cancel-phone");
    await page.getByRole("button", { name: "Cancel my place" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator("h1").textContent()).toBe("Booking cancelled");
    await axeJsOff(page);
    const promoted = await getDb()
      .selectFrom("registrations")
      .select("status")
      .where("email", "=", "person2@example.com")
      .executeTakeFirstOrThrow();
    expect(promoted.status).toBe("confirmed");
    await context.close();
  });

  it("looks right on a desktop", async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${server.url}/sessions/open`);
    await expectNoAxeViolations(page);
    await shoot(page, "open-list-desktop");
    await page.goto(`${server.url}/sessions/open/${parentsSession}`);
    await expectNoAxeViolations(page);
    await shoot(page, "open-session-desktop");
    await context.close();
  });
});

describe("feedback on a phone with JavaScript off", () => {
  it("completes before and after at 375px with no axe violations, then the trainer sees the paired change", async () => {
    const trainerContext = await browser.newContext({ viewport: DESKTOP });
    const trainerPage = await trainerContext.newPage();
    await signInAs(trainerPage, server.url, "trainer@example.org", PASSWORD);
    await trainerPage.goto(`${server.url}/sessions/${deliveredSession}/feedback`);
    await expectNoAxeViolations(trainerPage);
    const link = await trainerPage.locator("a[href*='/feedback/']").first().getAttribute("href");
    expect(link).toMatch(/\/feedback\/[a-z2-7]{32}$/);

    const phone = await browser.newContext({
      javaScriptEnabled: false,
      viewport: PHONE,
      isMobile: true,
    });
    const page = await phone.newPage();
    await page.goto(link!);
    expect(await page.locator("h1").textContent()).toBe("Before the session");
    await axeJsOff(page);
    // Nothing scrolls sideways at phone width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await shoot(page, "feedback-before-phone");

    // Missing answers: an error summary linked to the question.
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await axeJsOff(page);

    const statements = [
      "I can recognise the signs of child criminal exploitation",
      "I understand how young people are groomed and recruited into county lines",
      "I know where to get help and how to report a concern",
    ];
    for (const s of statements)
      await page.getByRole("group", { name: s }).getByLabel("Disagree", { exact: true }).check();
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator("h1").textContent()).toBe("After the session");
    await axeJsOff(page);
    await shoot(page, "feedback-after-phone");
    for (const s of statements)
      await page
        .getByRole("group", { name: s })
        .getByLabel("Strongly agree", { exact: true })
        .check();
    await page
      .getByRole("group", { name: "Overall, how satisfied were you with the session?" })
      .getByLabel("Very satisfied", { exact: true })
      .check();
    await page
      .getByLabel(/Is there anything you would like to tell us/)
      .fill("Clear and practical.");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator("h1").textContent()).toBe("Thank you");
    await axeJsOff(page);
    await shoot(page, "feedback-done-phone");
    await phone.close();

    await trainerPage.reload();
    await expectNoAxeViolations(trainerPage);
    const row = trainerPage.locator("tr", { hasText: statements[0] }).first();
    // Disagree (2) before, strongly agree (5) after: +3.0 for the one paired respondent.
    expect((await row.textContent())?.replace(/\s+/g, " ")).toContain("2.0 (1)5.0 (1)+3.0 (1)");
    // The QR code on the page reads back as the feedback link.
    const png = PNG.sync.read(await trainerPage.locator("figure svg").screenshot());
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(link);
    await shoot(trainerPage, "feedback-trainer-desktop");
    await trainerContext.close();
  });
});

describe("staff pages", () => {
  it("shows pupils the picture scale at phone width, lets the trainer record a safeguarding concern, and the lead edit a questionnaire", async () => {
    const trainerContext = await browser.newContext({ viewport: DESKTOP });
    const trainer = await trainerContext.newPage();
    await signInAs(trainer, server.url, "trainer@example.org", PASSWORD);
    await trainer.goto(`${server.url}/sessions/${pupilSession}/feedback`);
    const link = (await trainer.locator("a[href*='/feedback/']").first().getAttribute("href"))!;

    const phone = await browser.newContext({ viewport: PHONE, isMobile: true });
    const pupil = await phone.newPage();
    await pupil.goto(link);
    expect(await pupil.locator("h1").textContent()).toBe("Before we start");
    await expectNoAxeViolations(pupil);
    await shoot(pupil, "feedback-pupil-phone");
    await phone.close();

    await trainer.goto(`${server.url}/sessions/${pupilSession}/safeguarding`);
    await expectNoAxeViolations(trainer);
    await trainer.getByLabel("A referral made").check();
    await trainer.getByLabel("Category").selectOption("criminal_exploitation");
    await trainer.getByLabel("SOS+ 1-2-1 support").check();
    await trainer.getByLabel("Young person's initials").fill("JT");
    await trainer.getByLabel("Year group").selectOption("9");
    await trainer.getByLabel("Yes, consent was given").check();
    await trainer.getByRole("button", { name: "Save record" }).click();
    await trainer.locator(".govuk-notification-banner").waitFor();
    await expectNoAxeViolations(trainer);
    expect(await trainer.locator("table").first().textContent()).toContain("JT, Year 9");
    await shoot(trainer, "safeguarding-trainer-desktop");
    await trainerContext.close();

    const leadContext = await browser.newContext({ viewport: DESKTOP });
    const lead = await leadContext.newPage();
    await signInAs(lead, server.url, "lead@example.org", PASSWORD);
    await lead.goto(`${server.url}/safeguarding`);
    await expectNoAxeViolations(lead);
    expect(await lead.locator("table").textContent()).toContain("JT, Year 9");
    await lead.goto(`${server.url}/admin/questionnaires`);
    await expectNoAxeViolations(lead);
    await lead.getByRole("link", { name: "Create a questionnaire" }).click();
    await lead.waitForURL("**/admin/questionnaires/new");
    await expectNoAxeViolations(lead);
    await lead.getByLabel("Name").fill("Parents 2027");
    await lead.getByLabel("Adults").check();
    await lead
      .getByLabel("Start from a copy of (optional)")
      .selectOption({ label: "Standard feedback (adults)" });
    await lead.getByRole("button", { name: "Create questionnaire" }).click();
    await lead.waitForURL(/\/admin\/questionnaires\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(lead);
    await lead.getByLabel("Statement asked before and after").check();
    await lead
      .getByLabel("Wording", { exact: true })
      .fill("I feel confident talking to my child about exploitation");
    await lead.getByRole("button", { name: "Add question" }).click();
    await lead
      .locator("td", { hasText: "I feel confident talking to my child about exploitation" })
      .waitFor();
    await lead
      .getByRole("button", {
        name: "Move “I feel confident talking to my child about exploitation” up",
      })
      .click();
    await lead.waitForLoadState("load");
    await expect
      .poll(async () => (await lead.locator("tbody tr").nth(4).textContent()) ?? "")
      .toContain("I feel confident talking to my child");
    await expectNoAxeViolations(lead);
    await shoot(lead, "questionnaire-lead-desktop");
    await leadContext.close();
  });
});
