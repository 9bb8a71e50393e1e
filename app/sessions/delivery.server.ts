import { renderInBackground } from "~/certificates/certificates.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { sessionsWithOffering } from "~/sessions/queries.server";
import type { Certificate } from "~/db/schema";
import { now, nowIso } from "~/utils/clock.server";
import { addDays, londonToUtc } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { pageWindow } from "~/utils/paging";
import { issueSessionCertificates } from "./certificates.server";
import { classLabel, compareClasses } from "./classes.server";
import { timeline } from "./requests.server";
import type { Viewer } from "./scope.server";

// Sessions as trainers and leads see them: "my schedule", the week view, the run-sheet, attendance
// and "mark delivered". Trainers see only sessions they are assigned to; leads see all; school
// coordinators may read their own schools' sessions (for the .ics download) but change nothing.

function sessionsQuery(db: Queryable) {
  return sessionsWithOffering(db)
    .innerJoin("programmes", "programmes.id", "s.programme_id")
    .leftJoin("districts", "districts.id", "s.district_id")
    .select([
      "s.id",
      "s.starts_at",
      "s.ends_at",
      "s.status",
      "s.venue",
      "s.room",
      "s.setting_id",
      "s.is_open",
      "s.capacity",
      "s.series_id",
      "s.series_index",
      "s.walk_ins",
      "s.delivered_at",
      "s.booking_request_id",
      "s.updated_at",
      "o.title",
      "o.audience",
      "o.format",
      "o.series_length",
      "programmes.name as programme_name",
      "setting.name as setting_name",
      "districts.name as district_name",
    ]);
}

type SessionsQuery = ReturnType<typeof sessionsQuery>;

/** Whose sessions a viewer may see: all, a trainer's own, or (read only) their schools'. */
type Scope = { all: true } | { trainerId: string } | { schoolIds: string[] };

function scopeOf(viewer: Viewer, opts: { readOnly?: boolean } = {}): Scope | null {
  if (viewer.all) return { all: true };
  if (viewer.trainer) return { trainerId: viewer.userId };
  if (opts.readOnly && viewer.schoolIds.length) return { schoolIds: viewer.schoolIds };
  return null;
}

function assignedTo(db: Queryable, trainerId: string) {
  return db
    .selectFrom("session_trainers")
    .select("session_trainers.session_id")
    .where("session_trainers.trainer_id", "=", trainerId);
}

function scoped(
  q: SessionsQuery,
  viewer: Viewer,
  opts: { readOnly?: boolean } = {},
): SessionsQuery | null {
  const scope = scopeOf(viewer, opts);
  if (!scope) return null;
  if ("trainerId" in scope) {
    const trainerId = scope.trainerId;
    return q.where("s.id", "in", (eb) =>
      eb
        .selectFrom("session_trainers")
        .select("session_trainers.session_id")
        .where("session_trainers.trainer_id", "=", trainerId),
    );
  }
  if ("schoolIds" in scope) return q.where("s.setting_id", "in", scope.schoolIds);
  return q;
}

async function trainersOf(db: Queryable, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom("session_trainers")
    .innerJoin("users", "users.id", "session_trainers.trainer_id")
    .select(["session_trainers.session_id", "users.id", "users.name"])
    .where("session_trainers.session_id", "in", ids)
    .orderBy("users.name")
    .execute();
}

type SessionFilter = { from?: string; to?: string; statuses?: string[]; trainerId?: string };

/**
 * The sessions a list shows, from the sessions table alone: scope and filters only read the
 * session's own columns, so a page of ids and the count come from an index without joining each of
 * thousands of rows to its offering and programme (at a hundred times the programme's size the
 * joined count and page cost 5 ms of a lead's page; issue 16). Lists are for staff: the school
 * coordinators' read-only scope is not one of them.
 */
function filteredSessions(db: Queryable, viewer: Viewer, opts: SessionFilter) {
  const scope = scopeOf(viewer);
  if (!scope) return undefined;
  let q = db.selectFrom("delivery_sessions as s");
  if ("trainerId" in scope) q = q.where("s.id", "in", assignedTo(db, scope.trainerId));
  if (opts.from) q = q.where("s.ends_at", ">", opts.from);
  if (opts.to) q = q.where("s.starts_at", "<", opts.to);
  if (opts.statuses?.length) q = q.where("s.status", "in", opts.statuses as never[]);
  if (opts.trainerId) q = q.where("s.id", "in", assignedTo(db, opts.trainerId));
  return q;
}

/** How many sessions listSessions would give without a limit, for "showing 1 to 50 of 2,685". */
export async function countSessions(
  db: Queryable,
  viewer: Viewer,
  opts: SessionFilter = {},
): Promise<number> {
  const q = filteredSessions(db, viewer, opts);
  if (!q) return 0;
  const row = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Sessions in the viewer's scope between two instants, in time order, each with its trainers. */
export async function listSessions(
  db: Queryable,
  viewer: Viewer,
  opts: SessionFilter & { limit?: number; offset?: number; newestFirst?: boolean } = {},
) {
  const q = filteredSessions(db, viewer, opts);
  if (!q) return [];
  const direction = opts.newestFirst ? "desc" : "asc";
  // Newest first is ordered by the database, so a limit keeps the most recent (issue 12, item 8).
  // The page's ids are chosen first, then only those sessions are read with their offering.
  const page = q
    .select("s.id")
    .orderBy("s.starts_at", direction)
    .orderBy("s.id")
    .limit(opts.limit ?? 500)
    .offset(opts.offset ?? 0);
  const rows = await sessionsQuery(db)
    .where("s.id", "in", page)
    .orderBy("s.starts_at", direction)
    .orderBy("s.id")
    .execute();
  const trainers = await trainersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    trainers: trainers.filter((t) => t.session_id === r.id).map((t) => t.name),
  }));
}

/** A row of a list of sessions: only what the lists show (issue 16, item 6). */
function listedSession(s: Awaited<ReturnType<typeof listSessions>>[number]) {
  return {
    id: s.id,
    starts_at: s.starts_at,
    ends_at: s.ends_at,
    title: s.title,
    series_index: s.series_index,
    series_length: s.series_length,
    place: s.setting_name ?? s.venue,
    district_name: s.district_name,
    trainers: s.trainers,
    status: s.status,
  };
}
export type ListedSession = ReturnType<typeof listedSession>;

/**
 * Rows on a page of "Sessions" and "My schedule". It was 200, so a term fitted on a page or two, but
 * with the sessions waiting for attendance that made a lead's page 230 KB and 45 ms of server time
 * at a hundred times the programme's size (issue 16): 50, as the other lists.
 */
export const SCHEDULE_PAGE = 50;
/** The latest sessions waiting for attendance shown above "Coming up" (the heading gives how many). */
export const TO_RECORD_SHOWN = 20;

/**
 * The lead's "Sessions" or a trainer's "My schedule": upcoming sessions soonest first (or past ones
 * newest first), a page at a time with the whole count, so nothing drops off the end unsaid (issue
 * 12, item 8; issue 16, item 4); and on the first page of upcoming ones, the past sessions still
 * waiting for attendance, newest first.
 */
export async function scheduleListing(
  db: Queryable,
  viewer: Viewer,
  opts: { past: boolean; page: number },
) {
  const t = nowIso();
  const filter = opts.past ? { to: t } : { from: t, statuses: ["scheduled", "postponed"] };
  const toRecordFilter = { to: t, statuses: ["scheduled"] };
  const showToRecord = !opts.past && opts.page === 1;
  const [rows, total, toRecord, toRecordTotal] = await Promise.all([
    listSessions(db, viewer, {
      ...filter,
      newestFirst: opts.past,
      ...pageWindow(opts.page, SCHEDULE_PAGE),
    }),
    countSessions(db, viewer, filter),
    showToRecord
      ? listSessions(db, viewer, { ...toRecordFilter, newestFirst: true, limit: TO_RECORD_SHOWN })
      : [],
    showToRecord ? countSessions(db, viewer, toRecordFilter) : 0,
  ]);
  return {
    sessions: {
      rows: rows.map(listedSession),
      page: opts.page,
      pageSize: SCHEDULE_PAGE,
      total,
    },
    toRecord: toRecord.map(listedSession),
    toRecordTotal,
  };
}

/** Monday of the London week containing a date ('YYYY-MM-DD'). */
export function mondayOf(isoDay: string) {
  const [y, m, d] = isoDay.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(y, m - 1, d - back)).toISOString().slice(0, 10);
}

/** The seven London days of a week and the viewer's sessions in it. */
export async function weekOf(db: Queryable, viewer: Viewer, monday: string, trainerId?: string) {
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const from = londonToUtc(days[0], "00:00").toISOString();
  const to = londonToUtc(addDays(monday, 7), "00:00").toISOString();
  const sessions = await listSessions(db, viewer, {
    from,
    to,
    trainerId,
    statuses: ["scheduled", "delivered", "postponed", "cancelled"],
  });
  return { days, sessions };
}

export type SessionAccess = "manage" | "deliver" | "read";

/**
 * What the viewer may do with one session, by the same scope as every list and page of sessions;
 * undefined when it is not theirs to see (or does not exist: callers answer both with 404).
 */
export async function sessionAccess(
  db: Queryable,
  viewer: Viewer,
  id: string,
): Promise<SessionAccess | undefined> {
  const q = scoped(sessionsQuery(db), viewer, { readOnly: true });
  if (!q) return undefined;
  const s = await q.clearSelect().select("s.id").where("s.id", "=", id).executeTakeFirst();
  if (!s) return undefined;
  if (viewer.all) return "manage";
  return viewer.trainer && (await trainersOf(db, [id])).some((t) => t.id === viewer.userId)
    ? "deliver"
    : "read";
}

/** One session in the viewer's scope, with what they may do; undefined when it is not theirs to see. */
export async function getSession(db: Queryable, viewer: Viewer, id: string) {
  const q = scoped(sessionsQuery(db), viewer, { readOnly: true });
  if (!q) return undefined;
  const s = await q.where("s.id", "=", id).executeTakeFirst();
  if (!s) return undefined;
  const trainers = await trainersOf(db, [id]);
  const access: SessionAccess = viewer.all
    ? "manage"
    : viewer.trainer && trainers.some((t) => t.id === viewer.userId)
      ? "deliver"
      : "read";
  const classes = await db
    .selectFrom("session_classes")
    .innerJoin("classes", "classes.id", "session_classes.class_id")
    .select([
      "classes.id",
      "classes.year_group",
      "classes.name",
      "classes.pupil_count",
      "classes.access_needs",
      "session_classes.pupils_attended",
    ])
    .where("session_classes.session_id", "=", id)
    .execute();
  const registrations = await db
    .selectFrom("registrations")
    .select([
      "id",
      "name",
      "organisation_name",
      "access_needs",
      "status",
      "attendance",
      "is_walk_in",
      "anonymised_at",
    ])
    .where("session_id", "=", id)
    .where("status", "=", "confirmed")
    .orderBy("name")
    .execute();
  const series = s.series_id
    ? await db
        .selectFrom("delivery_sessions")
        .select(["id", "series_index", "starts_at", "status"])
        .where("series_id", "=", s.series_id)
        .orderBy("series_index")
        .execute()
    : [];
  const events = await timeline(db, { requestId: s.booking_request_id, sessionIds: [id] });
  const request = s.booking_request_id
    ? await db
        .selectFrom("booking_requests")
        .leftJoin("users", "users.id", "booking_requests.requested_by")
        .select([
          "booking_requests.notes",
          "users.name as coordinator_name",
          "users.email as coordinator_email",
        ])
        .where("booking_requests.id", "=", s.booking_request_id)
        .executeTakeFirst()
    : undefined;
  const place = await venueDetails(db, id);
  return {
    session: s,
    access,
    place,
    trainers: trainers.map((t) => ({ id: t.id, name: t.name })),
    classes: [...classes].sort(compareClasses).map((c) => ({
      id: c.id,
      label: classLabel(c),
      pupilCount: c.pupil_count,
      accessNeeds: c.access_needs,
      attended: c.pupils_attended,
    })),
    registrations,
    series,
    events: access === "read" ? [] : events,
    request: request ?? null,
  };
}

/**
 * How to get to a session and whom to ring there, for the run-sheet (issue 17, item 8): the
 * session's own address and postcode when it has them (a venue that is not a school), otherwise the
 * school's; the school's phone for visits.
 */
async function venueDetails(db: Queryable, sessionId: string) {
  const row = await db
    .selectFrom("delivery_sessions")
    .leftJoin("organisations", "organisations.id", "delivery_sessions.setting_id")
    .select([
      "delivery_sessions.address as session_address",
      "delivery_sessions.postcode as session_postcode",
      "organisations.address as setting_address",
      "organisations.postcode as setting_postcode",
      "organisations.contact_phone",
    ])
    .where("delivery_sessions.id", "=", sessionId)
    .executeTakeFirst();
  const own = !!(row?.session_address || row?.session_postcode);
  return {
    address: (own ? row?.session_address : row?.setting_address) ?? null,
    postcode: (own ? row?.session_postcode : row?.setting_postcode) ?? null,
    phone: row?.contact_phone ?? null,
  };
}

export type AttendanceInput = {
  classCounts: Record<string, number>;
  registrations: Record<string, "attended" | "no_show">;
  walkIns: number;
  /** Walk-ins written in by name (and email, for a certificate): kept as walk-in registrations. */
  namedWalkIns?: { name: string; email: string | null; organisation: string | null }[];
};

export type AttendanceResult =
  { ok: true } | { ok: false; field: string; message: string } | "not_found" | "forbidden";

/** Records attendance: per-class counts for pupil sessions; attended / no-show and walk-ins otherwise.
 *  Changed after the session was marked delivered, it issues the certificates of anyone newly
 *  recorded as attending (one already issued is kept: a lead revokes it if it was a mistake). */
export async function recordAttendance(
  db: DB,
  viewer: Viewer,
  id: string,
  input: AttendanceInput,
  opts: { baseUrl?: string } = {},
): Promise<AttendanceResult> {
  const found = await getSession(db, viewer, id);
  if (!found) return "not_found";
  if (found.access === "read") return "forbidden";
  const { session, classes, registrations } = found;
  if (session.status === "cancelled" || session.status === "postponed")
    return {
      ok: false,
      field: "",
      message: "This session is not going ahead, so attendance cannot be recorded.",
    };
  if (Date.parse(session.starts_at) > now().getTime())
    return {
      ok: false,
      field: "",
      message: "Attendance can be recorded once the session has started.",
    };
  // Pupils are counted by class: with no class linked there is nobody to count, and saving would
  // let the session be delivered with nobody reached (issue 12, item 12).
  if (session.audience === "pupils" && classes.length === 0)
    return { ok: false, field: "", message: NO_CLASSES };
  for (const c of classes) {
    const n = input.classCounts[c.id];
    if (n === undefined || !Number.isInteger(n) || n < 0)
      return {
        ok: false,
        field: `class-${c.id}`,
        message: `Enter how many pupils from ${c.label} attended`,
      };
    if (n > c.pupilCount)
      return {
        ok: false,
        field: `class-${c.id}`,
        message: `${c.label} has ${c.pupilCount} pupils, so no more than ${c.pupilCount} can have attended`,
      };
  }
  for (const r of registrations) {
    if (!input.registrations[r.id])
      return { ok: false, field: `reg-${r.id}`, message: `Choose whether ${r.name} attended` };
  }
  // Pupils are counted, never named.
  const named = session.audience === "pupils" ? [] : (input.namedWalkIns ?? []);
  const t = nowIso();
  const issued = await writeTransaction(db, async (tx) => {
    // A walk-in named here is a walk-in registration recorded as attending: it counts as one person
    // reached like any attendee, and earns a certificate where the audience does, the same way as
    // a booker (issue 17, item 8). Walk-ins not named stay a count on the session.
    if (named.length)
      await tx
        .insertInto("registrations")
        .values(
          named.map((w) => ({
            id: newId(),
            session_id: id,
            name: w.name,
            email: w.email,
            organisation_name: w.organisation,
            organisation_id: null,
            user_id: null,
            access_needs: null,
            status: "confirmed" as const,
            is_walk_in: 1,
            attendance: "attended" as const,
            cancel_token_hash: null,
            reminder_sent_at: null,
            promoted_at: null,
            cancelled_at: null,
            anonymised_at: null,
            created_at: t,
            updated_at: t,
          })),
        )
        .execute();
    for (const c of classes) {
      await tx
        .updateTable("session_classes")
        .set({ pupils_attended: input.classCounts[c.id] })
        .where("session_id", "=", id)
        .where("class_id", "=", c.id)
        .execute();
    }
    for (const r of registrations) {
      await tx
        .updateTable("registrations")
        .set({ attendance: input.registrations[r.id], updated_at: t })
        .where("id", "=", r.id)
        .where("session_id", "=", id)
        .execute();
    }
    await tx
      .updateTable("delivery_sessions")
      .set((eb) => ({
        walk_ins: session.audience === "pupils" ? 0 : input.walkIns,
        updated_at: t,
        revision: eb("revision", "+", 1),
      }))
      .where("id", "=", id)
      .execute();
    await tx
      .insertInto("session_events")
      .values({
        id: newId(),
        session_id: id,
        booking_request_id: null,
        event: "attendance_recorded",
        from_status: session.status,
        to_status: session.status,
        actor_user_id: viewer.userId,
        reason: null,
        overridden_warnings: null,
        at: t,
      })
      .execute();
    return session.status === "delivered"
      ? issueSessionCertificates(tx, id, { baseUrl: opts.baseUrl, issuedByUserId: viewer.userId })
      : [];
  });
  renderInBackground(db, issued);
  return { ok: true };
}

const NO_CLASSES =
  "Choose the classes that came before recording attendance: pupils are counted by class.";

/** The school's classes that can be linked to a pupil session that has none (for its attendance page). */
export async function classesToLink(
  db: Queryable,
  session: { audience: string; setting_id: string | null },
  linked: number,
) {
  if (session.audience !== "pupils" || linked > 0 || !session.setting_id) return [];
  const rows = await db
    .selectFrom("classes")
    .select(["id", "year_group", "name", "pupil_count"])
    .where("setting_id", "=", session.setting_id)
    .where("archived_at", "is", null)
    .execute();
  return rows
    .sort(compareClasses)
    .map((c) => ({ id: c.id, label: classLabel(c), pupilCount: c.pupil_count }));
}

/**
 * Links classes of the session's own school to a pupil session that has none (and to its booking,
 * so the school's request shows them too), so their attendance can be counted. Only the session's
 * trainers and leads; only while it has no classes; only the school's current classes.
 */
export async function linkClasses(
  db: DB,
  viewer: Viewer,
  id: string,
  classIds: string[],
): Promise<AttendanceResult> {
  const found = await getSession(db, viewer, id);
  if (!found) return "not_found";
  if (found.access === "read") return "forbidden";
  const { session, classes } = found;
  if (session.audience !== "pupils")
    return { ok: false, field: "", message: "Only sessions for pupils are counted by class." };
  if (session.status === "cancelled" || session.status === "postponed")
    return {
      ok: false,
      field: "",
      message: "This session is not going ahead, so attendance cannot be recorded.",
    };
  if (classes.length)
    return { ok: false, field: "", message: "This session already has its classes." };
  const unique = [...new Set(classIds)];
  if (!unique.length)
    return { ok: false, field: "classIds", message: "Choose the classes that came" };
  const available = await classesToLink(db, session, 0);
  if (unique.some((c) => !available.some((a) => a.id === c)))
    return { ok: false, field: "classIds", message: "Choose classes from the school's list" };
  const t = nowIso();
  await writeTransaction(db, async (tx) => {
    await tx
      .insertInto("session_classes")
      .values(unique.map((class_id) => ({ session_id: id, class_id, pupils_attended: null })))
      .execute();
    if (session.booking_request_id) {
      const had = await tx
        .selectFrom("booking_request_classes")
        .select("class_id")
        .where("booking_request_id", "=", session.booking_request_id)
        .execute();
      const missing = unique.filter((c) => !had.some((h) => h.class_id === c));
      if (missing.length)
        await tx
          .insertInto("booking_request_classes")
          .values(
            missing.map((class_id) => ({
              booking_request_id: session.booking_request_id!,
              class_id,
            })),
          )
          .execute();
    }
    await tx
      .updateTable("delivery_sessions")
      .set((eb) => ({ updated_at: t, revision: eb("revision", "+", 1) }))
      .where("id", "=", id)
      .execute();
    await tx
      .insertInto("session_events")
      .values({
        id: newId(),
        session_id: id,
        booking_request_id: null,
        event: "classes_added",
        from_status: session.status,
        to_status: session.status,
        actor_user_id: viewer.userId,
        reason: null,
        overridden_warnings: null,
        at: t,
      })
      .execute();
  });
  return { ok: true };
}

/** Whether attendance has been taken: every class counted, every confirmed booker marked, and someone there. */
export function attendanceComplete(
  s: { audience: string; walk_ins: number },
  classes: { attended: number | null }[],
  registrations: { attendance: string | null }[],
) {
  if (s.audience === "pupils")
    return classes.length > 0 && classes.every((c) => c.attended !== null);
  return (
    registrations.every((r) => r.attendance !== null) &&
    (registrations.length > 0 || s.walk_ins > 0)
  );
}

/**
 * Marks a session delivered. For teachers' and VCSE staff sessions, every named attendee's
 * certificate is issued in the same transaction (and each holder emailed); the PDFs are rendered
 * in the worker pool after the commit, so the trainer's request does not wait for them.
 */
export async function markDelivered(
  db: DB,
  viewer: Viewer,
  id: string,
  opts: { baseUrl?: string } = {},
): Promise<"delivered" | "not_found" | "forbidden" | { error: string }> {
  const found = await getSession(db, viewer, id);
  if (!found) return "not_found";
  if (found.access === "read") return "forbidden";
  const { session, classes, registrations } = found;
  if (session.status !== "scheduled")
    return {
      error:
        session.status === "delivered"
          ? "This session is already marked delivered."
          : "Only a scheduled session can be marked delivered.",
    };
  if (Date.parse(session.starts_at) > now().getTime())
    return { error: "A session can be marked delivered once it has started." };
  if (!attendanceComplete(session, classes, registrations))
    return { error: "Record attendance before marking the session delivered." };
  const t = nowIso();
  const issued: Certificate[] | null = await writeTransaction(db, async (tx) => {
    const updated = await tx
      .updateTable("delivery_sessions")
      .set((eb) => ({
        status: "delivered",
        delivered_at: t,
        updated_at: t,
        revision: eb("revision", "+", 1),
      }))
      .where("id", "=", id)
      .where("status", "=", "scheduled")
      .returning("id")
      .executeTakeFirst();
    // Someone else marked it delivered (or changed it) first.
    if (!updated) return null;
    await tx
      .insertInto("session_events")
      .values({
        id: newId(),
        session_id: id,
        booking_request_id: null,
        event: "delivered",
        from_status: "scheduled",
        to_status: "delivered",
        actor_user_id: viewer.userId,
        reason: null,
        overridden_warnings: null,
        at: t,
      })
      .execute();
    return issueSessionCertificates(tx, id, {
      baseUrl: opts.baseUrl,
      issuedByUserId: viewer.userId,
    });
  });
  if (!issued) return { error: "This session is already marked delivered." };
  renderInBackground(db, issued);
  return "delivered";
}
