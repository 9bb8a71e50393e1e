import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";
import { londonDay } from "../support/time";

// Issue 16, item 4: lists that grow with the programme page, say how many there are, and reach
// their last records — shown here at ten times the programme's size (npm run seed:scale's data).

let server: TestServer;
let programmeId: string;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { seedScale } = await import("~/reports/scale.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  ({ programmeId } = await seedScale(db, 10));
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "Paging Partner",
  });
  await insertUser(db, {
    email: "paging-lead@example.org",
    name: "Paging Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead", safeguardingCleared: true }],
  });
}, 300_000);

afterAll(async () => {
  await server?.close();
});

async function lead() {
  const c = new Client(server.url);
  await c.signIn("paging-lead@example.org", PASSWORD);
  return c;
}

async function db() {
  return (await import("~/db/db.server")).getDb();
}

const fmt = (n: number) => n.toLocaleString("en-GB");

describe("long lists at ten times the programme's size", () => {
  it("pages the scheduling queue, oldest first, and its last page holds the newest request", async () => {
    const requested = await (
      await db()
    )
      .selectFrom("booking_requests")
      .innerJoin("organisations", "organisations.id", "booking_requests.setting_id")
      .select(["booking_requests.id", "organisations.name"])
      .where("booking_requests.status", "=", "requested")
      .orderBy("booking_requests.created_at")
      .orderBy("booking_requests.id")
      .execute();
    expect(requested.length).toBeGreaterThan(50);
    const c = await lead();
    const first = await (await c.get("/schedule")).text();
    expect(textOf(first)).toContain(`Showing 1 to 50 of ${fmt(requested.length)} requests`);
    expect(first).toContain(`/schedule/${requested[0].id}"`);
    expect(first).not.toContain(`/schedule/${requested[requested.length - 1].id}"`);
    expect(first).toContain('href="/schedule?page=2"');
    const last = Math.ceil(requested.length / 50);
    const lastHtml = await (await c.get(`/schedule?page=${last}`)).text();
    expect(textOf(lastHtml)).toContain(
      `to ${fmt(requested.length)} of ${fmt(requested.length)} requests`,
    );
    expect(lastHtml).toContain(`/schedule/${requested[requested.length - 1].id}"`);
    expect(lastHtml).not.toContain('rel="next"');
  });

  it("pages a lead's upcoming sessions with the whole count, so none is silently left off", async () => {
    const now = new Date().toISOString();
    const upcoming = await (
      await db()
    )
      .selectFrom("delivery_sessions")
      .select("id")
      .where("ends_at", ">", now)
      .where("status", "in", ["scheduled", "postponed"])
      .orderBy("starts_at")
      .orderBy("id")
      .execute();
    const { SCHEDULE_PAGE } = await import("~/sessions/delivery.server");
    expect(upcoming.length).toBeGreaterThan(SCHEDULE_PAGE);
    const c = await lead();
    const first = textOf(await (await c.get("/sessions")).text());
    expect(first).toContain(`Showing 1 to ${SCHEDULE_PAGE} of ${fmt(upcoming.length)} sessions`);
    const last = Math.ceil(upcoming.length / SCHEDULE_PAGE);
    const lastHtml = await (await c.get(`/sessions?page=${last}`)).text();
    expect(lastHtml).toContain(`/sessions/${upcoming[upcoming.length - 1].id}"`);
    expect(textOf(lastHtml)).toContain(`of ${fmt(upcoming.length)} sessions`);
  });

  it("pages the schools report, reaching every setting, and a page well past the end shows the last", async () => {
    const c = await lead();
    const first = textOf(await (await c.get(`/reports/schools?programme=${programmeId}`)).text());
    const m = /Showing 1 to 100 of ([\d,]+) settings/.exec(first);
    expect(m).not.toBeNull();
    const total = Number(m![1].replace(/,/g, ""));
    expect(total).toBeGreaterThan(100);
    const last = Math.ceil(total / 100);
    const lastText = textOf(
      await (await c.get(`/reports/schools?programme=${programmeId}&page=${last}`)).text(),
    );
    expect(lastText).toContain(`to ${fmt(total)} of ${fmt(total)} settings`);
    const beyond = textOf(
      await (await c.get(`/reports/schools?programme=${programmeId}&page=${last + 50}`)).text(),
    );
    expect(beyond).toContain(`to ${fmt(total)} of ${fmt(total)} settings`);
  });

  it("keeps a page of the queue far smaller than the whole queue", async () => {
    const c = await lead();
    const page = await (await c.get("/schedule")).text();
    const count = (page.match(/href="\/schedule\/[0-9a-f-]{36}"/g) ?? []).length;
    expect(count).toBe(50);
  });

  it("names the first few trainers whose checks need attention, and links the rest by count", async () => {
    const { CHECKS_NAMED } = await import("~/sessions/route-helpers.server");
    const { schedulingSettings } = await import("~/sessions/scope.server");
    const d = await db();
    const { complianceWarningDays } = await schedulingSettings(d);
    const soon = londonDay(complianceWarningDays);
    const trainers = await d
      .selectFrom("users")
      .innerJoin("memberships", "memberships.user_id", "users.id")
      .leftJoin("trainer_compliance", "trainer_compliance.user_id", "users.id")
      .select([
        "users.id",
        "trainer_compliance.dbs_expires_on as dbs",
        "trainer_compliance.safeguarding_expires_on as safeguarding",
      ])
      .where("memberships.role", "=", "trainer")
      .where("users.disabled_at", "is", null)
      .execute();
    const needing = new Set(
      trainers
        .filter((t) => !t.dbs || !t.safeguarding || t.dbs <= soon || t.safeguarding <= soon)
        .map((t) => t.id),
    );
    expect(needing.size).toBeGreaterThan(CHECKS_NAMED);
    const c = await lead();
    const page = await (await c.get("/schedule")).text();
    const warning = page.slice(page.indexOf("govuk-warning-text"), page.indexOf("<table"));
    expect((warning.match(/href="\/trainers\/[0-9a-f-]{36}"/g) ?? []).length).toBe(CHECKS_NAMED);
    expect(textOf(warning)).toContain(
      `${fmt(needing.size - CHECKS_NAMED)} more trainers in trainers' checks`,
    );
    expect(warning).toContain('href="/trainers"');
  });
});

describe("the other long lists at ten times the programme's size", () => {
  it("pages people by name, and the last page holds the last person", async () => {
    const people = await (
      await db()
    )
      .selectFrom("users")
      .select("id")
      .orderBy("name")
      .orderBy("id")
      .execute();
    expect(people.length).toBeGreaterThan(500);
    const c = await lead();
    const first = await (await c.get("/admin/people")).text();
    expect(first).toContain(`/admin/people/${people[0].id}"`);
    expect(first).not.toContain(`/admin/people/${people[people.length - 1].id}"`);
    const last = Math.ceil(people.length / 50);
    const lastHtml = await (await c.get(`/admin/people?page=${last}`)).text();
    expect(lastHtml).toContain(`/admin/people/${people[people.length - 1].id}"`);
    expect(lastHtml).not.toContain(`/admin/people/${people[0].id}"`);
    // A lead looking for one person among them searches.
    const found = await (await c.get("/admin/people?q=paging-lead")).text();
    expect(textOf(found)).toContain("Paging Lead");
  });

  it("lets a lead find people by part of an organisation's name rather than a drop-down of hundreds", async () => {
    const d = await db();
    const orgs = await d
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("archived_at", "is", null)
      .orderBy("name")
      .execute();
    expect(orgs.length).toBeGreaterThan(100);
    const c = await lead();
    const page = await (await c.get("/admin/people")).text();
    // No option per organisation in the page (or its data): a search box for the name instead.
    expect(page).not.toContain('<select class="govuk-select" id="filter-organisation"');
    expect(page).not.toContain(orgs[orgs.length - 1].name);
    expect(page).toContain('name="organisationName"');
    // One organisation's people: one with people, whose name no other organisation's holds,
    // looked for in another case.
    const memberships = await d
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["memberships.organisation_id", "users.id"])
      .execute();
    const unique = (name: string) => orgs.filter((x) => x.name.includes(name)).length === 1;
    const chosen = orgs.find(
      (o) => unique(o.name) && memberships.some((m) => m.organisation_id === o.id),
    )!;
    const members = memberships.filter((m) => m.organisation_id === chosen.id);
    expect(members.length).toBeGreaterThan(0);
    const found = await (
      await c.get(`/admin/people?organisationName=${encodeURIComponent(chosen.name.toUpperCase())}`)
    ).text();
    const listed = [...found.matchAll(/href="\/admin\/people\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(members.map((m) => m.id)));
    // A name no organisation has: said so, rather than an empty table.
    const none = await (await c.get("/admin/people?organisationName=no-such-organisation")).text();
    expect(textOf(none)).toContain("No one matches these filters");
    // A link from the organisation's page still chooses it, and says which it is.
    const linked = await (await c.get(`/admin/people?organisation=${chosen.id}`)).text();
    expect(textOf(linked)).toContain(`People in ${chosen.name}`);
  });

  it("pages organisations by name, and the last page holds the last", async () => {
    const orgs = await (
      await db()
    )
      .selectFrom("organisations")
      .select("id")
      .where("archived_at", "is", null)
      .orderBy("name")
      .orderBy("id")
      .execute();
    expect(orgs.length).toBeGreaterThan(200);
    const c = await lead();
    const first = await (await c.get("/admin/organisations")).text();
    expect(first).not.toContain(`/admin/organisations/${orgs[orgs.length - 1].id}"`);
    const last = Math.ceil(orgs.length / 50);
    const lastHtml = await (await c.get(`/admin/organisations?page=${last}`)).text();
    expect(lastHtml).toContain(`/admin/organisations/${orgs[orgs.length - 1].id}"`);
    const found = textOf(await (await c.get("/admin/organisations?q=Paging+Partner")).text());
    expect(found).toContain("Paging Partner");
  });

  it("pages the e-learning organisations with the whole count, and finds one by name", async () => {
    const c = await lead();
    const first = textOf(await (await c.get("/learning/oversight")).text());
    const count = /Showing 1 to 100 of ([\d,]+) organisations/.exec(first);
    expect(count).not.toBeNull();
    const total = Number(count![1].replace(/,/g, ""));
    expect(total).toBeGreaterThan(100);
    const last = Math.ceil(total / 100);
    const lastText = textOf(await (await c.get(`/learning/oversight?page=${last}`)).text());
    expect(lastText).toContain(`to ${fmt(total)} of ${fmt(total)} organisations`);
    // The organisation named on the last page is found by searching for it.
    const vcse = await (
      await db()
    )
      .selectFrom("organisations")
      .select("name")
      .where("kind", "=", "vcse")
      .orderBy("name", "desc")
      .executeTakeFirstOrThrow();
    const found = textOf(
      await (await c.get(`/learning/oversight?q=${encodeURIComponent(vcse.name)}`)).text(),
    );
    expect(found).toContain(vcse.name);
    expect(found).not.toContain(`of ${fmt(total)} organisations`);
  });

  it("pages the outbox and the audit log back to their oldest entries", async () => {
    const d = await db();
    const { enqueueEmail } = await import("~/email/outbox.server");
    const { audit } = await import("~/audit/audit.server");
    const leadUser = await d
      .selectFrom("users")
      .select("id")
      .where("email", "=", "paging-lead@example.org")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 230; i++) {
      await enqueueEmail(d, {
        to: `paging-${i}@example.org`,
        subject: `Paging message ${i}`,
        text: "Hello",
        html: "<p>Hello</p>",
      });
      await audit(d, {
        action: "auth.sign_in",
        actorUserId: leadUser.id,
        subjectType: "user",
        subjectId: leadUser.id,
        ip: `203.0.113.${i % 200}`,
      } as never);
    }
    const oldestEmail = await d
      .selectFrom("outbox")
      .select("id")
      .orderBy("created_at")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const c = await lead();
    let page = 1;
    let html = await (await c.get("/admin/outbox")).text();
    while (html.includes(`page=${page + 1}"`) && page < 50) {
      page += 1;
      html = await (await c.get(`/admin/outbox?page=${page}`)).text();
    }
    expect(page).toBeGreaterThanOrEqual(3);
    expect(html).toContain(`/admin/outbox/${oldestEmail.id}"`);

    // The audit log says only whether there is an older page: follow it to the end and every one
    // of the 230 entries has been shown.
    let auditPage = 1;
    let auditText = textOf(await (await c.get("/admin/audit")).text());
    let seen = auditText;
    while (auditText.includes("Older entries") && auditPage < 50) {
      auditPage += 1;
      const next = await c.get(`/admin/audit?page=${auditPage}`);
      auditText = textOf(await next.text());
      seen += auditText;
    }
    expect(auditPage).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < 200; i++) expect(seen).toMatch(new RegExp(`203\\.0\\.113\\.${i}(?!\\d)`));
  });
});

describe("the certificates register at scale", () => {
  it("pages the certificates newest first, and the last page holds the first issued", async () => {
    const d = await db();
    const { issueCertificate } = await import("~/certificates/certificates.server");
    const { londonToday } = await import("~/utils/dates");
    // The scale seed issues no certificates: 130 here, stored without their PDFs (rendered later
    // by the job, as the demo seed does), so the register has three pages.
    for (let i = 0; i < 130; i++) {
      await issueCertificate(
        d,
        {
          sourceKey: `paging:certificate:${i}`,
          holder: { name: `Paging Holder ${String(i).padStart(3, "0")}` },
          achievement: {
            kind: "module",
            moduleTitle: "Understanding child criminal exploitation",
            moduleVersion: 1,
            description: null,
          },
          achievedOn: londonToday(),
          issuerName: "Momentum",
          programmeName: "Paging programme",
          baseUrl: server.url,
        },
        { render: "later" },
      );
    }
    const oldest = await d
      .selectFrom("certificates")
      .select(["id", "holder_name"])
      .orderBy("issued_at", "asc")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const total = Number(
      (
        await d
          .selectFrom("certificates")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(total).toBeGreaterThanOrEqual(130);
    const c = await lead();
    const first = await (await c.get("/admin/certificates")).text();
    expect(textOf(first)).toContain(fmt(total));
    expect(first).not.toContain(oldest.holder_name);
    let page = 1;
    let html = first;
    while (html.includes(`page=${page + 1}"`) && page < 20) {
      page += 1;
      html = await (await c.get(`/admin/certificates?page=${page}`)).text();
    }
    const { PAGE_SIZE } = await import("~/utils/paging");
    expect(page).toBe(Math.ceil(total / PAGE_SIZE));
    expect(html).toContain(oldest.holder_name);
  });
});

describe("the public list of open sessions", () => {
  it("pages the open sessions soonest first, says how many there are, and the last page holds the last", async () => {
    const { insertOffering, insertSession } = await import("~/seed/factories/sessions.server");
    const d = await db();
    const offeringId = await insertOffering(d, {
      programmeId,
      title: "Paging community briefing",
      audience: "parents",
      openToPublic: true,
      questionnaireId: null,
    });
    const day = 86_400_000;
    for (let i = 0; i < 120; i++) {
      await insertSession(d, {
        programmeId,
        offeringId,
        // Spread over the coming weeks, an hour apart, so every one is upcoming at any hour.
        startsAt: new Date(Date.now() + day + i * 3_600_000),
        isOpen: true,
        venue: `Paging Hall ${i}`,
      });
    }
    const open = await d
      .selectFrom("delivery_sessions")
      .select(["id", "starts_at"])
      .where("is_open", "=", 1)
      .where("status", "=", "scheduled")
      .where("starts_at", ">", new Date().toISOString())
      .orderBy("starts_at")
      .orderBy("id")
      .execute();
    expect(open.length).toBeGreaterThanOrEqual(120);
    const { OPEN_LIST_PAGE } = await import("~/sessions/open.server");
    const c = new Client(server.url);
    const first = await (await c.get("/sessions/open")).text();
    expect(textOf(first)).toContain(`${fmt(open.length)} sessions`);
    expect(textOf(first)).toContain(
      `Showing 1 to ${OPEN_LIST_PAGE} of ${fmt(open.length)} sessions`,
    );
    expect(first).toContain(`/sessions/open/${open[0].id}"`);
    expect(first).not.toContain(`/sessions/open/${open[open.length - 1].id}"`);
    const last = Math.ceil(open.length / OPEN_LIST_PAGE);
    const lastHtml = await (await c.get(`/sessions/open?page=${last}`)).text();
    expect(textOf(lastHtml)).toContain(`to ${fmt(open.length)} of ${fmt(open.length)} sessions`);
    expect(lastHtml).toContain(`/sessions/open/${open[open.length - 1].id}"`);
    expect(lastHtml).not.toContain(`/sessions/open/${open[0].id}"`);
    // The filter's dates are day, month and year fields (issue 17, item 14): from today, every
    // upcoming session is listed, and the link to the next page keeps the three fields.
    const [y, m, dd] = londonDay(0).split("-").map(Number);
    const fromToday = `from-day=${dd}&from-month=${m}&from-year=${y}`;
    const filtered = await (await c.get(`/sessions/open?${fromToday}`)).text();
    expect(textOf(filtered)).toContain(`${fmt(open.length)} sessions`);
    expect(filtered).toContain(`${fromToday.replaceAll("&", "&amp;")}&amp;page=2"`);
  });
});

describe("the scale seed's people", () => {
  it("gives the demo trainer a share of the sessions, shown on their schedule", async () => {
    const { DEMO_PASSWORD } = await import("~/seed/foundation.server");
    const d = await db();
    const trainer = await d
      .selectFrom("users")
      .select("id")
      .where("email", "=", "trainer@example.org")
      .executeTakeFirstOrThrow();
    const theirs = await d
      .selectFrom("session_trainers")
      .innerJoin("delivery_sessions", "delivery_sessions.id", "session_trainers.session_id")
      .select("delivery_sessions.id")
      .where("session_trainers.trainer_id", "=", trainer.id)
      .where("delivery_sessions.ends_at", ">", new Date().toISOString())
      .where("delivery_sessions.status", "=", "scheduled")
      .orderBy("delivery_sessions.starts_at")
      .orderBy("delivery_sessions.id")
      .execute();
    expect(theirs.length).toBeGreaterThan(0);
    const c = new Client(server.url);
    await c.signIn("trainer@example.org", DEMO_PASSWORD);
    const html = await (await c.get("/sessions")).text();
    expect(html).toContain(`/sessions/${theirs[0].id}"`);
    // Every school the seed adds has a coordinator.
    const withoutCoordinator = await d
      .selectFrom("organisations")
      .select("id")
      .where("id", "like", "scale-setting-%")
      .where("id", "not in", (eb) =>
        eb
          .selectFrom("memberships")
          .select("organisation_id")
          .where("role", "=", "school_coordinator"),
      )
      .execute();
    expect(withoutCoordinator).toEqual([]);
  });
});
