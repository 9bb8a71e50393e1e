import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assessmentSchema,
  CaseIntentSchema,
  CloseSchema,
  ConsentIntentSchema,
  ContactSchema,
  OnwardIntentSchema,
  ProgrammeIntentSchema,
  ReferralSchema,
  RiskSchema,
  TriageSchema,
  YoungPersonEraseSchema,
  YoungPersonExportSchema,
} from "~/casework/schemas";
import { assertSurvivesHostileInput, dateFieldSpecs, type HostileReport } from "../support/hostile";
import { Client, startTestServer, type TestServer } from "../support/server";
import { addDays, londonDay } from "../support/time";

// Every casework form under ≥200 hostile bodies each (tests/support/hostile.ts): a body the form's
// schema refuses gets a 4xx and changes nothing; no body gets a 5xx. Demo data; a case of its own
// for each form that changes a case's state (consent, closure).
let server: TestServer;
const RUNS = 200;
const TIMEOUT = 240_000;
const reports: Record<string, HostileReport> = {};
const clients: Record<string, Client> = {};
const f: Record<string, string> = {};
const today = londonDay(0);

const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad });
const days = mostly(
  fc.constantFrom(today, addDays(today, -3), addDays(today, -40)),
  fc.constantFrom(addDays(today, 5), "2027-02-30", today.split("-").reverse().join("/")),
);
const dobs = mostly(
  fc.constantFrom(addDays(today, -(15 * 365)), addDays(today, -(17 * 365 + 100))),
  fc.constantFrom(addDays(today, 1), "2011-13-01"),
);
const words = fc.constantFrom(
  "Seen with older boys",
  "<b>bold</b>",
  "O'Neil",
  "Talked about college",
);
const yesNo = mostly(fc.constantFrom("yes", "no"), fc.constant("maybe"));

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

beforeAll(async () => {
  server = await startTestServer();
  const d = await db();
  const { seedDemo } = await import("~/seed/seed.server");
  const { DEMO_PASSWORD } = await import("~/seed/foundation.server");
  const ctx = await seedDemo(d);
  for (const [k, email] of Object.entries({
    lead: "lead@example.org",
    school: "school@example.org",
    mentor: "mentor@example.org",
  })) {
    clients[k] = new Client(server.url);
    await clients[k].signIn(email, DEMO_PASSWORD);
  }
  const u = ctx.foundation.users;
  const { createReferral, decideReferral } = await import("~/casework/referrals.server");
  const { recordConsent } = await import("~/casework/cases.server");
  f.programme = (
    await d
      .selectFrom("casework_programmes")
      .select("id")
      .where("name", "=", "Pathways Out")
      .executeTakeFirstOrThrow()
  ).id;
  f.school = ctx.foundation.organisations["Wensum Valley Academy"]!;
  f.mentor = u.mentor!;
  f.mentor2 = u.mentor2!;
  const manager = { kind: "manager" as const, userId: u.lead! };
  const worker = { kind: "worker" as const, userId: u.mentor! };
  const newCase = async (name: string, open: boolean) => {
    const r = await createReferral(
      d,
      manager,
      {
        programmeId: f.programme!,
        source: "mace",
        schoolId: f.school!,
        name,
        dateOfBirth: addDays(today, -(15 * 365)),
        yearGroup: "10",
        reason: "Fixture.",
        riskIndicators: [],
        maceKnown: true,
        parentAware: true,
      },
      null,
    );
    const decided = (await decideReferral(
      d,
      manager,
      r,
      { decision: "accept", reason: null, caseworkerId: u.mentor! },
      null,
    )) as { caseId: string };
    if (open)
      await recordConsent(
        d,
        worker,
        decided.caseId,
        {
          purpose: "support",
          givenBy: "young_person",
          givenOn: today,
          how: "in_person",
          present: null,
        },
        null,
      );
    return decided.caseId;
  };
  f.work = await newCase("Hostile Work", true);
  f.consent = await newCase("Hostile Consent", false);
  f.close = await newCase("Hostile Close", true);
  f.pending = (
    await d
      .selectFrom("casework_referrals")
      .select("id")
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow()
  ).id;
  f.consentRecord = (
    await d
      .selectFrom("casework_consents")
      .select("id")
      .where("case_id", "=", f.close)
      .executeTakeFirstOrThrow()
  ).id;
}, 180_000);

afterAll(async () => {
  await server?.close();
  console.log(JSON.stringify(reports, null, 1));
});

describe("hostile input on the casework forms", () => {
  it("/casework/referrals/new (a school's safeguarding lead)", { timeout: TIMEOUT }, async () => {
    reports.referral = await assertSurvivesHostileInput({
      client: () => clients.school!,
      path: "/casework/referrals/new",
      schema: ReferralSchema,
      fields: [
        { name: "programmeId", valid: mostly(fc.constant(f.programme!), fc.constant("nope")) },
        { name: "schoolId", valid: mostly(fc.constant(f.school!), fc.constant(f.programme!)) },
        { name: "name", valid: fc.constantFrom("Alex Hostile", "Zoë O'Neil-Smith") },
        ...dateFieldSpecs("dateOfBirth", dobs),
        { name: "yearGroup", valid: mostly(fc.constantFrom("9", "10"), fc.constant("15")) },
        { name: "reason", valid: words },
        {
          name: "riskIndicators",
          valid: mostly(fc.constantFrom("missing", "drugs"), fc.constant("astrology")),
        },
        { name: "maceKnown", valid: yesNo },
        { name: "parentAware", valid: yesNo },
        { name: "confirmWarnings", valid: mostly(fc.constant("yes"), fc.constant("no")) },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
      // Ten fields must all be present and plausible for a referral to be accepted, so more than
      // half the bodies are plausible ones: at 0.3 a run of 200 could end with none accepted.
      plausibleShare: 0.6,
    });
    expect(reports.referral.accepted).toBeGreaterThan(0);
  });

  it("/casework/referrals/:id (triage)", { timeout: TIMEOUT }, async () => {
    reports.triage = await assertSurvivesHostileInput({
      client: () => clients.lead!,
      path: `/casework/referrals/${f.pending}`,
      schema: TriageSchema,
      fields: [
        {
          name: "decision",
          valid: mostly(fc.constantFrom("decline", "signpost"), fc.constant("ignore")),
        },
        { name: "caseworkerId", valid: mostly(fc.constant(f.mentor!), fc.constant("x")) },
        { name: "reason", valid: words },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
    });
  });

  it("/casework/cases/:id (details, plan, re-allocation)", { timeout: TIMEOUT }, async () => {
    reports.case = await assertSurvivesHostileInput({
      client: () => clients.lead!,
      path: `/casework/cases/${f.work}`,
      schema: CaseIntentSchema,
      fields: [
        {
          name: "intent",
          valid: mostly(fc.constantFrom("details", "plan", "reallocate"), fc.constant("delete")),
        },
        { name: "name", valid: fc.constantFrom("Hostile Work") },
        ...dateFieldSpecs("dateOfBirth", dobs),
        { name: "plan", valid: words },
        {
          name: "caseworkerId",
          valid: mostly(fc.constantFrom(f.mentor!, f.mentor2!), fc.constant("nobody")),
        },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
      plausibleShare: 0.3,
    });
  });

  it("/casework/cases/:id/consent", { timeout: TIMEOUT }, async () => {
    reports.consent = await assertSurvivesHostileInput({
      client: () => clients.mentor!,
      path: `/casework/cases/${f.consent}/consent`,
      schema: ConsentIntentSchema,
      fields: [
        {
          name: "intent",
          valid: mostly(fc.constantFrom("record", "withdraw"), fc.constant("forge")),
        },
        {
          name: "purpose",
          valid: mostly(fc.constantFrom("support", "evaluation"), fc.constant("anything")),
        },
        {
          name: "givenBy",
          valid: mostly(fc.constantFrom("young_person", "parent_carer"), fc.constant("neighbour")),
        },
        ...dateFieldSpecs("givenOn", days),
        {
          name: "how",
          valid: mostly(fc.constantFrom("in_person", "phone"), fc.constant("telepathy")),
        },
        { name: "present", valid: words },
        { name: "consentId", valid: mostly(fc.constant(f.consentRecord!), fc.constant("x")) },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
      plausibleShare: 0.3,
    });
  });

  for (const [label, path, schema, fields] of [
    [
      "contacts",
      "contacts",
      ContactSchema,
      [
        ...dateFieldSpecs("contactOn", days),
        {
          name: "minutes",
          valid: mostly(fc.constantFrom("30", "45"), fc.constantFrom("-5", "9999", "1.5")),
        },
        { name: "place", valid: mostly(fc.constantFrom("school", "phone"), fc.constant("moon")) },
        {
          name: "outcome",
          valid: mostly(fc.constantFrom("attended", "did_not_attend"), fc.constant("maybe")),
        },
        {
          name: "missedReason",
          valid: mostly(fc.constantFrom("refused", "missing"), fc.constant("bored")),
        },
        { name: "note", valid: words },
      ],
    ],
    [
      "risk",
      "risk",
      RiskSchema,
      [
        ...dateFieldSpecs("recordedOn", days),
        { name: "level", valid: mostly(fc.constantFrom("low", "high"), fc.constant("extreme")) },
        { name: "source", valid: mostly(fc.constantFrom("worker", "mace"), fc.constant("rumour")) },
        { name: "reason", valid: words },
        { name: "maceInvolved", valid: yesNo },
        { name: "missingEpisodes", valid: mostly(fc.constantFrom("0", "3"), fc.constant("-1")) },
        { name: "policeContacts", valid: mostly(fc.constantFrom("0", "2"), fc.constant("1e9")) },
        {
          name: "nrmStatus",
          valid: mostly(fc.constantFrom("not_referred", "referred"), fc.constant("unknown")),
        },
      ],
    ],
    [
      "onward referrals",
      "onward",
      OnwardIntentSchema,
      [
        { name: "intent", valid: mostly(fc.constantFrom("add", "outcome"), fc.constant("remove")) },
        {
          name: "service",
          valid: mostly(fc.constantFrom("camhs", "training"), fc.constant("magic")),
        },
        ...dateFieldSpecs("madeOn", days),
        {
          name: "outcome",
          valid: mostly(fc.constantFrom("pending", "accepted"), fc.constant("great")),
        },
        { name: "onwardId", valid: fc.constant("x") },
      ],
    ],
  ] as const) {
    it(`/casework/cases/:id/${path} (${label})`, { timeout: TIMEOUT }, async () => {
      reports[path] = await assertSurvivesHostileInput({
        client: () => clients.mentor!,
        path: `/casework/cases/${f.work}/${path}`,
        schema,
        fields: [...fields],
        numRuns: RUNS,
        volatileTables: ["sessions"],
        plausibleShare: 0.3,
      });
    });
  }

  it("/casework/cases/:id/assessments", { timeout: TIMEOUT }, async () => {
    const { assessmentItems } = await import("~/casework/programmes.server");
    const items = await assessmentItems(await db(), f.programme!);
    reports.assessments = await assertSurvivesHostileInput({
      client: () => clients.mentor!,
      path: `/casework/cases/${f.work}/assessments`,
      schema: assessmentSchema(items),
      fields: [
        { name: "stage", valid: mostly(fc.constantFrom("start", "review"), fc.constant("middle")) },
        {
          name: "voice",
          valid: mostly(fc.constantFrom("young_person", "worker"), fc.constant("parent")),
        },
        ...dateFieldSpecs("takenOn", days),
        ...items.map((i) => ({
          name: `score_${i.id}`,
          valid: mostly(fc.constantFrom("1", "3", "5"), fc.constantFrom("0", "6")),
        })),
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
      plausibleShare: 0.4,
    });
  });

  it("/casework/cases/:id/close", { timeout: TIMEOUT }, async () => {
    reports.close = await assertSurvivesHostileInput({
      client: () => clients.mentor!,
      path: `/casework/cases/${f.close}/close`,
      schema: CloseSchema,
      fields: [
        {
          name: "reason",
          valid: mostly(fc.constantFrom("goals_achieved", "disengaged"), fc.constant("bored")),
        },
        {
          name: "ending",
          valid: mostly(fc.constantFrom("planned", "unplanned"), fc.constant("sudden")),
        },
        { name: "eet", valid: yesNo },
        { name: "risk", valid: mostly(fc.constantFrom("lower", "same"), fc.constant("none")) },
        { name: "exited", valid: yesNo },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
      plausibleShare: 0.3,
    });
  });

  it("/casework/programmes/:id (settings and characteristics)", { timeout: TIMEOUT }, async () => {
    const sos = (
      await (
        await db()
      )
        .selectFrom("casework_programmes")
        .select("id")
        .where("name", "=", "SOS+ 1-2-1")
        .executeTakeFirstOrThrow()
    ).id;
    const n = mostly(fc.constantFrom("4", "6", "25"), fc.constantFrom("0", "-1", "999", "2.5"));
    reports.programme = await assertSurvivesHostileInput({
      client: () => clients.lead!,
      path: `/casework/programmes/${sos}`,
      schema: ProgrammeIntentSchema,
      fields: [
        {
          name: "intent",
          valid: mostly(fc.constantFrom("settings", "add"), fc.constant("delete")),
        },
        { name: "assessmentIntervalWeeks", valid: n },
        { name: "quietWeeks", valid: n },
        { name: "missedContactDays", valid: n },
        { name: "parentConsentUnderAge", valid: n },
        { name: "retainUntilAge", valid: mostly(fc.constantFrom("25", "21"), fc.constant("5")) },
        { name: "targetYoungPeople", valid: n },
        { name: "label", valid: words },
        { name: "hint", valid: words },
        { name: "itemId", valid: fc.constant("x") },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
      plausibleShare: 0.3,
    });
  });

  it("/casework/subject-access and its export", { timeout: TIMEOUT }, async () => {
    const fields = [
      { name: "name", valid: fc.constantFrom("Nobody Known", "Hostile Close") },
      ...dateFieldSpecs("dateOfBirth", dobs),
      { name: "confirm", valid: mostly(fc.constant("yes"), fc.constant("no")) },
    ];
    reports.erase = await assertSurvivesHostileInput({
      client: () => clients.lead!,
      path: "/casework/subject-access",
      schema: YoungPersonEraseSchema,
      fields,
      numRuns: RUNS,
      volatileTables: ["sessions"],
      plausibleShare: 0.2,
    });
    reports.export = await assertSurvivesHostileInput({
      client: () => clients.lead!,
      path: "/casework/subject-access/export",
      schema: YoungPersonExportSchema,
      fields: fields.slice(0, 2),
      numRuns: RUNS,
      volatileTables: ["sessions"],
      plausibleShare: 0.3,
    });
  });
});
