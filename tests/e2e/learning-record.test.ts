import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  launchBrowser,
  newContextWithoutAppScripts,
  signInAs,
} from "../support/browser";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";
import { londonAtIso, londonDay } from "../support/time";

// Issue 17, items 10 and 11 in a browser, axe on every page visited: an author formats a lesson
// with the toolbar and watches the preview follow (JavaScript on), and previews with the button
// alone (JavaScript off); a learner reads their training record, and their manager the same.
// SCREENSHOTS=<folder> keeps full-page pictures of the editor and the record at 375 px.

let server: TestServer;
let browser: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { getDb, writeTransaction } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { insertModule } = await import("~/learning/seed.server");
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const { issueSessionCertificates } = await import("~/sessions/certificates.server");
  const db = getDb();
  const momentum = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  const harbour = await insertOrganisation(db, { kind: "vcse", name: "Norwich Youth Harbour" });
  ids.harbour = harbour;
  const author = await insertUser(db, {
    email: "author@example.org",
    name: "Sam Lowe",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "content_author" }],
  });
  await insertUser(db, {
    email: "aisha@example.org",
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
  const details = (title: string) => ({
    title,
    summary: "A module.",
    audience: "VCSE staff and volunteers",
    estimatedMinutes: 20,
    passMark: 50,
    contentNote: null,
  });
  ids.draft = (
    await insertModule(
      db,
      author,
      {
        details: details("Draft module"),
        lessons: [{ title: "First lesson", body: "Signs of exploitation\n\nSay no firmly." }],
        questions: [],
      },
      { publish: false },
    )
  ).moduleId;
  ids.lesson = (
    await db
      .selectFrom("learning_lessons as l")
      .innerJoin("learning_module_versions as v", "v.id", "l.version_id")
      .select("l.id")
      .where("v.module_id", "=", ids.draft)
      .executeTakeFirstOrThrow()
  ).id;
  ids.module = (
    await insertModule(db, author, {
      details: details("Recognising exploitation"),
      lessons: [{ title: "Lesson", body: "Text." }],
      questions: [
        {
          prompt: "Yes?",
          kind: "single",
          options: [
            { text: "Yes", correct: true, feedback: "Right." },
            { text: "No", correct: false, feedback: "No." },
          ],
        },
      ],
    })
  ).moduleId;
  const b = new DeliveryBatch();
  const programme = b.programme({
    name: "Momentum",
    startsOn: londonDay(-300),
    endsOn: londonDay(400),
    targets: [],
  });
  const offering = b.offering({
    programmeId: programme,
    title: "Contextual safeguarding for youth workers",
    audience: "vcse_staff",
    format: "community_session",
  });
  const session = b.session({
    programmeId: programme,
    offeringId: offering,
    startsAt: londonAtIso(-12, "10:00"),
    status: "delivered",
  });
  b.registration({
    sessionId: session,
    name: "Aisha Begum",
    email: "aisha@example.org",
    attendance: "attended",
  });
  await b.write(db);
  await writeTransaction(db, (tx) => issueSessionCertificates(tx, session, { notify: false }));
  // Aisha completes the published module through the real quiz.
  const c = new Client(server.url);
  await c.signIn("aisha@example.org", PASSWORD);
  await c.post(`/learning/modules/${ids.module}`, { intent: "enrol" });
  await c.post(`/learning/modules/${ids.module}/lessons/1`, { intent: "read" });
  const opts = await db
    .selectFrom("learning_options as o")
    .innerJoin("learning_questions as q", "q.id", "o.question_id")
    .innerJoin("learning_module_versions as v", "v.id", "q.version_id")
    .select(["o.id", "o.is_correct", "q.id as question_id"])
    .where("v.module_id", "=", ids.module)
    .execute();
  const answers: Record<string, string[]> = {};
  for (const o of opts) if (o.is_correct) (answers[`q-${o.question_id}`] ??= []).push(o.id);
  await c.post(`/learning/modules/${ids.module}/quiz`, answers);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const editPath = () => `/author/modules/${ids.draft}/lessons/${ids.lesson}`;

async function visit(page: Page, path: string) {
  await page.goto(server.url + path);
  await page.waitForLoadState("load");
  await expectNoAxeViolations(page, path);
}

/** Selects `text` inside the lesson textarea. */
async function select(page: Page, text: string) {
  await page.locator("#f-bodyMarkdown").evaluate((el, t) => {
    const ta = el as HTMLTextAreaElement;
    const i = ta.value.indexOf(t);
    ta.focus();
    ta.setSelectionRange(i, i + t.length);
  }, text);
}

describe("the lesson editor", () => {
  it("with JavaScript: the toolbar puts Markdown around the selection and the preview follows", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, server.url, "author@example.org", PASSWORD);
    await visit(page, editPath());
    const toolbar = page.getByRole("group", { name: "Format the lesson text" });
    await expect(toolbar.getByRole("button", { name: "Bold" }).isVisible()).resolves.toBe(true);
    const preview = page.locator('[data-preview="lesson"]');
    expect(await preview.innerHTML()).toContain("Signs of exploitation");

    await select(page, "no");
    await toolbar.getByRole("button", { name: "Bold" }).click();
    await expect(page.locator("#f-bodyMarkdown").inputValue()).resolves.toContain(
      "Say **no** firmly.",
    );
    await preview.locator("strong", { hasText: "no" }).waitFor();

    await select(page, "Signs of exploitation");
    await toolbar.getByRole("button", { name: "Heading" }).click();
    await preview.locator("h2", { hasText: "Signs of exploitation" }).waitFor();

    await page.locator("#f-bodyMarkdown").press("End");
    await page.locator("#f-bodyMarkdown").evaluate((el) => {
      const ta = el as HTMLTextAreaElement;
      ta.setSelectionRange(ta.value.length, ta.value.length);
    });
    await page.locator("#f-bodyMarkdown").pressSequentially("\n\nMissing school");
    await select(page, "Missing school");
    await toolbar.getByRole("button", { name: "List" }).click();
    await preview.locator("li", { hasText: "Missing school" }).waitFor();

    await select(page, "Missing school");
    await toolbar.getByRole("button", { name: "Link" }).click();
    // The address is selected: typing replaces it.
    await page.keyboard.type("https://www.nspcc.org.uk/");
    await preview
      .locator('a[href="https://www.nspcc.org.uk/"]', { hasText: "Missing school" })
      .waitFor();
    expect(await page.locator("#f-bodyMarkdown").inputValue()).toBe(
      "## Signs of exploitation\n\nSay **no** firmly.\n\n- [Missing school](https://www.nspcc.org.uk/)",
    );
    await expectNoAxeViolations(page, "editor after formatting");

    // At phone width the preview sits under the editor, nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    if (process.env.SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/lesson-editor-375.png`,
        fullPage: true,
      });

    await page.getByRole("button", { name: "Save lesson" }).click();
    await page.waitForURL((url) => url.pathname === `/author/modules/${ids.draft}`);
    await expectNoAxeViolations(page, "module after saving");
    await context.close();
  });

  it("without JavaScript: the textarea alone, and the Preview button shows the text rendered without saving", async () => {
    const context = await newContextWithoutAppScripts(browser);
    const page = await context.newPage();
    await signInAs(page, server.url, "author@example.org", PASSWORD);
    await visit(page, editPath());
    expect(await page.getByRole("group", { name: "Format the lesson text" }).count()).toBe(0);
    await page.locator("#f-bodyMarkdown").fill("## Plain heading\n\n- one\n- **two**");
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    await page.waitForLoadState("load");
    const preview = page.locator('[data-preview="lesson"]');
    await preview.locator("h2", { hasText: "Plain heading" }).waitFor();
    expect(await preview.locator("li strong").textContent()).toBe("two");
    expect(await page.locator("#f-bodyMarkdown").inputValue()).toBe(
      "## Plain heading\n\n- one\n- **two**",
    );
    await expectNoAxeViolations(page, "editor after Preview without JavaScript");
    // Not saved: the page opened again shows the saved text.
    await visit(page, editPath());
    expect(await page.locator("#f-bodyMarkdown").inputValue()).toContain("Say **no** firmly.");
    await context.close();
  });
});

describe("the training record", () => {
  it("shows the learner their module and session with certificates, and their manager the same", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, server.url, "aisha@example.org", PASSWORD);
    await visit(page, "/learning/my");
    expect(await page.locator('[data-record="modules"]').textContent()).toBe("1");
    expect(await page.locator('[data-record="sessions"]').textContent()).toBe("1");
    expect(await page.locator('[data-record="certificates"]').textContent()).toBe("2");
    const sessions = page.locator('[data-record="sessions-table"]');
    expect(await sessions.textContent()).toContain("Contextual safeguarding for youth workers");
    expect(
      await sessions
        .getByRole("link", {
          name: "Download your certificate for Contextual safeguarding for youth workers (PDF)",
        })
        .count(),
    ).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    if (process.env.SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/training-record-375.png`,
        fullPage: true,
      });
    await context.close();

    const manager = await (await browser.newContext()).newPage();
    await signInAs(manager, server.url, "manager@example.org", PASSWORD);
    await visit(manager, `/learning/organisations/${ids.harbour}`);
    const row = manager.locator('tr:has([data-record-person="aisha@example.org"])');
    expect(await row.textContent()).toContain("Recognising exploitation");
    expect(await row.textContent()).toContain("Contextual safeguarding for youth workers");
  });
});
