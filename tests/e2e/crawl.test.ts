import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";

// Issue 12, item 3. Every page each demo role can reach by following links from its home page
// (and the public pages, signed out) is opened in Chromium with JavaScript on. The test fails on
// any console error, uncaught error (React reports a hydration mismatch as one), or failed request:
// the class of fault that let noon print as "0pm" on the server and "12pm" in the browser, with 45
// hydration errors on one page, go unnoticed.

let server: TestServer;
let browser: Browser;
const DEMO = "lantern-demo-2026";

/** Links not to follow: files rather than pages, and the way out. */
const NOT_A_PAGE =
  /\.(csv|ics|pdf|zip|png|jpe?g|svg|json|txt)(\?|$)|\/download|\/feed\/|\/sign-out|\/calendar\/[a-z2-7]{32}/;
/** At most this many addresses per route shape (ids replaced), so a list of 300 sessions is not opened 300 times. */
const PER_SHAPE = 2;
const MAX_PAGES = 120;

/** The route shape of a path: ids, tokens and numbers replaced. */
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

interface Problem {
  page: string;
  kind: string;
  text: string;
}

async function crawl(page: Page, start: string[]) {
  const problems: Problem[] = [];
  let current = "";
  page.on("console", (m) => {
    if (m.type() === "error" || (m.type() === "warning" && /hydrat|did not match/i.test(m.text())))
      problems.push({ page: current, kind: `console.${m.type()}`, text: m.text() });
  });
  page.on("pageerror", (e) => problems.push({ page: current, kind: "uncaught", text: e.message }));
  page.on("requestfailed", (r) => {
    const failure = r.failure()?.errorText ?? "";
    // A navigation away cancels the previous page's prefetches: that is not a failure.
    if (failure.includes("ERR_ABORTED")) return;
    problems.push({ page: current, kind: "request failed", text: `${r.url()} ${failure}` });
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url().startsWith(server.url))
      problems.push({ page: current, kind: `HTTP ${r.status()}`, text: r.url() });
  });

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
    current = path;
    await page.goto(server.url + path);
    await page.waitForLoadState("networkidle");
    // Remix has hydrated when its router is on the window.
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 10_000 });
    visited.push(path);
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

describe("every page each demo role can reach, in Chromium with JavaScript on", () => {
  it("the public pages, signed out", async () => {
    const context = await browser.newContext();
    const { problems, visited } = await crawl(await context.newPage(), [
      "/",
      "/sessions/open",
      "/sign-in",
      "/verify",
    ]);
    await context.close();
    expect(visited.length).toBeGreaterThan(3);
    expect(problems, `visited ${visited.join(", ")}`).toEqual([]);
  });

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
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAs(page, server.url, email, DEMO);
      const { problems, visited } = await crawl(page, ["/"]);
      await context.close();
      expect(visited.length).toBeGreaterThan(3);
      expect(problems, `visited ${visited.join(", ")}`).toEqual([]);
    }, 600_000);
  }
});
