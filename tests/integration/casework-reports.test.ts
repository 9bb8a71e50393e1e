import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { addDays, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Casework reports: a fixture of referrals, cases, contacts, assessments and closures made through
// the capability's own functions, whose figures this test works out again in plain code from the
// fixture's description and compares with the report (exact) and its CSV and the quarterly return
// (suppressed). Only this file's programmes are asserted on.
let server: TestServer;
const today = londonDay(0);
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};

interface Spec {
  source: "school" | "mace";
  decision: "pending" | "decline" | "signpost" | "accept";
  referredDaysAgo: number;
  decidedAfter: number;
  consent: boolean;
  contacts: { daysAgo: number; attended: boolean }[];
  assessments: number[][]; // one list of scores per round, oldest first
  close: { exited: boolean; risk: "lower" | "same" | "higher"; eet: boolean } | null;
}

const ITEMS = ["Safety and risk", "Engagement in education", "Aspirations"];

function mainSpecs(): Spec[] {
  return Array.from({ length: 23 }, (_, i) => {
    const decision = i < 3 ? "pending" : i < 5 ? "decline" : i < 6 ? "signpost" : "accept";
    const referredDaysAgo = 60 + i;
    const decidedAfter = 1 + (i % 4);
    const opened = decision === "accept" && i !== 6;
    const firstContact = referredDaysAgo - decidedAfter - 3 - (i % 3);
    const first = ITEMS.map((_, j) => 1 + ((i + j) % 3));
    return {
      source: i % 2 ? "school" : "mace",
      decision,
      referredDaysAgo,
      decidedAfter,
      consent: opened,
      contacts: opened
        ? [
            { daysAgo: firstContact + 1, attended: false },
            { daysAgo: firstContact, attended: true },
            ...(i % 2 ? [{ daysAgo: 10, attended: true }] : []),
          ]
        : [],
      assessments: opened
        ? i % 3 === 0
          ? [first]
          : [first, first.map((s) => Math.min(5, s + (i % 2 ? 2 : 1)))]
        : [],
      close:
        opened && i >= 12
          ? { exited: i % 2 === 0, risk: i % 3 === 2 ? "same" : "lower", eet: i !== 17 }
          : null,
    } satisfies Spec;
  });
}

function smallSpecs(): Spec[] {
  return [0, 1, 2].map((i) => ({
    source: "school",
    decision: i === 0 ? "decline" : "accept",
    referredDaysAgo: 40,
    decidedAfter: 2,
    consent: i > 0,
    contacts: i > 0 ? [{ daysAgo: 30, attended: true }] : [],
    assessments: [],
    close: i > 0 ? { exited: true, risk: "lower", eet: true } : null,
  }));
}

async function build(programmeId: string, specs: Spec[]) {
  const { getDb } = await import("~/db/db.server");
  const db = getDb();
  const { createReferral, decideReferral } = await import("~/casework/referrals.server");
  const { recordConsent, addContact, addAssessment, closeCase } =
    await import("~/casework/cases.server");
  const { assessmentItems } = await import("~/casework/programmes.server");
  const items = await assessmentItems(db, programmeId);
  const manager = { kind: "manager" as const, userId: ids.manager! };
  const school = { kind: "school" as const, userId: ids.dsl!, schoolIds: [ids.school!] };
  const worker = { kind: "worker" as const, userId: ids.mentor! };
  for (const [i, s] of specs.entries()) {
    const referralId = await createReferral(
      db,
      s.source === "school" ? school : manager,
      {
        programmeId,
        source: s.source,
        schoolId: ids.school!,
        name: `Young Person ${programmeId.slice(0, 4)} ${i}`,
        dateOfBirth: addDays(today, -(15 * 365 + 20)),
        yearGroup: "10",
        reason: "Fixture.",
        riskIndicators: [],
        maceKnown: false,
        parentAware: true,
      },
      null,
    );
    const referredOn = addDays(today, -s.referredDaysAgo);
    await db
      .updateTable("casework_referrals")
      .set({ created_at: `${referredOn}T12:00:00.000Z` })
      .where("id", "=", referralId)
      .execute();
    if (s.decision === "pending") continue;
    const decided = await decideReferral(
      db,
      manager,
      referralId,
      {
        decision: s.decision,
        reason: s.decision === "accept" ? null : "Fixture.",
        caseworkerId: s.decision === "accept" ? ids.mentor! : null,
      },
      null,
    );
    expect(decided.ok).toBe(true);
    await db
      .updateTable("casework_referrals")
      .set({ decided_at: `${addDays(referredOn, s.decidedAfter)}T12:00:00.000Z` })
      .where("id", "=", referralId)
      .execute();
    if (!decided.ok || !decided.caseId) continue;
    const caseId = decided.caseId;
    if (!s.consent) continue;
    const openedOn = addDays(referredOn, s.decidedAfter + 1);
    await recordConsent(
      db,
      worker,
      caseId,
      {
        purpose: "support",
        givenBy: "young_person",
        givenOn: openedOn,
        how: "in_person",
        present: null,
      },
      null,
    );
    await db
      .updateTable("casework_cases")
      .set({ opened_at: `${openedOn}T12:00:00.000Z` })
      .where("id", "=", caseId)
      .execute();
    for (const k of s.contacts) {
      const r = await addContact(
        db,
        worker,
        caseId,
        {
          contactOn: addDays(today, -k.daysAgo),
          minutes: 30,
          place: "school",
          outcome: k.attended ? "attended" : "did_not_attend",
          missedReason: k.attended ? null : "refused",
          note: null,
        },
        null,
      );
      expect(r.ok).toBe(true);
    }
    for (const [round, scores] of s.assessments.entries()) {
      const r = await addAssessment(
        db,
        worker,
        caseId,
        {
          stage: round === 0 ? "start" : "review",
          voice: "young_person",
          takenOn: addDays(openedOn, 2 + round * 20),
          scores: Object.fromEntries(items.map((it, j) => [it.id, scores[j]!])),
        },
        null,
      );
      expect(r.ok).toBe(true);
    }
    if (s.close) {
      const r = await closeCase(
        db,
        worker,
        caseId,
        {
          reason: s.close.exited ? "goals_achieved" : "disengaged",
          ending: "planned",
          eet: s.close.eet,
          risk: s.close.risk,
          exited: s.close.exited,
        },
        null,
      );
      expect(r.ok).toBe(true);
    }
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const db = getDb();
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { insertCaseworkProgramme } = await import("~/casework/programmes.server");
  const sgt = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  ids.school = await insertOrganisation(db, {
    kind: "setting",
    name: "Wensum Valley Academy",
    districtId: "E07000148",
  });
  ids.manager = await insertUser(db, {
    email: "lead@example.org",
    name: "Lead",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead", safeguardingCleared: true }],
  });
  ids.uncleared = await insertUser(db, {
    email: "funder@example.org",
    name: "Funder",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "programme_lead" }],
  });
  ids.dsl = await insertUser(db, {
    email: "dsl@example.org",
    name: "DSL",
    password: PASSWORD,
    memberships: [
      { organisationId: ids.school, role: "school_coordinator", safeguardingCleared: true },
    ],
  });
  ids.mentor = await insertUser(db, {
    email: "mentor@example.org",
    name: "Mentor",
    password: PASSWORD,
    memberships: [{ organisationId: sgt, role: "caseworker", safeguardingCleared: true }],
  });
  await db
    .insertInto("trainer_compliance")
    .values({
      user_id: ids.mentor,
      dbs_checked_on: addDays(today, -10),
      dbs_expires_on: addDays(today, 500),
      safeguarding_trained_on: addDays(today, -10),
      safeguarding_expires_on: addDays(today, 500),
      updated_at: new Date().toISOString(),
    })
    .execute();
  ids.main = await insertCaseworkProgramme(db, {
    name: "Pathways Out",
    area: "greater Norwich",
    targetYoungPeople: 40,
    targetExitedPercent: 60,
    targetLowerRiskPercent: 70,
    targetEetPercent: 75,
    characteristics: ITEMS.map((label) => ({ label })),
  });
  ids.small = await insertCaseworkProgramme(db, {
    name: "SOS+ 1-2-1",
    area: "Norfolk",
    characteristics: ITEMS.map((label) => ({ label })),
  });
  await build(ids.main, mainSpecs());
  await build(ids.small, smallSpecs());
  for (const [k, email] of [
    ["lead", "lead@example.org"],
    ["funder", "funder@example.org"],
    ["dsl", "dsl@example.org"],
    ["mentor", "mentor@example.org"],
  ]) {
    clients[k!] = new Client(server.url);
    await clients[k!]!.signIn(email!, PASSWORD);
  }
}, 180_000);

afterAll(async () => {
  await server?.close();
});

/** The figures, worked out again from the fixture's description. */
function expected(specs: Spec[]) {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length === 0 ? null : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const statusOf = {
    pending: "pending",
    decline: "declined",
    signpost: "signposted",
    accept: "accepted",
  } as const;
  const referrals: Record<string, number> = {};
  for (const s of specs)
    referrals[`${s.source}|${statusOf[s.decision]}`] =
      (referrals[`${s.source}|${statusOf[s.decision]}`] ?? 0) + 1;
  const opened = specs.filter((s) => s.consent);
  const closed = opened.filter((s) => s.close);
  const paired = ITEMS.map((label, j) => {
    const pairs = opened
      .filter((s) => s.assessments.length >= 2)
      .map((s) => [s.assessments[0]![j]!, s.assessments.at(-1)![j]!] as const);
    const n = pairs.length;
    const f = pairs.reduce((a, p) => a + p[0], 0) / n;
    const l = pairs.reduce((a, p) => a + p[1], 0) / n;
    return {
      label,
      n,
      firstMean: Math.round(f * 100) / 100,
      latestMean: Math.round(l * 100) / 100,
      change: Math.round((l - f) * 100) / 100,
    };
  });
  return {
    referrals,
    supported: opened.length,
    caseloadAtEnd: opened.length - closed.length,
    decisionDays: median(specs.filter((s) => s.decision !== "pending").map((s) => s.decidedAfter)),
    decided: specs.filter((s) => s.decision !== "pending").length,
    firstContactDays: median(
      opened.map((s) => s.referredDaysAgo - s.contacts.find((k) => k.attended)!.daysAgo),
    ),
    contactsPerCase:
      Math.round(
        (opened.reduce((a, s) => a + s.contacts.filter((k) => k.attended).length, 0) /
          opened.length) *
          100,
      ) / 100,
    closed: closed.length,
    exited: closed.filter((s) => s.close!.exited).length,
    lower: closed.filter((s) => s.close!.risk === "lower").length,
    eet: closed.filter((s) => s.close!.eet).length,
    paired,
  };
}

function csvRows(text: string) {
  return text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
}

describe("casework figures", () => {
  it("match the fixture worked out again in plain code", async () => {
    const { getDb } = await import("~/db/db.server");
    const { caseworkFigures } = await import("~/casework/reports.server");
    const e = expected(mainSpecs());
    const fig = await caseworkFigures(getDb(), {
      programmeId: ids.main!,
      period: { value: "all", label: "All", from: addDays(today, -400), to: today },
      districtId: null,
    });
    const got: Record<string, number> = {};
    for (const r of fig.referrals) got[`${r.source}|${r.status}`] = r.count;
    expect(got).toEqual(e.referrals);
    const p = fig.programmes.find((x) => x.id === ids.main)!;
    expect(p.supported).toBe(e.supported);
    expect(p.caseloadAtEnd).toBe(e.caseloadAtEnd);
    expect(p.decisions.length).toBe(e.decided);
    const { median } = await import("~/casework/rules");
    expect(median(p.decisions)).toBe(e.decisionDays);
    expect(median(p.firstContacts)).toBe(e.firstContactDays);
    expect(Math.round((p.attendedContacts / p.supported) * 100) / 100).toBe(e.contactsPerCase);
    expect({ closed: p.closed, exited: p.exited, lower: p.lowerRisk, eet: p.eet }).toEqual({
      closed: e.closed,
      exited: e.exited,
      lower: e.lower,
      eet: e.eet,
    });
    expect(fig.assessments).toEqual(e.paired);
  });

  it("shows them on the report page, with the shares against the targets", async () => {
    const e = expected(mainSpecs());
    const res = await clients.lead!.get(`/reports/casework?programme=${ids.main}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const fig = (key: string) => new RegExp(`data-figure="${key}">([^<]*)<`).exec(html)?.[1];
    expect(fig(`casework-caseload:${ids.main}:supported`)).toBe(String(e.supported));
    expect(fig(`casework-outcomes:${ids.main}:closed`)).toBe(String(e.closed));
    expect(fig(`casework-outcomes:${ids.main}:exited_percent`)).toBe(
      `${Math.round((100 * e.exited) / e.closed)}%`,
    );
    expect(fig(`casework-outcomes:${ids.main}:exited_target_percent`)).toBe("60%");
    expect(fig(`casework-referrals:total:total`)).toBe(String(mainSpecs().length));
    expect(textOf(html)).not.toContain("Young Person");
  });

  it("suppresses small numbers in the tables and the CSVs, and withholds shares worked out from them", async () => {
    const page = await (await clients.lead!.get(`/reports/casework?programme=${ids.small}`)).text();
    const fig = (key: string) => new RegExp(`data-figure="${key}">([^<]*)<`).exec(page)?.[1];
    expect(fig(`casework-caseload:${ids.small}:supported`)).toBe("fewer than 5");
    expect(fig(`casework-outcomes:${ids.small}:closed`)).toBe("fewer than 5");
    expect(fig(`casework-outcomes:${ids.small}:exited_percent`)).toBe("withheld");
    const csv = await clients.lead!.get(
      `/reports/casework/csv/casework-outcomes?programme=${ids.small}`,
    );
    expect(csv.status).toBe(200);
    const rows = csvRows(await csv.text());
    expect(rows[1]).toContain("fewer than 5");
    expect(rows[1]).toContain("withheld");
    expect(rows[1]).not.toContain("2");
    const referrals = csvRows(
      await (
        await clients.lead!.get(`/reports/casework/csv/casework-referrals?programme=${ids.small}`)
      ).text(),
    );
    // One declined and two accepted, from schools: every non-zero count hidden.
    expect(referrals.flat().filter((c) => /^[1-4]$/.test(c))).toEqual([]);
  });

  it("appear in the quarterly return's CSV", async () => {
    const { getDb } = await import("~/db/db.server");
    const { insertProgramme } = await import("~/seed/factories/sessions.server");
    await insertProgramme(getDb(), {
      name: "SOS+",
      startsOn: addDays(today, -500),
      endsOn: addDays(today, 500),
    });
    const res = await clients.lead!.get("/reports/return/csv");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("outcomes: 1-2-1 support");
    expect(text).toContain("outcomes at closure against targets: Pathways Out: share exited");
    const page = textOf(await (await clients.lead!.get("/reports/return")).text());
    expect(page).toContain("1-2-1 referrals by source and outcome");
  });

  it("are for leads only: an uncleared lead (a funder's view) sees them; schools and mentors do not", async () => {
    expect((await clients.funder!.get("/reports/casework")).status).toBe(200);
    expect((await clients.dsl!.get("/reports/casework")).status).toBe(403);
    expect((await clients.mentor!.get("/reports/casework")).status).toBe(403);
    expect((await clients.mentor!.get("/reports/casework/csv/casework-referrals")).status).toBe(
      403,
    );
    expect((await clients.lead!.get("/reports/casework/csv/nonsense")).status).toBe(404);
  });
});
