import type { DB } from "~/db/db.server";
import type { Audience, Format } from "~/db/schema";
import { seedFoundation } from "~/seed/foundation.server";
import { now } from "~/utils/clock.server";
import { londonToUtc } from "~/utils/dates";
import { DeliveryBatch, insertChunks } from "./factories.server";
import { addDays, daysBetween } from "./periods";

// A database the size of the programme times `factor`: SOS+ over three years (120 pupil sessions,
// 40 teacher and 80 parent sessions at factor 1, so ~2,400 sessions at factor 10), its classes and
// attendance, registrations with attendance and walk-ins, requests in the pipeline, and
// Momentum's VCSE sessions. Deterministic (seeded), written with multi-row inserts in transactions.

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

const DISTRICTS = ["E07000143", "E07000144", "E07000145", "E07000146", "E07000147", "E07000148", "E07000149"];

export const SOS_TARGETS: { audience: Audience; sessions: number; people: number }[] = [
  { audience: "pupils", sessions: 120, people: 8600 },
  { audience: "teachers", sessions: 40, people: 2100 },
  { audience: "parents", sessions: 80, people: 7700 },
];

export async function seedScale(db: DB, factor: number) {
  const random = rng(20261123 + factor);
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const foundation = await seedFoundation(db);
  const t = new Date().toISOString();

  // More settings at larger factors (Norfolk has about 430 schools).
  const settings: { id: string; district: string }[] = [];
  const orgs = await db.selectFrom("organisations").select(["id", "district_id"]).where("kind", "=", "setting").execute();
  for (const o of orgs) settings.push({ id: o.id, district: o.district_id! });
  const extra: Record<string, unknown>[] = [];
  for (let i = 0; i < 25 * (factor - 1); i++) {
    const id = `scale-setting-${i}`;
    const district = DISTRICTS[i % DISTRICTS.length];
    extra.push({ id, kind: "setting", name: `Scale School ${i + 1}`, urn: String(990000 + i), phase: i % 3 ? "Primary" : "Secondary", establishment_type: "Community school", district_id: district, postcode: null, charity_number: null, company_number: null, archived_at: null, created_at: t, updated_at: t });
    settings.push({ id, district });
  }
  await db.transaction().execute((tx) => insertChunks(tx, "organisations", extra));

  const b = new DeliveryBatch();
  const startsOn = "2025-09-01";
  const endsOn = "2028-08-31";
  const sos = b.programme({ name: "SOS+", startsOn, endsOn, deliveryPartnerId: foundation.organisations["St Giles Trust"], targets: SOS_TARGETS });
  const momentum = b.programme({ name: "Third Sector Capacity Building", startsOn, endsOn, deliveryPartnerId: foundation.organisations["Momentum"], targets: [] });
  const offerings: Record<string, { id: string; audience: Audience }> = {};
  const offer = (key: string, programmeId: string, title: string, audience: Audience, format: Format) =>
    (offerings[key] = { id: b.offering({ programmeId, title, audience, format }), audience });
  offer("assembly", sos, "SOS+ assembly", "pupils", "assembly");
  offer("workshop", sos, "Classroom workshop (Years 7–12)", "pupils", "classroom_workshop");
  offer("staff", sos, "Staff awareness session", "teachers", "twilight_cpd");
  offer("parents", sos, "Parent and carer session", "parents", "community_session");
  offer("webinar", sos, "Parent webinar", "parents", "online");
  offer("vcse", momentum, "Understanding child criminal exploitation", "vcse_staff", "community_session");

  // Classes: about 28 pupils, several per setting.
  const classesOf = new Map<string, { id: string; pupils: number }[]>();
  for (const s of settings) {
    const list: { id: string; pupils: number }[] = [];
    for (let i = 0; i < int(4, 10); i++) {
      const pupils = int(18, 32);
      list.push({ id: b.class({ settingId: s.id, yearGroup: String(int(5, 12)), name: `Class ${i + 1}`, pupils }), pupils });
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
    return { day, at: londonToUtc(day, `${String(int(9, 14)).padStart(2, "0")}:${pick(["00", "30"])}`).toISOString() };
  };
  const statusFor = (day: string) => (day >= today ? "scheduled" : random() < 0.9 ? "delivered" : random() < 0.5 ? "cancelled" : "postponed");

  for (let i = 0; i < 120 * factor; i++) {
    const s = pick(settings);
    const { day, at } = when();
    const status = statusFor(day);
    const classes = classesOf.get(s.id)!;
    const chosen = [...classes].sort(() => random() - 0.5).slice(0, int(1, 4));
    b.session({
      programmeId: sos,
      offeringId: random() < 0.5 ? offerings.assembly.id : offerings.workshop.id,
      settingId: s.id,
      districtId: s.district,
      startsAt: at,
      status,
      classes: chosen.map((c) => ({ classId: c.id, attended: status === "delivered" ? c.pupils - int(0, 4) : null })),
    });
  }
  const registrationSessions = (count: number, programmeId: string, key: string, atSetting: boolean) => {
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
      for (let r = 0; r < int(10, 35); r++) {
        const cancelled = random() < 0.08;
        b.registration({
          sessionId: id,
          status: cancelled ? "cancelled" : "confirmed",
          attendance: status === "delivered" && !cancelled ? (random() < 0.85 ? "attended" : "no_show") : null,
          walkIn: status === "delivered" && random() < 0.05,
        });
      }
    }
  };
  registrationSessions(40 * factor, sos, "staff", true);
  registrationSessions(80 * factor, sos, "parents", false);
  registrationSessions(20 * factor, momentum, "vcse", false);

  for (let i = 0; i < 10 * factor; i++) {
    const s = pick(settings);
    b.request({ settingId: s.id, offeringId: offerings.workshop.id, classIds: classesOf.get(s.id)!.slice(0, int(1, 3)).map((c) => c.id) });
  }
  const counts = Object.fromEntries(Object.entries(b.rows).map(([k, v]) => [k, v?.length ?? 0]));
  await b.write(db);
  return { counts, programmeId: sos };
}
