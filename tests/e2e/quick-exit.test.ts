import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 12, item 12: "Press Shift three times" was shown with JavaScript off, where the shortcut
// cannot work. The "Exit this page" button works either way; the hint shows only with JavaScript.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), { kind: "vcse", name: "Norwich Youth Harbour" });
  await insertUser(getDb(), {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "learner" }],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the quick exit on learning pages", () => {
  for (const javaScriptEnabled of [false, true]) {
    it(`offers the Shift shortcut only with JavaScript (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signInAs(page, server.url, "learner@example.org", PASSWORD);
      await page.goto(`${server.url}/learning`);
      expect(await page.getByText("Exit this page").count()).toBe(1);
      if (javaScriptEnabled)
        await expect.poll(() => page.getByText("Or press Shift three times").count()).toBe(1);
      else expect(await page.getByText("Or press Shift three times").count()).toBe(0);
      await context.close();
    });
  }
});
