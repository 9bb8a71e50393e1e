import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, fillDate, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

let server: TestServer;
let browser: Browser;
const shots = process.env.SCREENSHOT_DIR;
let certId = "";
let code = "";

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
  await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  const vcse = await insertOrganisation(db, { kind: "vcse", name: "Norwich Youth Harbour" });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead" }],
  });
  const learner = await insertUser(db, {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: vcse, role: "learner" }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: vcse, role: "organisation_manager" }],
  });
  const { issueCertificate } = await import("~/certificates/certificates.server");
  const { certificate } = await issueCertificate(db, {
    sourceKey: "module-version:m1:user:learner",
    holder: { userId: learner, name: "Aisha Begum", email: "learner@example.org" },
    achievement: {
      kind: "module",
      moduleTitle: "Understanding child criminal exploitation",
      moduleVersion: 2,
    },
    achievedOn: londonDay(-53),
    issuerName: "Momentum",
    programmeName: "Third Sector Capacity Building",
    baseUrl: server.url,
  });
  certId = certificate.id;
  code = certificate.code;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  const { closePdfPool } = await import("~/pdf/pool.server");
  await closePdfPool();
  await server?.close();
});

describe("certificates in a browser", () => {
  it("a member of the public checks a code typed loosely and sees it is valid; an unknown code is not found", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/verify`);
    await expectNoAxeViolations(page);
    await shot(page, "verify-form");
    await page.getByLabel("Verification code").fill("not a code");
    await page.getByRole("button", { name: "Check certificate" }).click();
    await expect
      .poll(() => page.locator(".govuk-error-summary").textContent())
      .toContain("16 letters and numbers");
    await expectNoAxeViolations(page);
    await shot(page, "verify-error");
    await page.getByLabel("Verification code").fill(code.toLowerCase().replace(/(.{4})/g, "$1 "));
    await page.getByRole("button", { name: "Check certificate" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Certificate is valid");
    expect(await page.locator("main").textContent()).toContain("Aisha Begum");
    await expectNoAxeViolations(page);
    await shot(page, "verify-valid");
    await page.goto(`${server.url}/verify/AAAA-BBBB-CCCC-DDDD`);
    expect(await page.locator("h1").textContent()).toBe("Certificate not found");
    await expectNoAxeViolations(page);
    await shot(page, "verify-not-found");
    await context.close();
  });

  it("checking a code works with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/verify`);
    await page.getByLabel("Verification code").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Check certificate" }).click();
    await page.waitForURL(`${server.url}/verify/${code}`);
    expect(await page.locator("h1").textContent()).toBe("Certificate is valid");
    await context.close();
  });

  it("the holder sees and opens their certificate; the manager sees their staff's", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, server.url, "learner@example.org", PASSWORD);
    await page.goto(`${server.url}/certificates`);
    await expectNoAxeViolations(page);
    await shot(page, "own-list");
    await page.goto(`${server.url}/certificates/${certId}`);
    await expectNoAxeViolations(page);
    await shot(page, "own-certificate");
    expect(
      await page.getByRole("link", { name: "Download certificate (PDF)" }).getAttribute("href"),
    ).toBe(`/certificates/${certId}/pdf`);
    await context.close();

    const m = await (await browser.newContext()).newPage();
    await signInAs(m, server.url, "manager@example.org", PASSWORD);
    await m.goto(`${server.url}/certificates/staff`);
    expect(await m.locator("main").textContent()).toContain("Aisha Begum");
    await expectNoAxeViolations(m);
    await shot(m, "staff-list");
  });

  it("a lead issues by hand, revokes and issues in bulk, and every page passes axe", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, server.url, "lead@example.org", PASSWORD);
    await page.goto(`${server.url}/admin/certificates`);
    await expectNoAxeViolations(page);
    await shot(page, "admin-list");
    await page.goto(`${server.url}/admin/certificates/new`);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Issue certificate" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await shot(page, "issue-errors");
    await page.getByLabel("Holder's full name").fill("Jo Smith");
    await page.getByLabel("Attending a training session").check();
    await page.getByLabel("Name of the module or session").fill("Spotting the signs");
    await fillDate(page, "Date of the session (for a session)", londonDay(-59));
    await page.getByLabel("Issued by").selectOption("St Giles Trust");
    await page.getByLabel("Programme").fill("SOS+");
    await page.getByRole("button", { name: "Issue certificate" }).click();
    await expect
      .poll(() => page.locator(".govuk-notification-banner").textContent())
      .toContain("has been issued");
    await expectNoAxeViolations(page);
    await shot(page, "admin-certificate");
    await page.getByLabel("Why is it being revoked?").fill("Did not attend");
    await page.getByRole("button", { name: "Revoke certificate" }).click();
    await expect
      .poll(() => page.locator(".govuk-notification-banner").textContent())
      .toContain("has been revoked");
    await expectNoAxeViolations(page);

    await page.goto(`${server.url}/admin/certificates/bulk`);
    await expectNoAxeViolations(page);
    await page
      .getByLabel("People")
      .fill("Ann Able, ann@example.org\nBen Baker, ben@example.org\nCara Cole");
    await page.getByLabel("Completing an e-learning module").check();
    await page
      .getByLabel("Name of the module or session")
      .fill("Understanding child criminal exploitation");
    await page.getByLabel("Module version (for a module)").fill("2");
    await page.getByLabel("Issued by").selectOption("Momentum");
    await page.getByLabel("Programme").fill("Third Sector Capacity Building");
    await page.getByRole("button", { name: "Issue certificates" }).click();
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: 60_000 })
      .toContain("All 3 certificates are ready");
    await expectNoAxeViolations(page);
    await shot(page, "batch");
  });
});
