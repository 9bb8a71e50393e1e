import type { Queryable } from "~/db/db.server";
import type { Audience, Format, SessionStatus } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

// Small factories for programmes, offerings and sessions, used by the open-sessions seed and by
// tests of open sessions, feedback and safeguarding. Every factory that writes rows directly lives
// in app/seed/factories/ (issue 15, item 10): the demo seed, seed:scale, the benchmarks and the
// tests build data the same way, from one place. They write rows directly, as the scheduling
// screens would, so these capabilities can be tested on their own.

export async function insertProgramme(
  db: Queryable,
  p: { name: string; startsOn?: string; endsOn?: string; deliveryPartnerId?: string | null },
) {
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("programmes")
    .values({
      id,
      name: p.name,
      delivery_partner_id: p.deliveryPartnerId ?? null,
      description: null,
      starts_on: p.startsOn ?? "2025-04-01",
      ends_on: p.endsOn ?? "2028-03-31",
      created_at: t,
      updated_at: t,
    })
    .execute();
  return id;
}

export async function insertOffering(
  db: Queryable,
  o: {
    programmeId: string;
    title: string;
    audience: Audience;
    format?: Format;
    description?: string | null;
    durationMinutes?: number;
    capacity?: number;
    questionnaireId?: string | null;
    openToPublic?: boolean;
  },
) {
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("offerings")
    .values({
      id,
      programme_id: o.programmeId,
      title: o.title,
      description: o.description ?? null,
      audience: o.audience,
      format: o.format ?? "community_session",
      duration_minutes: o.durationMinutes ?? 90,
      capacity: o.capacity ?? 30,
      questionnaire_id:
        o.questionnaireId === undefined
          ? o.audience === "pupils"
            ? "q-pupil"
            : "q-standard"
          : o.questionnaireId,
      series_length: 1,
      series_interval_days: 7,
      open_to_public: o.openToPublic ? 1 : 0,
      archived_at: null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  return id;
}

export async function insertSession(
  db: Queryable,
  s: {
    programmeId: string;
    offeringId: string;
    startsAt: Date | string;
    durationMinutes?: number;
    capacity?: number;
    isOpen?: boolean;
    status?: SessionStatus;
    districtId?: string | null;
    settingId?: string | null;
    venue?: string | null;
    room?: string | null;
    trainerIds?: string[];
    feedbackToken?: string | null;
    feedbackClosesAt?: string | null;
  },
) {
  const id = newId();
  const t = nowIso();
  const start = typeof s.startsAt === "string" ? new Date(s.startsAt) : s.startsAt;
  const end = new Date(start.getTime() + (s.durationMinutes ?? 90) * 60_000);
  await db
    .insertInto("delivery_sessions")
    .values({
      id,
      programme_id: s.programmeId,
      offering_id: s.offeringId,
      booking_request_id: null,
      setting_id: s.settingId ?? null,
      district_id: s.districtId ?? null,
      venue: s.venue ?? null,
      room: s.room ?? null,
      starts_at: start.toISOString(),
      ends_at: end.toISOString(),
      status: s.status ?? "scheduled",
      is_open: s.isOpen ? 1 : 0,
      capacity: s.capacity ?? 30,
      series_id: null,
      series_index: null,
      walk_ins: 0,
      delivered_at: s.status === "delivered" ? end.toISOString() : null,
      feedback_token: s.feedbackToken ?? null,
      feedback_closes_at: s.feedbackClosesAt ?? null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  for (const trainerId of s.trainerIds ?? []) {
    await db
      .insertInto("session_trainers")
      .values({ session_id: id, trainer_id: trainerId })
      .execute();
  }
  return id;
}

/** A district's id from its ONS code (districts are reference data from the foundation migration). */
export async function districtIdByCode(db: Queryable, code: string) {
  const row = await db
    .selectFrom("districts")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}
