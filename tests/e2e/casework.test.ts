import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fillDate,
  expectNoAxeViolations,
  launchBrowser,
  newContextWithoutAppScripts,
  signInAs,
} from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { addDays, londonDay } from "../support/time";

// The 1-2-1 journey in a real browser over the demo data, with JavaScript on and off, axe on every
// page: a school's safeguarding lead refers a young person; the casework manager accepts and
// allocates a mentor; the mentor records consent, two contacts and two assessments and closes the
// case with outcomes; the casework figures change accordingly; the school sees only the status.
let server: TestServer;
let browser: Browser;
const DEMO = "lantern-demo-2026";
let pathwaysOut = "";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedDemo } = await import("~/seed/seed.server");
  const db = getDb();
  await seedDemo(db);
  pathwaysOut = (
    await db
      .selectFrom("casework_programmes")
      .select("id")
      .where("name", "=", "Pathways Out")
      .executeTakeFirstOrThrow()
  ).id;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function as(
  email: string,
  javaScript: boolean,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = javaScript
    ? await browser.newContext()
    : await newContextWithoutAppScripts(browser);
  const page = await context.newPage();
  await signInAs(page, server.url, email, DEMO);
  return { context, page };
}

/** Waits for the page a form or link led to, then checks it with axe. */
async function arrived(page: Page, path: RegExp, heading: string | RegExp) {
  await page.waitForURL((u) => path.test(u.pathname + u.search));
  await expect
    .poll(async () => await page.locator("h1").innerText())
    .toMatch(typeof heading === "string" ? new RegExp(heading) : heading);
  await expectNoAxeViolations(page, page.url());
}

const choose = (page: Page, group: string | RegExp, option: string) =>
  page.getByRole("group", { name: group }).getByLabel(option, { exact: true }).check();

async function figures(page: Page) {
  await page.goto(`${server.url}/reports/casework?programme=${pathwaysOut}`);
  await expectNoAxeViolations(page, "casework figures");
  const cell = async (key: string) =>
    (await page.locator(`[data-figure="${key}"]`).innerText()).trim();
  return {
    referrals: Number(await cell("casework-referrals:total:total")),
    supported: Number(await cell(`casework-caseload:${pathwaysOut}:supported`)),
    closed: Number(await cell(`casework-outcomes:${pathwaysOut}:closed`)),
    exited: Number(await cell(`casework-outcomes:${pathwaysOut}:exited`)),
  };
}

describe("the 1-2-1 journey", () => {
  for (const javaScript of [true, false]) {
    it(`referral to closure, JavaScript ${javaScript ? "on" : "off"}`, async () => {
      const name = javaScript ? "Harley Quayside" : "Rowan Sweetbriar";
      const lead = await as("lead@example.org", javaScript);
      const before = await figures(lead.page);

      // The school's safeguarding lead refers.
      const school = await as("school@example.org", javaScript);
      await school.page.goto(`${server.url}/casework/referrals`);
      await arrived(school.page, /\/casework\/referrals$/, "1-2-1 referrals");
      await school.page.getByRole("button", { name: "Refer a young person" }).click();
      await arrived(school.page, /\/casework\/referrals\/new/, "Refer a young person");
      await school.page
        .getByLabel("Programme")
        .selectOption({ label: "Pathways Out (greater Norwich, aged 17 and under)" });
      await school.page
        .getByLabel("School", { exact: true })
        .selectOption({ label: "Wensum Valley Academy" });
      await school.page.getByLabel("Young person's full name").fill(name);
      await fillDate(school.page, "Date of birth", addDays(londonDay(0), -(15 * 365 + 50)));
      await school.page.getByLabel("Year group").selectOption({ label: "Year 10" });
      await school.page
        .getByLabel("Why are you referring them?")
        .fill("Seen with older boys from out of town; missing lessons.");
      await school.page.getByLabel("Older associates or new friends out of area").check();
      await choose(school.page, /MACE\) panel know/, "No, or not known");
      await choose(school.page, /parent or carer know/, "Yes");
      await school.page.getByRole("button", { name: "Send referral" }).click();
      await arrived(school.page, /\/casework\/referrals\?referred=1/, "1-2-1 referrals");
      expect(await school.page.getByRole("row", { name: new RegExp(name) }).innerText()).toContain(
        "Received",
      );

      // The casework manager accepts and allocates a mentor.
      await lead.page.goto(`${server.url}/casework/referrals`);
      await arrived(lead.page, /\/casework\/referrals$/, "1-2-1 referrals");
      await lead.page.getByRole("link", { name }).click();
      await arrived(lead.page, /\/casework\/referrals\/[^/]+$/, `Referral: ${name}`);
      await choose(lead.page, "What happens to this referral?", "Accept and allocate a caseworker");
      await lead.page
        .getByLabel("Caseworker (when accepting)")
        .selectOption({ label: "Jo Whitlock" });
      await lead.page.getByRole("button", { name: "Save decision" }).click();
      await arrived(lead.page, /\/casework\/cases\/[^/]+$/, "Case record");
      const casePath = new URL(lead.page.url()).pathname;

      // The mentor records consent, two contacts, two assessments, and closes the case.
      const mentor = await as("mentor@example.org", javaScript);
      const p = mentor.page;
      await p.goto(`${server.url}/casework`);
      await arrived(p, /\/casework$/, "Your caseload");
      await p.getByRole("link", { name }).click();
      await arrived(p, /\/casework\/cases\/[^/]+$/, "Case record");
      await p
        .getByRole("navigation", { name: "This case" })
        .getByRole("link", { name: "Consent" })
        .click();
      await arrived(p, /\/consent$/, "Consent");
      await choose(p, "What is the consent for?", "Taking part in 1-2-1 support");
      await choose(p, "Who gave it?", "The young person");
      await choose(p, "How was it given?", "In person");
      await p.getByLabel("Who else was present (optional)").fill("Head of year");
      await p.getByRole("button", { name: "Record consent" }).click();
      await arrived(p, /\/consent\?done=opened/, "Consent");
      expect(await p.locator(".govuk-notification-banner").innerText()).toContain(
        "the case is now open",
      );

      await p
        .getByRole("navigation", { name: "This case" })
        .getByRole("link", { name: "Contacts" })
        .click();
      await arrived(p, /\/contacts$/, "Contacts");
      for (const [i, note] of [
        "Met in the library; talked about college.",
        "Walked to the bus stop; he is sleeping better.",
      ].entries()) {
        await fillDate(p, "Date", addDays(londonDay(0), i - 1));
        await p.getByLabel("How long, in minutes").fill("45");
        await choose(p, "Where", "School");
        await choose(p, "Did the young person attend?", "Attended");
        await p.getByLabel("Note (optional)").fill(note);
        await p.getByRole("button", { name: "Record contact" }).click();
        await arrived(p, /\/contacts\?saved=1/, "Contacts");
        await expect.poll(async () => await p.locator("table").first().innerText()).toContain(note);
      }

      await p
        .getByRole("navigation", { name: "This case" })
        .getByRole("link", { name: "Assessments" })
        .click();
      await arrived(p, /\/assessments$/, "Assessments");
      const characteristics = [
        "Safety and risk",
        "Engagement in education",
        "Relationships and peers",
        "Emotional wellbeing",
        "Aspirations",
        "Involvement in offending",
      ];
      for (const [round, score] of [
        ["Start", "2"],
        ["Review", "4"],
      ] as const) {
        await choose(p, "When is this assessment?", round);
        await fillDate(p, "Date", addDays(londonDay(0), round === "Start" ? -1 : 0));
        for (const c of characteristics) await choose(p, c, score === "2" ? "2" : "4");
        await p.getByRole("button", { name: "Record assessment" }).click();
        await arrived(p, /\/assessments\?saved=1/, "Assessments");
      }
      expect(await p.locator("figure svg desc").textContent()).toContain(
        "Safety and risk: 2 first, 4 latest",
      );

      await p
        .getByRole("navigation", { name: "This case" })
        .getByRole("link", { name: "Close case" })
        .click();
      await arrived(p, /\/close$/, "Close the case");
      await choose(p, "Why is the case closing?", "Goals achieved");
      await choose(p, "Was the ending planned?", "Planned");
      await choose(p, "Is the young person in education, employment or training?", "Yes");
      await choose(p, /Compared with the start/, "Lower than at the start");
      await choose(p, "Has the young person exited exploitation?", "Yes");
      await p.getByRole("button", { name: "Close the case" }).click();
      await arrived(p, /\/casework\/cases\/[^/]+\?saved=closed/, "Case record");
      expect(await p.locator("h1").innerText()).toContain("Closed");

      // The figures move by one young person supported, closed and exited.
      const after = await figures(lead.page);
      expect(after).toEqual({
        referrals: before.referrals + 1,
        supported: before.supported + 1,
        closed: before.closed + 1,
        exited: before.exited + 1,
      });

      // The school sees the status, and nothing else; the case itself is not there for them.
      await school.page.goto(`${server.url}/casework/referrals`);
      await arrived(school.page, /\/casework\/referrals$/, "1-2-1 referrals");
      const row = await school.page.getByRole("row", { name: new RegExp(name) }).innerText();
      expect(row).toContain("Closed");
      const page = await school.page.locator("main").innerText();
      expect(page).not.toContain("bus stop");
      expect(page).not.toContain("Head of year");
      const res = await school.page.goto(`${server.url}${casePath}`);
      expect(res?.status()).toBe(404);
      for (const c of [lead, school, mentor]) await c.context.close();
    }, 240_000);
  }
});
