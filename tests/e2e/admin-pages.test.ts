import path from "node:path";
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
  const db = getDb();
  const org = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  const harbour = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
    charityNumber: "1190001",
  });
  await insertOrganisation(db, {
    kind: "setting",
    name: "Wensum Valley Academy",
    urn: "880101",
    phase: "Secondary",
    establishmentType: "Academy converter",
    districtId: "E07000148",
    postcode: "NR2 4AA",
  });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "organisation_manager" }],
  });
  await insertUser(db, {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: harbour, role: "learner" }],
  });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  await signInAs(page, server.url, "lead@example.org", PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function heading(p: Page, text: string) {
  await p.locator("h1", { hasText: text }).waitFor();
  await expectNoAxeViolations(p);
}

describe("organisations pages", () => {
  it("lists and filters organisations, adds a setting after fixing its errors, and changes it", async () => {
    await page.goto(`${server.url}/admin/organisations`);
    await heading(page, "Organisations");
    expect(await page.locator("tbody").textContent()).toContain("Wensum Valley Academy");
    await page.getByLabel("Kind").selectOption("vcse");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/kind=vcse/);
    await heading(page, "Organisations");
    const rows = await page.locator("tbody tr").allTextContents();
    expect(rows.join(" ")).toContain("Norwich Youth Harbour");
    expect(rows.join(" ")).not.toContain("Wensum Valley Academy");

    await page.goto(`${server.url}/admin/organisations/new`);
    await heading(page, "What kind of organisation do you want to add?");
    await page.getByLabel("Setting").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await heading(page, "Add a setting");
    await page.getByLabel("Name").fill("Marsh Lane Academy");
    await page.getByLabel("URN").fill("1234");
    await page.getByLabel("Postcode").fill("nowhere");
    await page.getByRole("button", { name: "Add setting" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await expectNoAxeViolations(page);
    const summary = await page.locator(".govuk-error-summary").textContent();
    expect(summary).toContain("Enter the URN as 6 digits");
    expect(summary).toContain("Enter a real postcode");
    await page.getByLabel("URN").fill("123456");
    await page.getByLabel("Phase of education").selectOption("Secondary");
    await page.getByLabel("Type of establishment").selectOption("Academy converter");
    await page.getByLabel("District").selectOption({ label: "Great Yarmouth" });
    await page.getByLabel("Postcode").fill("nr30 1aa");
    await page.getByRole("button", { name: "Add setting" }).click();
    await heading(page, "Marsh Lane Academy");
    expect(await page.locator(".govuk-summary-list").textContent()).toContain("NR30 1AA");

    await page.getByRole("link", { name: "Change details" }).click();
    await heading(page, "Change Marsh Lane Academy");
    await page.getByLabel("Name").fill("Marsh Lane Community Academy");
    await page.getByRole("button", { name: "Save changes" }).click();
    await heading(page, "Marsh Lane Community Academy");
    expect(await page.locator(".govuk-notification-banner").textContent()).toContain(
      "Changes saved",
    );
  });

  it("imports the GIAS fixture: upload, check the changes, apply, report", async () => {
    await page.goto(`${server.url}/admin/organisations`);
    await page
      .getByRole("link", { name: "Import settings from Get Information About Schools" })
      .click();
    await heading(page, "Import settings from Get Information About Schools");
    expect(await page.getByLabel("Local authority code").inputValue()).toBe("926");
    await page
      .getByLabel("Extract file (CSV)")
      .setInputFiles(path.resolve("tests/fixtures/gias-sample.csv"));
    await page.getByRole("button", { name: "Upload and check the changes" }).click();
    await heading(page, "Check the changes before you import");
    expect(await page.locator('[data-count="created"]').textContent()).toBe("24");
    expect(await page.locator("main").textContent()).toContain(
      "Saint \u00C6thelberht\u2019s C of E Primary",
    );
    await page.getByRole("button", { name: "Apply these changes" }).click();
    await heading(page, "Import report");
    expect(await page.locator(".govuk-notification-banner").textContent()).toContain(
      "24 settings added",
    );

    await page.goto(`${server.url}/admin/organisations?q=thelberht`);
    await heading(page, "Organisations");
    expect(await page.locator("tbody").textContent()).toContain(
      "Saint \u00C6thelberht\u2019s C of E Primary",
    );
  });
});

describe("with JavaScript off", () => {
  // axe needs JavaScript in the page, so these pages are checked by the tests above with it on.
  it("uploads the extract, previews it and applies it; invites someone", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    p.setDefaultTimeout(20_000);
    await signInAs(p, server.url, "lead@example.org", PASSWORD);
    await p.goto(`${server.url}/admin/organisations/import`);
    await p
      .getByLabel("Extract file (CSV)")
      .setInputFiles(path.resolve("tests/fixtures/gias-sample.csv"));
    await p.getByRole("button", { name: "Upload and check the changes" }).click();
    await p.locator("h1", { hasText: "Check the changes before you import" }).waitFor();
    // 24 unchanged after the import above (or 24 to create when this test runs alone).
    const created = Number(await p.locator('[data-count="created"]').textContent());
    const unchanged = Number(await p.locator('[data-count="unchanged"]').textContent());
    expect(created + unchanged).toBe(24);
    await p.getByRole("button", { name: "Apply these changes" }).click();
    await p.locator("h1", { hasText: "Import report" }).waitFor();

    await p.goto(`${server.url}/admin/people/invite`);
    await p.getByLabel("Email address").fill("nojs@example.org");
    await p
      .getByLabel("Organisation", { exact: true })
      .selectOption({ label: "Norwich Youth Harbour (VCSE organisation)" });
    await p.getByLabel("Learner", { exact: true }).check();
    await p.getByRole("button", { name: "Send invitation" }).click();
    await p.locator("h1", { hasText: "Invitations waiting to be accepted" }).waitFor();
    expect(await p.locator("tbody").textContent()).toContain("nojs@example.org");
    await context.close();
  });
});

describe("people pages", () => {
  it("shows people, a person and their role, the invitations and the audit log without accessibility problems", async () => {
    await page.goto(`${server.url}/admin/people`);
    await heading(page, "People");
    await page.getByRole("link", { name: "Aisha Begum" }).click();
    await heading(page, "Aisha Begum");
    await page
      .getByRole("link", { name: /Change/ })
      .first()
      .click();
    await heading(page, "Learner at Norwich Youth Harbour");
    await page.getByLabel("Cleared", { exact: true }).check();
    await page.getByRole("button", { name: "Save clearance" }).click();
    await heading(page, "Aisha Begum");
    expect(await page.locator("tbody").textContent()).toContain("Cleared");

    await page.goto(`${server.url}/admin/people/invitations`);
    await heading(page, "Invitations waiting to be accepted");
    await page.goto(`${server.url}/admin/audit`);
    await heading(page, "Audit log");
    expect(await page.locator("tbody").textContent()).toContain(
      "as safeguarding-cleared as learner at Norwich Youth Harbour",
    );
    await page.getByLabel("Action").selectOption("organisations.imported");
    await page.getByRole("button", { name: "Apply filter" }).click();
    await page.waitForURL(/action=organisations.imported/);
    await heading(page, "Audit log");
    const actions = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.includes("imported schools from the register"))).toBe(true);
  });

  it("shows an organisation manager only their organisation's people, and an invitation form limited to their roles", async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await signInAs(p, server.url, "manager@example.org", PASSWORD);
    await p.goto(`${server.url}/admin/people`);
    await heading(p, "People");
    const text = await p.locator("tbody").textContent();
    expect(text).toContain("Aisha Begum");
    expect(text).not.toContain("Priya Shah");
    await p.getByRole("link", { name: "Invite someone" }).click();
    await heading(p, "Invite someone");
    expect(await p.locator('input[name="role"]').count()).toBe(2);
    await p.goto(`${server.url}/admin/organisations`);
    await heading(p, "You do not have permission to see this page");
    await context.close();
  });
});
