import { hashPassword } from "~/auth/password.server";
import type { DB } from "~/db/db.server";
import type { SeedContext } from "~/seed/context";
import { DEMO_PASSWORD, insertOrganisation, insertUser } from "~/seed/foundation.server";
import { nowIso } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import type { CaseworkViewer } from "./access.server";
import {
  addAssessment,
  addContact,
  addOnward,
  addRisk,
  closeCase,
  recordConsent,
} from "./cases.server";
import { assessmentItems, insertCaseworkProgramme } from "./programmes.server";
import { createReferral, decideReferral } from "./referrals.server";
import { addDays } from "~/utils/dates";

// Demo casework: Pathways Out (the Mancroft Advice Project's mentors, 40 young people in greater
// Norwich) and SOS+ 1-2-1 (St Giles Trust, Norfolk-wide, fed by trainers' safeguarding records).
// Every name is made up. Programmes are made before the delivery demo records its safeguarding
// referrals (so those open SOS+ 1-2-1 referrals); the cases after.

const GREATER_NORWICH = ["E07000148", "E07000144", "E07000149"];

export async function seedCaseworkProgrammes(db: DB, ctx: SeedContext) {
  const { organisations, users } = ctx.foundation;
  organisations["Mancroft Advice Project"] = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "Mancroft Advice Project",
    charityNumber: "1105470",
    districtId: "E07000148",
  });
  const pathwaysOut = await insertCaseworkProgramme(db, {
    name: "Pathways Out",
    providerOrganisationId: organisations["Mancroft Advice Project"],
    area: "greater Norwich",
    districtIds: GREATER_NORWICH,
    maxAge: 17,
    parentConsentUnderAge: 13,
    assessmentIntervalWeeks: 6,
    quietWeeks: 4,
    missedContactDays: 14,
    retainUntilAge: 25,
    targetYoungPeople: 40,
    targetExitedPercent: 60,
    targetLowerRiskPercent: 70,
    targetEetPercent: 75,
    startsOn: "2019-04-01",
    endsOn: "2020-03-31",
  });
  const sos121 = await insertCaseworkProgramme(db, {
    name: "SOS+ 1-2-1",
    providerOrganisationId: organisations["St Giles Trust"],
    area: "Norfolk",
    districtIds: null,
    maxAge: 18,
    parentConsentUnderAge: 16,
    takesSafeguardingReferrals: true,
    targetYoungPeople: 60,
    targetExitedPercent: 50,
    targetLowerRiskPercent: 60,
    targetEetPercent: 70,
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  users.mentor = await insertUser(db, {
    email: "mentor@example.org",
    name: "Jo Whitlock",
    passwordHash,
    memberships: [
      {
        organisationId: organisations["Mancroft Advice Project"]!,
        role: "caseworker",
        safeguardingCleared: true,
      },
    ],
  });
  users.mentor2 = await insertUser(db, {
    email: "mentor2@example.org",
    name: "Kwame Asante",
    passwordHash,
    memberships: [
      {
        organisationId: organisations["Mancroft Advice Project"]!,
        role: "caseworker",
        safeguardingCleared: true,
      },
    ],
  });
  users.caseworker = await insertUser(db, {
    email: "caseworker@example.org",
    name: "Lucy Brennan",
    passwordHash,
    memberships: [
      {
        organisationId: organisations["St Giles Trust"]!,
        role: "caseworker",
        safeguardingCleared: true,
      },
    ],
  });
  const today = londonToday();
  for (const id of [users.mentor, users.mentor2, users.caseworker]) {
    await db
      .insertInto("trainer_compliance")
      .values({
        user_id: id!,
        dbs_checked_on: addDays(today, -300),
        dbs_expires_on: addDays(today, 795),
        safeguarding_trained_on: addDays(today, -200),
        safeguarding_expires_on: addDays(today, 530),
        updated_at: nowIso(),
      })
      .execute();
  }
  // The demo school's coordinator is its designated safeguarding lead, so may refer.
  await db
    .updateTable("memberships")
    .set({ safeguarding_cleared: 1 })
    .where("user_id", "=", users.school!)
    .where("role", "=", "school_coordinator")
    .execute();
  return { pathwaysOut, sos121 };
}

const FIRST = [
  "Alfie",
  "Ruby",
  "Callum",
  "Maisie",
  "Tyler",
  "Amber",
  "Kai",
  "Leah",
  "Jayden",
  "Chloe",
  "Reece",
  "Holly",
  "Mason",
  "Lacey",
  "Brandon",
  "Ellie",
  "Connor",
  "Jade",
  "Kieran",
  "Paige",
];
const LAST = [
  "Ashworth",
  "Bexley",
  "Carrow",
  "Dunston",
  "Eaton",
  "Felthorpe",
  "Gresham",
  "Hethel",
  "Ingham",
  "Jolley",
  "Kettle",
  "Lakenham",
  "Mulbarton",
  "Newby",
  "Oulton",
  "Pockthorpe",
  "Quinton",
  "Reepham",
  "Sprowston",
  "Thorpe",
];

export async function seedCasework(
  db: DB,
  ctx: SeedContext,
  programmes: { pathwaysOut: string; sos121: string },
) {
  const { organisations, users } = ctx.foundation;
  const manager: CaseworkViewer = { kind: "manager", userId: users.lead! };
  const today = londonToday();
  let seed = 13;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const schools = [
    "Wensum Valley Academy",
    "Riverside Community High School",
    "Norwich Fenland College",
    "Colman Road Primary School",
  ].map((n) => organisations[n]!);
  const school: CaseworkViewer = {
    kind: "school",
    userId: users.school!,
    schoolIds: [organisations["Wensum Valley Academy"]!],
  };
  const items = await assessmentItems(db, programmes.pathwaysOut);
  const mentors = [users.mentor!, users.mentor2!];

  // 40 Pathways Out young people: 4 waiting for triage, 3 declined or signposted, 3 awaiting
  // consent, 18 open, 12 closed. Dates are set back afterwards so the caseload has history.
  for (let i = 0; i < 40; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const age = 13 + (i % 5);
    const dob = addDays(today, -(age * 365 + 30 + i * 3));
    const fromSchool = i % 3 !== 0;
    const schoolId = schools[i % schools.length]!;
    const referralId = await createReferral(
      db,
      fromSchool && schoolId === school.schoolIds[0] ? school : manager,
      {
        programmeId: programmes.pathwaysOut,
        source: fromSchool && schoolId === school.schoolIds[0] ? "school" : "mace",
        schoolId,
        name,
        dateOfBirth: dob,
        yearGroup: String(Math.min(13, age - 4)),
        reason:
          "Seen with older young people outside school; attendance falling; new phone and trainers.",
        riskIndicators: [
          "older_associates",
          "unexplained_money",
          ...(i % 4 === 0 ? ["missing"] : []),
        ],
        maceKnown: i % 2 === 0,
        parentAware: true,
      },
      null,
    );
    const weeksAgo = 4 + (i % 20);
    const referredAt = new Date(Date.now() - weeksAgo * 7 * 86_400_000).toISOString();
    await db
      .updateTable("casework_referrals")
      .set({ created_at: referredAt })
      .where("id", "=", referralId)
      .execute();
    if (i < 4) continue;
    if (i < 7) {
      await decideReferral(
        db,
        manager,
        referralId,
        {
          decision: i === 4 ? "signpost" : "decline",
          reason:
            i === 4
              ? "Signposted to the youth offending team's prevention service."
              : "Lives outside greater Norwich.",
          caseworkerId: null,
        },
        null,
      );
      continue;
    }
    const decided = await decideReferral(
      db,
      manager,
      referralId,
      { decision: "accept", reason: null, caseworkerId: mentors[i % 2]! },
      null,
    );
    if (!decided.ok || !decided.caseId) continue;
    const caseId = decided.caseId;
    const decidedAt = new Date(Date.parse(referredAt) + (2 + (i % 5)) * 86_400_000).toISOString();
    await db
      .updateTable("casework_referrals")
      .set({ decided_at: decidedAt })
      .where("id", "=", referralId)
      .execute();
    await db
      .updateTable("casework_cases")
      .set({ created_at: decidedAt })
      .where("id", "=", caseId)
      .execute();
    if (i < 10) continue;
    const worker: CaseworkViewer = { kind: "worker", userId: mentors[i % 2]! };
    const start = addDays(decidedAt.slice(0, 10), 3);
    await recordConsent(
      db,
      worker,
      caseId,
      {
        purpose: "support",
        givenBy: "young_person",
        givenOn: start,
        how: "in_person",
        present: "School safeguarding lead",
      },
      null,
    );
    if (age < 13)
      await recordConsent(
        db,
        worker,
        caseId,
        {
          purpose: "support",
          givenBy: "parent_carer",
          givenOn: start,
          how: "phone",
          present: null,
        },
        null,
      );
    await db
      .updateTable("casework_cases")
      .set({ opened_at: `${start}T10:00:00.000Z` })
      .where("id", "=", caseId)
      .execute();
    const span = Math.max(7, weeksAgo * 7 - 10);
    const contacts = 3 + Math.floor(rand() * 6);
    for (let k = 0; k < contacts; k++) {
      const on = addDays(start, Math.round(((k + 1) * span) / (contacts + 1)));
      if (on > today) break;
      const attended = rand() > 0.2;
      await addContact(
        db,
        worker,
        caseId,
        {
          contactOn: on,
          minutes: attended ? 45 + Math.floor(rand() * 4) * 15 : 0,
          place: rand() < 0.7 ? "school" : "community",
          outcome: attended ? "attended" : "did_not_attend",
          missedReason: attended ? null : "refused",
          note: attended ? "Talked about college courses and who he spends time with." : null,
        },
        null,
      );
    }
    await addRisk(
      db,
      worker,
      caseId,
      {
        recordedOn: start,
        level: i % 3 === 0 ? "high" : "medium",
        source: "worker",
        reason: "Associating with a county lines group; going missing at weekends.",
        maceInvolved: i % 2 === 0,
        missingEpisodes: i % 4,
        policeContacts: i % 3,
        nrmStatus: i % 5 === 0 ? "referred" : "not_referred",
      },
      null,
    );
    // Three rounds of assessments: start, review, and review or closure, each a little better.
    const base = items.map(() => 1 + Math.floor(rand() * 2));
    for (let round = 0; round < 3; round++) {
      const on = addDays(start, Math.min(round * 42 + 5, span));
      if (on > today) break;
      const scores = Object.fromEntries(
        items.map((it, j) => [it.id, Math.min(5, base[j]! + round + (rand() < 0.3 ? -1 : 0))]),
      );
      const closing = i >= 28 && round === 2;
      await addAssessment(
        db,
        worker,
        caseId,
        {
          stage: round === 0 ? "start" : closing ? "closure" : "review",
          voice: "young_person",
          takenOn: on,
          scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Math.max(1, v)])),
        },
        null,
      );
    }
    if (i % 4 === 1)
      await addOnward(
        db,
        worker,
        caseId,
        {
          service: i % 8 === 1 ? "training" : "youth_services",
          madeOn: addDays(start, 20),
          outcome: "accepted",
        },
        null,
      );
    if (i >= 28) {
      const good = rand() < 0.7;
      await closeCase(
        db,
        worker,
        caseId,
        {
          reason: good ? "goals_achieved" : "disengaged",
          ending: good ? "planned" : "unplanned",
          eet: good || rand() < 0.3,
          risk: good ? "lower" : "same",
          exited: good,
        },
        null,
      );
    }
  }

  // SOS+ 1-2-1: accept the trainers' safeguarding referrals from demo sessions, one with consent.
  const fromSessions = await db
    .selectFrom("casework_referrals")
    .select("id")
    .where("source", "=", "safeguarding_log")
    .where("status", "=", "pending")
    .orderBy("created_at")
    .execute();
  for (const [n, r] of fromSessions.slice(0, 2).entries()) {
    const decided = await decideReferral(
      db,
      manager,
      r.id,
      { decision: "accept", reason: null, caseworkerId: users.caseworker! },
      null,
    );
    if (n === 0 && decided.ok && decided.caseId) {
      await db
        .updateTable("casework_referrals")
        .set({ young_person_name: "Jordan Tate", date_of_birth: addDays(today, -(14 * 365 + 100)) })
        .where("id", "=", r.id)
        .execute();
      await recordConsent(
        db,
        { kind: "worker", userId: users.caseworker! },
        decided.caseId,
        {
          purpose: "support",
          givenBy: "young_person",
          givenOn: today,
          how: "in_person",
          present: "Head of year",
        },
        null,
      );
      await recordConsent(
        db,
        { kind: "worker", userId: users.caseworker! },
        decided.caseId,
        {
          purpose: "support",
          givenBy: "parent_carer",
          givenOn: today,
          how: "phone",
          present: null,
        },
        null,
      );
    }
  }
}
