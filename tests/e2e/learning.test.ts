import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// The whole e-learning journey in a real browser, with axe on every page:
// an author writes and publishes a module; a learner enrols, reads, leaves, comes back to the same
// lesson, fails the quiz, passes at the second attempt and sees the module complete; their
// manager sees it in the staff table.

let server: TestServer;
let browser: Browser;
const SHOTS = process.env.LEARNING_SHOTS; // a folder to save screenshots in, when looking at pages

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  const momentum = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  const harbour = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  await insertUser(db, {
    email: "author@example.org",
    name: "Sam Lowe",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "content_author" }],
  });
  await insertUser(db, {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "learner" }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "organisation_manager" }],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  // The quick exit leaves for a neutral site; keep tests off the internet.
  await context.route("https://www.bbc.co.uk/**", (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html",
      body: "<!doctype html><title>Weather</title><h1>Weather</h1>",
    }),
  );
  return page;
}

let shot = 0;
/** Waits for the page to show `heading`, runs axe, and saves a screenshot when asked. */
async function arrive(page: Page, heading: string | RegExp, axe = true) {
  await expect
    .poll(async () => (await page.locator("h1").first().textContent())?.trim() ?? "", {
      timeout: 15_000,
    })
    .toMatch(heading);
  await page.waitForLoadState("load");
  // axe runs as script in the page, so it is skipped only where JavaScript is off (those pages were checked with it on).
  if (axe) await expectNoAxeViolations(page);
  if (SHOTS)
    await page.screenshot({
      path: `${SHOTS}/${String(++shot).padStart(2, "0")}-${new URL(page.url()).pathname.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}.png`,
      fullPage: true,
    });
}

async function click(page: Page, name: string | RegExp, role: "button" | "link" = "button") {
  await page
    .getByRole(role, { name, exact: typeof name === "string" })
    .first()
    .click();
}

describe("e-learning in a browser", () => {
  it("runs from writing a module to a manager seeing it completed", async () => {
    // ── The author writes and publishes a module ─────────────────────────────
    const author = await newPage();
    await signInAs(author, server.url, "author@example.org", PASSWORD);
    await author.goto(`${server.url}/author`);
    await arrive(author, "Write e-learning");
    await click(author, "Create a module", "button");
    await arrive(author, "Create a module");
    await click(author, "Create module");
    await arrive(author, "Create a module"); // errors first
    expect(await author.locator(".govuk-error-summary").textContent()).toContain("Enter a title");
    await author.getByLabel("Title", { exact: true }).fill("Spotting exploitation early");
    await author.getByLabel("Summary").fill("Three short lessons on noticing the first signs.");
    await author.getByLabel("Time needed, in minutes").fill("15");
    await author.getByLabel("Quiz pass mark, as a percentage").fill("100");
    await click(author, "Create module");
    await arrive(author, "Spotting exploitation early");

    const lessons = [
      {
        title: "First signs",
        note: "",
        body: "## Changes\n\nLook for **changes** in a young person.\n\n- New phones\n- Missing sessions\n\nSee [the NSPCC](https://www.nspcc.org.uk/).",
      },
      {
        title: "Gifts and debts",
        note: "This lesson describes threats made to children.",
        body: "Exploiters give gifts, then say the child **owes** them.\n\n<script>alert(1)</script>",
      },
      {
        title: "What to do",
        note: "",
        body: "Tell your designated safeguarding lead the same day.",
      },
    ];
    for (const l of lessons) {
      await click(author, "Add a lesson", "button");
      await arrive(author, "Add a lesson");
      await author.getByLabel("Lesson title").fill(l.title);
      if (l.note) await author.getByLabel("Content note (optional)").fill(l.note);
      await author.getByLabel("Lesson text").fill(l.body);
      await click(author, "Save lesson");
      await arrive(author, "Spotting exploitation early");
    }

    await click(author, "Add a quiz question", "button");
    await arrive(author, "Add a quiz question");
    await author.getByLabel("Question", { exact: true }).fill("Who should you tell about a worry?");
    await author.getByLabel("Choose one answer").check();
    await author.getByLabel("Text of answer 1").fill("Your designated safeguarding lead");
    await author
      .getByLabel("Feedback when a learner chooses answer 1")
      .fill("Right: tell your DSL the same day.");
    await author.getByLabel("Text of answer 2").fill("Nobody until you are sure");
    await author
      .getByLabel("Feedback when a learner chooses answer 2")
      .fill("Not quite: you do not need to be sure.");
    await author.getByLabel("Answer 1 is correct").check();
    await click(author, "Save question");
    await arrive(author, "Spotting exploitation early");

    await click(author, "Add a quiz question", "button");
    await arrive(author, "Add a quiz question");
    await author
      .getByLabel("Question", { exact: true })
      .fill("Which can be signs? Select all that apply.");
    await author.getByLabel("Choose all the answers that apply").check();
    for (const [n, text, fb] of [
      ["1", "New phones", "Right."],
      ["2", "Missing sessions", "Right."],
      ["3", "Enjoying football", "Not a sign on its own."],
    ]) {
      await author.getByLabel(`Text of answer ${n}`).fill(text);
      await author.getByLabel(`Feedback when a learner chooses answer ${n}`).fill(fb);
    }
    await author.getByLabel("Answer 1 is correct").check();
    await author.getByLabel("Answer 2 is correct").check();
    await click(author, "Save question");
    await arrive(author, "Spotting exploitation early");

    // Preview as a learner: the script is shown as text, never run.
    await click(author, "Preview Gifts and debts", "link");
    await arrive(author, "Gifts and debts");
    expect(await author.locator(".lantern-prose").textContent()).toContain(
      "<script>alert(1)</script>",
    );
    expect(await author.locator(".lantern-prose script").count()).toBe(0);
    await click(author, "Back to the module", "link");
    await arrive(author, "Spotting exploitation early");

    await click(author, "Publish version 1");
    await arrive(author, "Spotting exploitation early");
    expect(await author.locator(".govuk-notification-banner").textContent()).toContain(
      "The module is published",
    );

    // ── The learner enrols and reads ───────────────────────────────────────────
    const learner = await newPage();
    await signInAs(learner, server.url, "learner@example.org", PASSWORD);
    await learner.goto(`${server.url}/learning`);
    await arrive(learner, "E-learning modules");
    // Every learning page has the quick exit and the help panel.
    expect(await learner.getByRole("button", { name: /Exit this page/ }).getAttribute("href")).toBe(
      "https://www.bbc.co.uk/weather",
    );
    expect(
      await learner.getByRole("complementary", { name: "Where to get help" }).textContent(),
    ).toContain("Childline");
    await click(learner, "Spotting exploitation early", "link");
    await arrive(learner, "Spotting exploitation early");
    await click(learner, "Start this module");
    await arrive(learner, "First signs");
    expect(await learner.getByText("0 of 3 lessons read").count()).toBe(1);
    const external = learner.getByRole("link", { name: "the NSPCC (opens in new tab)" });
    expect(await external.getAttribute("target")).toBe("_blank");
    expect(await external.getAttribute("rel")).toBe("noopener noreferrer");
    await click(learner, "Next lesson");
    // Lesson 2 has a content note: it shows before the lesson opens.
    await arrive(learner, "Gifts and debts");
    expect(await learner.locator(".govuk-warning-text").textContent()).toContain(
      "This lesson describes threats made to children.",
    );
    expect(await learner.locator(".lantern-prose").count()).toBe(0);
    await click(learner, "Continue to the lesson", "button");
    await expect.poll(() => learner.locator(".lantern-prose").count()).toBe(1);
    await arrive(learner, "Gifts and debts");
    expect(await learner.getByText("1 of 3 lessons read").count()).toBe(1);

    // Leaves (home page), comes back through "My learning" to the same lesson.
    await learner.goto(`${server.url}/`);
    await arrive(learner, /Welcome, Aisha Begum/);
    await learner.goto(`${server.url}/learning/my`);
    await arrive(learner, "My learning");
    await click(learner, "Continue Spotting exploitation early", "link");
    await arrive(learner, "Gifts and debts");
    expect(learner.url()).toMatch(/\/lessons\/2$/);
    // The content note shows again before the lesson re-opens: the learner chooses each time.
    await click(learner, "Continue to the lesson", "button");
    await expect.poll(() => learner.locator(".lantern-prose").count()).toBe(1);
    await click(learner, "Next lesson");
    await arrive(learner, "What to do");
    await click(learner, "Finish lessons and go to the quiz");
    await arrive(learner, "Quiz");

    // Fails the first attempt (multiple choice half right).
    await learner.getByLabel("Your designated safeguarding lead").check();
    await learner.getByLabel("New phones").check();
    await click(learner, "Submit your answers");
    await arrive(learner, "You did not pass this time");
    expect(await learner.locator("main").textContent()).toContain("You scored 50%");
    expect(await learner.locator("main").textContent()).toContain(
      "Right: tell your DSL the same day.",
    );
    await click(learner, "Try the quiz again", "button");
    await arrive(learner, "Quiz");
    await learner.getByLabel("Your designated safeguarding lead").check();
    await learner.getByLabel("New phones").check();
    await learner.getByLabel("Missing sessions").check();
    await click(learner, "Submit your answers");
    await arrive(learner, "You passed");
    expect(await learner.locator(".govuk-notification-banner").textContent()).toContain(
      "You have completed Spotting exploitation early",
    );
    await click(learner, "Go to my learning", "button");
    await arrive(learner, "My learning");
    const completed = learner.getByRole("table", { name: "Completed modules" });
    expect(await completed.textContent()).toContain("Spotting exploitation early");
    expect(await completed.textContent()).toContain("100%");

    // Quick exit with JavaScript: leaves and replaces the history entry, so Back does not return.
    await learner.goto(`${server.url}/learning`);
    await arrive(learner, "E-learning modules");
    await click(learner, "Spotting exploitation early", "link");
    await arrive(learner, "Spotting exploitation early");
    await learner.getByRole("button", { name: /Exit this page/ }).click();
    await learner.waitForURL("https://www.bbc.co.uk/weather");
    await learner.goBack();
    expect(new URL(learner.url()).pathname).toBe("/learning");

    // ── The manager sees it in the staff table ────────────────────────────────
    const manager = await newPage();
    await signInAs(manager, server.url, "manager@example.org", PASSWORD);
    await manager.goto(`${server.url}/learning/organisations`);
    await arrive(manager, "Staff learning");
    const table = manager.getByRole("table", { name: "Each person's status in each module" });
    const row = table.getByRole("row", { name: /Aisha Begum/ });
    expect(await row.textContent()).toMatch(/Completed.*Best score 100%.*Completed \d+ \w+ \d{4}/);
    const passport = manager.getByRole("table", { name: /Training passport/ });
    expect(
      await passport.getByRole("row", { name: /Spotting exploitation early/ }).textContent(),
    ).toContain("1 of 2");
  });

  it("works with JavaScript off: the quiz posts and shows errors and results; quick exit is a plain link to the neutral site", async () => {
    const page = await newPage(false);
    await signInAs(page, server.url, "learner@example.org", PASSWORD);
    await page.goto(`${server.url}/learning`);
    await page.getByRole("link", { name: "Spotting exploitation early" }).click();
    await arrive(page, "Spotting exploitation early", false);
    await page.getByRole("link", { name: "the quiz", exact: true }).click();
    await arrive(page, "Quiz", false);
    await page.getByRole("button", { name: "Submit your answers" }).click();
    await arrive(page, "Quiz", false);
    expect(await page.locator(".govuk-error-summary").textContent()).toContain(
      "Select an answer to question 1",
    );
    await page.getByLabel("Your designated safeguarding lead").check();
    await page.getByLabel("New phones").check();
    await page.getByLabel("Missing sessions").check();
    await page.getByRole("button", { name: "Submit your answers" }).click();
    await arrive(page, "You passed", false);

    await page.goto(`${server.url}/learning/my`);
    await arrive(page, "My learning", false);
    await page.getByRole("button", { name: /Exit this page/ }).click();
    await page.waitForURL("https://www.bbc.co.uk/weather");
    expect(await page.locator("h1").textContent()).toBe("Weather");
  });
});
