import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, signInAs } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { financialYearStart, londonAtIso, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// The dashboard in a real browser: axe on every page, the filters as a GET form (with and without
// JavaScript), the back button, the schools page and the quarterly return page.

let server: TestServer;
let browser: Browser;
let page: Page;
// Delivery in the last financial year that has ended and the one before it, so every figure is in
// the past whatever today is; the filter picks that financial year.
const FY = financialYearStart(londonDay()) - 1;
const FY_LABEL = `Financial year ${FY}-${String(FY + 1).slice(2)}`;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const db = getDb();
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  const norwich = await insertOrganisation(db, {
    kind: "setting",
    name: "Alder High School",
    districtId: "E07000148",
  });
  const yarmouth = await insertOrganisation(db, {
    kind: "setting",
    name: "Beacon Academy",
    districtId: "E07000145",
  });
  const lead = await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead" }],
  });
  const b = new DeliveryBatch();
  const p = b.programme({
    name: "SOS+",
    startsOn: londonDay(-1200),
    endsOn: londonDay(700),
    targets: [
      { audience: "pupils", sessions: 120, people: 8600 },
      { audience: "teachers", sessions: 40, people: 2100 },
      { audience: "parents", sessions: 80, people: 7700 },
    ],
  });
  const assembly = b.offering({
    programmeId: p,
    title: "Assembly",
    audience: "pupils",
    format: "assembly",
  });
  const parents = b.offering({
    programmeId: p,
    title: "Parents",
    audience: "parents",
    format: "community_session",
  });
  const classes = [norwich, yarmouth].flatMap((s) =>
    [1, 2, 3].map((i) => ({
      s,
      id: b.class({ settingId: s, yearGroup: String(6 + i), name: `${i}A`, pupils: 25 + i }),
    })),
  );
  let day = 0;
  for (const c of classes)
    for (const month of [`${FY - 1}-10`, `${FY}-02`, `${FY}-06`, `${FY}-10`]) {
      day = (day % 20) + 3;
      b.session({
        programmeId: p,
        offeringId: assembly,
        settingId: c.s,
        districtId: c.s === norwich ? "E07000148" : "E07000145",
        startsAt: `${month}-${String(day).padStart(2, "0")}T10:00:00.000Z`,
        status: "delivered",
        classes: [{ classId: c.id, attended: 24 }],
      });
    }
  for (const month of [`${FY - 1}-11`, `${FY}-03`, `${FY}-09`]) {
    const s = b.session({
      programmeId: p,
      offeringId: parents,
      districtId: "E07000145",
      startsAt: `${month}-14T18:30:00.000Z`,
      status: "delivered",
      walkIns: 3,
    });
    for (let i = 0; i < 15; i++)
      b.registration({ sessionId: s, attendance: i < 12 ? "attended" : "no_show" });
  }
  b.session({
    programmeId: p,
    offeringId: assembly,
    settingId: yarmouth,
    districtId: "E07000145",
    startsAt: londonAtIso(37, "10:00"),
    status: "scheduled",
    classes: [{ classId: classes[3].id, attended: null }],
  });
  // Outcomes: feedback before and after, a safeguarding referral, VCSE work with e-learning.
  const vcse = b.offering({
    programmeId: p,
    title: "VCSE",
    audience: "vcse_staff",
    format: "community_session",
  });
  const v = b.session({
    programmeId: p,
    offeringId: vcse,
    districtId: "E07000148",
    startsAt: `${FY}-06-10T10:00:00.000Z`,
    status: "delivered",
  });
  for (let i = 0; i < 8; i++)
    b.feedback({
      sessionId: v,
      questionnaireId: "q-standard",
      before: { "q-standard-1": 2, "q-standard-2": 3 },
      after: { "q-standard-1": 4, "q-standard-2": 4, "q-standard-4": 5 },
    });
  b.safeguarding({ sessionId: v, kind: "referral", destination: "mash", recordedBy: lead });
  const harbour = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  const m = b.module({ title: "Recognising exploitation" });
  for (let i = 0; i < 6; i++) {
    const learner = b.user({
      email: `learner${i}@example.org`,
      name: `Learner ${i}`,
      organisationId: harbour,
    });
    b.enrolment({
      userId: learner,
      ...m,
      enrolledAt: `${FY}-06-01T10:00:00.000Z`,
      attempts: [{ at: `${FY}-06-02T10:00:00.000Z`, score: 90, passed: i < 5 }],
    });
  }
  await b.write(db);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
  await signInAs(page, server.url, "lead@example.org", PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the reports dashboard in a browser", () => {
  it("passes axe, filters through the URL, and the back button returns to the previous figures", async () => {
    await page.goto(`${server.url}/reports`);
    expect(await page.locator("h1").textContent()).toBe("SOS+ dashboard");
    expect(await page.locator('[data-figure="headline:sessions"]').textContent()).toBe("28");
    await expectNoAxeViolations(page);
    if (process.env.REPORTS_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.REPORTS_SCREENSHOTS}/dashboard.png`,
        fullPage: true,
      });

    await page
      .getByRole("combobox", { name: "District" })
      .selectOption({ label: "Great Yarmouth" });
    await page.getByRole("combobox", { name: "Period" }).selectOption({ label: FY_LABEL });
    await page.getByRole("button", { name: "Show figures" }).click();
    await page.waitForURL(/district=E07000145/);
    expect(new URL(page.url()).searchParams.get("period")).toBe(`fy-${FY}`);
    await expect
      .poll(() => page.locator('[data-figure="headline:sessions"]').textContent())
      .toBe("7");
    await expectNoAxeViolations(page);

    await page.goBack();
    await page.waitForURL((u) => !u.search.includes("district"));
    await expect
      .poll(() => page.locator('[data-figure="headline:sessions"]').textContent())
      .toBe("28");
  });

  it("works with JavaScript off: the filter form is a plain GET", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await signInAs(p, server.url, "lead@example.org", PASSWORD);
    await p.goto(`${server.url}/reports`);
    await p
      .getByRole("combobox", { name: "Audience" })
      .selectOption({ label: "Parents and carers" });
    await p.getByRole("button", { name: "Show figures" }).click();
    await p.waitForURL(/audience=parents/);
    expect(await p.locator('[data-figure="headline:people"]').textContent()).toBe("45");
    await context.close();
  });

  it("shows every school and those not reached, and the quarterly return page, each passing axe", async () => {
    await page.goto(`${server.url}/reports`);
    await page
      .getByRole("link", { name: "See every school and setting, and those not yet reached" })
      .click();
    await page.waitForURL(/\/reports\/schools/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Schools and settings");
    await expectNoAxeViolations(page);
    await page.goto(`${server.url}/reports`);
    await page.getByRole("link", { name: "E-learning by organisation" }).click();
    await page.waitForURL(/\/reports\/outcomes/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Outcomes in detail");
    await expectNoAxeViolations(page);
    if (process.env.REPORTS_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.REPORTS_SCREENSHOTS}/outcomes.png`,
        fullPage: true,
      });
    await page.goto(`${server.url}/reports/return?quarter=q-${FY}-1`);
    expect(await page.locator("h1").textContent()).toBe("Quarterly monitoring return");
    await expectNoAxeViolations(page);
    await page.goto(`${server.url}/reports/return?quarter=q-${FY}-2`);
    expect(await page.locator("h1").textContent()).toBe("Quarterly monitoring return");
    await expectNoAxeViolations(page);
    if (process.env.REPORTS_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.REPORTS_SCREENSHOTS}/return.png`,
        fullPage: true,
      });
  });
});
