import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import jsQR from "jsqr";
import type { Browser, Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Two-step sign-in and the data-protection pages in Chromium, with axe on every page, and with
// JavaScript off for the set-up. The QR code is read back from a screenshot with jsQR.
let server: TestServer;
let browser: Browser;
const SHOTS = process.env.SCREENSHOT_DIR;

beforeAll(async () => {
  server = await startTestServer({ REQUIRE_TWO_FACTOR: "true" });
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  const vcse = await insertOrganisation(getDb(), { kind: "vcse", name: "Norwich Youth Harbour" });
  await insertUser(getDb(), {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "programme_lead" }],
  });
  await insertUser(getDb(), {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: vcse, role: "learner" }],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const step = (offset = 0) => Math.floor(Date.now() / 30_000) + offset;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe("two-step sign-in in a browser", () => {
  let key: Uint8Array;

  it("sets up with JavaScript off: the QR code scans to the same key as the text, and recovery codes are shown", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, server.url, "lead@example.org", PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/two-factor/set-up");
    await shot(page, "two-factor-set-up");
    const keyText = (await page.locator("#totp-key").textContent())!.replace(/\s/g, "");
    key = decodeBase32IgnorePadding(keyText);
    const png = PNG.sync.read(await page.locator(".lantern-qr svg").screenshot());
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr?.data).toMatch(/^otpauth:\/\/totp\/Lantern:lead%40example\.org\?/);
    expect(new URL(qr!.data).searchParams.get("secret")).toBe(keyText);

    await page.getByLabel("Code from your app").fill("000000");
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);

    await page.getByLabel("Code from your app").fill(generateHOTP(key, BigInt(step()), 6));
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.waitForURL(/\/two-factor\/recovery-codes/);
    await page.getByRole("button", { name: "Show my recovery codes" }).click();
    await page.locator(".lantern-recovery-codes").waitFor();
    expect(await page.locator(".lantern-recovery-codes li").count()).toBe(10);
    await shot(page, "recovery-codes");
    await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator("h1").textContent()).toContain("Welcome, Priya Shah");
    await context.close();
  });

  it("offers set-up to a learner (JavaScript on), every page passing axe", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, server.url, "learner@example.org", PASSWORD);
    await page.goto(`${server.url}/account`);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Set up two-step sign-in" }).click();
    await page.locator("#totp-key").waitFor();
    await expectNoAxeViolations(page);
    const learnerKey = decodeBase32IgnorePadding(
      (await page.locator("#totp-key").textContent())!.replace(/\s/g, ""),
    );
    await page.getByLabel("Code from your app").fill("12");
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await page.getByLabel("Code from your app").fill(generateHOTP(learnerKey, BigInt(step()), 6));
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.getByRole("button", { name: "Show my recovery codes" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Show my recovery codes" }).click();
    await page.locator(".lantern-recovery-codes").waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("asks for the code at the next sign-in, with an accessible error for a wrong one", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, server.url, "lead@example.org", PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/two-factor");
    await expectNoAxeViolations(page);
    await page.getByLabel("Enter your security code").fill("123456");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    expect(await page.locator(".govuk-error-summary a").getAttribute("href")).toBe("#f-code");
    await expectNoAxeViolations(page);
    await shot(page, "two-factor-error");
    await page.getByLabel("Enter your security code").fill(generateHOTP(key, BigInt(step(1)), 6));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/account`);
    await expectNoAxeViolations(page);
    await shot(page, "account");

    await page.goto(`${server.url}/admin/privacy`);
    await expectNoAxeViolations(page);
    await page.getByLabel("Email address").fill("learner@example.org");
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByText("Held about learner@example.org").waitFor();
    await expectNoAxeViolations(page);
    await shot(page, "privacy");
    await page.getByRole("button", { name: "Erase this person" }).click();
    await page.getByRole("heading", { name: /Check before you erase/ }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await shot(page, "erase-check");
    await context.close();
  });
});
