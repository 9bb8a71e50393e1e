import type { Page } from "playwright-core";

// One walk through the pages a signed-in role (or nobody) reaches by following links from where it
// starts, shared by the browser tests that look at every page (tests/e2e/every-page.test.ts).

/** Links not to follow: files rather than pages, and the way out. */
const NOT_A_PAGE =
  /\.(csv|ics|pdf|zip|png|jpe?g|svg|json|txt)(\?|$)|\/download|\/feed\/|\/sign-out|\/calendar\/[a-z2-7]{32}/;
/** At most this many addresses per route shape (ids replaced), so a list of 300 sessions is not opened 300 times. */
const PER_SHAPE = 2;
const MAX_PAGES = 120;

/** The route shape of a path: ids, tokens and numbers replaced. */
export function shapeOf(pathname: string) {
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

/**
 * Opens each page once it has hydrated (Remix's router is on the window), runs `check` on it and
 * queues the links it shows. `check` returns what is wrong with the page, as sentences.
 */
export async function crawl(
  page: Page,
  baseUrl: string,
  start: string[],
  check: (path: string) => Promise<string[]>,
) {
  const problems: string[] = [];
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [...start];
  const visited: string[] = [];
  while (queue.length && visited.length < MAX_PAGES) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const shape = shapeOf(new URL(path, baseUrl).pathname);
    if ((shapes.get(shape) ?? 0) >= PER_SHAPE) continue;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    await page.goto(baseUrl + path);
    await page.waitForLoadState("networkidle");
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 10_000 });
    visited.push(path);
    for (const p of await check(path)) problems.push(`${path}: ${p}`);
    const hrefs = await page.$$eval("a[href]:not([download])", (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    for (const href of hrefs) {
      const u = new URL(href);
      if (u.origin !== baseUrl || NOT_A_PAGE.test(u.pathname + u.search)) continue;
      const p = u.pathname + u.search;
      if (!seen.has(p)) queue.push(p);
    }
  }
  return { problems, visited };
}
