import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  await insertUser(getDb(), {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "programme_lead" }],
  });
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
    // JavaScript on: the title changes with the client-side answer as the server's page would.
    expect(await page.title()).toMatch(/^Error: /);
    const link = page.locator(".govuk-error-summary a");
    expect(await link.textContent()).toContain("Enter a correct email address and password");
    expect(await link.getAttribute("href")).toBe("#f-email");
    await expectNoAxeViolations(page);

    await signInAs(page, server.url, "lead@example.org", PASSWORD);
    expect(await page.locator("h1").textContent()).toContain("Welcome, Priya Shah");
    await expectNoAxeViolations(page);
  });

  it("titles a refused form 'Error: ' with JavaScript off too, and an index page keeps its own address", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${server.url}/forgot-password`);
    await p.getByLabel("Email address").fill("not an address");
    await p
      .getByRole("button")
      .filter({ hasText: /send|reset|continue/i })
      .first()
      .click();
    await p.locator(".govuk-error-summary").waitFor();
    expect(await p.title()).toMatch(/^Error: /);
    await context.close();

    // A person's page is an index route: after a refused form its address has no "?index" (JavaScript on).
    const { getDb } = await import("~/db/db.server");
    const lead = await getDb()
      .selectFrom("users")
      .select("id")
      .where("email", "=", "lead@example.org")
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/admin/people/${lead.id}`);
    expect(await page.title()).not.toMatch(/^Error/);
    await page.getByRole("button", { name: "Add role" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^Error: Priya Shah/);
    expect(page.url()).toBe(`${server.url}/admin/people/${lead.id}`);
  });

  it("works with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await signInAs(p, server.url, "lead@example.org", PASSWORD);
    expect(await p.locator("h1").textContent()).toContain("Welcome, Priya Shah");
    await context.close();
  });
});
