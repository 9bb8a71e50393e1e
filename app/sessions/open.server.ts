import { sessionsWithOffering } from "~/sessions/queries.server";
import { pageWindow, type Paged } from "~/utils/paging";
import { sql } from "kysely";
import { type DelayRule, reserveAttempt } from "~/auth/throttle.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { writeTransaction, type DB, type Queryable, type Tx } from "~/db/db.server";
import type { Audience, RegistrationStatus } from "~/db/schema";
import { enqueueEmail } from "~/email/outbox.server";
import { now, nowIso } from "~/utils/clock.server";
import { londonToUtc } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { audit } from "~/audit/audit.server";
import { AUDIENCES } from "./audiences";
import {
  alreadyBookedEmail,
  bookingBurstEmail,
  bookingEmail,
  confirmPlaceEmail,
  joiningLinkEmail,
  promotedEmail,
  reminderEmail,
  sessionCancelledEmail,
  sessionMovedEmail,
  sessionPostponedEmail,
  type EmailSession,
} from "./open-emails.server";

// Open sessions: listed publicly, booked without an account, with a waiting list once full.
// Every booking, cancellation and promotion runs in `writeTransaction`, so the count of confirmed
// places is read and written under one write lock: never one place too many.

export const OPEN_AUDIENCES: Audience[] = ["parents", "teachers", "vcse_staff"];

export interface OpenSessionFilters {
  district?: string;
  audience?: Audience;
  /** 'YYYY-MM-DD', London dates, inclusive */
  from?: string;
  to?: string;
}

/** Sessions with their places and bookings counted, published or not (staff pages, cancel links). */
function sessionsWithPlacesQuery(db: Queryable) {
  return sessionsWithOffering(db)
    .leftJoin("districts as d", "d.id", "s.district_id")
    .select((eb) => [
      "s.id",
      "s.starts_at",
      "s.ends_at",
      "s.status",
      "s.revision",
      "s.capacity",
      "s.venue",
      "s.room",
      "s.address",
      "s.postcode",
      "s.joining_link",
      "s.district_id",
      "d.name as district_name",
      "setting.name as setting_name",
      "setting.postcode as setting_postcode",
      "o.title",
      "o.description",
      "o.audience",
      "o.format",
      eb
        .selectFrom("registrations as r")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("r.session_id", "=", "s.id")
        .where("r.status", "=", "confirmed")
        .as("confirmed"),
      eb
        .selectFrom("registrations as r")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("r.session_id", "=", "s.id")
        .where("r.status", "=", "waiting")
        .as("waiting"),
    ]);
}

/** Sessions on the public list: the ones a lead has published. */
function openSessionsQuery(db: Queryable) {
  return sessionsWithPlacesQuery(db).where("s.is_open", "=", 1);
}

export type OpenSessionRow = Awaited<
  ReturnType<ReturnType<typeof sessionsWithPlacesQuery>["executeTakeFirstOrThrow"]>
>;

function shape(row: OpenSessionRow) {
  const confirmed = Number(row.confirmed ?? 0);
  return {
    ...row,
    confirmed,
    waiting: Number(row.waiting ?? 0),
    placesLeft: Math.max(0, row.capacity - confirmed),
    location:
      [row.room, row.venue ?? row.setting_name, row.address, row.postcode ?? row.setting_postcode]
        .filter(Boolean)
        .join(", ") || (row.format === "online" ? "Online" : "Venue to be confirmed"),
  };
}
export type OpenSession = ReturnType<typeof shape>;

/**
 * Sessions on one page of the public list. It was 50, a week's worth at ten times Norfolk's
 * programme; 25, as GOV.UK's finders page, keeps the busiest public page (phones on slow
 * connections among its readers) near half the size and under 15 ms of the server's time at a
 * hundred times the programme (issue 16). The filters narrow by district, audience and dates.
 */
export const OPEN_LIST_PAGE = 25;

/**
 * One page of the upcoming open sessions for the public list, soonest first, with how many there
 * are in all (the list used to stop silently at 200; issue 16, item 4).
 */
export async function listOpenSessions(
  db: Queryable,
  filters: OpenSessionFilters = {},
  page = 1,
): Promise<Paged<OpenSession>> {
  let q = openSessionsQuery(db)
    .where("s.status", "=", "scheduled")
    .where("s.starts_at", ">", nowIso())
    .where("o.audience", "in", OPEN_AUDIENCES);
  if (filters.district) q = q.where("s.district_id", "=", filters.district);
  if (filters.audience) q = q.where("o.audience", "=", filters.audience);
  if (filters.from)
    q = q.where("s.starts_at", ">=", londonToUtc(filters.from, "00:00").toISOString());
  if (filters.to) {
    const [y, m, d] = filters.to.split("-").map(Number);
    const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    q = q.where("s.starts_at", "<", londonToUtc(next, "00:00").toISOString());
  }
  const { limit, offset } = pageWindow(page, OPEN_LIST_PAGE);
  const [rows, count] = await Promise.all([
    q.orderBy("s.starts_at").orderBy("s.id").limit(limit).offset(offset).execute(),
    q
      .clearSelect()
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(shape), page, pageSize: OPEN_LIST_PAGE, total: Number(count.n) };
}

/** One open session (any status, so a cancelled or past one can say so). */
export async function getOpenSession(db: Queryable, id: string) {
  const row = await openSessionsQuery(db).where("s.id", "=", id).executeTakeFirst();
  return row ? shape(row) : undefined;
}

/**
 * One session with its places, published or not: for staff, and for people who already hold a
 * booking (their cancel link keeps working when a lead takes the session off the public list).
 */
export async function getSessionWithPlaces(db: Queryable, id: string) {
  const row = await sessionsWithPlacesQuery(db).where("s.id", "=", id).executeTakeFirst();
  return row ? shape(row) : undefined;
}

export async function filterOptions(db: Queryable) {
  const districts = await db
    .selectFrom("districts")
    .select(["id", "name"])
    .where("valid_to", "is", null)
    .orderBy("name")
    .execute();
  const audiences = AUDIENCES.filter((a) => OPEN_AUDIENCES.includes(a.name)).map((a) => ({
    name: a.name,
    label: a.label,
  }));
  return { districts, audiences };
}

export function isBookable(s: Pick<OpenSession, "status" | "starts_at">) {
  return s.status === "scheduled" && Date.parse(s.starts_at) > now().getTime();
}

export function emailSession(s: OpenSession): EmailSession {
  return {
    id: s.id,
    title: s.title,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    location: s.location,
    joiningLink: s.joining_link,
    revision: s.revision,
  };
}

/**
 * A created_at strictly after every other registration's for the session, so the waiting list has
 * one order even when many bookings arrive within the same millisecond (we hold the write lock).
 */
async function nextCreatedAt(tx: Tx, sessionId: string) {
  const latest = await tx
    .selectFrom("registrations")
    .select((eb) => eb.fn.max("created_at").as("latest"))
    .where("session_id", "=", sessionId)
    .executeTakeFirst();
  const t = now().getTime();
  const last = latest?.latest ? Date.parse(latest.latest as string) : 0;
  return new Date(Math.max(t, last + 1)).toISOString();
}

async function countConfirmed(tx: Queryable, sessionId: string) {
  const row = await tx
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("session_id", "=", sessionId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function waitingPosition(tx: Queryable, sessionId: string, createdAt: string) {
  const row = await tx
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("session_id", "=", sessionId)
    .where("status", "=", "waiting")
    .where("created_at", "<=", createdAt)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type BookingResult =
  /** registrationId null: the address already had a place; the page answers as for a new booking. */
  | {
      ok: true;
      status: "confirmed" | "waiting" | "held";
      position: number | null;
      registrationId: string | null;
    }
  | {
      ok: false;
      reason: "not_found" | "not_bookable" | "already_booked";
      status?: RegistrationStatus;
      position?: number | null;
    }
  | { ok: false; reason: "too_many"; retryAfterSeconds: number };

/** Bookings one address may make before it must wait (counted in the sign-in throttle's table). */
export const BOOKING_LIMITS = {
  perAddressPerSession: { free: 4, firstDelayMs: 15 * 60_000, maxDelayMs: 60 * 60_000 },
  perAddress: { free: 30, firstDelayMs: 15 * 60_000, maxDelayMs: 60 * 60_000 },
} satisfies Record<string, DelayRule>;

/**
 * A burst (issue 11, finding 7): this many bookings for one session within `windowMs`, from any
 * addresses, and each further one that would take a place is held for `holdMs` until the booker
 * follows an emailed link. A place on the waiting list takes no place, so it is answered as usual
 * but marked: when a place comes up for it, that place is held until the booker confirms (so a
 * bot's waiting entries are never promoted into places unconfirmed).
 * The programme's leads are emailed once per `alertEveryMs`. People booking at a normal pace
 * never reach it.
 */
export const BURST = {
  bookings: 5,
  windowMs: 60_000,
  holdMs: 30 * 60_000,
  alertEveryMs: 60 * 60_000,
};

async function inBurst(tx: Tx, sessionId: string) {
  const since = new Date(now().getTime() - BURST.windowMs).toISOString();
  const row = await tx
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("session_id", "=", sessionId)
    .where("is_walk_in", "=", 0)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n) >= BURST.bookings ? Number(row.n) + 1 : 0;
}

/** Emails the programme's leads about a burst, unless they were told within the last hour. */
async function alertLeadsOfBurst(tx: Tx, session: OpenSession, bookings: number, baseUrl: string) {
  const since = new Date(now().getTime() - BURST.alertEveryMs).toISOString();
  const recent = await tx
    .selectFrom("audit_log")
    .select("id")
    .where("action", "=", "booking.burst")
    .where("subject_id", "=", session.id)
    .where("at", ">", since)
    .executeTakeFirst();
  if (recent) return;
  await audit(tx, {
    actorUserId: null,
    action: "booking.burst",
    subjectType: "session",
    subjectId: session.id,
    detail: { bookings },
  });
  const leads = await tx
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .select("users.email")
    .distinct()
    .where("memberships.role", "=", "programme_lead")
    .where("users.disabled_at", "is", null)
    .execute();
  for (const l of leads)
    await enqueueEmail(
      tx,
      bookingBurstEmail({
        to: l.email,
        session: emailSession(session),
        bookings,
        sessionUrl: `${baseUrl}/sessions/${session.id}/bookers`,
      }),
    );
}

/**
 * Holds that ran out without the link being followed: the booking is cancelled and, if it held a
 * place, the waiting list moves up. Run by the open-session jobs; returns how many were freed.
 */
export async function releaseExpiredHolds(db: DB, baseUrl: string): Promise<number> {
  return writeTransaction(db, async (tx) => {
    const t = nowIso();
    const expired = await tx
      .selectFrom("registrations")
      .select(["id", "session_id", "status"])
      .where("held_until", "is not", null)
      .where("held_until", "<=", t)
      .where("status", "in", ["confirmed", "waiting"])
      .execute();
    for (const r of expired) {
      await tx
        .updateTable("registrations")
        .set({ status: "cancelled", cancelled_at: t, updated_at: t, held_until: null })
        .where("id", "=", r.id)
        .execute();
    }
    for (const sessionId of new Set(
      expired.filter((r) => r.status === "confirmed").map((r) => r.session_id),
    ))
      await promoteFromWaitingList(tx, sessionId, baseUrl);
    return expired.length;
  });
}

export type ConfirmHoldResult =
  | { ok: true; sessionId: string; status: "confirmed" | "waiting"; position: number | null }
  | { ok: false; reason: "not_found" | "expired" };

/** The held booking behind an emailed link, if the link still works. */
export async function findHold(db: Queryable, token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const r = await db
    .selectFrom("registrations")
    .select(["id", "session_id", "status", "held_until"])
    .where("confirm_token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!r) return null;
  const session = await getOpenSession(db, r.session_id);
  if (!session) return null;
  // A freed hold keeps its link's hash (and no held_until), so a late click says the time ran out.
  const live =
    !!r.held_until && Date.parse(r.held_until) > now().getTime() && r.status !== "cancelled";
  return { registration: r, session, live };
}

/** The booker followed the link in time: the booking stands, and the usual email (with the cancel link) goes. */
export async function confirmHold(
  db: DB,
  token: string,
  baseUrl: string,
): Promise<ConfirmHoldResult> {
  return writeTransaction(db, async (tx) => {
    const found = await findHold(tx, token);
    if (!found) return { ok: false, reason: "not_found" };
    if (!found.live) return { ok: false, reason: "expired" };
    const r = await tx
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", found.registration.id)
      .executeTakeFirstOrThrow();
    const cancelToken = generateToken();
    await tx
      .updateTable("registrations")
      .set({
        held_until: null,
        confirm_token_hash: null,
        cancel_token_hash: hashToken(cancelToken),
        updated_at: nowIso(),
      })
      .where("id", "=", r.id)
      .execute();
    const status = r.status as "confirmed" | "waiting";
    const position =
      status === "waiting" ? await waitingPosition(tx, r.session_id, r.created_at) : null;
    if (r.email)
      await enqueueEmail(
        tx,
        bookingEmail({
          to: r.email,
          name: r.name,
          session: emailSession(found.session),
          status,
          position,
          cancelUrl: cancelUrl(baseUrl, cancelToken),
        }),
      );
    return { ok: true, sessionId: r.session_id, status, position };
  });
}

/**
 * On PostgreSQL a SERIALIZABLE transaction may be refused when bookings collide (SQLSTATE 40001):
 * it is retried, a few times, from the start. On SQLite the write lock makes this never happen.
 */
async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== "40001" && code !== "40P01") || i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}

/**
 * Books a place, or a place on the waiting list when the session is full. The confirmation (with
 * the .ics invite and a single-purpose cancel link) goes into the outbox in the same transaction.
 */
export async function bookOpenSession(
  db: DB,
  input: {
    sessionId: string;
    name: string;
    email: string;
    organisationName?: string | null;
    accessNeeds?: string | null;
    baseUrl: string;
    ip?: string;
    honeypot?: string | null;
  },
): Promise<BookingResult> {
  // A bot that fills the field people never see is answered as if booked, and nothing is kept.
  if (input.honeypot?.trim())
    return { ok: true, status: "confirmed", position: null, registrationId: null };
  if (input.ip) {
    // A person books a place or two; a bot at one address books many (issue 11, finding 7).
    const allowed = await reserveAttempt(db, [
      { key: `booking:${input.ip}:${input.sessionId}`, rule: BOOKING_LIMITS.perAddressPerSession },
      { key: `booking:${input.ip}`, rule: BOOKING_LIMITS.perAddress },
    ]);
    if (!allowed.ok)
      return { ok: false, reason: "too_many", retryAfterSeconds: allowed.retryAfterSeconds };
  }
  return withRetry(() =>
    writeTransaction(db, async (tx) => {
      const session = await getOpenSession(tx, input.sessionId);
      if (!session || !OPEN_AUDIENCES.includes(session.audience))
        return { ok: false, reason: "not_found" };
      if (!isBookable(session)) return { ok: false, reason: "not_bookable" };
      const email = input.email.trim().toLowerCase();
      const existing = await tx
        .selectFrom("registrations")
        .select(["status", "created_at"])
        .where("session_id", "=", session.id)
        .where("email", "=", email)
        .where("status", "in", ["confirmed", "waiting"])
        .executeTakeFirst();
      const confirmed = await countConfirmed(tx, session.id);
      if (existing) {
        // The page answers as it would for anyone, so it never tells a visitor that a named person
        // booked a session on child exploitation (issue 11, finding 12); the person is told by email.
        const position =
          existing.status === "waiting"
            ? await waitingPosition(tx, session.id, existing.created_at)
            : null;
        await enqueueEmail(
          tx,
          alreadyBookedEmail({
            to: email,
            session: emailSession(session),
            status: existing.status as "confirmed" | "waiting",
            position,
          }),
        );
        // In a burst a new booking for a free place is answered "held": so is this one.
        if (confirmed < session.capacity && (await inBurst(tx, session.id)))
          return { ok: true, status: "held", position: null, registrationId: null };
        if (confirmed < session.capacity)
          return { ok: true, status: "confirmed", position: null, registrationId: null };
        const waiting = await tx
          .selectFrom("registrations")
          .select(({ fn }) => fn.countAll<number>().as("n"))
          .where("session_id", "=", session.id)
          .where("status", "=", "waiting")
          .executeTakeFirst();
        return {
          ok: true,
          status: "waiting",
          position: Number(waiting?.n ?? 0) + 1,
          registrationId: null,
        };
      }
      const status: RegistrationStatus = confirmed < session.capacity ? "confirmed" : "waiting";
      const token = generateToken();
      const id = newId();
      // Only a booking that takes a place is held now: a waiting one is held if a place comes up.
      const inABurst = await inBurst(tx, session.id);
      const burst = status === "confirmed" ? inABurst : 0;
      const confirmToken = burst ? generateToken() : null;
      const heldUntil = burst ? new Date(now().getTime() + BURST.holdMs).toISOString() : null;
      const createdAt = await nextCreatedAt(tx, session.id);
      await tx
        .insertInto("registrations")
        .values({
          id,
          session_id: session.id,
          name: input.name.trim(),
          email,
          organisation_name: input.organisationName?.trim() || null,
          organisation_id: null,
          user_id: null,
          access_needs: input.accessNeeds?.trim() || null,
          status,
          is_walk_in: 0,
          attendance: null,
          cancel_token_hash: hashToken(token),
          reminder_sent_at: null,
          promoted_at: null,
          cancelled_at: null,
          anonymised_at: null,
          created_at: createdAt,
          updated_at: createdAt,
          held_until: heldUntil,
          confirm_token_hash: confirmToken ? hashToken(confirmToken) : null,
          confirm_on_promotion: status === "waiting" && inABurst ? 1 : 0,
        })
        .execute();
      if (status === "waiting" && inABurst)
        await alertLeadsOfBurst(tx, session, inABurst, input.baseUrl);
      if (burst) {
        // The place is kept; the booking stands only once the emailed link is followed.
        await enqueueEmail(
          tx,
          confirmPlaceEmail({
            to: email,
            name: input.name.trim(),
            session: emailSession(session),
            confirmUrl: `${input.baseUrl}/sessions/open/confirm/${confirmToken}`,
            heldUntil: heldUntil!,
          }),
        );
        await alertLeadsOfBurst(tx, session, burst, input.baseUrl);
        return { ok: true, status: "held" as const, position: null, registrationId: id };
      }
      const position =
        status === "waiting" ? await waitingPosition(tx, session.id, createdAt) : null;
      await enqueueEmail(
        tx,
        bookingEmail({
          to: email,
          name: input.name.trim(),
          session: emailSession(session),
          status,
          position,
          cancelUrl: cancelUrl(input.baseUrl, token),
        }),
      );
      return { ok: true, status: status as "confirmed" | "waiting", position, registrationId: id };
    }),
  );
}

export function cancelUrl(baseUrl: string, token: string) {
  return `${baseUrl}/sessions/open/cancel/${token}`;
}

/** What a cancel link points at, for the confirmation page. Undefined if the link is not one of ours. */
export async function findByCancelToken(db: Queryable, token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  const reg = await db
    .selectFrom("registrations")
    .select(["id", "session_id", "status", "name", "created_at", "cancelled_at"])
    .where("cancel_token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!reg) return undefined;
  const session = await getSessionWithPlaces(db, reg.session_id);
  if (!session) return undefined;
  const position =
    reg.status === "waiting" ? await waitingPosition(db, reg.session_id, reg.created_at) : null;
  return { registration: reg, session, position };
}

export type CancelResult =
  | { ok: true; wasStatus: "confirmed" | "waiting"; promotedId: string | null }
  | { ok: false; reason: "not_found" | "already_cancelled" | "past" };

/**
 * Cancels the place a cancel link belongs to. If it held a confirmed place, the first person on the
 * waiting list (created_at order) is promoted and emailed, all in one write transaction.
 */
export async function cancelByToken(db: DB, token: string, baseUrl: string): Promise<CancelResult> {
  if (!/^[a-z2-7]{32}$/.test(token)) return { ok: false, reason: "not_found" };
  return withRetry(() =>
    writeTransaction(db, async (tx) => {
      const reg = await tx
        .selectFrom("registrations")
        .selectAll()
        .where("cancel_token_hash", "=", hashToken(token))
        .executeTakeFirst();
      if (!reg) return { ok: false, reason: "not_found" };
      if (reg.status === "cancelled") return { ok: false, reason: "already_cancelled" };
      const session = await getSessionWithPlaces(tx, reg.session_id);
      if (!session) return { ok: false, reason: "not_found" };
      if (Date.parse(session.starts_at) <= now().getTime()) return { ok: false, reason: "past" };
      const t = nowIso();
      await tx
        .updateTable("registrations")
        .set({ status: "cancelled", cancelled_at: t, updated_at: t })
        .where("id", "=", reg.id)
        .execute();
      const promotedId =
        reg.status === "confirmed" && session.status === "scheduled"
          ? await promoteFromWaitingList(tx, session.id, baseUrl)
          : null;
      return { ok: true, wasStatus: reg.status as "confirmed" | "waiting", promotedId };
    }),
  );
}

/**
 * Fills free places from the waiting list, first come first served, emailing each person promoted.
 * Call inside a write transaction. Returns the first promoted registration's id (or null).
 */
export async function promoteFromWaitingList(
  tx: Tx,
  sessionId: string,
  baseUrl: string,
): Promise<string | null> {
  const session = await getSessionWithPlaces(tx, sessionId);
  if (!session || !isBookable(session)) return null;
  let free = session.capacity - (await countConfirmed(tx, sessionId));
  let first: string | null = null;
  while (free > 0) {
    const next = await tx
      .selectFrom("registrations")
      .selectAll()
      .where("session_id", "=", sessionId)
      .where("status", "=", "waiting")
      .where("held_until", "is", null)
      .orderBy("created_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!next) break;
    const t = nowIso();
    if (next.confirm_on_promotion === 1) {
      // Waited from a burst: the place is held until the emailed link is followed, and freed (to
      // the next in line) when the hold runs out, as for a place booked in a burst.
      const confirmToken = generateToken();
      const heldUntil = new Date(now().getTime() + BURST.holdMs).toISOString();
      await tx
        .updateTable("registrations")
        .set({
          status: "confirmed",
          promoted_at: t,
          updated_at: t,
          held_until: heldUntil,
          confirm_token_hash: hashToken(confirmToken),
          confirm_on_promotion: 0,
        })
        .where("id", "=", next.id)
        .where("status", "=", "waiting")
        .execute();
      if (next.email) {
        await enqueueEmail(
          tx,
          confirmPlaceEmail({
            to: next.email,
            name: next.name,
            session: emailSession(session),
            confirmUrl: `${baseUrl}/sessions/open/confirm/${confirmToken}`,
            heldUntil,
            promoted: true,
          }),
        );
      }
    } else {
      // A new cancel link: only its hash is stored, so the old one cannot be sent again. It replaces it.
      const token = generateToken();
      await tx
        .updateTable("registrations")
        .set({
          status: "confirmed",
          promoted_at: t,
          updated_at: t,
          cancel_token_hash: hashToken(token),
        })
        .where("id", "=", next.id)
        .where("status", "=", "waiting")
        .execute();
      if (next.email) {
        await enqueueEmail(
          tx,
          promotedEmail({
            to: next.email,
            name: next.name,
            session: emailSession(session),
            cancelUrl: cancelUrl(baseUrl, token),
          }),
        );
      }
    }
    first ??= next.id;
    free--;
  }
  return first;
}

/**
 * For the scheduling capability: when a lead cancels a whole open session, email everyone who
 * holds a place or is waiting (with a calendar cancellation). Call inside the transaction that
 * changes the session's status. Returns how many were emailed.
 */
export async function notifyRegistrationsOfCancellation(
  tx: Queryable,
  sessionId: string,
  opts: { reason?: string | null } = {},
) {
  const session = await getOpenSession(tx, sessionId);
  if (!session) return 0;
  const regs = await liveRegistrations(tx, sessionId);
  for (const r of regs) {
    await enqueueEmail(
      tx,
      sessionCancelledEmail({
        to: r.email!,
        name: r.name,
        session: emailSession(session),
        wasWaiting: r.status === "waiting",
        reason: opts.reason ?? null,
      }),
    );
  }
  return regs.length;
}

/**
 * For the scheduling capability: when a lead moves or postpones an open session, email everyone
 * who holds a place or is waiting, bookers with a calendar file that replaces (or, postponed,
 * removes) the event they hold. Call inside the transaction that changes the session, after the
 * change (the file carries the new revision). Returns how many were emailed.
 */
export async function notifyRegistrationsOfChange(
  tx: Queryable,
  sessionId: string,
  change: "moved" | "postponed",
  opts: { reason?: string | null } = {},
) {
  const session = await getOpenSession(tx, sessionId);
  if (!session) return 0;
  const regs = await liveRegistrations(tx, sessionId);
  const make = change === "moved" ? sessionMovedEmail : sessionPostponedEmail;
  for (const r of regs) {
    await enqueueEmail(
      tx,
      make({
        to: r.email!,
        name: r.name,
        session: emailSession(session),
        wasWaiting: r.status === "waiting",
        reason: opts.reason ?? null,
      }),
    );
  }
  return regs.length;
}

async function liveRegistrations(tx: Queryable, sessionId: string) {
  return tx
    .selectFrom("registrations")
    .select(["id", "name", "email", "status"])
    .where("session_id", "=", sessionId)
    .where("status", "in", ["confirmed", "waiting"])
    .where("email", "is not", null)
    .orderBy("created_at")
    .execute();
}

export const REMINDER_HOURS = 48;

/**
 * Emails a reminder to each confirmed booker of an open session starting within 48 hours, once:
 * reminder_sent_at is set in the same transaction, only where it was still empty. People who booked
 * (or were promoted) inside the 48 hours have just had their confirmation and get no reminder.
 *
 * The reminder carries a cancel link (issue 17, item 9). Only a link's hash is stored, so the
 * confirmation's cannot be sent again: the reminder carries a new one that replaces it, as the
 * email on promotion and "send my booking details again" do. Its hash is written in the
 * transaction that claims the reminder and writes the email: the old link stops working only when
 * the email with the new one is sure to go.
 */
export async function sendDueReminders(db: DB, baseUrl: string): Promise<number> {
  const t = now().getTime();
  const horizon = new Date(t + REMINDER_HOURS * 3600_000).toISOString();
  const candidates = await db
    .selectFrom("registrations as r")
    .innerJoin("delivery_sessions as s", "s.id", "r.session_id")
    .select(["r.id", "r.created_at", "r.promoted_at", "s.starts_at", "s.id as session_id"])
    .where("s.is_open", "=", 1)
    .where("s.status", "=", "scheduled")
    .where("s.starts_at", ">", new Date(t).toISOString())
    .where("s.starts_at", "<=", horizon)
    .where("r.status", "=", "confirmed")
    .where("r.held_until", "is", null)
    .where("r.reminder_sent_at", "is", null)
    .where("r.email", "is not", null)
    .where("r.is_walk_in", "=", 0)
    .execute();
  let sent = 0;
  for (const c of candidates) {
    const windowOpens = Date.parse(c.starts_at) - REMINDER_HOURS * 3600_000;
    const placeSince = Date.parse(c.promoted_at ?? c.created_at);
    if (placeSince >= windowOpens) continue;
    const done = await writeTransaction(db, async (tx) => {
      const claimed = await tx
        .updateTable("registrations")
        .set({ reminder_sent_at: nowIso() })
        .where("id", "=", c.id)
        .where("reminder_sent_at", "is", null)
        .where("status", "=", "confirmed")
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const reg = await tx
        .selectFrom("registrations")
        .select(["name", "email"])
        .where("id", "=", c.id)
        .executeTakeFirstOrThrow();
      const session = await getOpenSession(tx, c.session_id);
      if (!session || !reg.email) return false;
      const token = generateToken();
      await tx
        .updateTable("registrations")
        .set({ cancel_token_hash: hashToken(token), updated_at: nowIso() })
        .where("id", "=", c.id)
        .execute();
      await enqueueEmail(
        tx,
        reminderEmail({
          to: reg.email,
          name: reg.name,
          session: emailSession(session),
          sessionUrl: `${baseUrl}/sessions/open/${session.id}`,
          cancelUrl: cancelUrl(baseUrl, token),
        }),
      );
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export const JOINING_LINK_HOURS = 24;

/**
 * The day before an online session, everyone with a place is sent its joining link (as the
 * offering promises), once each: joining_link_sent_at is claimed in the transaction that writes the
 * email, so overlapping rounds or several servers never send it twice. A person who booked inside
 * the day had the link in their confirmation.
 */
export async function sendJoiningLinks(db: DB, baseUrl: string): Promise<number> {
  const t = now().getTime();
  const horizon = new Date(t + JOINING_LINK_HOURS * 3600_000).toISOString();
  const candidates = await db
    .selectFrom("registrations as r")
    .innerJoin("delivery_sessions as s", "s.id", "r.session_id")
    .select(["r.id", "r.created_at", "r.promoted_at", "s.starts_at", "s.id as session_id"])
    .where("s.joining_link", "is not", null)
    .where("s.status", "=", "scheduled")
    .where("s.starts_at", ">", new Date(t).toISOString())
    .where("s.starts_at", "<=", horizon)
    .where("r.status", "=", "confirmed")
    .where("r.held_until", "is", null)
    .where("r.joining_link_sent_at", "is", null)
    .where("r.email", "is not", null)
    .execute();
  let sent = 0;
  for (const c of candidates) {
    const windowOpens = Date.parse(c.starts_at) - JOINING_LINK_HOURS * 3600_000;
    if (Date.parse(c.promoted_at ?? c.created_at) >= windowOpens) continue;
    const done = await writeTransaction(db, async (tx) => {
      const claimed = await tx
        .updateTable("registrations")
        .set({ joining_link_sent_at: nowIso() })
        .where("id", "=", c.id)
        .where("joining_link_sent_at", "is", null)
        .where("status", "=", "confirmed")
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const reg = await tx
        .selectFrom("registrations")
        .select(["name", "email"])
        .where("id", "=", c.id)
        .executeTakeFirstOrThrow();
      const session = await getSessionWithPlaces(tx, c.session_id);
      if (!session?.joining_link || !reg.email) return false;
      await enqueueEmail(
        tx,
        joiningLinkEmail({
          to: reg.email,
          name: reg.name,
          session: emailSession(session),
          sessionUrl: `${baseUrl}/sessions/open/${session.id}`,
        }),
      );
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/** Registrations of an open session, for the trainer's and lead's pages. */
export async function listRegistrations(db: Queryable, sessionId: string) {
  return db
    .selectFrom("registrations")
    .select([
      "id",
      "name",
      "email",
      "organisation_name",
      "access_needs",
      "status",
      "created_at",
      "promoted_at",
      "attendance",
    ])
    .where("session_id", "=", sessionId)
    .orderBy(sql`case status when 'confirmed' then 0 when 'waiting' then 1 else 2 end`)
    .orderBy("created_at")
    .execute();
}
