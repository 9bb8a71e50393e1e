import type { DB, Tx } from "~/db/db.server";
import type { Audience, Format } from "~/db/schema";
import type { FoundationSeed } from "~/seed/foundation.server";
import { insertUser } from "~/seed/foundation.server";
import { now, nowIso } from "~/utils/clock.server";
import { addDays, londonToday, londonToUtc } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { DEFAULT_RETENTION_MONTHS } from "~/privacy/retention-limits";
import { RETENTION_BOOKER_NAME } from "~/privacy/retention.server";

// Demo data for scheduling and delivery: the SOS+ and Momentum programmes with their targets,
// questionnaires, offerings across the formats, classes at the demo schools, trainers with their
// checks, and a programme part-way through — about 60 sessions delivered across all seven
// districts with attendance, about 30 scheduled, and some requests waiting. Dates are laid out
// around today on real term days; everything else comes from a seeded random generator, so the
// demo is the same on any given day. One transaction, multi-row inserts.

export interface SessionsSeed {
  programmes: { sosPlus: string; momentum: string };
  offerings: Record<OfferingKey, string>;
  questionnaires: Record<"pupil" | "staff" | "parent" | "vcse", string>;
  trainers: Record<string, string>;
  deliveredSessionIds: string[];
  scheduledSessionIds: string[];
  /** Delivered sessions with registrations (teachers, parents, VCSE), for certificates. */
  deliveredRegistrationSessionIds: string[];
}

type OfferingKey =
  | "assembly"
  | "workshop_secondary"
  | "workshop_primary"
  | "group_work"
  | "girls_group"
  | "staff_twilight"
  | "parents_session"
  | "parents_webinar"
  | "vcse_training"
  | "vcse_online";

/** mulberry32: a small seeded generator, so the demo is the same every time. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Amelia",
  "Ben",
  "Chloe",
  "Daniel",
  "Ella",
  "Farah",
  "George",
  "Hannah",
  "Isaac",
  "Jade",
  "Kieran",
  "Laura",
  "Mohammed",
  "Nadia",
  "Oliver",
  "Poppy",
  "Rhys",
  "Sophie",
  "Tom",
  "Zara",
  "Grace",
  "Harvey",
  "Imogen",
  "Lewis",
  "Maya",
  "Nathan",
  "Ruby",
  "Sam",
  "Tariq",
  "Yasmin",
];
const LAST = [
  "Adams",
  "Baker",
  "Clarke",
  "Dawson",
  "Evans",
  "Fletcher",
  "Gray",
  "Hughes",
  "Iqbal",
  "Jones",
  "Kowalski",
  "Lee",
  "Murphy",
  "Nowak",
  "Osei",
  "Patel",
  "Quinn",
  "Reid",
  "Smith",
  "Turner",
  "Underwood",
  "Vaughan",
  "Walsh",
  "Young",
  "Brooks",
  "Carter",
  "Ellis",
  "Harris",
  "Moore",
  "Webb",
];

const QUESTIONNAIRES: {
  key: "pupil" | "staff" | "parent" | "vcse";
  name: string;
  style: "standard" | "pupil";
  items: [kind: "before_after" | "satisfaction" | "free_text", text: string][];
}[] = [
  {
    key: "pupil",
    name: "SOS+ pupil feedback",
    style: "pupil",
    items: [
      ["before_after", "I know what criminal exploitation is"],
      [
        "before_after",
        "I can spot signs that someone is being groomed or used to carry drugs or money",
      ],
      ["before_after", "I know who I can talk to if I am worried about myself or a friend"],
      ["before_after", "I know how to say no and stay safe, online and offline"],
      ["satisfaction", "I liked this session"],
      ["free_text", "What is one thing you will remember from today?"],
    ],
  },
  {
    key: "staff",
    name: "SOS+ staff CPD feedback",
    style: "standard",
    items: [
      ["before_after", "I can recognise the signs of child criminal exploitation"],
      ["before_after", "I understand how county lines operate and how young people are recruited"],
      ["before_after", "I know how to respond to a disclosure and record it"],
      [
        "before_after",
        "I know the local referral routes: the school's safeguarding lead, MASH, MACE and SOS+ 1-2-1 support",
      ],
      ["satisfaction", "Overall, the session was useful for my role"],
      ["free_text", "What will you do differently after today?"],
    ],
  },
  {
    key: "parent",
    name: "SOS+ parent and carer feedback",
    style: "standard",
    items: [
      ["before_after", "I can recognise the signs of criminal exploitation"],
      ["before_after", "I know where to get help"],
      ["before_after", "I feel confident talking to my child about exploitation and staying safe"],
      ["satisfaction", "I would recommend this session to other parents and carers"],
      ["free_text", "Is there anything else you would like help with?"],
    ],
  },
  {
    key: "vcse",
    name: "Momentum VCSE training feedback",
    style: "standard",
    items: [
      ["before_after", "I understand what child criminal exploitation is and how it happens"],
      ["before_after", "I can recognise when a young person we work with may be at risk"],
      ["before_after", "I know how to share a concern with the right agency"],
      ["before_after", "I understand how my organisation fits into joint working across Norfolk"],
      ["satisfaction", "The training was relevant to my organisation's work"],
      ["free_text", "What support would help your organisation next?"],
    ],
  },
];

interface OfferingSpec {
  key: OfferingKey;
  programme: "sosPlus" | "momentum";
  title: string;
  description: string;
  audience: Audience;
  format: Format;
  duration: number;
  capacity: number;
  questionnaire: "pupil" | "staff" | "parent" | "vcse";
  seriesLength?: number;
  open?: boolean;
  /** Which schools' request form offers it; every school when absent. */
  phase?: "primary" | "secondary";
}

const OFFERINGS: OfferingSpec[] = [
  {
    key: "assembly",
    programme: "sosPlus",
    title: "Assembly: county lines and criminal exploitation",
    description:
      "The core SOS+ offer: a trainer with lived experience talks to a year group about exploitation, grooming and where to get help.",
    audience: "pupils",
    format: "assembly",
    duration: 45,
    capacity: 300,
    questionnaire: "pupil",
  },
  {
    key: "workshop_secondary",
    programme: "sosPlus",
    title: "Classroom workshop (Years 7–12)",
    description:
      "A 50-minute interactive lesson for one class: recognising exploitation, peer pressure, debt bondage and online grooming.",
    audience: "pupils",
    format: "classroom_workshop",
    duration: 50,
    capacity: 35,
    questionnaire: "pupil",
    phase: "secondary",
  },
  {
    key: "workshop_primary",
    programme: "sosPlus",
    title: "Primary workshop (Years 5–6)",
    description:
      "An age-appropriate session for Years 5 and 6 on safe and unsafe secrets, trusted adults and online safety.",
    audience: "pupils",
    format: "classroom_workshop",
    duration: 50,
    capacity: 35,
    questionnaire: "pupil",
    phase: "primary",
  },
  {
    key: "group_work",
    programme: "sosPlus",
    title: "Extended group work (6 weeks)",
    description:
      "The same small group of up to 10 young people, an hour a week for six weeks, for pupils the school is worried about.",
    audience: "pupils",
    format: "group_work",
    duration: 60,
    capacity: 10,
    questionnaire: "pupil",
    seriesLength: 6,
  },
  {
    key: "girls_group",
    programme: "sosPlus",
    title: "Girls' group: exploitation and healthy relationships",
    description:
      "A girls-only session on sexual exploitation, coercive control and healthy relationships, for up to 12.",
    audience: "pupils",
    format: "group_work",
    duration: 60,
    capacity: 12,
    questionnaire: "pupil",
    phase: "secondary",
  },
  {
    key: "staff_twilight",
    programme: "sosPlus",
    title: "Twilight CPD for school staff",
    description:
      "After-school training for teachers and support staff: signs of exploitation, responding to disclosures, referral routes.",
    audience: "teachers",
    format: "twilight_cpd",
    duration: 90,
    capacity: 60,
    questionnaire: "staff",
  },
  {
    key: "parents_session",
    programme: "sosPlus",
    title: "Parent and carer session",
    description:
      "An evening session at a school or community venue: what exploitation looks like and what parents can do.",
    audience: "parents",
    format: "community_session",
    duration: 90,
    capacity: 40,
    questionnaire: "parent",
    open: true,
  },
  {
    key: "parents_webinar",
    programme: "sosPlus",
    title: "Parent and carer webinar (60 minutes, online)",
    description: "The parents' session as a 60-minute webinar, with questions in the chat.",
    audience: "parents",
    format: "online",
    duration: 60,
    capacity: 100,
    questionnaire: "parent",
    open: true,
  },
  {
    key: "vcse_training",
    programme: "momentum",
    title: "Understanding child criminal exploitation (VCSE training)",
    description:
      "A half-day course for staff and volunteers of voluntary and community organisations.",
    audience: "vcse_staff",
    format: "community_session",
    duration: 180,
    capacity: 25,
    questionnaire: "vcse",
    open: true,
  },
  {
    key: "vcse_online",
    programme: "momentum",
    title: "Online briefing for VCSE staff and volunteers",
    description: "A 90-minute online briefing: spotting the signs and sharing concerns.",
    audience: "vcse_staff",
    format: "online",
    duration: 90,
    capacity: 50,
    questionnaire: "vcse",
    open: true,
  },
];

function weekday(isoDay: string) {
  const [y, m, d] = isoDay.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

async function insertChunked<T extends keyof import("~/db/schema").Database>(
  tx: Tx,
  table: T,
  rows: Record<string, unknown>[],
  size = 200,
) {
  for (let i = 0; i < rows.length; i += size) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/**
 * The demo needs term dates around whatever day it is seeded on. The migration gives two academic
 * years; past those, each further year repeats the last one's terms 52 weeks later (same weekdays),
 * as a lead would enter them from the county's published dates.
 */
async function extendTermsTo(db: DB, until: string) {
  for (;;) {
    const latest = await db
      .selectFrom("term_dates")
      .select(["academic_year", "ends_on"])
      .orderBy("ends_on", "desc")
      .executeTakeFirst();
    if (!latest || latest.ends_on >= until) return;
    const year = await db
      .selectFrom("term_dates")
      .select(["name", "starts_on", "ends_on"])
      .where("academic_year", "=", latest.academic_year)
      .orderBy("starts_on")
      .execute();
    const first = Number(latest.academic_year.slice(0, 4)) + 1;
    const academicYear = `${first}-${String(first + 1).slice(2)}`;
    await db
      .insertInto("term_dates")
      .values(
        year.map((t) => ({
          id: `${academicYear}-${t.name}`.toLowerCase().replace(/\s+/g, "-"),
          academic_year: academicYear,
          name: t.name,
          starts_on: addDays(t.starts_on, 364),
          ends_on: addDays(t.ends_on, 364),
        })),
      )
      .execute();
  }
}

export async function seedSessions(db: DB, foundation: FoundationSeed): Promise<SessionsSeed> {
  const random = rng(20251);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const t = nowIso();
  const today = londonToday(now());
  const retentionCutoff = (() => {
    const d = new Date(now().getTime());
    d.setUTCMonth(d.getUTCMonth() - DEFAULT_RETENTION_MONTHS);
    return d.getTime();
  })();
  const org = foundation.organisations;

  // Trainers beyond the two demo accounts share the demo password (one argon2 hash, reused).
  const trainerHash =
    (
      await db
        .selectFrom("users")
        .select("password_hash")
        .where("id", "=", foundation.users.trainer)
        .executeTakeFirst()
    )?.password_hash ?? null;
  const trainers: Record<string, string> = {
    dan: foundation.users.trainer,
    megan: foundation.users.trainer2,
  };
  for (const [key, name, email, partner] of [
    ["kemi", "Kemi Adeyemi", "kemi.adeyemi@example.org", "St Giles Trust"],
    ["rob", "Rob Whitlock", "rob.whitlock@example.org", "St Giles Trust"],
    ["sian", "Siân Clarke", "sian.clarke@example.org", "St Giles Trust"],
    ["ollie", "Ollie Grant", "ollie.grant@example.org", "Momentum"],
  ] as const) {
    trainers[key] = await insertUser(db, {
      email,
      name,
      passwordHash: trainerHash ?? undefined,
      memberships: [{ organisationId: org[partner], role: "trainer" }],
    });
  }
  // Compliance: Megan's DBS check runs out within 30 days (leads are warned); Rob's safeguarding
  // training lapsed last month (Lantern refuses to assign him until it is renewed).
  // Days relative to today, so the demo tells the same story whenever it is seeded.
  const span = (from: number, to: number): [string, string] => [
    addDays(today, from),
    addDays(today, to),
  ];
  const compliance: Record<string, { dbs: [string, string]; sg: [string, string] }> = {
    dan: { dbs: span(-1000, 95), sg: span(-552, 178) },
    megan: { dbs: span(-1089, 20), sg: span(-685, 45) },
    kemi: { dbs: span(-671, 424), sg: span(-447, 283) },
    rob: { dbs: span(-867, 228), sg: span(-766, -23) },
    sian: { dbs: span(-579, 517), sg: span(-565, 165) },
    ollie: { dbs: span(-748, 347), sg: span(-643, 87) },
  };
  const validOn = (key: string, date: string) =>
    compliance[key].dbs[1] >= date && compliance[key].sg[1] >= date;

  const settings = await db
    .selectFrom("organisations")
    .select(["id", "name", "phase", "establishment_type", "district_id"])
    .where("kind", "=", "setting")
    .orderBy("urn")
    .execute();
  const vcseOrgs = await db
    .selectFrom("organisations")
    .select(["id", "name", "district_id"])
    .where("kind", "=", "vcse")
    .orderBy("name")
    .execute();
  const districts = await db.selectFrom("districts").select(["id", "name"]).execute();
  await extendTermsTo(db, addDays(today, 250));
  const terms = await db.selectFrom("term_dates").select(["starts_on", "ends_on"]).execute();
  const isTermDay = (d: string) =>
    weekday(d) >= 1 &&
    weekday(d) <= 5 &&
    (terms.length === 0 || terms.some((x) => x.starts_on <= d && d <= x.ends_on));
  const schoolCoordinator = foundation.users.school;

  const result = await db.transaction().execute(async (tx) => {
    // Programmes and targets.
    const sosPlus = newId();
    const momentum = newId();
    await tx
      .insertInto("programmes")
      .values([
        {
          id: sosPlus,
          name: "SOS+ Norfolk",
          delivery_partner_id: org["St Giles Trust"],
          description:
            "St Giles Trust's preventative programme in Norfolk's schools, alternative provision and colleges: sessions for pupils, staff and parents, and 1-2-1 support for young people at high risk. Funded through the Home Office Early Intervention Youth Fund by the Office of the Police and Crime Commissioner for Norfolk.",
          starts_on: "2025-09-01",
          ends_on: "2028-08-31",
          created_at: t,
          updated_at: t,
        },
        {
          id: momentum,
          name: "Third Sector Capacity Building (Momentum)",
          delivery_partner_id: org["Momentum"],
          description:
            "Information and training for voluntary, community and social enterprise organisations on child criminal exploitation, and better joint working.",
          starts_on: "2025-09-01",
          ends_on: "2028-08-31",
          created_at: t,
          updated_at: t,
        },
      ])
      .execute();
    await tx
      .insertInto("programme_targets")
      .values([
        {
          id: newId(),
          programme_id: sosPlus,
          audience: "pupils",
          sessions_target: 120,
          people_target: 8600,
        },
        {
          id: newId(),
          programme_id: sosPlus,
          audience: "teachers",
          sessions_target: 40,
          people_target: 2100,
        },
        {
          id: newId(),
          programme_id: sosPlus,
          audience: "parents",
          sessions_target: 80,
          people_target: 7700,
        },
        // Demo figures: the funding decision gives Momentum no numeric targets; these stand in
        // for what a lead would set (about one course a month over three years, ~15 per course).
        {
          id: newId(),
          programme_id: momentum,
          audience: "vcse_staff",
          sessions_target: 36,
          people_target: 540,
        },
      ])
      .execute();

    // Questionnaires.
    const questionnaires = {} as SessionsSeed["questionnaires"];
    const itemRows: Record<string, unknown>[] = [];
    for (const q of QUESTIONNAIRES) {
      const id = newId();
      questionnaires[q.key] = id;
      await tx
        .insertInto("questionnaires")
        .values({
          id,
          name: q.name,
          style: q.style,
          archived_at: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
      q.items.forEach(([kind, text], i) =>
        itemRows.push({
          id: newId(),
          questionnaire_id: id,
          position: i + 1,
          kind,
          text,
          archived_at: null,
        }),
      );
    }
    await insertChunked(tx, "questionnaire_items", itemRows);

    // Offerings.
    const offerings = {} as SessionsSeed["offerings"];
    const offeringById: Record<string, OfferingSpec> = {};
    await tx
      .insertInto("offerings")
      .values(
        OFFERINGS.map((o) => {
          const id = newId();
          offerings[o.key] = id;
          offeringById[id] = o;
          return {
            id,
            programme_id: o.programme === "sosPlus" ? sosPlus : momentum,
            title: o.title,
            description: o.description,
            audience: o.audience,
            format: o.format,
            duration_minutes: o.duration,
            capacity: o.capacity,
            questionnaire_id: questionnaires[o.questionnaire],
            series_length: o.seriesLength ?? 1,
            series_interval_days: 7,
            open_to_public: o.open ? 1 : 0,
            school_phase: o.phase ?? null,
            archived_at: null,
            created_at: t,
            updated_at: t,
          };
        }),
      )
      .execute();

    // Classes at every demo setting: counted, never named.
    interface SeedClass {
      id: string;
      settingId: string;
      year: string;
      name: string;
      pupils: number;
    }
    const classesBySetting: Record<string, SeedClass[]> = {};
    const classRows: Record<string, unknown>[] = [];
    for (const s of settings) {
      const short = s.name.split(" ")[0][0];
      let specs: [string, string, number][];
      if (s.phase === "Primary")
        specs = [
          ["5", "Year 5 Oak", between(24, 30)],
          ["5", "Year 5 Willow", between(24, 30)],
          ["6", "Year 6 Ash", between(25, 31)],
          ["6", "Year 6 Rowan", between(25, 31)],
        ];
      else if (s.phase === "16 plus")
        specs = [
          ["12", "Public Services L3", between(16, 24)],
          ["12", "Sport L2", between(14, 22)],
          ["13", "Health and Social Care L3", between(15, 22)],
        ];
      else if (s.phase === "Secondary")
        specs = ["7", "8", "9", "10", "11"].flatMap((y) => [
          [y, `${y}${short}1`, between(26, 31)] as [string, string, number],
          [y, `${y}${short}2`, between(26, 31)] as [string, string, number],
        ]);
      else
        specs = [
          ["9", "Key Stage 3 group", between(6, 10)],
          ["10", "Key Stage 4 group A", between(6, 10)],
          ["11", "Key Stage 4 group B", between(5, 9)],
        ];
      classesBySetting[s.id] = specs.map(([year, name, pupils]) => {
        const c = { id: newId(), settingId: s.id, year, name, pupils };
        classRows.push({
          id: c.id,
          setting_id: s.id,
          year_group: year,
          name,
          pupil_count: pupils,
          access_needs:
            random() < 0.15
              ? pick([
                  "Two pupils use a hearing loop.",
                  "Step-free access to the hall is by the side door.",
                  "Several pupils with SEMH needs: a quiet space nearby helps.",
                  "One pupil uses a wheelchair.",
                ])
              : null,
          archived_at: null,
          created_at: t,
          updated_at: t,
        });
        return c;
      });
    }
    await insertChunked(tx, "classes", classRows);

    const requestRows: Record<string, unknown>[] = [];
    const requestClassRows: Record<string, unknown>[] = [];
    const sessionRows: Record<string, unknown>[] = [];
    const trainerRows: Record<string, unknown>[] = [];
    const sessionClassRows: Record<string, unknown>[] = [];
    const registrationRows: Record<string, unknown>[] = [];
    const eventRows: Record<string, unknown>[] = [];
    const delivered: string[] = [];
    const scheduled: string[] = [];
    const deliveredRegistrationSessions: string[] = [];
    const leadId = foundation.users.lead;
    const busy = new Set<string>(); // `${trainer}|${date}` — one session per trainer per day keeps the demo free of clashes

    const at = (date: string, time: string) => londonToUtc(date, time).toISOString();
    const event = (e: {
      sessionId?: string | null;
      requestId?: string | null;
      event: string;
      from: string | null;
      to: string | null;
      actor: string | null;
      at: string;
      reason?: string | null;
    }) =>
      eventRows.push({
        id: newId(),
        session_id: e.sessionId ?? null,
        booking_request_id: e.requestId ?? null,
        event: e.event,
        from_status: e.from,
        to_status: e.to,
        actor_user_id: e.actor,
        reason: e.reason ?? null,
        overridden_warnings: null,
        at: e.at,
      });

    const trainerFor = (date: string, keys: string[]) => {
      const options = keys.filter((k) => validOn(k, date) && !busy.has(`${k}|${date}`));
      if (!options.length) return null;
      const k = pick(options);
      busy.add(`${k}|${date}`);
      return k;
    };

    function addRequest(
      settingId: string,
      offeringKey: OfferingKey,
      classIds: string[],
      createdAt: string,
      status: "requested" | "scheduled" | "cancelled",
      opts: {
        packageId?: string;
        preferred?: string;
        notes?: string | null;
        requestedBy?: string | null;
        cancelReason?: string;
      } = {},
    ) {
      const id = newId();
      const createdDate = createdAt.slice(0, 10);
      requestRows.push({
        id,
        package_id: opts.packageId ?? null,
        setting_id: settingId,
        offering_id: offerings[offeringKey],
        requested_by:
          opts.requestedBy ??
          (settingId === org["Wensum Valley Academy"] ? schoolCoordinator : null),
        preferred_dates: JSON.stringify([
          { date: opts.preferred ?? addDays(createdDate, 21), time: null },
        ]),
        notes: opts.notes ?? null,
        status,
        cancel_reason: opts.cancelReason ?? null,
        created_at: createdAt,
        updated_at: createdAt,
      });
      for (const c of classIds) requestClassRows.push({ booking_request_id: id, class_id: c });
      event({
        requestId: id,
        event: "requested",
        from: null,
        to: "requested",
        actor: (requestRows.at(-1)!.requested_by as string | null) ?? null,
        at: createdAt,
        reason: opts.notes ?? null,
      });
      return id;
    }

    function addSession(p: {
      offeringKey: OfferingKey;
      settingId: string | null;
      districtId: string | null;
      venue: string;
      date: string;
      time: string;
      trainerKeys: string[];
      status: "scheduled" | "delivered" | "cancelled" | "postponed";
      requestId?: string | null;
      classes?: SeedClass[];
      seriesId?: string | null;
      seriesIndex?: number | null;
      isOpen?: boolean;
    }) {
      const requested = p.requestId
        ? (requestRows.find((r) => r.id === p.requestId)?.created_at as string | undefined)
        : undefined;
      const o = OFFERINGS.find((x) => x.key === p.offeringKey)!;
      const id = newId();
      const startsAt = at(p.date, p.time);
      const endsAt = new Date(Date.parse(startsAt) + o.duration * 60_000).toISOString();
      const isDelivered = p.status === "delivered";
      let walkIns = 0;
      if (isDelivered && o.audience !== "pupils") walkIns = between(0, 5);
      // Scheduled a few days after the request came in (or a few weeks ahead for open sessions), never in the future.
      const scheduledMs = requested
        ? Date.parse(requested) + between(1, 4) * 86_400_000 + between(1, 7) * 3_600_000
        : Date.parse(startsAt) - between(14, 30) * 86_400_000;
      const scheduledAt = new Date(
        Math.min(scheduledMs, now().getTime() - 3_600_000, Date.parse(startsAt) - 86_400_000),
      ).toISOString();
      sessionRows.push({
        id,
        programme_id: o.programme === "sosPlus" ? sosPlus : momentum,
        offering_id: offerings[p.offeringKey],
        booking_request_id: p.requestId ?? null,
        setting_id: p.settingId,
        district_id: p.districtId,
        venue: p.venue,
        room:
          o.format === "assembly"
            ? "Main hall"
            : o.format === "online"
              ? null
              : o.audience === "pupils"
                ? pick(["Room 4", "Room 12", "Library", "Drama studio", "Learning support base"])
                : pick(["Main hall", "Staff room", "Community room"]),
        starts_at: startsAt,
        ends_at: endsAt,
        status: p.status,
        is_open: p.isOpen ? 1 : 0,
        capacity: o.capacity,
        series_id: p.seriesId ?? null,
        series_index: p.seriesIndex ?? null,
        walk_ins: walkIns,
        delivered_at: isDelivered ? endsAt : null,
        feedback_token: null,
        feedback_closes_at: null,
        created_at: scheduledAt,
        updated_at: isDelivered ? endsAt : scheduledAt,
      });
      for (const k of p.trainerKeys) trainerRows.push({ session_id: id, trainer_id: trainers[k] });
      for (const c of p.classes ?? []) {
        sessionClassRows.push({
          session_id: id,
          class_id: c.id,
          pupils_attended: isDelivered
            ? Math.max(1, c.pupils - between(0, Math.min(4, Math.floor(c.pupils / 4))))
            : null,
        });
      }
      event({
        sessionId: id,
        requestId: p.requestId ?? null,
        event: "scheduled",
        from: null,
        to: "scheduled",
        actor: leadId,
        at: scheduledAt,
      });
      if (o.audience !== "pupils") {
        const booked =
          p.status === "cancelled"
            ? 0
            : Math.min(
                o.capacity,
                between(Math.floor(o.capacity * 0.3), Math.floor(o.capacity * 0.8)),
              );
        for (let i = 0; i < booked; i++) {
          const first = pick(FIRST);
          const last = pick(LAST);
          const organisation = o.audience === "vcse_staff" ? pick(vcseOrgs) : null;
          // A booking older than the default retention period is seeded as retention leaves it
          // (issue 12, item 13): otherwise a newcomer's first retention run "affects" hundreds.
          const retained = Date.parse(endsAt) > retentionCutoff;
          registrationRows.push({
            id: newId(),
            session_id: id,
            name: retained ? `${first} ${last}` : RETENTION_BOOKER_NAME,
            email: retained ? `${first}.${last}.${i}@example.org`.toLowerCase() : null,
            organisation_name: retained
              ? (organisation?.name ??
                (o.audience === "teachers"
                  ? (settings.find((s) => s.id === p.settingId)?.name ?? null)
                  : null))
              : null,
            organisation_id: organisation?.id ?? (o.audience === "teachers" ? p.settingId : null),
            user_id: null,
            access_needs: retained && random() < 0.05 ? "Step-free access, please." : null,
            status: "confirmed",
            is_walk_in: 0,
            attendance: isDelivered ? (random() < 0.88 ? "attended" : "no_show") : null,
            cancel_token_hash: null,
            reminder_sent_at: null,
            promoted_at: null,
            cancelled_at: null,
            anonymised_at: retained ? null : nowIso(),
            created_at: new Date(
              Date.parse(scheduledAt) + between(1, 9) * 86_400_000,
            ).toISOString(),
            updated_at: scheduledAt,
          });
        }
        if (isDelivered) deliveredRegistrationSessions.push(id);
      }
      if (isDelivered) {
        event({
          sessionId: id,
          event: "attendance_recorded",
          from: "scheduled",
          to: "scheduled",
          actor: trainers[p.trainerKeys[0]],
          at: endsAt,
        });
        event({
          sessionId: id,
          event: "delivered",
          from: "scheduled",
          to: "delivered",
          actor: trainers[p.trainerKeys[0]],
          at: endsAt,
        });
        delivered.push(id);
      } else if (p.status === "scheduled") scheduled.push(id);
      return id;
    }

    // Term days before and after today.
    const pastDays: string[] = [];
    for (let d = "2025-09-08"; d < today; d = addDays(d, 1)) if (isTermDay(d)) pastDays.push(d);
    const futureDays: string[] = [];
    for (
      let d = addDays(today, 1);
      futureDays.length < 50 && d < addDays(today, 200);
      d = addDays(d, 1)
    )
      if (isTermDay(d)) futureDays.push(d);

    const SOS_TRAINERS = ["dan", "megan", "kemi", "rob", "sian"];
    const settingById = Object.fromEntries(settings.map((s) => [s.id, s]));
    // Settings in an order that visits every district early on.
    const byDistrict = districts
      .map((d) => settings.filter((s) => s.district_id === d.id))
      .filter((xs) => xs.length);
    const rotation: typeof settings = [];
    for (let i = 0; rotation.length < settings.length; i++)
      for (const xs of byDistrict) if (xs[i]) rotation.push(xs[i]);

    // 1. A delivered six-week group-work series at the Yare Short Stay School (in the spring term).
    const yare = settings.find((s) => s.name === "Yare Short Stay School") ?? rotation[0];
    const seriesStart =
      pastDays.find((d) => d >= "2026-02-24" && weekday(d) === 2) ??
      pastDays[Math.floor(pastDays.length / 2)];
    {
      const cls = classesBySetting[yare.id].slice(0, 1);
      const req = addRequest(
        yare.id,
        "group_work",
        cls.map((c) => c.id),
        new Date(Date.parse(at(seriesStart, "09:00")) - 35 * 86_400_000).toISOString(),
        "scheduled",
        {
          notes: "A group of Year 9s the school is worried about; two have been missing from home.",
        },
      );
      const seriesId = newId();
      for (let i = 0; i < 6; i++) {
        const d = addDays(seriesStart, i * 7);
        busy.add(`kemi|${d}`);
        addSession({
          offeringKey: "group_work",
          settingId: yare.id,
          districtId: yare.district_id,
          venue: yare.name,
          date: d,
          time: "13:30",
          trainerKeys: ["kemi"],
          status: "delivered",
          requestId: req,
          classes: cls,
          seriesId,
          seriesIndex: i + 1,
        });
      }
    }

    // 2. About 54 more delivered sessions across the year so far, every district.
    const targetDelivered = 54;
    const step = Math.max(1, Math.floor(pastDays.length / targetDelivered));
    let slot = 0;
    for (let i = 0; i < targetDelivered && slot < pastDays.length; i++, slot += step) {
      const date = pastDays[slot];
      const roll = random();
      const setting = rotation[i % rotation.length];
      const primary = setting.phase === "Primary";
      let key: OfferingKey;
      if (i % 9 === 4) key = "vcse_training";
      else if (roll < 0.16) key = "staff_twilight";
      else if (roll < 0.3) key = random() < 0.4 ? "parents_webinar" : "parents_session";
      else if (roll < 0.5) key = primary ? "workshop_primary" : "assembly";
      else if (roll < 0.56 && !primary) key = "girls_group";
      else key = primary ? "workshop_primary" : "workshop_secondary";
      const spec = OFFERINGS.find((o) => o.key === key)!;
      const trainerKey = trainerFor(date, key.startsWith("vcse") ? ["ollie"] : SOS_TRAINERS);
      if (!trainerKey) continue;
      if (spec.audience === "vcse_staff") {
        const host = vcseOrgs[i % vcseOrgs.length];
        addSession({
          offeringKey: key,
          settingId: null,
          districtId: host.district_id,
          venue: `${host.name} (community room)`,
          date,
          time: "09:30",
          trainerKeys: [trainerKey],
          status: "delivered",
          isOpen: true,
        });
        continue;
      }
      if (key === "parents_webinar") {
        addSession({
          offeringKey: key,
          settingId: setting.id,
          districtId: setting.district_id,
          venue: "Online (Microsoft Teams)",
          date,
          time: "19:00",
          trainerKeys: [trainerKey],
          status: "delivered",
          isOpen: true,
        });
        continue;
      }
      const classes = classesBySetting[setting.id];
      let chosen: SeedClass[] = [];
      if (spec.audience === "pupils") {
        if (key === "assembly") {
          const year = pick(
            ["7", "8", "9", "10"]
              .filter((y) => classes.some((c) => c.year === y))
              .concat(classes.length ? [classes[0].year] : []),
          );
          chosen = classes.filter((c) => c.year === year);
        } else chosen = [pick(classes)];
      }
      const time =
        spec.audience === "pupils"
          ? pick(["09:15", "10:30", "13:30"])
          : key === "staff_twilight"
            ? "15:45"
            : "18:00";
      const createdAt = new Date(
        Date.parse(at(date, "09:00")) - between(20, 40) * 86_400_000,
      ).toISOString();
      const req = addRequest(
        setting.id,
        key,
        chosen.map((c) => c.id),
        createdAt,
        "scheduled",
      );
      addSession({
        offeringKey: key,
        settingId: setting.id,
        districtId: setting.district_id,
        venue: setting.name,
        date,
        time,
        trainerKeys: [trainerKey],
        status: "delivered",
        requestId: req,
        classes: chosen,
        isOpen: key === "parents_session",
      });
    }

    // 3. About 30 scheduled: single sessions on the coming term days, a series starting soon,
    //    open parents' and VCSE sessions, and one session already cancelled (school closed).
    const wensum = settings.find((s) => s.name === "Wensum Valley Academy") ?? rotation[0];
    const upcoming = futureDays.slice(0, 40);
    {
      // A group-work series at Harbour Reach Academy, starting next week.
      const harbour = settings.find((s) => s.name === "Harbour Reach Academy") ?? rotation[1];
      const first = upcoming.find((d) => d >= addDays(today, 5) && weekday(d) === 3) ?? upcoming[3];
      const dates = Array.from({ length: 6 }, (_, i) => addDays(first, i * 7));
      const cls = classesBySetting[harbour.id].filter((c) => c.year === "9").slice(0, 1);
      const req = addRequest(
        harbour.id,
        "group_work",
        cls.map((c) => c.id),
        new Date(Date.parse(at(today, "09:00")) - 12 * 86_400_000).toISOString(),
        "scheduled",
        { notes: "Eight Year 9 pupils identified by the DSL." },
      );
      const seriesId = newId();
      dates.forEach((d, i) => {
        busy.add(`sian|${d}`);
        addSession({
          offeringKey: "group_work",
          settingId: harbour.id,
          districtId: harbour.district_id,
          venue: harbour.name,
          date: d,
          time: "14:00",
          trainerKeys: ["sian"],
          status: "scheduled",
          requestId: req,
          classes: cls,
          seriesId,
          seriesIndex: i + 1,
        });
      });
    }
    let made = 0;
    for (let i = 0; made < 24 && i < upcoming.length; i++) {
      const date = upcoming[i];
      const setting = i < 2 ? wensum : rotation[(i * 3 + 5) % rotation.length];
      const primary = setting.phase === "Primary";
      const key: OfferingKey =
        i % 8 === 3
          ? "staff_twilight"
          : i % 8 === 6
            ? i % 16 === 6
              ? "parents_webinar"
              : "parents_session"
            : i % 11 === 9
              ? "vcse_online"
              : primary
                ? "workshop_primary"
                : i % 3 === 0
                  ? "assembly"
                  : "workshop_secondary";
      const spec = OFFERINGS.find((o) => o.key === key)!;
      // Megan only before her DBS check runs out; Rob not at all until his training is renewed.
      const trainerKey = trainerFor(
        date,
        key.startsWith("vcse") ? ["ollie"] : i < 6 ? ["dan", "megan"] : ["dan", "kemi", "sian"],
      );
      if (!trainerKey) continue;
      made++;
      if (spec.audience === "vcse_staff") {
        addSession({
          offeringKey: key,
          settingId: null,
          districtId: pick(vcseOrgs).district_id,
          venue: "Online (Zoom)",
          date,
          time: "10:00",
          trainerKeys: [trainerKey],
          status: "scheduled",
          isOpen: true,
        });
        continue;
      }
      const classes = classesBySetting[setting.id];
      const chosen =
        spec.audience !== "pupils"
          ? []
          : key === "assembly"
            ? classes.filter((c) => c.year === classes[2].year)
            : [classes[i % classes.length]];
      const time =
        spec.audience === "pupils"
          ? i % 2
            ? "10:30"
            : "13:30"
          : key === "staff_twilight"
            ? "15:45"
            : key === "parents_webinar"
              ? "19:00"
              : "18:00";
      const req = addRequest(
        setting.id,
        key,
        chosen.map((c) => c.id),
        new Date(Date.parse(at(today, "09:00")) - between(5, 25) * 86_400_000).toISOString(),
        "scheduled",
      );
      const open = key === "parents_session" || key === "parents_webinar";
      addSession({
        offeringKey: key,
        settingId: setting.id,
        districtId: setting.district_id,
        venue: key === "parents_webinar" ? "Online (Microsoft Teams)" : setting.name,
        date,
        time,
        trainerKeys: [trainerKey],
        status: "scheduled",
        requestId: req,
        classes: chosen,
        isOpen: open,
      });
    }
    {
      // A session cancelled because the school closed, with its reason on the timeline.
      const s = rotation[6];
      const date = upcoming[10] ?? addDays(today, 14);
      const cls = [classesBySetting[s.id][0]];
      const req = addRequest(
        s.id,
        s.phase === "Primary" ? "workshop_primary" : "workshop_secondary",
        cls.map((c) => c.id),
        new Date(Date.parse(at(today, "09:00")) - 20 * 86_400_000).toISOString(),
        "cancelled",
        { cancelReason: "The school is closed that day for a staff training day." },
      );
      const id = addSession({
        offeringKey: s.phase === "Primary" ? "workshop_primary" : "workshop_secondary",
        settingId: s.id,
        districtId: s.district_id,
        venue: s.name,
        date,
        time: "10:30",
        trainerKeys: ["kemi"],
        status: "cancelled",
        requestId: req,
        classes: cls,
      });
      const when = new Date(Date.parse(at(today, "09:00")) - 2 * 86_400_000).toISOString();
      event({
        sessionId: id,
        event: "cancelled",
        from: "scheduled",
        to: "cancelled",
        actor: leadId,
        at: when,
        reason: "The school is closed that day for a staff training day.",
      });
      event({
        requestId: req,
        event: "cancelled",
        from: "scheduled",
        to: "cancelled",
        actor: leadId,
        at: when,
        reason: "The school is closed that day for a staff training day.",
      });
    }

    // 4. Requests waiting to be scheduled, including a whole package from one school.
    const waitingAt = (daysAgo: number) =>
      new Date(Date.parse(at(today, "08:00")) - daysAgo * 86_400_000).toISOString();
    const wensumClasses = classesBySetting[wensum.id];
    addRequest(
      wensum.id,
      "workshop_secondary",
      wensumClasses
        .filter((c) => c.year === "8")
        .slice(0, 1)
        .map((c) => c.id),
      waitingAt(3),
      "requested",
      { preferred: futureDays[12], notes: "Period 3 suits us best (10:40 to 11:30)." },
    );
    const packageId = newId();
    const sprowston =
      settings.find((s) => s.name === "Sprowston Woodland High School") ?? rotation[2];
    const sClasses = classesBySetting[sprowston.id];
    addRequest(
      sprowston.id,
      "assembly",
      sClasses.filter((c) => c.year === "9").map((c) => c.id),
      waitingAt(2),
      "requested",
      {
        packageId,
        preferred: futureDays[15],
        notes: "Whole package, please: Year 9 assembly, a staff twilight and a parents' evening.",
      },
    );
    addRequest(sprowston.id, "staff_twilight", [], waitingAt(2), "requested", {
      packageId,
      preferred: futureDays[15],
    });
    addRequest(sprowston.id, "parents_session", [], waitingAt(2), "requested", {
      packageId,
      preferred: futureDays[16],
    });
    const fenside = settings.find((s) => s.name === "Fenside Primary School") ?? rotation[3];
    addRequest(
      fenside.id,
      "workshop_primary",
      classesBySetting[fenside.id]
        .filter((c) => c.year === "6")
        .map((c) => c.id)
        .slice(0, 1),
      waitingAt(6),
      "requested",
      { preferred: futureDays[9] },
    );
    const college = settings.find((s) => s.name === "Norwich Fenland College") ?? rotation[4];
    addRequest(
      college.id,
      "girls_group",
      [classesBySetting[college.id][0].id],
      waitingAt(1),
      "requested",
      {
        preferred: futureDays[18],
        notes: "For a group of 12 learners from the Public Services course.",
      },
    );
    const thetford = settings.find((s) => s.name === "Thetford Heathland Academy") ?? rotation[5];
    addRequest(
      thetford.id,
      "group_work",
      classesBySetting[thetford.id]
        .filter((c) => c.year === "10")
        .slice(0, 1)
        .map((c) => c.id),
      waitingAt(4),
      "requested",
      { preferred: futureDays[14], notes: "Tuesday afternoons, please." },
    );

    await insertChunked(tx, "booking_requests", requestRows);
    await insertChunked(tx, "booking_request_classes", requestClassRows);
    await insertChunked(tx, "delivery_sessions", sessionRows);
    await insertChunked(tx, "session_trainers", trainerRows);
    await insertChunked(tx, "session_classes", sessionClassRows);
    await insertChunked(tx, "registrations", registrationRows);
    await insertChunked(tx, "session_events", eventRows);
    await insertChunked(
      tx,
      "trainer_compliance",
      Object.entries(compliance).map(([k, c]) => ({
        user_id: trainers[k],
        dbs_checked_on: c.dbs[0],
        dbs_expires_on: c.dbs[1],
        safeguarding_trained_on: c.sg[0],
        safeguarding_expires_on: c.sg[1],
        updated_at: t,
      })),
    );
    void settingById;
    return {
      sosPlus,
      momentum,
      offerings,
      questionnaires,
      delivered,
      scheduled,
      deliveredRegistrationSessions,
    };
  });

  return {
    programmes: { sosPlus: result.sosPlus, momentum: result.momentum },
    offerings: result.offerings,
    questionnaires: result.questionnaires,
    trainers,
    deliveredSessionIds: result.delivered,
    scheduledSessionIds: result.scheduled,
    deliveredRegistrationSessionIds: result.deliveredRegistrationSessions,
  };
}
