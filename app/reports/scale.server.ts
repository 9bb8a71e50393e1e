import type { DB } from "~/db/db.server";
import type { Audience, Format } from "~/db/schema";
import { seedFoundation } from "~/seed/foundation.server";
import { now } from "~/utils/clock.server";
import { londonToUtc } from "~/utils/dates";
import { DeliveryBatch, insertChunks } from "~/seed/factories/delivery-batch.server";
import { addDays } from "~/utils/dates";
import { daysBetween } from "./periods";

// A database the size of the programme times `factor`: SOS+ over three years (120 pupil sessions,
// 40 teacher and 80 parent sessions at factor 1, so ~2,400 sessions at factor 10), its classes and
// attendance, registrations with attendance and walk-ins, requests in the pipeline, Momentum's
// VCSE sessions, the feedback people give (online answers and paper tallies), safeguarding records,
// and Momentum's e-learning: 1,000 VCSE learners at factor 10 with their enrolments, quiz attempts
// and completions. Deterministic (seeded), written with multi-row inserts in transactions.

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

const DISTRICTS = [
  "E07000143",
  "E07000144",
  "E07000145",
  "E07000146",
  "E07000147",
  "E07000148",
  "E07000149",
];

export const SOS_TARGETS: { audience: Audience; sessions: number; people: number }[] = [
  { audience: "pupils", sessions: 120, people: 8600 },
  { audience: "teachers", sessions: 40, people: 2100 },
  { audience: "parents", sessions: 80, people: 7700 },
];

export async function seedScale(db: DB, factor: number) {
  const random = rng(20261123 + factor);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const foundation = await seedFoundation(db);
  const t = new Date().toISOString();

  // More settings at larger factors (Norfolk has about 430 schools).
  const settings: { id: string; district: string }[] = [];
  const orgs = await db
    .selectFrom("organisations")
    .select(["id", "district_id"])
    .where("kind", "=", "setting")
    .execute();
  for (const o of orgs) settings.push({ id: o.id, district: o.district_id! });
  const extra: Record<string, unknown>[] = [];
  for (let i = 0; i < 25 * (factor - 1); i++) {
    const id = `scale-setting-${i}`;
    const district = DISTRICTS[i % DISTRICTS.length];
    extra.push({
      id,
      kind: "setting",
      name: `Scale School ${i + 1}`,
      urn: String(990000 + i),
      phase: i % 3 ? "Primary" : "Secondary",
      establishment_type: "Community school",
      district_id: district,
      postcode: null,
      charity_number: null,
      company_number: null,
      archived_at: null,
      created_at: t,
      updated_at: t,
    });
    settings.push({ id, district });
  }
  await db.transaction().execute((tx) => insertChunks(tx, "organisations", extra));

  const b = new DeliveryBatch();
  // Trainers as the programme has them (issue 16, item 7): St Giles Trust's delivery team grows with
  // the programme (three per factor, the demo's two among them, so a benchmark can sign in as one
  // with a realistic diary), Momentum has one per factor. Every session has a trainer, a classroom
  // workshop sometimes two.
  const sosTrainers = [foundation.users.trainer, foundation.users.trainer2];
  for (let i = sosTrainers.length; i < 3 * factor; i++)
    sosTrainers.push(
      b.user({
        email: `trainer-${i}@scale.example.org`,
        name: `Scale Trainer ${i + 1}`,
        organisationId: foundation.organisations["St Giles Trust"],
        role: "trainer",
      }),
    );
  const momentumTrainers: string[] = [];
  for (let i = 0; i < factor; i++)
    momentumTrainers.push(
      b.user({
        email: `momentum-trainer-${i}@scale.example.org`,
        name: `Scale Momentum Trainer ${i + 1}`,
        organisationId: foundation.organisations["Momentum"],
        role: "trainer",
      }),
    );
  const staff = (sessionId: string, team: string[], two: boolean) => {
    const first = pick(team);
    b.trainer(sessionId, first);
    if (two && team.length > 1) b.trainer(sessionId, team[(team.indexOf(first) + 1) % team.length]);
  };
  // Each school has its coordinator, who books its sessions (the demo school already has one).
  for (const s of settings)
    if (s.id.startsWith("scale-setting-"))
      b.user({
        email: `coordinator-${s.id}@scale.example.org`,
        name: `Coordinator ${s.id.slice("scale-setting-".length)}`,
        organisationId: s.id,
        role: "school_coordinator",
      });
  const startsOn = "2025-09-01";
  const endsOn = "2028-08-31";
  const sos = b.programme({
    name: "SOS+",
    startsOn,
    endsOn,
    deliveryPartnerId: foundation.organisations["St Giles Trust"],
    targets: SOS_TARGETS,
  });
  const momentum = b.programme({
    name: "Third Sector Capacity Building",
    startsOn,
    endsOn,
    deliveryPartnerId: foundation.organisations["Momentum"],
    targets: [],
  });
  const offerings: Record<string, { id: string; audience: Audience }> = {};
  const offer = (
    key: string,
    programmeId: string,
    title: string,
    audience: Audience,
    format: Format,
  ) => (offerings[key] = { id: b.offering({ programmeId, title, audience, format }), audience });
  offer("assembly", sos, "SOS+ assembly", "pupils", "assembly");
  offer("workshop", sos, "Classroom workshop (Years 7–12)", "pupils", "classroom_workshop");
  offer("staff", sos, "Staff awareness session", "teachers", "twilight_cpd");
  offer("parents", sos, "Parent and carer session", "parents", "community_session");
  offer("webinar", sos, "Parent webinar", "parents", "online");
  offer(
    "vcse",
    momentum,
    "Understanding child criminal exploitation",
    "vcse_staff",
    "community_session",
  );

  // Classes: about 28 pupils, several per setting.
  const classesOf = new Map<string, { id: string; pupils: number }[]>();
  for (const s of settings) {
    const list: { id: string; pupils: number }[] = [];
    for (let i = 0; i < int(4, 10); i++) {
      const pupils = int(18, 32);
      list.push({
        id: b.class({
          settingId: s.id,
          yearGroup: String(int(5, 12)),
          name: `Class ${i + 1}`,
          pupils,
        }),
        pupils,
      });
    }
    classesOf.set(s.id, list);
  }

  // The whole programme's worth of sessions (times the factor), nearly all already delivered so
  // the database has the attendance to count: 90% between the start and today, the rest booked
  // over the next three months.
  const today = now().toISOString().slice(0, 10);
  const pastDays = Math.max(1, daysBetween(startsOn, today));
  const when = () => {
    // School days only (Monday–Friday), 9am–3pm London time.
    let day = random() < 0.9 ? addDays(startsOn, int(0, pastDays - 1)) : addDays(today, int(1, 90));
    const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (dow === 0) day = addDays(day, 1);
    if (dow === 6) day = addDays(day, 2);
    return {
      day,
      at: londonToUtc(
        day,
        `${String(int(9, 14)).padStart(2, "0")}:${pick(["00", "30"])}`,
      ).toISOString(),
    };
  };
  const statusFor = (day: string) =>
    day >= today
      ? "scheduled"
      : random() < 0.9
        ? "delivered"
        : random() < 0.5
          ? "cancelled"
          : "postponed";

  // Feedback as the programme collects it: in an assembly the trainer counts a show of hands on
  // paper (tallies); in a classroom about a quarter of pupils answer online; at staff, parent and
  // VCSE sessions about 40% answer online, before and after, with satisfaction and a comment.
  const scored = (before: number) => Math.min(5, before + int(0, 2));
  const answerOnline = (sessionId: string, adults: boolean, people: number, share: number) => {
    const q = adults ? "q-standard" : "q-pupil";
    for (let r = 0; r < Math.round(people * share); r++) {
      const before: Record<string, number> = {};
      const after: Record<string, number> = {};
      for (const k of [1, 2, 3]) {
        const bScore = int(1, 4);
        if (random() < 0.92) before[`${q}-${k}`] = bScore;
        if (random() < 0.9) after[`${q}-${k}`] = scored(bScore);
      }
      after[`${q}-4`] = int(3, 5);
      b.feedback({
        sessionId,
        questionnaireId: q,
        before,
        after,
        texts: random() < 0.2 ? { [`${q}-5`]: "Useful session." } : undefined,
      });
    }
  };
  const tallyPaper = (sessionId: string, people: number) => {
    for (const k of [1, 2, 3])
      for (const stage of ["before", "after"] as const)
        for (let score = 1; score <= 5; score++) {
          const weight =
            stage === "before"
              ? [0.15, 0.3, 0.3, 0.15, 0.1][score - 1]
              : [0.03, 0.07, 0.2, 0.4, 0.3][score - 1];
          const count = Math.round(people * 0.6 * weight);
          if (count) b.tally({ sessionId, itemId: `q-pupil-${k}`, stage, score, count });
        }
  };
  const destinations = ["sos_121", "school_dsl", "mash", "mace"];
  const safeguarding = (sessionId: string) => {
    // About one session in ten leads to a concern or a referral.
    if (random() < 0.1)
      for (let k = 0; k < int(1, 2); k++)
        b.safeguarding({
          sessionId,
          kind: random() < 0.6 ? "concern" : "referral",
          destination: random() < 0.3 ? null : pick(destinations),
          recordedBy: foundation.users.trainer,
        });
  };

  for (let i = 0; i < 120 * factor; i++) {
    const s = pick(settings);
    const { day, at } = when();
    const status = statusFor(day);
    const classes = classesOf.get(s.id)!;
    const chosen = [...classes].sort(() => random() - 0.5).slice(0, int(1, 4));
    const assembly = random() < 0.5;
    const attended = chosen.map((c) => ({
      classId: c.id,
      attended: status === "delivered" ? c.pupils - int(0, 4) : null,
    }));
    const id = b.session({
      programmeId: sos,
      offeringId: assembly ? offerings.assembly.id : offerings.workshop.id,
      settingId: s.id,
      districtId: s.district,
      startsAt: at,
      status,
      classes: attended,
    });
    staff(id, sosTrainers, !assembly && random() < 0.3);
    if (status === "delivered") {
      const pupils = attended.reduce((a, c) => a + (c.attended ?? 0), 0);
      if (assembly) tallyPaper(id, pupils);
      else answerOnline(id, false, pupils, 0.25);
      safeguarding(id);
    }
  }
  const registrationSessions = (
    count: number,
    programmeId: string,
    key: string,
    atSetting: boolean,
  ) => {
    for (let i = 0; i < count; i++) {
      const s = pick(settings);
      const { day, at } = when();
      const status = statusFor(day);
      const online = offerings[key].audience === "parents" && random() < 0.3;
      const id = b.session({
        programmeId,
        offeringId: online ? offerings.webinar.id : offerings[key].id,
        settingId: atSetting ? s.id : null,
        districtId: online ? null : s.district,
        startsAt: at,
        status,
        isOpen: !atSetting,
        walkIns: status === "delivered" ? int(0, 4) : 0,
      });
      staff(id, programmeId === momentum ? momentumTrainers : sosTrainers, false);
      let came = 0;
      for (let r = 0; r < int(10, 35); r++) {
        const cancelled = random() < 0.08;
        const attendance =
          status === "delivered" && !cancelled ? (random() < 0.85 ? "attended" : "no_show") : null;
        if (attendance === "attended") came++;
        b.registration({
          sessionId: id,
          status: cancelled ? "cancelled" : "confirmed",
          attendance,
          walkIn: status === "delivered" && random() < 0.05,
        });
      }
      if (status === "delivered") {
        answerOnline(id, true, came, 0.4);
        safeguarding(id);
      }
    }
  };
  registrationSessions(40 * factor, sos, "staff", true);
  registrationSessions(80 * factor, sos, "parents", false);
  registrationSessions(20 * factor, momentum, "vcse", false);

  for (let i = 0; i < 10 * factor; i++) {
    const s = pick(settings);
    b.request({
      settingId: s.id,
      offeringId: offerings.workshop.id,
      classIds: classesOf
        .get(s.id)!
        .slice(0, int(1, 3))
        .map((c) => c.id),
    });
  }
  // Momentum's e-learning: 100 VCSE learners per factor (1,000 at factor 10) in 8 VCSE
  // organisations per factor, each enrolled on one to three modules, most finishing; a few school
  // staff take the modules as CPD.
  const vcseOrgs: string[] = [];
  const orgRows: Record<string, unknown>[] = [];
  for (let i = 0; i < 8 * factor; i++) {
    const id = `scale-vcse-${i}`;
    orgRows.push({
      id,
      kind: "vcse",
      name: `Scale Community Project ${i + 1}`,
      urn: null,
      phase: null,
      establishment_type: null,
      district_id: DISTRICTS[i % DISTRICTS.length],
      postcode: null,
      charity_number: String(1100000 + i),
      company_number: null,
      archived_at: null,
      created_at: t,
      updated_at: t,
    });
    vcseOrgs.push(id);
  }
  await db.transaction().execute((tx) => insertChunks(tx, "organisations", orgRows));
  const modules = [
    "Recognising criminal exploitation",
    "County lines and how children are recruited",
    "Responding and referring",
  ].map((title) => b.module({ title, passMark: 80, createdBy: foundation.users.author }));
  const learnersAt = (count: number, orgOf: () => string, prefix: string) => {
    for (let i = 0; i < count; i++) {
      const userId = b.user({
        email: `${prefix}-${i}@scale.example.org`,
        name: `Scale Learner ${prefix} ${i + 1}`,
        organisationId: orgOf(),
      });
      for (const m of [...modules].sort(() => random() - 0.5).slice(0, int(1, 3))) {
        const enrolled = new Date(
          Date.parse(`${addDays(startsOn, int(0, pastDays - 1))}T09:00:00Z`) +
            int(0, 10 * 3600) * 1000,
        );
        if (enrolled.toISOString().slice(0, 10) >= today) continue;
        const attempts: { at: string; score: number; passed: boolean }[] = [];
        let at = enrolled.getTime();
        for (let a = 0; a < int(0, 3); a++) {
          at += int(1, 72) * 3600_000;
          if (new Date(at).toISOString().slice(0, 10) >= today) break;
          const score = attempts.some((x) => x.passed)
            ? int(80, 100)
            : random() < 0.65
              ? int(80, 100)
              : int(40, 79);
          attempts.push({ at: new Date(at).toISOString(), score, passed: score >= 80 });
        }
        b.enrolment({
          userId,
          moduleId: m.moduleId,
          versionId: m.versionId,
          enrolledAt: enrolled.toISOString(),
          attempts,
        });
      }
    }
  };
  learnersAt(100 * factor, () => pick(vcseOrgs), "vcse");
  learnersAt(10 * factor, () => pick(settings).id, "school");

  const counts = Object.fromEntries(Object.entries(b.rows).map(([k, v]) => [k, v?.length ?? 0]));
  await b.write(db);
  return { counts, programmeId: sos, momentumId: momentum };
}
