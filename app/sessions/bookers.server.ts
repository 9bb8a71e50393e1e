import { sessionsWithOffering } from "~/sessions/queries.server";
import { sql } from "kysely";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { enqueueEmail } from "~/email/outbox.server";
import { now, nowIso } from "~/utils/clock.server";
import {
  bookingCancelledByStaffEmail,
  messageToBookersEmail,
  promotedEmail,
} from "./open-emails.server";
import {
  cancelUrl,
  emailSession,
  getSessionWithPlaces,
  promoteFromWaitingList,
} from "./open.server";
import { event } from "./scheduling.server";
import type { Viewer } from "./scope.server";

// The people booked on a session and those waiting, for the lead who runs it and the trainers
// who deliver it (they need the access needs). Only leads change bookings or email everyone.

export type BookersAccess = "manage" | "read";

async function accessTo(
  db: Queryable,
  viewer: Viewer,
  sessionId: string,
): Promise<BookersAccess | null> {
  if (viewer.all) return "manage";
  if (!viewer.trainer) return null;
  const assigned = await db
    .selectFrom("session_trainers")
    .select("session_id")
    .where("session_id", "=", sessionId)
    .where("trainer_id", "=", viewer.userId)
    .executeTakeFirst();
  return assigned ? "read" : null;
}

/** The session's bookers, waiting list (in queue order) and cancellations; undefined when not the viewer's. */
export async function listBookers(db: Queryable, viewer: Viewer, sessionId: string) {
  const access = await accessTo(db, viewer, sessionId);
  if (!access) return undefined;
  const session = await getSessionWithPlaces(db, sessionId);
  if (!session) return undefined;
  const rows = await db
    .selectFrom("registrations")
    .select([
      "id",
      "name",
      "email",
      "organisation_name",
      "access_needs",
      "status",
      "is_walk_in",
      "attendance",
      "created_at",
      "promoted_at",
      "cancelled_at",
      "anonymised_at",
      "held_until",
      "confirm_on_promotion",
    ])
    .where("session_id", "=", sessionId)
    .orderBy(sql`case status when 'confirmed' then 0 when 'waiting' then 1 else 2 end`)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const publishable = await sessionsWithOffering(db)
    .select(["s.is_open", "o.open_to_public", "s.joining_link"])
    .where("s.id", "=", sessionId)
    .executeTakeFirstOrThrow();
  return {
    access,
    session,
    isOpen: publishable.is_open === 1,
    openToPublic: publishable.open_to_public === 1,
    booked: rows.filter((r) => r.status === "confirmed"),
    waiting: rows.filter((r) => r.status === "waiting"),
    cancelled: rows.filter((r) => r.status === "cancelled"),
  };
}

/** The bookers list as rows for a CSV (the trainer's register or the lead's records). */
export function bookersCsvRows(b: NonNullable<Awaited<ReturnType<typeof listBookers>>>) {
  const header = [
    "Status",
    "Name",
    "Organisation",
    "Email",
    "Access needs",
    "Booked at",
    "Attendance",
  ];
  const label = { confirmed: "Booked", waiting: "Waiting", cancelled: "Cancelled" } as const;
  const rows = [...b.booked, ...b.waiting, ...b.cancelled].map((r) => [
    // A booking made in a burst stands only once its emailed link is followed (issue 11, finding 7).
    (label[r.status as keyof typeof label] ?? r.status) +
      (r.held_until && r.status !== "cancelled"
        ? " (held: not yet confirmed by email)"
        : r.confirm_on_promotion && r.status === "waiting"
          ? " (joined in a burst: must confirm by email if offered a place)"
          : ""),
    r.name,
    r.organisation_name,
    r.email,
    r.access_needs,
    r.created_at,
    r.attendance === "attended" ? "Attended" : r.attendance === "no_show" ? "Did not come" : null,
  ]);
  return { header, rows };
}

export type BookerChange = "done" | "not_found" | "closed" | { message: string };

async function openFor(tx: Queryable, sessionId: string) {
  const session = await getSessionWithPlaces(tx, sessionId);
  if (!session) return undefined;
  return {
    session,
    live:
      (session.status === "scheduled" || session.status === "postponed") &&
      Date.parse(session.starts_at) > now().getTime(),
  };
}

/** A lead cancels someone's booking or waiting place (they rang to say); the place goes to the queue. */
export async function cancelBookingForSomeone(
  db: DB,
  viewer: Viewer,
  sessionId: string,
  registrationId: string,
  reason: string,
  baseUrl: string,
): Promise<BookerChange> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const found = await openFor(tx, sessionId);
    if (!found) return "not_found";
    if (!found.live) return "closed";
    const reg = await tx
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", registrationId)
      .where("session_id", "=", sessionId)
      .executeTakeFirst();
    if (!reg) return "not_found";
    if (reg.status === "cancelled")
      return { message: `${reg.name}'s booking is already cancelled` };
    const t = nowIso();
    await tx
      .updateTable("registrations")
      .set({ status: "cancelled", cancelled_at: t, updated_at: t, cancel_token_hash: null })
      .where("id", "=", reg.id)
      .execute();
    await event(tx, {
      sessionId,
      event: "booking_cancelled",
      from: found.session.status,
      to: found.session.status,
      actor: viewer.userId,
      reason: `${reg.name}: ${reason}`,
    });
    if (reg.email) {
      await enqueueEmail(
        tx,
        bookingCancelledByStaffEmail({
          to: reg.email,
          name: reg.name,
          session: emailSession(found.session),
          wasWaiting: reg.status === "waiting",
          reason,
        }),
      );
    }
    if (reg.status === "confirmed") await promoteFromWaitingList(tx, sessionId, baseUrl);
    return "done";
  });
}

/**
 * A lead gives someone on the waiting list a place out of turn (a school's only safeguarding lead,
 * say). Places left are filled from the front of the queue automatically, so this is for a full
 * session: the session gains one place for them, and the history records who and why.
 */
export async function moveFromWaitingList(
  db: DB,
  viewer: Viewer,
  sessionId: string,
  registrationId: string,
  reason: string,
  baseUrl: string,
): Promise<BookerChange> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const found = await openFor(tx, sessionId);
    if (!found) return "not_found";
    if (!found.live) return "closed";
    const reg = await tx
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", registrationId)
      .where("session_id", "=", sessionId)
      .executeTakeFirst();
    if (!reg) return "not_found";
    if (reg.status !== "waiting") return { message: `${reg.name} is not on the waiting list` };
    const confirmed = found.session.confirmed;
    const capacity = Math.max(found.session.capacity, confirmed + 1);
    const token = generateToken();
    const t = nowIso();
    await tx
      .updateTable("delivery_sessions")
      .set({ capacity, updated_at: t })
      .where("id", "=", sessionId)
      .execute();
    await tx
      .updateTable("registrations")
      .set({
        status: "confirmed",
        promoted_at: t,
        updated_at: t,
        cancel_token_hash: hashToken(token),
      })
      .where("id", "=", reg.id)
      .execute();
    await event(tx, {
      sessionId,
      event: "moved_from_waiting_list",
      from: found.session.status,
      to: found.session.status,
      actor: viewer.userId,
      reason: `${reg.name}: ${reason}${capacity > found.session.capacity ? ` (places ${found.session.capacity} → ${capacity})` : ""}`,
    });
    if (reg.email) {
      const session = await getSessionWithPlaces(tx, sessionId);
      await enqueueEmail(
        tx,
        promotedEmail({
          to: reg.email,
          name: reg.name,
          session: emailSession(session!),
          cancelUrl: cancelUrl(baseUrl, token),
        }),
      );
    }
    return "done";
  });
}

/** Emails everyone booked (and, if asked, everyone waiting) a message from the lead. Returns how many. */
export async function emailBookers(
  db: DB,
  viewer: Viewer,
  sessionId: string,
  input: { subject: string; message: string; includeWaiting: boolean },
  baseUrl: string,
): Promise<number | "not_found" | "closed"> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const found = await openFor(tx, sessionId);
    if (!found) return "not_found";
    if (found.session.status === "cancelled") return "closed";
    const regs = await tx
      .selectFrom("registrations")
      .select(["name", "email"])
      .where("session_id", "=", sessionId)
      .where("status", "in", input.includeWaiting ? ["confirmed", "waiting"] : ["confirmed"])
      .where("email", "is not", null)
      .orderBy("created_at")
      .execute();
    const session = emailSession(found.session);
    for (const r of regs) {
      await enqueueEmail(
        tx,
        messageToBookersEmail({
          to: r.email!,
          name: r.name,
          session,
          subject: input.subject,
          message: input.message,
          sessionUrl: `${baseUrl}/sessions/open/${sessionId}`,
        }),
      );
    }
    await event(tx, {
      sessionId,
      event: "bookers_emailed",
      from: found.session.status,
      to: found.session.status,
      actor: viewer.userId,
      reason: `“${input.subject}” to ${regs.length} ${regs.length === 1 ? "person" : "people"}`,
    });
    return regs.length;
  });
}
