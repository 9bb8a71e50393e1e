import type { DB, Queryable, Tx } from "~/db/db.server";
import { pageWindow } from "~/utils/paging";
import { enqueueEmail } from "~/email/outbox.server";
import { now, nowIso } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { classLabel, compareClasses } from "./classes.server";
import {
  newRequestEmail,
  requestCancelledEmail,
  requestDeclinedEmail,
  requestForLeadsEmail,
  requestReceivedEmail,
  sessionCancelledEmail,
} from "./emails.server";
import { icsForSessions } from "./feeds.server";
import { notifyRegistrationsOfCancellation } from "./open.server";
import type { Viewer } from "./scope.server";

// Booking requests: a school coordinator asks for one or more offerings (a whole package in one
// go), for one or more classes, with preferred dates; they see each request's status and can
// cancel it. Leads see every request; coordinators only their schools'.

export interface PreferredDate {
  date: string;
  time: string | null;
}

export interface PackageRequestInput {
  settingId: string;
  offeringIds: string[];
  classIds: string[];
  /** The form's date slots in order (date1, date2, …); an empty slot is null. */
  preferredDates: (PreferredDate | null)[];
  notes: string | null;
}

/** Schools book pupil, staff and parents' sessions; VCSE training is booked by organisations. */
export function schoolsBook(offering: { audience: string }) {
  return offering.audience !== "vcse_staff";
}

export type RequestResult =
  | { ok: true; requestIds: string[]; packageId: string | null }
  | { ok: false; field: string; message: string };

export async function createPackageRequest(
  db: DB,
  viewer: Viewer,
  input: PackageRequestInput,
  baseUrl: string,
): Promise<RequestResult> {
  if (!viewer.schoolIds.includes(input.settingId))
    return { ok: false, field: "settingId", message: "Choose one of your schools" };
  // A preferred date is a day after today in London (where the school is), not in UTC.
  const today = londonToday(now());
  const past = input.preferredDates.findIndex((p) => p && p.date <= today);
  if (past >= 0)
    return {
      ok: false,
      field: `date${past + 1}`,
      message: "Preferred dates must be in the future",
    };
  const preferredDates = input.preferredDates.filter((p): p is PreferredDate => p !== null);
  const offerings = input.offeringIds.length
    ? await db
        .selectFrom("offerings")
        .selectAll()
        .where("id", "in", input.offeringIds)
        .where("archived_at", "is", null)
        .execute()
    : [];
  if (
    !offerings.length ||
    offerings.length !== new Set(input.offeringIds).size ||
    !offerings.every(schoolsBook)
  )
    return { ok: false, field: "offeringIds", message: "Choose at least one session to book" };
  const classes = input.classIds.length
    ? await db
        .selectFrom("classes")
        .selectAll()
        .where("id", "in", input.classIds)
        .where("setting_id", "=", input.settingId)
        .where("archived_at", "is", null)
        .execute()
    : [];
  if (classes.length !== new Set(input.classIds).size)
    return { ok: false, field: "classIds", message: "Choose classes from your school" };
  const pupilOfferings = offerings.filter((o) => o.audience === "pupils");
  if (pupilOfferings.length && !classes.length)
    return {
      ok: false,
      field: "classIds",
      message: "Choose the classes the pupil sessions are for",
    };
  const over = pupilOfferings.find(
    (o) => o.format !== "assembly" && classes.reduce((s, c) => s + c.pupil_count, 0) > o.capacity,
  );
  if (over)
    return {
      ok: false,
      field: "classIds",
      message: `“${over.title}” takes up to ${over.capacity} pupils; choose fewer classes or request it more than once`,
    };

  const school = await db
    .selectFrom("organisations")
    .select(["name"])
    .where("id", "=", input.settingId)
    .executeTakeFirstOrThrow();
  const requester = await db
    .selectFrom("users")
    .select(["email"])
    .where("id", "=", viewer.userId)
    .executeTakeFirst();
  const packageId = offerings.length > 1 ? newId() : null;
  const t = nowIso();
  const ids: string[] = [];
  await db.transaction().execute(async (tx) => {
    for (const o of input.offeringIds.map((id) => offerings.find((x) => x.id === id)!)) {
      const id = newId();
      ids.push(id);
      await tx
        .insertInto("booking_requests")
        .values({
          id,
          package_id: packageId,
          setting_id: input.settingId,
          offering_id: o.id,
          requested_by: viewer.userId,
          preferred_dates: JSON.stringify(preferredDates),
          notes: input.notes,
          status: "requested",
          cancel_reason: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
      if (o.audience === "pupils" && classes.length) {
        await tx
          .insertInto("booking_request_classes")
          .values(classes.map((c) => ({ booking_request_id: id, class_id: c.id })))
          .execute();
      }
      await tx
        .insertInto("session_events")
        .values({
          id: newId(),
          session_id: null,
          booking_request_id: id,
          event: "requested",
          from_status: null,
          to_status: "requested",
          actor_user_id: viewer.userId,
          reason: input.notes,
          overridden_warnings: null,
          at: t,
        })
        .execute();
    }
    const titles = input.offeringIds
      .map((id) => offerings.find((x) => x.id === id)!)
      .map((o) => (o.series_length > 1 ? `${o.title} (a series of ${o.series_length})` : o.title));
    // Every active programme lead hears of a new request at once (issue 12, item 11; issue 17, item 3).
    const requesterName =
      (
        await tx
          .selectFrom("users")
          .select("name")
          .where("id", "=", viewer.userId)
          .executeTakeFirst()
      )?.name ?? "A school coordinator";
    for (const to of await programmeLeadEmails(tx)) {
      await enqueueEmail(
        tx,
        newRequestEmail({
          to,
          schoolName: school.name,
          titles,
          requestedBy: requesterName,
          link: `${baseUrl}/schedule`,
        }),
      );
    }
    if (requester) {
      await enqueueEmail(
        tx,
        requestReceivedEmail({
          to: requester.email,
          schoolName: school.name,
          titles,
          link: `${baseUrl}/bookings`,
        }),
      );
    }
  });
  return { ok: true, requestIds: ids, packageId };
}

function requestsQuery(db: Queryable) {
  return db
    .selectFrom("booking_requests")
    .innerJoin("offerings", "offerings.id", "booking_requests.offering_id")
    .innerJoin("organisations", "organisations.id", "booking_requests.setting_id")
    .leftJoin("districts", "districts.id", "organisations.district_id")
    .leftJoin("users", "users.id", "booking_requests.requested_by")
    .select([
      "booking_requests.id",
      "booking_requests.package_id",
      "booking_requests.setting_id",
      "booking_requests.offering_id",
      "booking_requests.preferred_dates",
      "booking_requests.notes",
      "booking_requests.status",
      "booking_requests.cancel_reason",
      "booking_requests.created_at",
      "booking_requests.updated_at",
      "offerings.title as offering_title",
      "offerings.audience",
      "offerings.format",
      "offerings.duration_minutes",
      "offerings.series_length",
      "offerings.series_interval_days",
      "organisations.name as setting_name",
      "districts.name as district_name",
      "users.name as requested_by_name",
      "users.email as requested_by_email",
    ]);
}

export function parsePreferred(json: string): PreferredDate[] {
  try {
    const v = JSON.parse(json) as PreferredDate[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

async function withClassesAndSessions<T extends { id: string }>(db: Queryable, rows: T[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const classes = await db
    .selectFrom("booking_request_classes")
    .innerJoin("classes", "classes.id", "booking_request_classes.class_id")
    .select([
      "booking_request_classes.booking_request_id",
      "classes.id",
      "classes.year_group",
      "classes.name",
      "classes.pupil_count",
      "classes.access_needs",
    ])
    .where("booking_request_classes.booking_request_id", "in", ids)
    .execute();
  const sessions = await db
    .selectFrom("delivery_sessions")
    .select(["id", "booking_request_id", "starts_at", "ends_at", "status", "series_index"])
    .where("booking_request_id", "in", ids)
    .orderBy("starts_at")
    .execute();
  return rows.map((r) => ({
    ...r,
    classes: classes
      .filter((c) => c.booking_request_id === r.id)
      .sort(compareClasses)
      .map((c) => ({
        id: c.id,
        label: classLabel(c),
        pupilCount: c.pupil_count,
        accessNeeds: c.access_needs,
      })),
    sessions: sessions.filter((s) => s.booking_request_id === r.id),
  }));
}

/** A coordinator's requests, newest first (their schools only). */
export async function listRequestsForSchools(db: Queryable, schoolIds: string[]) {
  if (!schoolIds.length) return [];
  const rows = await requestsQuery(db)
    .where("booking_requests.setting_id", "in", schoolIds)
    .orderBy("booking_requests.created_at", "desc")
    .execute();
  return withClassesAndSessions(db, rows);
}

/** The leads' queue: requests waiting to be scheduled, oldest first. */
/** Requests on one page of the queue: each row is a decision, so fewer than a plain list. */
export const QUEUE_PAGE = 50;

/** One page of the requests waiting to be scheduled, oldest first, each with its package's size. */
export async function requestQueue(db: Queryable, page = 1) {
  const { limit, offset } = pageWindow(page, QUEUE_PAGE);
  const { total } = await db
    .selectFrom("booking_requests")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .where("status", "=", "requested")
    .executeTakeFirstOrThrow();
  const rows = await requestsQuery(db)
    .where("booking_requests.status", "=", "requested")
    .orderBy("booking_requests.created_at")
    .orderBy("booking_requests.id")
    .limit(limit)
    .offset(offset)
    .execute();
  // A package's other requests may be on another page: count them in the database.
  const packageIds = [...new Set(rows.map((r) => r.package_id).filter((id): id is string => !!id))];
  const sizes = packageIds.length
    ? await db
        .selectFrom("booking_requests")
        .select(["package_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("status", "=", "requested")
        .where("package_id", "in", packageIds)
        .groupBy("package_id")
        .execute()
    : [];
  const full = await withClassesAndSessions(db, rows);
  return {
    rows: full.map((r) => ({
      ...r,
      package_size: Number(sizes.find((x) => x.package_id === r.package_id)?.n ?? 1),
    })),
    page,
    pageSize: limit,
    total: Number(total),
  };
}

/** One request in the viewer's scope (a lead's: any; a coordinator's: their schools'), or undefined. */
export async function getRequest(db: Queryable, viewer: Viewer, id: string) {
  let q = requestsQuery(db).where("booking_requests.id", "=", id);
  if (!viewer.all) {
    if (!viewer.schoolIds.length) return undefined;
    q = q.where("booking_requests.setting_id", "in", viewer.schoolIds);
  }
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const [full] = await withClassesAndSessions(db, [row]);
  const events = await timeline(db, { requestId: id, sessionIds: full.sessions.map((s) => s.id) });
  return { ...full, events };
}

export async function timeline(
  db: Queryable,
  opts: { requestId?: string | null; sessionIds?: string[] },
) {
  const sessionIds = opts.sessionIds ?? [];
  if (!opts.requestId && !sessionIds.length) return [];
  return db
    .selectFrom("session_events")
    .leftJoin("users", "users.id", "session_events.actor_user_id")
    .select([
      "session_events.id",
      "session_events.event",
      "session_events.from_status",
      "session_events.to_status",
      "session_events.reason",
      "session_events.overridden_warnings",
      "session_events.at",
      "session_events.session_id",
      "users.name as actor_name",
    ])
    .where((eb) =>
      eb.or([
        ...(opts.requestId ? [eb("session_events.booking_request_id", "=", opts.requestId)] : []),
        ...(sessionIds.length ? [eb("session_events.session_id", "in", sessionIds)] : []),
      ]),
    )
    .orderBy("session_events.at")
    .execute();
}

/** Email addresses of the programme's leads: everyone with an enabled account and the programme lead role. */
export async function programmeLeadEmails(db: Queryable): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .select("users.email")
    .distinct()
    .where("memberships.role", "=", "programme_lead")
    .where("users.disabled_at", "is", null)
    .orderBy("users.email")
    .execute();
  return rows.map((r) => r.email);
}

/** Cancels sessions (scheduled or postponed) in a transaction, with events and emails to trainers and registrants. */
export async function cancelSessionsInTx(
  tx: Tx,
  actorId: string,
  sessionIds: string[],
  reason: string,
  baseUrl: string,
  opts: { notifyCoordinator?: string | null } = {},
) {
  if (!sessionIds.length) return;
  const t = nowIso();
  const rows = await tx
    .selectFrom("delivery_sessions")
    .innerJoin("offerings", "offerings.id", "delivery_sessions.offering_id")
    .leftJoin("organisations", "organisations.id", "delivery_sessions.setting_id")
    .select([
      "delivery_sessions.id",
      "delivery_sessions.status",
      "delivery_sessions.starts_at",
      "delivery_sessions.ends_at",
      "offerings.title",
      "organisations.name as setting_name",
    ])
    .where("delivery_sessions.id", "in", sessionIds)
    .where("delivery_sessions.status", "in", ["scheduled", "postponed"])
    .orderBy("delivery_sessions.starts_at")
    .execute();
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  await tx
    .updateTable("delivery_sessions")
    .set((eb) => ({ status: "cancelled", updated_at: t, revision: eb("revision", "+", 1) }))
    .where("id", "in", ids)
    .execute();
  await tx
    .insertInto("session_events")
    .values(
      rows.map((r) => ({
        id: newId(),
        session_id: r.id,
        booking_request_id: null,
        event: "cancelled",
        from_status: r.status,
        to_status: "cancelled",
        actor_user_id: actorId,
        reason,
        overridden_warnings: null,
        at: t,
      })),
    )
    .execute();
  const ics = await icsForSessions(tx, ids, baseUrl);
  const title = rows[0].title;
  const schoolName = rows[0].setting_name;
  const meetings = rows.map((r) => ({ startsAt: r.starts_at, endsAt: r.ends_at }));
  const trainers = await tx
    .selectFrom("session_trainers")
    .innerJoin("users", "users.id", "session_trainers.trainer_id")
    .select(["users.email"])
    .distinct()
    .where("session_trainers.session_id", "in", ids)
    .execute();
  for (const tr of trainers) {
    await enqueueEmail(
      tx,
      sessionCancelledEmail({
        to: tr.email,
        title,
        schoolName,
        meetings,
        reason,
        link: `${baseUrl}/sessions`,
        ics,
      }),
    );
  }
  // People booked on an open session hear about it too, bookers with a calendar file that takes
  // the event out of their calendar (METHOD:CANCEL, the invite's UID, a higher SEQUENCE).
  for (const id of ids) await notifyRegistrationsOfCancellation(tx, id, { reason });
  if (opts.notifyCoordinator) {
    await enqueueEmail(
      tx,
      sessionCancelledEmail({
        to: opts.notifyCoordinator,
        title,
        schoolName,
        meetings,
        reason,
        link: `${baseUrl}/bookings`,
        ics,
      }),
    );
  }
}

/** Cancels a request (and any sessions scheduled for it) with a reason. Coordinators: their schools' only. */
export async function cancelRequest(
  db: DB,
  viewer: Viewer,
  id: string,
  reason: string,
  baseUrl: string,
): Promise<"cancelled" | "not_found" | "already_closed"> {
  const request = await getRequest(db, viewer, id);
  if (!request) return "not_found";
  if (request.status === "cancelled") return "already_closed";
  const live = request.sessions.filter((s) => s.status === "scheduled" || s.status === "postponed");
  if (request.status === "scheduled" && !live.length) return "already_closed";
  const t = nowIso();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("booking_requests")
      .set({ status: "cancelled", cancel_reason: reason, updated_at: t })
      .where("id", "=", id)
      .execute();
    // A request with sessions shows each session's "Cancelled" in its history; one not yet
    // scheduled has only its own (one "Cancelled" either way: issue 12, item 6).
    if (!live.length) {
      await tx
        .insertInto("session_events")
        .values({
          id: newId(),
          session_id: null,
          booking_request_id: id,
          event: "cancelled",
          from_status: request.status,
          to_status: "cancelled",
          actor_user_id: viewer.userId,
          reason,
          overridden_warnings: null,
          at: t,
        })
        .execute();
    }
    await cancelSessionsInTx(
      tx,
      viewer.userId,
      live.map((s) => s.id),
      reason,
      baseUrl,
    );
    if (request.requested_by_email) {
      await enqueueEmail(
        tx,
        requestCancelledEmail({
          to: request.requested_by_email,
          title: request.offering_title,
          schoolName: request.setting_name,
          reason,
          link: `${baseUrl}/bookings/${id}`,
        }),
      );
    }
    // "The programme team will be told": the leads are (issue 12, item 11).
    for (const to of await programmeLeadEmails(tx)) {
      if (to === request.requested_by_email) continue;
      await enqueueEmail(
        tx,
        requestForLeadsEmail({
          to,
          schoolName: request.setting_name,
          titles: [request.offering_title],
          change: "cancelled",
          reason,
          link: `${baseUrl}/schedule`,
        }),
      );
    }
  });
  return "cancelled";
}

/**
 * A lead declines a request the programme cannot take on (no trainer free that half term, outside
 * the programme's area), with the reason the coordinator is emailed. It closes like a cancelled
 * request; its history says declined, and by whom.
 */
export async function declineRequest(
  db: DB,
  viewer: Viewer,
  id: string,
  reason: string,
  baseUrl: string,
): Promise<"declined" | "not_found" | "not_waiting"> {
  if (!viewer.all) return "not_found";
  return db.transaction().execute(async (tx) => {
    const request = await getRequest(tx, viewer, id);
    if (!request) return "not_found";
    if (request.status !== "requested") return "not_waiting";
    const t = nowIso();
    await tx
      .updateTable("booking_requests")
      .set({ status: "cancelled", cancel_reason: reason, updated_at: t })
      .where("id", "=", id)
      .where("status", "=", "requested")
      .execute();
    await tx
      .insertInto("session_events")
      .values({
        id: newId(),
        session_id: null,
        booking_request_id: id,
        event: "declined",
        from_status: "requested",
        to_status: "cancelled",
        actor_user_id: viewer.userId,
        reason,
        overridden_warnings: null,
        at: t,
      })
      .execute();
    if (request.requested_by_email) {
      await enqueueEmail(
        tx,
        requestDeclinedEmail({
          to: request.requested_by_email,
          title: request.offering_title,
          schoolName: request.setting_name,
          reason,
          link: `${baseUrl}/bookings/${id}`,
        }),
      );
    }
    return "declined";
  });
}
