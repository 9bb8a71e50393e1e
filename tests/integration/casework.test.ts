import fs from "node:fs";
import { dateFields } from "~/utils/date-input";
import { MONTHS } from "~/utils/dates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf as rawTextOf, type TestServer } from "../support/server";
import { addDays, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Casework through the real server: referral from a school's safeguarding lead, triage, consent,
// contacts and assessments, withdrawal; the trainer's safeguarding referral reaching the triage
// queue; and object-level access — a case is 404 to everyone but its caseworker and cleared
// casework managers, on every page, post and export, and every cleared view is audited.
const textOf = (html: string) => rawTextOf(html.replace(/<!-- -->/g, ""));
let server: TestServer;
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};
const today = londonDay(0);

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

beforeAll(async () => {
  server = await startTestServer();
  const d = await db();
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { insertCaseworkProgramme } = await import("~/casework/programmes.server");
  const f = await import("~/seed/factories/sessions.server");
  const sgt = await insertOrganisation(d, { kind: "delivery_partner", name: "St Giles Trust" });
  const map = await insertOrganisation(d, {
    kind: "delivery_partner",
    name: "Mancroft Advice Project",
  });
  const vcse = await insertOrganisation(d, { kind: "vcse", name: "Norwich Youth Harbour" });
  ids.schoolA = await insertOrganisation(d, {
    kind: "setting",
    name: "Wensum Valley Academy",
    districtId: "E07000148",
  });
  ids.schoolB = await insertOrganisation(d, {
    kind: "setting",
    name: "Harbour Reach Academy",
    districtId: "E07000145",
  });
  const user = async (
    key: string,
    email: string,
    organisationId: string,
    role: Parameters<typeof insertUser>[1]["memberships"][number]["role"],
    cleared = false,
  ) => {
    ids[key] = await insertUser(d, {
      email,
      name: key,
      password: PASSWORD,
      memberships: [{ organisationId, role, safeguardingCleared: cleared }],
    });
  };
  await user("manager", "lead@example.org", sgt, "programme_lead", true);
  await user("unclearedLead", "lead2@example.org", sgt, "programme_lead");
  await user("mentorA", "mentor@example.org", map, "caseworker", true);
  await user("mentorB", "mentor2@example.org", map, "caseworker", true);
  await user("mentorLapsed", "mentor3@example.org", map, "caseworker", true);
  await user("dslA", "dsl.a@example.org", ids.schoolA, "school_coordinator", true);
  await user("coordinatorA", "school.a@example.org", ids.schoolA, "school_coordinator");
  await user("dslB", "dsl.b@example.org", ids.schoolB, "school_coordinator", true);
  await user("trainer", "trainer@example.org", sgt, "trainer", true);
  await user("orgManager", "manager@example.org", vcse, "organisation_manager");
  await user("learner", "learner@example.org", vcse, "learner");
  await user("author", "author@example.org", sgt, "content_author");
  for (const [key, expires] of [
    ["mentorA", addDays(today, 400)],
    ["mentorB", addDays(today, 400)],
    ["mentorLapsed", addDays(today, -1)],
  ] as const) {
    await d
      .insertInto("trainer_compliance")
      .values({
        user_id: ids[key],
        dbs_checked_on: addDays(today, -300),
        dbs_expires_on: expires,
        safeguarding_trained_on: addDays(today, -300),
        safeguarding_expires_on: addDays(today, 400),
        updated_at: new Date().toISOString(),
      })
      .execute();
  }
  ids.pathwaysOut = await insertCaseworkProgramme(d, {
    name: "Pathways Out",
    area: "greater Norwich",
    districtIds: ["E07000148", "E07000144", "E07000149"],
    maxAge: 17,
    parentConsentUnderAge: 13,
  });
  ids.sos121 = await insertCaseworkProgramme(d, {
    name: "SOS+ 1-2-1",
    area: "Norfolk",
    takesSafeguardingReferrals: true,
  });
  const programmeId = await f.insertProgramme(d, { name: "SOS+" });
  const assembly = await f.insertOffering(d, {
    programmeId,
    title: "Year 9 assembly",
    audience: "pupils",
    format: "assembly",
  });
  ids.session = await f.insertSession(d, {
    programmeId,
    offeringId: assembly,
    startsAt: new Date(Date.now() - 3 * 3600_000),
    settingId: ids.schoolA,
    trainerIds: [ids.trainer],
  });
  for (const [key, email] of Object.entries({
    manager: "lead@example.org",
    unclearedLead: "lead2@example.org",
    mentorA: "mentor@example.org",
    mentorB: "mentor2@example.org",
    dslA: "dsl.a@example.org",
    coordinatorA: "school.a@example.org",
    dslB: "dsl.b@example.org",
    trainer: "trainer@example.org",
    orgManager: "manager@example.org",
    learner: "learner@example.org",
    author: "author@example.org",
  })) {
    clients[key] = new Client(server.url);
    await clients[key].signIn(email, PASSWORD);
  }
  clients.anonymous = new Client(server.url);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const NOTE = "Talked about the college open day; wants to try bricklaying.";
const REASON = "Seen getting into cars with older men after school.";
const RISK_REASON = "Holding a bag for an older boy; two missing episodes.";

function referralForm(overrides: Record<string, string | string[]> = {}) {
  return {
    programmeId: ids.pathwaysOut,
    schoolId: ids.schoolA,
    name: "Casey Moorland",
    ...dateFields("dateOfBirth", addDays(today, -(15 * 365 + 40))),
    yearGroup: "10",
    reason: REASON,
    riskIndicators: ["older_associates", "missing"],
    maceKnown: "no",
    parentAware: "yes",
    ...overrides,
  };
}

describe("a school's safeguarding lead refers; the manager triages", () => {
  it("warns about eligibility before sending, keeps what was typed, and sends when confirmed", async () => {
    const tooOld = referralForm({
      name: "Robin Eighteen",
      ...dateFields("dateOfBirth", addDays(today, -(18 * 365 + 30))),
    });
    const warned = await clients.dslA.post("/casework/referrals/new", tooOld);
    expect(warned.status).toBe(200);
    const html = await warned.text();
    expect(textOf(html)).toContain("aged 17 and under");
    expect(html).toContain('value="Robin Eighteen"');
    expect((await d0("Robin Eighteen")).length).toBe(0);
    const sent = await clients.dslA.post("/casework/referrals/new", {
      ...tooOld,
      confirmWarnings: "yes",
    });
    expect(sent.status).toBe(302);
    expect((await d0("Robin Eighteen")).length).toBe(1);
  });

  it("asks for the date of birth the GOV.UK way: day, month and year, with the Design System's messages, keeping what was typed (issue 17, item 14)", async () => {
    const dob = addDays(today, -(15 * 365 + 40));
    const year = dob.slice(0, 4);
    const noMonth = await clients.dslA.post(
      "/casework/referrals/new",
      referralForm({
        name: "Dana Partdate",
        "dateOfBirth-day": "14",
        "dateOfBirth-month": "",
        "dateOfBirth-year": year,
      }),
    );
    expect(noMonth.status).toBe(400);
    const html = await noMonth.text();
    expect(textOf(html)).toContain("The date of birth must include a month");
    // The summary links to the month, the one part highlighted; the parts typed stay.
    expect(html).toContain('href="#f-dateOfBirth"');
    expect(html).toMatch(
      /class="[^"]*govuk-input--error"[^>]*id="f-dateOfBirth"[^>]*name="dateOfBirth-month"/,
    );
    expect(html).not.toMatch(/class="[^"]*govuk-input--error"[^>]*name="dateOfBirth-day"/);
    expect(html).toMatch(/name="dateOfBirth-day"[^>]*value="14"/);
    expect(html).toMatch(new RegExp(`name="dateOfBirth-year"[^>]*value="${year}"`));
    const notReal = await clients.dslA.post(
      "/casework/referrals/new",
      referralForm({
        name: "Dana Partdate",
        "dateOfBirth-day": "30",
        "dateOfBirth-month": "2",
        "dateOfBirth-year": year,
      }),
    );
    expect(notReal.status).toBe(400);
    expect(textOf(await notReal.text())).toContain("The date of birth must be a real date");
    // A month may be typed as a name, as people read dates off letters.
    const named = await clients.dslA.post(
      "/casework/referrals/new",
      referralForm({
        name: "Dana Partdate",
        ...dateFields("dateOfBirth", dob),
        "dateOfBirth-month": MONTHS[Number(dob.slice(5, 7)) - 1]!,
      }),
    );
    expect(named.status, textOf(await named.clone().text())).toBe(302);
    const [row] = await d0("Dana Partdate");
    expect(row!.date_of_birth).toBe(dob);
  });

  it("refuses a school DSL referring for another school, and an uncleared coordinator altogether", async () => {
    const other = await clients.dslB.post(
      "/casework/referrals/new",
      referralForm({ name: "Sam Elsewhere" }),
    );
    expect(other.status).toBe(404);
    expect((await clients.coordinatorA.get("/casework/referrals/new")).status).toBe(403);
    expect(
      (
        await clients.coordinatorA.post(
          "/casework/referrals/new",
          referralForm({ name: "Sam Uncleared" }),
        )
      ).status,
    ).toBe(403);
    expect((await d0("Sam Elsewhere")).length + (await d0("Sam Uncleared")).length).toBe(0);
  });

  it("sends a referral the school then sees as received, and no other school sees", async () => {
    const res = await clients.dslA.post("/casework/referrals/new", referralForm());
    expect(res.status).toBe(302);
    const [row] = await d0("Casey Moorland");
    ids.referral = row!.id;
    expect(row!.source).toBe("school");
    const mine = textOf(await (await clients.dslA.get("/casework/referrals")).text());
    expect(mine).toContain("Casey Moorland");
    expect(mine).toContain("Received");
    expect(mine).not.toContain(REASON);
    expect(textOf(await (await clients.dslB.get("/casework/referrals")).text())).not.toContain(
      "Casey Moorland",
    );
  });

  it("puts it in the manager's queue; refuses a caseworker whose DBS has lapsed; accepts and allocates", async () => {
    const queue = textOf(await (await clients.manager.get("/casework/referrals")).text());
    expect(queue).toContain("Casey Moorland");
    const page = await clients.manager.get(`/casework/referrals/${ids.referral}`);
    expect(page.status).toBe(200);
    expect(textOf(await page.text())).toContain(REASON);
    const lapsed = await clients.manager.post(`/casework/referrals/${ids.referral}`, {
      decision: "accept",
      caseworkerId: ids.mentorLapsed,
    });
    expect(lapsed.status).toBe(400);
    expect(textOf(await lapsed.text())).toContain("cannot take new cases");
    const accepted = await clients.manager.post(`/casework/referrals/${ids.referral}`, {
      decision: "accept",
      caseworkerId: ids.mentorA,
    });
    expect(accepted.status).toBe(302);
    ids.case = accepted.headers.get("location")!.split("/").pop()!;
    const row = await (
      await db()
    )
      .selectFrom("casework_cases")
      .selectAll()
      .where("id", "=", ids.case)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("awaiting_consent");
    expect(row.caseworker_id).toBe(ids.mentorA);
    expect(textOf(await (await clients.dslA.get("/casework/referrals")).text())).toContain(
      "Accepted",
    );
  });

  it("declines another with a reason the school sees", async () => {
    await clients.dslA.post("/casework/referrals/new", referralForm({ name: "Drew Declined" }));
    const [row] = await d0("Drew Declined");
    const res = await clients.manager.post(`/casework/referrals/${row!.id}`, {
      decision: "decline",
      reason: "Already supported by the youth offending team.",
    });
    expect(res.status).toBe(302);
    const school = textOf(await (await clients.dslA.get("/casework/referrals")).text());
    expect(school).toContain("Declined");
    expect(school).toContain("Already supported by the youth offending team.");
  });
});

async function d0(name: string) {
  return (await db())
    .selectFrom("casework_referrals")
    .selectAll()
    .where("young_person_name", "=", name)
    .execute();
}

describe("consent opens the case; nothing is recorded before it", () => {
  it("refuses a contact on a case awaiting consent with a clear error, keeping what was typed", async () => {
    const res = await clients.mentorA.post(`/casework/cases/${ids.case}/contacts`, {
      ...dateFields("contactOn", today),
      minutes: "45",
      place: "school",
      outcome: "attended",
      note: NOTE,
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(textOf(html)).toContain("not open yet");
    expect(textOf(html)).toContain(NOTE);
    expect(
      await (
        await db()
      )
        .selectFrom("casework_contacts")
        .select("id")
        .where("case_id", "=", ids.case)
        .execute(),
    ).toHaveLength(0);
  });

  it("opens the case when the young person consents to support", async () => {
    const other = await clients.mentorA.post(`/casework/cases/${ids.case}/consent`, {
      intent: "record",
      purpose: "evaluation",
      givenBy: "young_person",
      ...dateFields("givenOn", today),
      how: "in_person",
    });
    expect(other.headers.get("location")).toContain("done=recorded");
    const res = await clients.mentorA.post(`/casework/cases/${ids.case}/consent`, {
      intent: "record",
      purpose: "support",
      givenBy: "young_person",
      ...dateFields("givenOn", today),
      how: "in_person",
      present: "DSL",
    });
    expect(res.headers.get("location")).toContain("done=opened");
    const row = await (
      await db()
    )
      .selectFrom("casework_cases")
      .selectAll()
      .where("id", "=", ids.case)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("open");
  });

  it("records two contacts, a risk entry and two assessments, and shows them", async () => {
    for (const [d, outcome] of [
      [-8, "attended"],
      [-1, "did_not_attend"],
    ] as const) {
      const res = await clients.mentorA.post(`/casework/cases/${ids.case}/contacts`, {
        ...dateFields("contactOn", addDays(today, d)),
        minutes: "45",
        place: "school",
        outcome,
        ...(outcome === "attended" ? { note: NOTE } : { missedReason: "refused" }),
      });
      expect(res.status).toBe(302);
    }
    const risk = await clients.mentorA.post(`/casework/cases/${ids.case}/risk`, {
      ...dateFields("recordedOn", today),
      level: "high",
      source: "worker",
      reason: RISK_REASON,
      maceInvolved: "yes",
      missingEpisodes: "2",
      policeContacts: "1",
      nrmStatus: "referred",
    });
    expect(risk.status).toBe(302);
    const { assessmentItems } = await import("~/casework/programmes.server");
    const items = await assessmentItems(await db(), ids.pathwaysOut);
    for (const [d, score, stage] of [
      [-8, "2", "start"],
      [0, "4", "review"],
    ] as const) {
      const form: Record<string, string> = {
        stage,
        voice: "young_person",
        ...dateFields("takenOn", addDays(today, d)),
      };
      for (const i of items) form[`score_${i.id}`] = score;
      const res = await clients.mentorA.post(`/casework/cases/${ids.case}/assessments`, form);
      expect(res.status).toBe(302);
    }
    const page = textOf(
      await (await clients.mentorA.get(`/casework/cases/${ids.case}/contacts`)).text(),
    );
    expect(page).toContain(NOTE);
    expect(page).toContain("Follow up");
    const assessments = await (
      await clients.mentorA.get(`/casework/cases/${ids.case}/assessments`)
    ).text();
    expect(assessments).toContain("<svg");
    expect(textOf(assessments)).toContain("Safety and risk: 2 first, 4 latest");
  });

  it("refuses an assessment missing a score, naming it", async () => {
    const res = await clients.mentorA.post(`/casework/cases/${ids.case}/assessments`, {
      stage: "review",
      voice: "worker",
      ...dateFields("takenOn", today),
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Choose a score for safety and risk");
  });
});

// Every page of a case, and the case's export, as every kind of person who may not see it.
const CASE_PAGES = [
  "",
  "/consent",
  "/contacts",
  "/assessments",
  "/risk",
  "/onward",
  "/close",
  "/export.json",
];
const OUTSIDERS = [
  "mentorB",
  "unclearedLead",
  "dslA",
  "coordinatorA",
  "dslB",
  "trainer",
  "orgManager",
  "learner",
  "author",
];

describe("object-level access to a case", () => {
  it("is 404 on every page, post and export for another mentor, an uncleared lead, the referring school and every other role", async () => {
    for (const who of OUTSIDERS) {
      for (const page of CASE_PAGES) {
        const get = await clients[who]!.get(`/casework/cases/${ids.case}${page}`);
        expect(get.status, `${who} GET ${page}`).toBe(404);
        const body = await get.text();
        expect(body, `${who} GET ${page} leaks the name`).not.toContain("Casey");
        if (page !== "/export.json") {
          const post = await clients[who]!.post(`/casework/cases/${ids.case}${page}`, {
            ...dateFields("contactOn", today),
            minutes: "5",
            place: "phone",
            outcome: "attended",
          });
          expect(post.status, `${who} POST ${page}`).toBe(404);
        }
      }
      expect(
        (await clients[who]!.get(`/casework/referrals/${ids.referral}`)).status,
        `${who} triage page`,
      ).toBe(404);
    }
    expect(
      await (
        await db()
      )
        .selectFrom("casework_contacts")
        .select("id")
        .where("case_id", "=", ids.case)
        .execute(),
    ).toHaveLength(2);
  });

  it("sends anonymous visitors to sign in, never to the case", async () => {
    for (const page of CASE_PAGES) {
      const res = await clients.anonymous!.get(`/casework/cases/${ids.case}${page}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/sign-in/);
    }
  });

  it("is 404 for a case id that does not exist, even to a manager", async () => {
    expect(
      (await clients.manager.get("/casework/cases/00000000-0000-0000-0000-000000000000")).status,
    ).toBe(404);
  });

  it("shows the case to its caseworker and a cleared manager, and audits every view and export", async () => {
    const d = await db();
    const before = await d
      .selectFrom("audit_log")
      .select("id")
      .where("subject_id", "=", ids.case)
      .execute();
    for (const who of ["mentorA", "manager"]) {
      for (const page of CASE_PAGES) {
        const res = await clients[who]!.get(`/casework/cases/${ids.case}${page}`);
        expect(res.status, `${who} GET ${page}`).toBe(200);
        expect(await res.text()).toContain("Casey Moorland");
      }
    }
    const after = await d
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("subject_id", "=", ids.case)
      .where("id", "not in", before.length ? before.map((b) => b.id) : [""])
      .execute();
    for (const who of ["mentorA", "manager"]) {
      expect(
        after.filter((a) => a.actor_user_id === ids[who] && a.action === "casework.case_viewed"),
      ).toHaveLength(CASE_PAGES.length);
      expect(
        after.filter((a) => a.actor_user_id === ids[who] && a.action === "casework.case_exported"),
      ).toHaveLength(1);
    }
  });

  it("lists the case in its caseworker's caseload and not in another's", async () => {
    expect(textOf(await (await clients.mentorA.get("/casework")).text())).toContain(
      "Casey Moorland",
    );
    expect(textOf(await (await clients.mentorB.get("/casework")).text())).not.toContain(
      "Casey Moorland",
    );
    expect((await clients.unclearedLead.get("/casework")).status).toBe(403);
    expect((await clients.dslA.get("/casework")).status).toBe(403);
  });

  it("lets a manager re-allocate, keeping the history, after which the first mentor gets 404", async () => {
    const res = await clients.manager.post(`/casework/cases/${ids.case}`, {
      intent: "reallocate",
      caseworkerId: ids.mentorB,
    });
    expect(res.status).toBe(302);
    expect((await clients.mentorA.get(`/casework/cases/${ids.case}`)).status).toBe(404);
    const page = textOf(await (await clients.mentorB.get(`/casework/cases/${ids.case}`)).text());
    expect(page).toContain("mentorA");
    expect(page).toContain("mentorB");
    await clients.manager.post(`/casework/cases/${ids.case}`, {
      intent: "reallocate",
      caseworkerId: ids.mentorA,
    });
  });
});

describe("sealed at rest", () => {
  it("keeps notes, reasons and risk out of the database file", async () => {
    const { getSqlite } = await import("~/db/db.server");
    getSqlite().pragma("wal_checkpoint(TRUNCATE)");
    const bytes = fs.readFileSync(server.dbPath).toString("latin1");
    expect(bytes).toContain("Casey Moorland"); // the file is readable: the check below means something
    for (const secret of [NOTE, REASON, RISK_REASON]) expect(bytes).not.toContain(secret);
  });
});

describe("withdrawal of consent", () => {
  it("closes the case at once and starts its retention clock", async () => {
    const d = await db();
    const consent = await d
      .selectFrom("casework_consents")
      .select("id")
      .where("case_id", "=", ids.case)
      .where("purpose", "=", "support")
      .executeTakeFirstOrThrow();
    const res = await clients.mentorA.post(`/casework/cases/${ids.case}/consent`, {
      intent: "withdraw",
      consentId: consent.id,
    });
    expect(res.status).toBe(302);
    const row = await d
      .selectFrom("casework_cases")
      .selectAll()
      .where("id", "=", ids.case)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("closed");
    expect(row.closure_reason).toBe("consent_withdrawn");
    expect(row.retain_until! > today).toBe(true);
    const contact = await clients.mentorA.post(`/casework/cases/${ids.case}/contacts`, {
      ...dateFields("contactOn", today),
      minutes: "30",
      place: "phone",
      outcome: "attended",
    });
    expect(contact.status).toBe(409);
    expect(textOf(await (await clients.dslA.get("/casework/referrals")).text())).toMatch(
      /Casey Moorland.*Closed/,
    );
  });
});

describe("a trainer's safeguarding referral to SOS+ 1-2-1", () => {
  it("appears in the triage queue, linked to its session, with initials and year group only", async () => {
    const res = await clients.trainer.post(`/sessions/${ids.session}/safeguarding`, {
      kind: "referral",
      category: "criminal_exploitation",
      destination: "sos_121",
      initials: "TW",
      yearGroup: "9",
      consent: "given",
      notes: "Asked to carry a package by an older boy.",
    });
    expect(res.status).toBe(302);
    const d = await db();
    const row = await d
      .selectFrom("casework_referrals")
      .selectAll()
      .where("session_id", "=", ids.session)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: "safeguarding_log",
      programme_id: ids.sos121,
      initials: "TW",
      year_group: "9",
      young_person_name: null,
      status: "pending",
      school_id: ids.schoolA,
    });
    const queue = textOf(await (await clients.manager.get("/casework/referrals")).text());
    expect(queue).toContain("TW, Year 9");
    expect(queue).toContain("Trainer's safeguarding record");
    const page = await (await clients.manager.get(`/casework/referrals/${row.id}`)).text();
    expect(page).toContain(`/sessions/${ids.session}/safeguarding`);
    expect(textOf(page)).toContain("Year 9 assembly");
  });

  it("opens nothing for a concern, or a referral elsewhere", async () => {
    await clients.trainer.post(`/sessions/${ids.session}/safeguarding`, {
      kind: "referral",
      category: "going_missing",
      destination: "mash",
      initials: "AB",
      yearGroup: "8",
      consent: "not_given",
    });
    const d = await db();
    expect(
      await d.selectFrom("casework_referrals").select("id").where("initials", "=", "AB").execute(),
    ).toHaveLength(0);
  });
});

describe("assessment characteristics and settings, edited by managers", () => {
  it("adds a characteristic the next assessment must score, retires it again, and refuses everyone but cleared managers", async () => {
    const page = await clients.manager.get(`/casework/programmes/${ids.pathwaysOut}`);
    expect(page.status).toBe(200);
    const added = await clients.manager.post(`/casework/programmes/${ids.pathwaysOut}`, {
      intent: "add",
      label: "Use of free time",
      hint: "5: something positive most days",
    });
    expect(added.status).toBe(302);
    const { assessmentItems } = await import("~/casework/programmes.server");
    const items = await assessmentItems(await db(), ids.pathwaysOut);
    const item = items.find((i) => i.label === "Use of free time")!;
    expect(item).toBeTruthy();
    expect(
      await (await clients.manager.get(`/casework/cases/${ids.case}/assessments`)).text(),
    ).toContain("Use of free time");
    const settings = await clients.manager.post(`/casework/programmes/${ids.pathwaysOut}`, {
      intent: "settings",
      assessmentIntervalWeeks: "8",
      quietWeeks: "5",
      missedContactDays: "21",
      retainUntilAge: "25",
      targetYoungPeople: "40",
    });
    expect(settings.status).toBe(302);
    const row = await (
      await db()
    )
      .selectFrom("casework_programmes")
      .selectAll()
      .where("id", "=", ids.pathwaysOut)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      assessment_interval_weeks: 8,
      quiet_weeks: 5,
      missed_contact_days: 21,
      parent_consent_under_age: null,
      target_young_people: 40,
    });
    for (const who of ["mentorA", "unclearedLead", "dslA", "trainer"]) {
      expect((await clients[who]!.get(`/casework/programmes/${ids.pathwaysOut}`)).status, who).toBe(
        404,
      );
      expect(
        (
          await clients[who]!.post(`/casework/programmes/${ids.pathwaysOut}`, {
            intent: "retire",
            itemId: item.id,
          })
        ).status,
        who,
      ).toBe(404);
    }
    expect(
      (
        await clients.manager.post(`/casework/programmes/${ids.pathwaysOut}`, {
          intent: "retire",
          itemId: item.id,
        })
      ).status,
    ).toBe(302);
    expect((await assessmentItems(await db(), ids.pathwaysOut)).map((i) => i.label)).not.toContain(
      "Use of free time",
    );
  });
});
