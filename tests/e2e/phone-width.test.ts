import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import { launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";

// Issue 17, item 13: nothing runs off a 375 px screen. Every page each demo role reaches by
// following links from its home page (and the public pages, signed out) is opened at 375 × 812.
// The test fails when the page scrolls sideways or any element's box pokes past the right edge —
// except inside a region made to scroll sideways on its own (a wide table's `.lantern-table-scroll`),
// which itself must fit, be focusable (so a keyboard can scroll it) and be named. axe runs on each
// page too, at that width, since a region that scrolls only on a phone is only checked there.

let server: TestServer;
let browser: Browser;
const DEMO = "lantern-demo-2026";
const WIDTH = 375;

const NOT_A_PAGE =
  /\.(csv|ics|pdf|zip|png|jpe?g|svg|json|txt)(\?|$)|\/download|\/feed\/|\/sign-out|\/calendar\/[a-z2-7]{32}/;
const PER_SHAPE = 2;
const AXE_RULES = [
  "scrollable-region-focusable",
  "aria-allowed-attr",
  "aria-valid-attr-value",
  "aria-allowed-role",
  "nested-interactive",
  "landmark-unique",
];
const MAX_PAGES = 120;

function shapeOf(pathname: string) {
  return pathname
    .split("/")
    .map((seg) =>
      /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(seg) ||
      /^[a-z2-7]{32}$/.test(seg) ||
      /^\d+$/.test(seg) ||
      /^[A-Za-z0-9_-]{20,}$/.test(seg)
        ? ":id"
        : seg,
    )
    .join("/");
}

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

async function crawl(page: Page, start: string[]) {
  const problems: string[] = [];
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [...start];
  const visited: string[] = [];
  while (queue.length && visited.length < MAX_PAGES) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const shape = shapeOf(new URL(path, server.url).pathname);
    if ((shapes.get(shape) ?? 0) >= PER_SHAPE) continue;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    await page.goto(server.url + path);
    await page.waitForLoadState("networkidle");
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 10_000 });
    visited.push(path);
    for (const p of await overflow(page)) problems.push(`${path}: ${p}`);
    // The axe rules this width can break (a region that scrolls only on a phone, the menu's
    // disclosure); the whole rule set runs in the other browser tests at desktop width.
    const axe = await new AxeBuilder({ page }).withRules(AXE_RULES).analyze();
    for (const v of axe.violations)
      problems.push(
        `${path}: axe ${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
      );
    const hrefs = await page.$$eval("a[href]:not([download])", (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    for (const href of hrefs) {
      const u = new URL(href);
      if (u.origin !== server.url || NOT_A_PAGE.test(u.pathname + u.search)) continue;
      const p = u.pathname + u.search;
      if (!seen.has(p)) queue.push(p);
    }
  }
  return { problems, visited };
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

const PHONE = {
  viewport: { width: WIDTH, height: 812 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
};

describe("every page each demo role can reach fits a 375 px screen", () => {
  it("the public pages, signed out", async () => {
    const context = await browser.newContext(PHONE);
    const { problems, visited } = await crawl(await context.newPage(), [
      "/",
      "/sessions/open",
      "/sign-in",
      "/verify",
    ]);
    await context.close();
    expect(visited.length).toBeGreaterThan(3);
    expect(problems, `visited ${visited.join(", ")}`).toEqual([]);
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
      const { problems, visited } = await crawl(page, ["/"]);
      await context.close();
      expect(visited.length).toBeGreaterThan(3);
      expect(problems, `visited ${visited.join(", ")}`).toEqual([]);
    }, 900_000);
  }
});
