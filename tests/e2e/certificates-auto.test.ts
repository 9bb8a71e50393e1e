import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { freezeServerAt, londonAt, londonDay, resetServerClock } from "../support/time";
import { PASSWORD } from "../support/password";

// Certificates issued automatically, in a browser: a learner finishing a module is offered the
// download at once; a lead downloads a delivered session's certificates from its run-sheet.

let server: TestServer;
let browser: Browser;
const shots = process.env.SCREENSHOT_DIR;
let moduleId = "";
let sessionId = "";

async function shot(page: Page, name: string) {
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const momentum = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  const vcse = await insertOrganisation(db, { kind: "vcse", name: "Norwich Youth Harbour" });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead" }],
  });
  const trainer = await insertUser(db, {
    email: "dan@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "trainer" }],
  });
  const author = await insertUser(db, {
    email: "author@example.org",
    name: "Nadia Hussain",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "content_author" }],
  });
  const learner = await insertUser(db, {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: vcse, role: "learner" }],
  });

  const { DEMO_MODULES } = await import("~/learning/seed-content.server");
  const { insertModule, progressLearner } = await import("~/learning/seed.server");
  ({ moduleId } = await insertModule(db, author, DEMO_MODULES[0]));
  await progressLearner(db, learner, moduleId, { lessonsRead: 99 });

  // A teachers' session tomorrow, booked by three people, two of whom came; marked delivered by its
  // trainer that evening (the server's clock moved forward to then).
  const { insertProgramme, insertOffering, insertSession } =
    await import("~/seed/factories/sessions.server");
  const programmeId = await insertProgramme(db, { name: "SOS+ Norfolk", deliveryPartnerId: sgt });
  const offeringId = await insertOffering(db, {
    programmeId,
    title: "Spotting the signs: exploitation awareness for school staff",
    audience: "teachers",
    format: "twilight_cpd",
    openToPublic: true,
  });
  sessionId = await insertSession(db, {
    programmeId,
    offeringId,
    startsAt: londonAt(1, "16:00"),
    isOpen: true,
    trainerIds: [trainer],
    venue: "Wensum Valley Academy",
  });
  const { bookOpenSession } = await import("~/sessions/open.server");
  for (const [name, email] of [
    ["Helen Carter", "helen@wensum.example.org"],
    ["Ravi Patel", "ravi@wensum.example.org"],
    ["Sam Ellis", "sam@wensum.example.org"],
  ]) {
    await bookOpenSession(db, { sessionId, name, email, baseUrl: server.url });
  }
  await freezeServerAt(londonAt(1, "18:00"));
  const regs = await db
    .selectFrom("registrations")
    .select(["id", "name"])
    .where("session_id", "=", sessionId)
    .execute();
  const { recordAttendance, markDelivered } = await import("~/sessions/delivery.server");
  const viewer = { userId: trainer, all: false, trainer: true, schoolIds: [] };
  await recordAttendance(
    db,
    viewer,
    sessionId,
    {
      classCounts: {},
      registrations: Object.fromEntries(
        regs.map((r) => [r.id, r.name === "Sam Ellis" ? "no_show" : "attended"]),
      ),
      walkIns: 0,
    },
    { baseUrl: server.url },
  );
  expect(await markDelivered(db, viewer, sessionId, { baseUrl: server.url })).toBe("delivered");
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await resetServerClock();
  await browser?.close();
  const { closePdfPool } = await import("~/pdf/pool.server");
  await closePdfPool();
  await server?.close();
});

describe("automatic certificates in a browser", () => {
  it("a learner who passes the quiz is offered their certificate at once and downloads it", async () => {
    const { getDb } = await import("~/db/db.server");
    const db = getDb();
    const version = await db
      .selectFrom("learning_module_versions")
      .select("id")
      .where("module_id", "=", moduleId)
      .executeTakeFirstOrThrow();
    const right = await db
      .selectFrom("learning_options")
      .innerJoin("learning_questions", "learning_questions.id", "learning_options.question_id")
      .select(["learning_options.id"])
      .where("learning_questions.version_id", "=", version.id)
      .where("learning_options.is_correct", "=", 1)
      .execute();
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signInAs(page, server.url, "learner@example.org", PASSWORD);
    await page.goto(`${server.url}/learning/modules/${moduleId}/quiz`);
    for (const o of right) await page.locator(`input[value="${o.id}"]`).check();
    await page.getByRole("button", { name: "Submit your answers" }).click();
    await expect
      .poll(async () => (await page.locator("h1").textContent())?.trim())
      .toBe("You passed");
    const link = page.getByRole("link", { name: "Download your certificate" });
    expect(await link.count()).toBe(1);
    await expectNoAxeViolations(page, "quiz passed");
    await shot(page, "auto-module-complete");

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^certificate-LTN-${londonDay(1).slice(0, 4)}-\\d{6}\\.pdf$`),
    );
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    await page.goto(`${server.url}/learning/modules/${moduleId}`);
    expect(await page.getByRole("link", { name: "Download your certificate" }).count()).toBe(1);
    await expectNoAxeViolations(page, "module page, completed");
    await shot(page, "auto-module-page");
    await page.goto(`${server.url}/learning/my`);
    expect(
      await page
        .getByRole("link", {
          name: "Download your certificate for Recognising child criminal exploitation (PDF)",
        })
        .count(),
    ).toBe(1);
    await expectNoAxeViolations(page, "my learning");
    await shot(page, "auto-my-learning");
    await page.goto(`${server.url}/certificates`);
    expect(await page.locator("main").textContent()).toContain(
      "Recognising child criminal exploitation",
    );
    await expectNoAxeViolations(page, "my certificates");
    await context.close();
  });

  it("a lead downloads a delivered session's certificates as one ZIP from its run-sheet", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signInAs(page, server.url, "lead@example.org", PASSWORD);
    await page.goto(`${server.url}/sessions/${sessionId}`);
    expect(await page.locator("#certificates + p").textContent()).toContain(
      "2 of 2 attendees have a certificate",
    );
    await expectNoAxeViolations(page, "run-sheet");
    await shot(page, "auto-session-run-sheet");
    await page.getByRole("button", { name: "Download this session's certificates (ZIP)" }).click();
    await page.waitForURL(/\/admin\/certificates\/batches\//);
    const zipLink = page.getByRole("link", { name: "Download all 2 certificates (ZIP)" });
    await expect.poll(() => zipLink.count(), { timeout: 30_000 }).toBe(1);
    await expectNoAxeViolations(page, "session batch");
    await shot(page, "auto-session-batch");
    const [download] = await Promise.all([page.waitForEvent("download"), zipLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^certificates-.*\.zip$/);

    await page.goto(`${server.url}/admin/certificates/sessions`);
    expect(await page.locator("h1").textContent()).toBe("Certificates for a session's attendees");
    await expectNoAxeViolations(page, "session picker");
    await shot(page, "auto-session-picker");
    await context.close();
  });

  it("a holder without an account opens their emailed link and downloads the PDF", async () => {
    const { getDb } = await import("~/db/db.server");
    const db = getDb();
    const mail = await db
      .selectFrom("outbox")
      .select("text_body")
      .where("subject", "like", "Your certificate%")
      .where("text_body", "like", "%/certificates/download/%")
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/certificates\/download\/[a-z2-7]{32}/.exec(mail.text_body)![0];
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}${new URL(link).pathname}`);
    expect(await page.locator("h1").textContent()).toBe("Your certificate");
    await expectNoAxeViolations(page, "download link page");
    await shot(page, "auto-download-link");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^certificate-LTN-\d{4}-\d{6}\.pdf$/);
    await context.close();
  });
});
