import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";

// Every e-learning page over the demo data, for each role that sees it, checked with axe.

let server: TestServer;
let browser: Browser;
let modules: { recognising: string; countyLines: string; responding: string };
const PASSWORD = "lantern-demo-2026";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  await seedDemo(getDb());
  const rows = await getDb()
    .selectFrom("learning_module_versions")
    .select(["module_id", "title"])
    .execute();
  const id = (prefix: string) => rows.find((r) => r.title.startsWith(prefix))!.module_id;
  modules = {
    recognising: id("Recognising"),
    countyLines: id("County lines"),
    responding: id("Responding"),
  };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(page: Page, path: string, heading: string | RegExp) {
  await page.goto(server.url + path);
  await page.waitForLoadState("load");
  expect(await page.locator("h1").count(), path).toBe(1);
  expect((await page.locator("h1").textContent())?.trim(), path).toMatch(heading);
  expect(await page.getByRole("button", { name: /Exit this page/ }).count(), path).toBe(1);
  await expectNoAxeViolations(page, path);
}

describe("e-learning pages over the demo data", () => {
  it("learner pages pass axe: catalogue, my learning, module, lesson with its content note, quiz, past attempt", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, server.url, "learner@example.org", PASSWORD);
    await visit(page, "/learning", "E-learning modules");
    await visit(page, "/learning/my", "My learning");
    await visit(
      page,
      `/learning/modules/${modules.responding}`,
      "Responding and referring through Norfolk's safeguarding pathways",
    );
    await visit(
      page,
      `/learning/modules/${modules.countyLines}`,
      "County lines and how exploitation works",
    );
    await visit(
      page,
      `/learning/modules/${modules.countyLines}/lessons/3`,
      "Violence, debt and control",
    );
    expect(await page.locator(".lantern-prose").count()).toBe(0); // the content note comes first
    await visit(
      page,
      `/learning/modules/${modules.countyLines}/lessons/3?note=seen`,
      "Violence, debt and control",
    );
    await visit(
      page,
      `/learning/modules/${modules.recognising}/lessons/1`,
      "What child criminal exploitation is",
    );
    await visit(page, `/learning/modules/${modules.recognising}/quiz`, "Quiz");
    await page.getByRole("button", { name: "Submit your answers" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").count()).toBe(1);
    await expectNoAxeViolations(page, "quiz with errors");
    await visit(
      page,
      `/learning/modules/${modules.recognising}`,
      "Recognising child criminal exploitation",
    );
    await page.getByRole("link", { name: "Attempt 1" }).click();
    await expect
      .poll(async () => (await page.locator("h1").textContent())?.trim())
      .toBe("You did not pass this time");
    await expectNoAxeViolations(page, "attempt 1");
  });

  it("author, manager and lead pages pass axe", async () => {
    const author = await (await browser.newContext()).newPage();
    await signInAs(author, server.url, "author@example.org", PASSWORD);
    await visit(author, "/author", "Write e-learning");
    await visit(
      author,
      `/author/modules/${modules.recognising}`,
      "Recognising child criminal exploitation",
    );
    await author.getByRole("button", { name: "Start version 2" }).click();
    await expect.poll(() => author.locator(".govuk-notification-banner").count()).toBe(1);
    await expectNoAxeViolations(author, "draft version 2");
    await visit(author, `/author/modules/${modules.recognising}/details`, "Change module details");
    await visit(author, `/author/modules/${modules.recognising}/lessons/new`, "Add a lesson");
    await visit(
      author,
      `/author/modules/${modules.recognising}/questions/new`,
      "Add a quiz question",
    );
    await author.getByRole("button", { name: "Save question" }).click();
    await expect.poll(() => author.locator(".govuk-error-summary").count()).toBe(1);
    await expectNoAxeViolations(author, "question with errors");
    await visit(
      author,
      `/author/modules/${modules.recognising}/preview/2`,
      "Which children are affected",
    );
    await visit(author, `/author/modules/${modules.recognising}/preview/6`, "Quiz");
    await visit(author, "/author/images", "Images for lessons");
    await visit(author, "/learning/help", "Where to get help: contacts");
    await visit(author, "/learning/help/help-childline", "Change Childline");

    const manager = await (await browser.newContext()).newPage();
    await signInAs(manager, server.url, "manager@example.org", PASSWORD);
    await manager.goto(`${server.url}/learning/organisations`);
    await expect
      .poll(async () => (await manager.locator("h1").textContent())?.trim())
      .toBe("Staff learning");
    await expectNoAxeViolations(manager, "staff learning");
    const text = await manager.locator("main").textContent();
    expect(text).toContain("Jordan Price");
    expect(text).toContain("Aisha Begum");

    const lead = await (await browser.newContext()).newPage();
    await signInAs(lead, server.url, "lead@example.org", PASSWORD);
    await visit(lead, "/learning/oversight", "E-learning across organisations");
    await lead.getByRole("link", { name: "Yarmouth Boxing and Mentoring Club" }).click();
    await expect
      .poll(async () => (await lead.locator("h1").textContent())?.trim())
      .toBe("Staff learning");
    await expectNoAxeViolations(lead, "lead viewing an organisation");
    expect(await lead.locator("main").textContent()).toContain("Sophie Marsh");
  });
});
