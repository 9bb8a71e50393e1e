import { PASSWORD } from "./password";
import { londonDay, termsAroundToday } from "./time";

// Data for the scheduling tests, made with the same functions the demo seed and the app use.
// Every date is relative to today (decision 063): compliance runs well past the tests' sessions,
// the programme spans them, and the term covers every weekday around today.
// Re-exported so scheduling tests import their world and its password from one place.
export { PASSWORD };

export async function buildDeliveryWorld() {
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { createProgramme } = await import("~/sessions/programmes.server");
  const { createOffering } = await import("~/sessions/offerings.server");
  const { updateCompliance } = await import("~/sessions/scheduling.server");
  const db = getDb();
  const norwich = (
    await db
      .selectFrom("districts")
      .select("id")
      .where("code", "=", "E07000148")
      .executeTakeFirstOrThrow()
  ).id;
  const yarmouth = (
    await db
      .selectFrom("districts")
      .select("id")
      .where("code", "=", "E07000145")
      .executeTakeFirstOrThrow()
  ).id;
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  const schoolA = await insertOrganisation(db, {
    kind: "setting",
    name: "Wensum Valley Academy",
    urn: "880101",
    phase: "Secondary",
    districtId: norwich,
    postcode: "NR2 4AA",
  });
  const schoolB = await insertOrganisation(db, {
    kind: "setting",
    name: "Harbour Reach Academy",
    urn: "880105",
    phase: "Secondary",
    districtId: yarmouth,
    postcode: "NR30 3EE",
  });
  const users = {
    lead: await insertUser(db, {
      email: "lead@example.org",
      name: "Priya Shah",
      password: PASSWORD,
      memberships: [{ organisationId: partner, role: "programme_lead", safeguardingCleared: true }],
    }),
    dan: await insertUser(db, {
      email: "dan@example.org",
      name: "Dan Okafor",
      password: PASSWORD,
      memberships: [{ organisationId: partner, role: "trainer", safeguardingCleared: true }],
    }),
    megan: await insertUser(db, {
      email: "megan@example.org",
      name: "Megan Hollis",
      password: PASSWORD,
      memberships: [{ organisationId: partner, role: "trainer" }],
    }),
    rob: await insertUser(db, {
      email: "rob@example.org",
      name: "Rob Whitlock",
      password: PASSWORD,
      memberships: [{ organisationId: partner, role: "trainer" }],
    }),
    coordA: await insertUser(db, {
      email: "coord.a@example.org",
      name: "Helen Carter",
      password: PASSWORD,
      memberships: [{ organisationId: schoolA, role: "school_coordinator" }],
    }),
    coordB: await insertUser(db, {
      email: "coord.b@example.org",
      name: "Gary Mills",
      password: PASSWORD,
      memberships: [{ organisationId: schoolB, role: "school_coordinator" }],
    }),
  };
  const current = {
    dbsCheckedOn: londonDay(-700),
    dbsExpiresOn: londonDay(900),
    safeguardingTrainedOn: londonDay(-700),
    safeguardingExpiresOn: londonDay(900),
  };
  // Set up by the test, as a script would: audited with no person as the actor.
  const bySetup = { actorUserId: null, ip: null };
  await updateCompliance(db, users.dan, current, bySetup);
  await updateCompliance(db, users.megan, current, bySetup);
  // Rob's safeguarding training has lapsed.
  await updateCompliance(
    db,
    users.rob,
    {
      ...current,
      safeguardingTrainedOn: londonDay(-1100),
      safeguardingExpiresOn: londonDay(-60),
    },
    bySetup,
  );
  await termsAroundToday(db);
  const programme = await createProgramme(db, {
    name: "SOS+ Norfolk",
    description: null,
    deliveryPartnerId: partner,
    startsOn: londonDay(-450),
    endsOn: londonDay(650),
    targets: [
      { audience: "pupils", sessions: 120, people: 8600 },
      { audience: "teachers", sessions: 40, people: 2100 },
    ],
  });
  const base = {
    programmeId: programme,
    description: null,
    questionnaireId: null,
    seriesIntervalDays: 7,
    openToPublic: false,
  };
  const offerings = {
    workshop: await createOffering(db, {
      ...base,
      title: "Classroom workshop (Years 7–12)",
      audience: "pupils",
      format: "classroom_workshop",
      durationMinutes: 50,
      capacity: 35,
      seriesLength: 1,
    }),
    groupWork: await createOffering(db, {
      ...base,
      title: "Extended group work (6 weeks)",
      audience: "pupils",
      format: "group_work",
      durationMinutes: 60,
      capacity: 10,
      seriesLength: 6,
    }),
    twilight: await createOffering(db, {
      ...base,
      title: "Twilight CPD for school staff",
      audience: "teachers",
      format: "twilight_cpd",
      durationMinutes: 90,
      capacity: 60,
      seriesLength: 1,
    }),
  };
  return { db, partner, schoolA, schoolB, users, programme, offerings };
}
