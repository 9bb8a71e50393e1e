import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let page: Page;
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), { kind: "delivery_partner", name: "St Giles Trust" });
  await insertUser(getDb(), { email: "lead@example.org", name: "Priya Shah", password: PASSWORD, memberships: [{ organisationId: org, role: "programme_lead" }] });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("signing in with a browser", () => {
  it("shows an error summary linked to the field for a wrong password, then signs in to the lead's home page", async () => {
    await page.goto(`${server.url}/sign-in`);
    await expectNoAxeViolations(page);
    await page.getByLabel("Email address").fill("lead@example.org");
    await page.getByLabel("Password", { exact: true }).fill("not the right password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    const link = page.locator(".govuk-error-summary a");
    expect(await link.textContent()).toContain("Enter a correct email address and password");
    expect(await link.getAttribute("href")).toBe("#f-email");
    await expectNoAxeViolations(page);

    await signInAs(page, server.url, "lead@example.org", PASSWORD);
    expect(await page.locator("h1").textContent()).toContain("Welcome, Priya Shah");
    await expectNoAxeViolations(page);
  });

  it("works with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await signInAs(p, server.url, "lead@example.org", PASSWORD);
    expect(await p.locator("h1").textContent()).toContain("Welcome, Priya Shah");
    await context.close();
  });
});
