import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

// Debian's Chromium, driven by playwright-core. Never downloads a browser.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Runs axe-core at WCAG 2.0/2.1/2.2 A and AA on the page and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/**
 * A context that shows pages as a browser without JavaScript would: the app's scripts are never
 * loaded, so nothing hydrates. Unlike `javaScriptEnabled: false`, axe can still run in it (axe-core
 * hangs in a context whose JavaScript is off).
 */
export async function newContextWithoutAppScripts(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0] = {},
) {
  const context = await browser.newContext(options);
  await context.route("**/*", (route) =>
    route.request().resourceType() === "script" ? route.abort() : route.continue(),
  );
  return context;
}

/** Every page a browser test visits is checked: wraps page.goto and form submissions that navigate. */
export function axeEveryPage(page: Page) {
  const visited: string[] = [];
  return {
    visited,
    async check() {
      await page.waitForLoadState("load");
      visited.push(new URL(page.url()).pathname);
      await expectNoAxeViolations(page);
    },
  };
}

export async function signInAs(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  // With JavaScript on, Remix changes the URL before the new page has rendered.
  await page.waitForFunction(
    () => !document.querySelector("h1")?.textContent?.includes("Sign in to Lantern"),
  );
}

/**
 * Types a YYYY-MM-DD day into a GOV.UK date input (day, month and year fields in a fieldset whose
 * legend is `legend`), as a person would.
 */
export async function fillDate(page: Page, legend: string | RegExp, isoDay: string) {
  const [y, m, d] = isoDay.split("-").map(Number);
  const group = page.getByRole("group", { name: legend, exact: typeof legend === "string" });
  await group.getByLabel("Day").fill(String(d));
  await group.getByLabel("Month").fill(String(m));
  await group.getByLabel("Year").fill(String(y));
}

/** The day a GOV.UK date input holds, as YYYY-MM-DD (empty parts stay empty). */
export async function dateValue(page: Page, legend: string | RegExp) {
  const group = page.getByRole("group", { name: legend, exact: typeof legend === "string" });
  const pad = (v: string) => v.padStart(2, "0");
  return `${await group.getByLabel("Year").inputValue()}-${pad(await group.getByLabel("Month").inputValue())}-${pad(await group.getByLabel("Day").inputValue())}`;
}
