import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  await insertOrganisation(getDb(), {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  await insertUser(getDb(), {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "programme_lead" }],
  });
  await insertUser(getDb(), {
    email: "ravi@example.org",
    name: "Ravi Mistry",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "trainer" }],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the newest outbox email to `to` as the lead and returns the first link in it that matches. */
async function linkFromOutbox(page: Page, to: string, pattern: RegExp) {
  await page.goto(`${server.url}/admin/outbox`);
  await expectNoAxeViolations(page);
  const row = page.locator("tbody tr", { hasText: to }).first();
  await row.getByRole("link").click();
  await page.waitForURL(/\/admin\/outbox\/[^/]+$/);
  await page.locator("h1").waitFor();
  await expectNoAxeViolations(page);
  const hrefs = await page
    .locator("main a")
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  const link = hrefs.find((h) => pattern.test(h));
  expect(link, `a link matching ${pattern} in the email`).toBeTruthy();
  return link!;
}

describe("an invitation, end to end in a browser", () => {
  it("a lead invites through the People page, the email waits in the outbox, and its link signs the new trainer up to their home page", async () => {
    const leadContext = await browser.newContext();
    const page = await leadContext.newPage();
    await signInAs(page, server.url, "lead@example.org", PASSWORD);
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "People" })
      .click();
    await page.waitForURL(/\/admin\/people$/);
    await page.locator("h1", { hasText: "People" }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Invite someone" }).click();
    await page.locator("h1", { hasText: "Invite someone" }).waitFor();
    await expectNoAxeViolations(page);
    // Sending the form empty shows the error summary.
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel("Email address").fill("new.trainer@example.org");
    await page
      .getByLabel("Organisation", { exact: true })
      .selectOption({ label: "St Giles Trust (Delivery partner)" });
    await page.getByLabel("Trainer", { exact: true }).check();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.waitForURL(/\/admin\/people\/invitations/);
    await page
      .locator(".govuk-notification-banner", {
        hasText: "Invitation sent to new.trainer@example.org",
      })
      .waitFor();
    await expectNoAxeViolations(page);
    expect(await page.locator("tbody").textContent()).toContain("new.trainer@example.org");

    const link = await linkFromOutbox(
      page,
      "new.trainer@example.org",
      /\/invitations\/[a-z2-7]{32}$/,
    );

    // A fresh browser, as the invitee would have.
    const inviteeContext = await browser.newContext();
    const invitee = await inviteeContext.newPage();
    await invitee.goto(link);
    await invitee.locator("h1", { hasText: "Join Lantern" }).waitFor();
    await expectNoAxeViolations(invitee);
    expect(await invitee.locator("main").textContent()).toContain("trainer for St Giles Trust");
    await invitee.getByLabel("Full name").fill("Nia Trainer");
    await invitee.getByLabel("Choose a password").fill("kestrel lantern marsh pebble");
    await invitee.getByRole("button", { name: "Accept and continue" }).click();
    await invitee.locator("h1", { hasText: "Welcome, Nia Trainer" }).waitFor();
    expect(new URL(invitee.url()).pathname).toBe("/");
    expect(await invitee.locator(".govuk-caption-l").textContent()).toContain("Trainer");
    await expectNoAxeViolations(invitee);

    // The lead sees them among the people now, and the invitation is no longer waiting.
    await page.goto(`${server.url}/admin/people`);
    expect(await page.locator("tbody").textContent()).toContain("Nia Trainer");
    await page.goto(`${server.url}/admin/people/invitations`);
    await expectNoAxeViolations(page);
    expect(await page.locator("main").textContent()).not.toContain("new.trainer@example.org");

    await inviteeContext.close();
    await leadContext.close();
  });

  it("a password reset, end to end: the link from the outbox sets a new password once and is refused the second time", async () => {
    const leadContext = await browser.newContext();
    const lead = await leadContext.newPage();
    await signInAs(lead, server.url, "lead@example.org", PASSWORD);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("link", { name: "I have forgotten my password" }).click();
    await page.locator("h1", { hasText: "Reset your password" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Email address").fill("ravi@example.org");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.locator("h1", { hasText: "Check your email" }).waitFor();
    await expectNoAxeViolations(page);

    const link = await linkFromOutbox(lead, "ravi@example.org", /\/reset-password\/[a-z2-7]{32}$/);

    await page.goto(link);
    await page.locator("h1", { hasText: "Choose a new password" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("New password").fill("heron quay willow tram");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.locator("h1", { hasText: "Sign in to Lantern" }).waitFor();
    await expectNoAxeViolations(page);
    await signInAs(page, server.url, "ravi@example.org", "heron quay willow tram");
    await page.locator("h1", { hasText: "Welcome, Ravi Mistry" }).waitFor();

    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again
      .locator("h1", { hasText: "This link has expired or has already been used" })
      .waitFor();
    await expectNoAxeViolations(again);
    await again.context().close();
    await context.close();
    await leadContext.close();
  });
});
