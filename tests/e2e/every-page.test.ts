import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import { launchBrowser, signInAs } from "../support/browser";
import { crawl } from "../support/crawl";
import { startTestServer, type TestServer } from "../support/server";

// Every page each demo role can reach by following links from its home page (and the public pages,
// signed out), opened in Chromium with JavaScript on, on a 375 × 812 phone screen. One walk per role
// checks three things on each page:
//
// - Issue 12, item 3: no console error, uncaught error (React reports a hydration mismatch as one)
//   or failed request — the class of fault that let noon print as "0pm" on the server and "12pm" in
//   the browser, with 45 hydration errors on one page, go unnoticed.
// - Issue 17, item 13: nothing runs off a 375 px screen. The page must not scroll sideways and no
//   element's box may poke past the right edge — except inside a region made to scroll sideways on
//   its own (a wide table's `.lantern-table-scroll`), which itself must fit, be focusable (so a
//   keyboard can scroll it) and be named.
// - The axe rules this width can break (a region that scrolls only on a phone, the menu's
//   disclosure); the whole rule set runs in the other browser tests at desktop width.
//
// (These were two walks, one at desktop width for errors and one at phone width; one walk finds the
// same faults in half the time.)

let server: TestServer;
let browser: Browser;
const DEMO = "lantern-demo-2026";
const WIDTH = 375;

const AXE_RULES = [
  "scrollable-region-focusable",
  "aria-allowed-attr",
  "aria-valid-attr-value",
  "aria-allowed-role",
  "nested-interactive",
  "landmark-unique",
];

const PHONE = {
  viewport: { width: WIDTH, height: 812 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
};

/** What runs off the right edge of the page: the page's own width and the widest offending elements. */
async function overflow(page: Page) {
  return page.evaluate((width) => {
    const found: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > width) found.push(`page is ${doc.scrollWidth} px wide`);
    const describe = (el: Element) => {
      const cls =
        typeof el.className === "string" && el.className
          ? "." + el.className.trim().split(/\s+/).join(".")
          : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `${el.tagName.toLowerCase()}${cls} "${text}"`;
    };
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      // Inside a sideways-scrolling region the region is what must fit; its contents may be wider.
      if (el.parentElement?.closest(".lantern-table-scroll")) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // Visually hidden text (govuk-visually-hidden) is clipped to 1 px: not seen, not scrolled to.
      if (box.width <= 1 && box.height <= 1) continue;
      if (box.right > width + 0.5)
        found.push(`${describe(el)} ends at ${Math.round(box.right)} px`);
      if (
        el.classList.contains("lantern-table-scroll") &&
        (el.getAttribute("tabindex") !== "0" ||
          el.getAttribute("role") !== "region" ||
          !(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")))
      )
        found.push(`${describe(el)} scrolls but cannot be reached by keyboard or has no name`);
    }
    return found.slice(0, 8);
  }, WIDTH);
}

/** Walks from `start`, collecting the page's errors, its overflow and the phone-width axe rules. */
async function walk(page: Page, start: string[]) {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || (m.type() === "warning" && /hydrat|did not match/i.test(m.text())))
      errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => {
    const failure = r.failure()?.errorText ?? "";
    // A navigation away cancels the previous page's prefetches: that is not a failure.
    if (failure.includes("ERR_ABORTED")) return;
    errors.push(`request failed: ${r.url()} ${failure}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url().startsWith(server.url))
      errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });

  const widths: string[] = [];
  const { problems: faults, visited } = await crawl(page, server.url, start, async (path) => {
    // Errors are taken as the page reports them: a late one is charged to the page it arrived on.
    const found = errors.splice(0);
    for (const p of await overflow(page)) widths.push(`${path}: ${p}`);
    const axe = await new AxeBuilder({ page }).withRules(AXE_RULES).analyze();
    for (const v of axe.violations)
      widths.push(
        `${path}: axe ${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
      );
    return found;
  });
  for (const e of errors) faults.push(`after the last page: ${e}`);
  return { errors: faults, widths, visited };
}

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  await seedDemo(getDb());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("every page each demo role can reach: no errors, and it fits a 375 px screen", () => {
  it("the public pages, signed out", async () => {
    const context = await browser.newContext(PHONE);
    const { errors, widths, visited } = await walk(await context.newPage(), [
      "/",
      "/sessions/open",
      "/sign-in",
      "/verify",
    ]);
    await context.close();
    expect(visited.length).toBeGreaterThan(3);
    expect(errors, `visited ${visited.join(", ")}`).toEqual([]);
    expect(widths, `visited ${visited.join(", ")}`).toEqual([]);
  }, 600_000);

  for (const email of [
    "lead@example.org",
    "trainer@example.org",
    "trainer2@example.org",
    "school@example.org",
    "manager@example.org",
    "learner@example.org",
    "author@example.org",
  ]) {
    it(`${email}`, async () => {
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      await signInAs(page, server.url, email, DEMO);
      const { errors, widths, visited } = await walk(page, ["/"]);
      await context.close();
      expect(visited.length).toBeGreaterThan(3);
      expect(errors, `visited ${visited.join(", ")}`).toEqual([]);
      expect(widths, `visited ${visited.join(", ")}`).toEqual([]);
    }, 900_000);
  }
});
