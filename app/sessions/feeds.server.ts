import { sessionsWithOffering } from "~/sessions/queries.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { now, nowIso } from "~/utils/clock.server";
import { calendarFile, type CalendarSession } from "./calendar.server";
import { placeOf, sessionTitle } from "./format";

export { placeOf, sessionTitle };

// Calendar files: each trainer's private feed (its token's hash only is stored; resetting it
// replaces the row so the old link stops working) and a single session's .ics download.

export interface SessionForCalendar {
  id: string;
  starts_at: string;
  ends_at: string;
  status: string;
  venue: string | null;
  room: string | null;
  title: string;
  setting_name: string | null;
  series_index: number | null;
  series_length: number | null;
  updated_at: string;
  revision: number;
}

export function toCalendarSession(s: SessionForCalendar, baseUrl: string): CalendarSession {
  return {
    uid: s.id,
    title: sessionTitle(s),
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    location: placeOf(s),
    url: `${baseUrl}/sessions/${s.id}`,
    description: `SOS+ / Momentum session booked through Lantern. Run-sheet: ${baseUrl}/sessions/${s.id}`,
    cancelled: s.status === "cancelled" || s.status === "postponed",
    // The session's revision, which every change raises by one (decision 076): unlike a time, it
    // rises for two changes in one second and never falls when the clock is stepped back.
    sequence: s.revision,
  };
}

export function calendarSessionsQuery(db: Queryable) {
  return sessionsWithOffering(db).select([
    "s.id",
    "s.starts_at",
    "s.ends_at",
    "s.status",
    "s.venue",
    "s.room",
    "s.series_index",
    "s.updated_at",
    "s.revision",
    "o.title",
    "o.series_length",
    "setting.name as setting_name",
  ]);
}

export async function sessionsForCalendar(db: Queryable, ids: string[]) {
  if (!ids.length) return [];
  return calendarSessionsQuery(db).where("s.id", "in", ids).orderBy("s.starts_at").execute();
}

export async function icsForSessions(
  db: Queryable,
  ids: string[],
  baseUrl: string,
  name = "Lantern session",
) {
  const rows = await sessionsForCalendar(db, ids);
  return calendarFile(
    name,
    rows.map((r) => toCalendarSession(r, baseUrl)),
  );
}

/**
 * Makes (or replaces) the trainer's feed token; returns the token, which is never stored. The
 * audit row is written in the same transaction, so no caller can make a feed unaudited.
 */
export async function resetFeedToken(
  db: DB,
  userId: string,
  ip: string | null = null,
): Promise<string> {
  const token = generateToken();
  await writeTransaction(db, async (tx) => {
    await tx.deleteFrom("calendar_feeds").where("user_id", "=", userId).execute();
    await tx
      .insertInto("calendar_feeds")
      .values({ user_id: userId, token_hash: hashToken(token), created_at: nowIso() })
      .execute();
    await audit(tx, {
      actorUserId: userId,
      action: "calendar_feed.reset",
      subjectType: "user",
      subjectId: userId,
      ip,
    });
  });
  return token;
}

export async function feedStatus(db: Queryable, userId: string) {
  return db
    .selectFrom("calendar_feeds")
    .select(["created_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function stopFeed(db: DB, userId: string, ip: string | null = null) {
  await writeTransaction(db, async (tx) => {
    await tx.deleteFrom("calendar_feeds").where("user_id", "=", userId).execute();
    await audit(tx, {
      actorUserId: userId,
      action: "calendar_feed.stopped",
      subjectType: "user",
      subjectId: userId,
      ip,
    });
  });
}

/** The feed for a token: the trainer's sessions from 60 days ago onward (cancelled ones marked so). */
export async function feedForToken(
  db: Queryable,
  token: string,
  baseUrl: string,
): Promise<string | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const feed = await db
    .selectFrom("calendar_feeds")
    .innerJoin("users", "users.id", "calendar_feeds.user_id")
    .select(["users.id", "users.name", "users.disabled_at"])
    .where("calendar_feeds.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!feed || feed.disabled_at) return null;
  // Only while they are a trainer: taking the role away ends the feed (issue 11).
  const trainer = await db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", feed.id)
    .where("role", "=", "trainer")
    .executeTakeFirst();
  if (!trainer) return null;
  const since = new Date(now().getTime() - 60 * 24 * 3600_000).toISOString();
  const rows = await calendarSessionsQuery(db)
    .innerJoin("session_trainers", "session_trainers.session_id", "s.id")
    .where("session_trainers.trainer_id", "=", feed.id)
    .where("s.starts_at", ">=", since)
    .orderBy("s.starts_at")
    .execute();
  return calendarFile(
    `Lantern — ${feed.name}`,
    rows.map((r) => toCalendarSession(r, baseUrl)),
  );
}
