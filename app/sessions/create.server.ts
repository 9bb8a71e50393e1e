import { sessionsWithOffering } from "~/sessions/queries.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { audienceLabel } from "./audiences";
import { OPEN_AUDIENCES, promoteFromWaitingList } from "./open.server";
import {
  checkAll,
  emailTrainersAssigned,
  event,
  planMeetings,
  venueKey,
  type ScheduleOutcome,
} from "./scheduling.server";
import type { Viewer } from "./scope.server";

// Sessions that do not start as a school's request: a parents' evening in a community hall, a
// VCSE training, an online briefing. A lead creates one from an offering with the same clash and
// compliance checks as a confirmed request, and publishes it to the public list when the
// offering is open to the public.

export interface NewSessionInput {
  offeringId: string;
  date: string;
  time: string;
  durationMinutes: number;
  /** The venue's name ("Norwich Youth Harbour hall"); for an online session, "Online". */
  venue: string | null;
  address: string | null;
  postcode: string | null;
  joiningLink: string | null;
  room: string | null;
  districtId: string | null;
  capacity: number;
  trainerIds: string[];
  publish: boolean;
  overrideReason: string | null;
}

export type CreateOutcome =
  ScheduleOutcome | { ok: false; field: keyof NewSessionInput; message: string };

/** Offerings a lead can create a session from: not archived and not for pupils (schools request those). */
export async function creatableOfferings(db: Queryable) {
  const rows = await db
    .selectFrom("offerings")
    .innerJoin("programmes", "programmes.id", "offerings.programme_id")
    .innerJoin("audiences", "audiences.name", "offerings.audience")
    .select([
      "offerings.id",
      "offerings.title",
      "offerings.audience",
      "offerings.format",
      "offerings.duration_minutes",
      "offerings.capacity",
      "offerings.open_to_public",
      "offerings.series_length",
      "programmes.name as programme_name",
    ])
    .where("offerings.archived_at", "is", null)
    .where("offerings.audience", "!=", "pupils")
    .orderBy("programmes.name")
    .orderBy("offerings.title")
    .execute();
  return rows.map((r) => ({
    ...r,
    audience_label: audienceLabel(r.audience),
    publishable: r.open_to_public === 1 && OPEN_AUDIENCES.includes(r.audience),
  }));
}

export async function districtOptions(db: Queryable) {
  return db
    .selectFrom("districts")
    .select(["id", "name"])
    .where("valid_to", "is", null)
    .orderBy("name")
    .execute();
}

/** Creates the session (or each meeting of the offering's series) after every scheduling check. */
export async function createSession(
  db: DB,
  viewer: Viewer,
  input: NewSessionInput,
  baseUrl: string,
): Promise<CreateOutcome | "not_found"> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const offering = await tx
      .selectFrom("offerings")
      .selectAll()
      .where("id", "=", input.offeringId)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (!offering)
      return { ok: false, field: "offeringId", message: "Choose an offering from the list" };
    if (offering.audience === "pupils")
      return {
        ok: false,
        field: "offeringId",
        message: "Sessions for pupils are booked by their school: schedule them from its request",
      };
    const online = offering.format === "online";
    if (online && !input.joiningLink)
      return {
        ok: false,
        field: "joiningLink",
        message: "Enter the joining link for this online session",
      };
    if (!online && !input.venue)
      return { ok: false, field: "venue", message: "Enter the name of the venue" };
    if (!online && !input.postcode)
      return { ok: false, field: "postcode", message: "Enter the venue's postcode" };
    const publishable = offering.open_to_public === 1 && OPEN_AUDIENCES.includes(offering.audience);
    if (input.publish && !publishable) {
      return {
        ok: false,
        field: "publish",
        message:
          "This offering is not open to the public. Change the offering first, or leave the session unpublished",
      };
    }
    if (
      input.districtId &&
      !(await tx
        .selectFrom("districts")
        .select("id")
        .where("id", "=", input.districtId)
        .executeTakeFirst())
    ) {
      return { ok: false, field: "districtId", message: "Choose a district from the list" };
    }

    const venue = online ? input.venue || "Online" : input.venue!;
    const meetings = planMeetings(
      input.date,
      input.time,
      input.durationMinutes,
      offering.series_length,
      offering.series_interval_days,
    );
    const { refusals, warnings } = await checkAll(
      tx,
      meetings,
      {
        venueKey: venueKey(null, venue),
        venueLabel: venue,
        online,
        trainerIds: input.trainerIds,
        classIds: [],
      },
      { pupilSession: false, atSetting: false, excludeIds: [] },
    );
    if (refusals.length || (warnings.length && !input.overrideReason))
      return { ok: false, refusals, warnings };

    const t = nowIso();
    const seriesId = meetings.length > 1 ? newId() : null;
    const sessionIds: string[] = [];
    for (const m of meetings) {
      const id = newId();
      sessionIds.push(id);
      await tx
        .insertInto("delivery_sessions")
        .values({
          id,
          programme_id: offering.programme_id,
          offering_id: offering.id,
          booking_request_id: null,
          setting_id: null,
          district_id: input.districtId,
          venue,
          room: input.room,
          address: online ? null : input.address,
          postcode: online ? null : input.postcode,
          joining_link: online ? input.joiningLink : null,
          starts_at: m.startsAt.toISOString(),
          ends_at: m.endsAt.toISOString(),
          status: "scheduled",
          is_open: input.publish ? 1 : 0,
          capacity: input.capacity,
          series_id: seriesId,
          series_index: seriesId ? m.index : null,
          walk_ins: 0,
          delivered_at: null,
          feedback_token: null,
          feedback_closes_at: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
      await tx
        .insertInto("session_trainers")
        .values(input.trainerIds.map((trainer_id) => ({ session_id: id, trainer_id })))
        .execute();
      await event(tx, {
        sessionId: id,
        event: "scheduled",
        from: null,
        to: "scheduled",
        actor: viewer.userId,
        reason: input.overrideReason,
        overridden: input.overrideReason ? warnings : [],
      });
      if (input.publish)
        await event(tx, {
          sessionId: id,
          event: "published",
          from: "scheduled",
          to: "scheduled",
          actor: viewer.userId,
        });
    }
    await emailTrainersAssigned(tx, input.trainerIds, sessionIds, baseUrl);
    return { ok: true, sessionIds };
  });
}

export type PlacesOutcome =
  "saved" | "not_found" | "closed" | { field: "capacity" | "publish"; message: string };

/**
 * Publishes or withdraws a session from the public list and sets its number of places. Raising the
 * places moves people up from the waiting list at once (and emails them); the places cannot go
 * below the people already booked — cancel bookings first, so nobody loses a place silently.
 */
export async function setPublicPlaces(
  db: DB,
  viewer: Viewer,
  sessionId: string,
  input: { publish: boolean; capacity: number },
  baseUrl: string,
): Promise<PlacesOutcome> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const s = await sessionsWithOffering(tx)
      .select(["s.id", "s.status", "s.is_open", "s.capacity", "o.open_to_public", "o.audience"])
      .where("s.id", "=", sessionId)
      .executeTakeFirst();
    if (!s) return "not_found";
    if (s.status !== "scheduled" && s.status !== "postponed") return "closed";
    if (input.publish && !(s.open_to_public === 1 && OPEN_AUDIENCES.includes(s.audience))) {
      return {
        field: "publish",
        message: "This offering is not open to the public, so its sessions cannot be published",
      };
    }
    const confirmed = Number(
      (
        await tx
          .selectFrom("registrations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("session_id", "=", sessionId)
          .where("status", "=", "confirmed")
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (input.capacity < confirmed) {
      return {
        field: "capacity",
        message: `${confirmed} people are booked: the places cannot be fewer than that. Cancel bookings first if you must`,
      };
    }
    await tx
      .updateTable("delivery_sessions")
      .set({ is_open: input.publish ? 1 : 0, capacity: input.capacity, updated_at: nowIso() })
      .where("id", "=", sessionId)
      .execute();
    if (input.publish !== (s.is_open === 1)) {
      await event(tx, {
        sessionId,
        event: input.publish ? "published" : "withdrawn",
        from: s.status,
        to: s.status,
        actor: viewer.userId,
      });
    }
    if (input.capacity !== s.capacity) {
      await event(tx, {
        sessionId,
        event: "places_changed",
        from: s.status,
        to: s.status,
        actor: viewer.userId,
        reason: `${s.capacity} → ${input.capacity} places`,
      });
      if (input.capacity > s.capacity) await promoteFromWaitingList(tx, sessionId, baseUrl);
    }
    return "saved";
  });
}
