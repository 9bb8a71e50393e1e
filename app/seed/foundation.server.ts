import { createInvitation } from "~/auth/accounts.server";
import { hashPassword } from "~/auth/password.server";
import type { DB } from "~/db/db.server";
import type { OrganisationKind, Role } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { publicUrl } from "~/utils/url.server";

// Demo organisations and people. Every name here is made up. Districts come from the migration.
export const DEMO_PASSWORD = "lantern-demo-2026";

const D = {
  breckland: "E07000143",
  broadland: "E07000144",
  yarmouth: "E07000145",
  lynn: "E07000146",
  north: "E07000147",
  norwich: "E07000148",
  south: "E07000149",
};

// [name, URN, phase, type, district, postcode]
export const DEMO_SETTINGS: [string, string, string, string, string, string][] = [
  ["Wensum Valley Academy", "880101", "Secondary", "Academy converter", D.norwich, "NR2 4AA"],
  [
    "Riverside Community High School",
    "880102",
    "Secondary",
    "Community school",
    D.norwich,
    "NR3 1BB",
  ],
  ["Colman Road Primary School", "880103", "Primary", "Community school", D.norwich, "NR4 7CC"],
  ["Norwich Fenland College", "880104", "16 plus", "Further education", D.norwich, "NR2 2DD"],
  ["Harbour Reach Academy", "880105", "Secondary", "Academy sponsor led", D.yarmouth, "NR30 3EE"],
  ["Gorleston Beacon Primary", "880106", "Primary", "Academy converter", D.yarmouth, "NR31 6FF"],
  [
    "Yare Short Stay School",
    "880107",
    "Not applicable",
    "Pupil referral unit",
    D.yarmouth,
    "NR30 1GG",
  ],
  [
    "Thetford Heathland Academy",
    "880108",
    "Secondary",
    "Academy sponsor led",
    D.breckland,
    "IP24 2HH",
  ],
  [
    "Dereham Oak Primary School",
    "880109",
    "Primary",
    "Voluntary controlled school",
    D.breckland,
    "NR19 1JJ",
  ],
  [
    "Swaffham Brecks High School",
    "880110",
    "Secondary",
    "Academy converter",
    D.breckland,
    "PE37 7KK",
  ],
  [
    "Watton Meadows Junior School",
    "880111",
    "Primary",
    "Community school",
    D.breckland,
    "IP25 6LL",
  ],
  ["Ouse Bank Academy", "880112", "Secondary", "Academy converter", D.lynn, "PE30 4MM"],
  ["Fenside Primary School", "880113", "Primary", "Community school", D.lynn, "PE34 3NN"],
  ["Hunstanton Cliffs High School", "880114", "Secondary", "Foundation school", D.lynn, "PE36 5PP"],
  [
    "West Norfolk Alternative Provision",
    "880115",
    "Not applicable",
    "Academy alternative provision",
    D.lynn,
    "PE30 2QQ",
  ],
  ["Cromer Pier Academy", "880116", "Secondary", "Academy converter", D.north, "NR27 9RR"],
  ["North Walsham Heath Primary", "880117", "Primary", "Community school", D.north, "NR28 0SS"],
  [
    "Fakenham Wensum High School",
    "880118",
    "Secondary",
    "Academy sponsor led",
    D.north,
    "NR21 8TT",
  ],
  [
    "Sprowston Woodland High School",
    "880119",
    "Secondary",
    "Academy converter",
    D.broadland,
    "NR7 8UU",
  ],
  [
    "Aylsham Bure Valley Primary",
    "880120",
    "Primary",
    "Voluntary aided school",
    D.broadland,
    "NR11 6VV",
  ],
  ["Acle Marshes Academy", "880121", "Secondary", "Academy converter", D.broadland, "NR13 3WW"],
  ["Wymondham Abbey High School", "880122", "Secondary", "Academy converter", D.south, "NR18 0XX"],
  ["Diss Waveney Primary School", "880123", "Primary", "Community school", D.south, "IP22 4YY"],
  [
    "Long Stratton Tas Valley Academy",
    "880124",
    "Secondary",
    "Academy sponsor led",
    D.south,
    "NR15 2ZZ",
  ],
  [
    "Loddon Chet Special School",
    "880125",
    "Not applicable",
    "Community special school",
    D.south,
    "NR14 6AB",
  ],
];

// [name, charity number, company number, district]
export const DEMO_VCSE: [string, string | null, string | null, string][] = [
  ["Norwich Youth Harbour", "1190001", null, D.norwich],
  ["Yarmouth Boxing and Mentoring Club", "1190002", null, D.yarmouth],
  ["Breckland Family Hubs Trust", "1190003", "12000003", D.breckland],
  ["Lynn Street Pastors", "1190004", null, D.lynn],
  ["Coastal Youth Sailing Project", "1190005", null, D.north],
  ["Broadland Young Carers", "1190006", "12000006", D.broadland],
  ["South Norfolk Scouts Network", null, null, D.south],
  ["Norfolk Community Kitchen CIC", null, "12000008", D.norwich],
  ["Thetford Football for All", "1190009", null, D.breckland],
  ["Cromer Arts and Music Collective", "1190010", null, D.north],
];

export interface FoundationSeed {
  organisations: Record<string, string>;
  users: Record<string, string>;
}

export async function insertOrganisation(
  db: DB,
  o: {
    kind: OrganisationKind;
    name: string;
    urn?: string | null;
    phase?: string | null;
    establishmentType?: string | null;
    districtId?: string | null;
    postcode?: string | null;
    charityNumber?: string | null;
    companyNumber?: string | null;
  },
) {
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("organisations")
    .values({
      id,
      kind: o.kind,
      name: o.name,
      urn: o.urn ?? null,
      phase: o.phase ?? null,
      establishment_type: o.establishmentType ?? null,
      district_id: o.districtId ?? null,
      postcode: o.postcode ?? null,
      charity_number: o.charityNumber ?? null,
      company_number: o.companyNumber ?? null,
      archived_at: null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  return id;
}

export async function insertUser(
  db: DB,
  u: {
    email: string;
    name: string;
    password?: string;
    passwordHash?: string;
    memberships: { organisationId: string; role: Role; safeguardingCleared?: boolean }[];
  },
) {
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("users")
    .values({
      id,
      email: u.email.toLowerCase(),
      name: u.name,
      password_hash: u.passwordHash ?? (u.password ? await hashPassword(u.password) : null),
      totp_key: null,
      totp_enabled_at: null,
      disabled_at: null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  for (const m of u.memberships) {
    await db
      .insertInto("memberships")
      .values({
        id: newId(),
        user_id: id,
        organisation_id: m.organisationId,
        role: m.role,
        safeguarding_cleared: m.safeguardingCleared ? 1 : 0,
        created_at: t,
      })
      .execute();
  }
  return id;
}

export async function seedFoundation(db: DB): Promise<FoundationSeed> {
  const organisations: Record<string, string> = {};
  organisations["St Giles Trust"] = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "St Giles Trust",
    charityNumber: "801355",
  });
  organisations["Momentum"] = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "Momentum",
  });
  organisations["OPCCN"] = await insertOrganisation(db, {
    kind: "commissioner",
    name: "Office of the Police and Crime Commissioner for Norfolk",
  });
  for (const [name, urn, phase, type, district, postcode] of DEMO_SETTINGS) {
    organisations[name] = await insertOrganisation(db, {
      kind: "setting",
      name,
      urn,
      phase,
      establishmentType: type,
      districtId: district,
      postcode,
    });
  }
  for (const [name, charity, company, district] of DEMO_VCSE) {
    organisations[name] = await insertOrganisation(db, {
      kind: "vcse",
      name,
      charityNumber: charity,
      companyNumber: company,
      districtId: district,
    });
  }

  // One hash for every demo account: argon2id is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: Record<string, string> = {};
  users.lead = await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    passwordHash,
    memberships: [
      {
        organisationId: organisations["St Giles Trust"],
        role: "programme_lead",
        safeguardingCleared: true,
      },
    ],
  });
  users.trainer = await insertUser(db, {
    email: "trainer@example.org",
    name: "Dan Okafor",
    passwordHash,
    memberships: [
      {
        organisationId: organisations["St Giles Trust"],
        role: "trainer",
        safeguardingCleared: true,
      },
    ],
  });
  users.trainer2 = await insertUser(db, {
    email: "trainer2@example.org",
    name: "Megan Hollis",
    passwordHash,
    memberships: [{ organisationId: organisations["St Giles Trust"], role: "trainer" }],
  });
  users.school = await insertUser(db, {
    email: "school@example.org",
    name: "Helen Carter",
    passwordHash,
    memberships: [
      { organisationId: organisations["Wensum Valley Academy"], role: "school_coordinator" },
    ],
  });
  users.manager = await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    passwordHash,
    memberships: [
      { organisationId: organisations["Norwich Youth Harbour"], role: "organisation_manager" },
    ],
  });
  users.learner = await insertUser(db, {
    email: "learner@example.org",
    name: "Aisha Begum",
    passwordHash,
    memberships: [{ organisationId: organisations["Norwich Youth Harbour"], role: "learner" }],
  });
  users.author = await insertUser(db, {
    email: "author@example.org",
    name: "Sam Lowe",
    passwordHash,
    memberships: [{ organisationId: organisations["Momentum"], role: "content_author" }],
  });
  // One invitation waiting, so the demo's invitations list and outbox show how they look.
  await createInvitation(db, {
    email: "volunteer@example.org",
    organisationId: organisations["Norwich Youth Harbour"],
    role: "learner",
    invitedBy: users.manager,
    baseUrl: publicUrl(),
  });
  return { organisations, users };
}
