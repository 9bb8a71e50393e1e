import { sessionsWithOffering } from "~/sessions/queries.server";
import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable, type Tx } from "~/db/db.server";
import { pageWindow } from "~/utils/paging";
import { enqueueEmail } from "~/email/outbox.server";
import { now, nowIso } from "~/utils/clock.server";
import { formatClockTime, formatDay, londonToday } from "~/utils/dates";
import { AppError, formProblem, type FormProblem } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { classLabel, compareClasses } from "./classes.server";
import {
  datesProposedEmail,
  newRequestEmail,
  proposalAnsweredEmail,
  requestCancelledEmail,
  requestDeclinedEmail,
  requestForLeadsEmail,
  requestReceivedEmail,
  sessionCancelledEmail,
} from "./emails.server";
import { icsForSessions } from "./feeds.server";
import { notifyRegistrationsOfCancellation } from "./open.server";
import { offeredToSchool } from "./phases";
import type { Viewer } from "./scope.server";

// Booking requests: a school coordinator asks for one or more offerings (a whole package in one
// go), for one or more classes, with preferred dates; they see each request's status and can
// cancel it. Leads see every request; coordinators only their schools'.

export interface PreferredDate {
  date: string;
  time: string | null;
}

/** One session of a package: an offering and, for pupils, the classes it is for. */
export interface PackageSession {
  offeringId: string;
  classIds: string[];
}

export interface PackageRequestInput {
  settingId: string;
  /** In the order the form listed them; the form's class fields are `classes${index}`. */
  sessions: PackageSession[];
  /** The form's date slots in order (date1, date2, …); an empty slot is null. */
  preferredDates: (PreferredDate | null)[];
  notes: string | null;
}

/** Schools book pupil, staff and parents' sessions; VCSE training is booked by organisations. */
export function schoolsBook(offering: { audience: string }) {
  return offering.audience !== "vcse_staff";
}

/** A classroom workshop is a lesson for one class: each class chosen gets its own (decision 130). */
export function onePerClass(offering: { format: string }) {
  return offering.format === "classroom_workshop";
}

export type RequestResult =
  | { ok: true; requestIds: string[]; packageId: string | null }
  | { ok: false; field: string; message: string };

/**
 * What the request form offers a coordinator: their schools, and for the school chosen (the
 * only one, or `settingId`) the offerings that suit its phase, with descriptions, and its classes.
 */
export async function requestFormFor(db: Queryable, viewer: Viewer, settingId: string | null) {
  const schools = viewer.schoolIds.length
    ? await db
        .selectFrom("organisations")
        .select(["id", "name", "phase"])
        .where("id", "in", viewer.schoolIds)
        .orderBy("name")
        .execute()
    : [];
  const school =
    schools.find((s) => s.id === settingId) ?? (schools.length === 1 ? schools[0] : null);
  if (!school) return { schools, school: null, offerings: [], classes: [] };
  const offerings = (
    await db
      .selectFrom("offerings")
      .innerJoin("programmes", "programmes.id", "offerings.programme_id")
      .innerJoin("audiences", "audiences.name", "offerings.audience")
      .innerJoin("formats", "formats.name", "offerings.format")
      .select([
        "offerings.id",
        "offerings.title",
        "offerings.description",
        "offerings.audience",
        "offerings.format",
        "offerings.duration_minutes",
        "offerings.capacity",
        "offerings.series_length",
        "offerings.school_phase",
        "formats.label as format_label",
      ])
      .where("offerings.archived_at", "is", null)
      .orderBy("audiences.sort_order")
      .orderBy("offerings.title")
      .execute()
  ).filter((o) => schoolsBook(o) && offeredToSchool(o, school.phase));
  const classes = (
    await db
      .selectFrom("classes")
      .select(["id", "year_group", "name", "pupil_count"])
      .where("setting_id", "=", school.id)
      .where("archived_at", "is", null)
      .execute()
  ).sort(compareClasses);
  return { schools, school, offerings, classes };
}

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
  const offeringIds = input.sessions.map((x) => x.offeringId);
  const offerings = offeringIds.length
    ? await db
        .selectFrom("offerings")
        .selectAll()
        .where("id", "in", offeringIds)
        .where("archived_at", "is", null)
        .execute()
    : [];
  if (!offerings.length || offerings.length !== offeringIds.length || !offerings.every(schoolsBook))
    return { ok: false, field: "offeringIds", message: "Choose at least one session to book" };
  const setting = await db
    .selectFrom("organisations")
    .select(["name", "phase"])
    .where("id", "=", input.settingId)
    .executeTakeFirstOrThrow();
  // The form offers only what suits the school's phase; a posted id from elsewhere is refused here.
  const unsuited = offerings.find((o) => !offeredToSchool(o, setting.phase));
  if (unsuited)
    return {
      ok: false,
      field: "offeringIds",
      message: `“${unsuited.title}” is for ${unsuited.school_phase} schools; choose from the sessions offered to yours`,
    };
  const allClassIds = [...new Set(input.sessions.flatMap((x) => x.classIds))];
  const classes = allClassIds.length
    ? await db
        .selectFrom("classes")
        .selectAll()
        .where("id", "in", allClassIds)
        .where("setting_id", "=", input.settingId)
        .where("archived_at", "is", null)
        .execute()
    : [];
  // Each session's own classes; the field to blame is that session's class list.
  const planned: { offering: (typeof offerings)[number]; classes: typeof classes }[] = [];
  for (const [i, x] of input.sessions.entries()) {
    const o = offerings.find((y) => y.id === x.offeringId)!;
    const field = `classes${i}`;
    if (o.audience !== "pupils") {
      planned.push({ offering: o, classes: [] });
      continue;
    }
    const mine = [...new Set(x.classIds)].map((id) => classes.find((c) => c.id === id));
    if (mine.some((c) => !c))
      return { ok: false, field, message: "Choose classes from your school" };
    const chosen = mine.filter((c): c is (typeof classes)[number] => !!c).sort(compareClasses);
    if (!chosen.length)
      return { ok: false, field, message: `Choose the classes “${o.title}” is for` };
    if (onePerClass(o)) {
      const big = chosen.find((c) => c.pupil_count > o.capacity);
      if (big)
        return {
          ok: false,
          field,
          message: `“${o.title}” takes up to ${o.capacity} pupils; ${classLabel(big)} has ${big.pupil_count}`,
        };
      for (const c of chosen) planned.push({ offering: o, classes: [c] });
      continue;
    }
    if (o.format !== "assembly" && chosen.reduce((n, c) => n + c.pupil_count, 0) > o.capacity)
      return {
        ok: false,
        field,
        message: `“${o.title}” takes up to ${o.capacity} pupils; choose fewer classes or request it more than once`,
      };
    planned.push({ offering: o, classes: chosen });
  }

  const school = setting;
  const requester = await db
    .selectFrom("users")
    .select(["email"])
    .where("id", "=", viewer.userId)
    .executeTakeFirst();
  const packageId = planned.length > 1 ? newId() : null;
  const t = nowIso();
  // The body may run again (writeTransaction retries a transaction that raced another), so the
  // ids are collected afresh inside it, not pushed onto a list kept from a failed attempt.
  const ids = await writeTransaction(db, async (tx) => {
    const ids: string[] = [];
    for (const { offering: o, classes: forThis } of planned) {
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
      if (forThis.length) {
        await tx
          .insertInto("booking_request_classes")
          .values(forThis.map((c) => ({ booking_request_id: id, class_id: c.id })))
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
    const titles = planned.map(({ offering: o, classes: forThis }) =>
      [
        o.title,
        o.series_length > 1 ? ` (a series of ${o.series_length})` : "",
        onePerClass(o) ? ` for ${classLabel(forThis[0])}` : "",
      ].join(""),
    );
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
    return ids;
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
      "booking_requests.proposed_dates",
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
    .select([
      "id",
      "booking_request_id",
      "starts_at",
      "ends_at",
      "status",
      "series_index",
      "venue",
      "room",
    ])
    .where("booking_request_id", "in", ids)
    .orderBy("starts_at")
    .execute();
  // Who is coming: the school's booking page shows each session's trainers (issue 17, item 6).
  const trainers = sessions.length
    ? await db
        .selectFrom("session_trainers")
        .innerJoin("users", "users.id", "session_trainers.trainer_id")
        .select(["session_trainers.session_id", "users.name"])
        .where(
          "session_trainers.session_id",
          "in",
          sessions.map((x) => x.id),
        )
        .orderBy("users.name")
        .execute()
    : [];
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
    sessions: sessions
      .filter((s) => s.booking_request_id === r.id)
      .map((s) => ({
        ...s,
        trainers: trainers.filter((t) => t.session_id === s.id).map((t) => t.name),
      })),
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
  const rows = await sessionsWithOffering(tx)
    .select([
      "s.id",
      "s.status",
      "s.starts_at",
      "s.ends_at",
      "o.title",
      "setting.name as setting_name",
    ])
    .where("s.id", "in", sessionIds)
    .where("s.status", "in", ["scheduled", "postponed"])
    .orderBy("s.starts_at")
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
  await writeTransaction(db, async (tx) => {
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

/** Thrown for a request that is not there, or not the viewer's to answer: the route's 404. */
function requestNotFound(): never {
  throw new AppError("not_found", "We could not find that booking request.");
}

/** A request already scheduled, cancelled or declined: said on the form, as a clash (409). */
function notWaiting(): FormProblem {
  return formProblem("", "This request has already been scheduled or cancelled.", 409);
}

/**
 * A lead declines a request the programme cannot take on (no trainer free that half term, outside
 * the programme's area), with the reason the coordinator is emailed. It closes like a cancelled
 * request; its history says declined, and by whom. A request that is not there is refused (404);
 * one no longer waiting comes back as a problem on the form (decision 139).
 */
export async function declineRequest(
  db: DB,
  viewer: Viewer,
  id: string,
  reason: string,
  baseUrl: string,
): Promise<{ ok: true } | FormProblem> {
  if (!viewer.all) requestNotFound();
  return writeTransaction(db, async (tx) => {
    const request = await getRequest(tx, viewer, id);
    if (!request) requestNotFound();
    if (request.status !== "requested") return notWaiting();
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
    return { ok: true as const };
  });
}

/** "Tuesday 12 January 2027 at 10am": how a proposed date reads in emails and history. */
function dateText(p: PreferredDate) {
  return `${formatDay(p.date)}${p.time ? ` at ${formatClockTime(p.time)}` : ""}`;
}

/**
 * A lead proposes other dates for a request the programme cannot take on the dates asked for
 * (issue 17, item 3). The coordinator is emailed in the same transaction and answers on the
 * request's page; meanwhile the request waits for them (decision 131). A request that is not there
 * is refused (404); a date that is not in the future, or a request no longer waiting, comes back
 * as a problem on the form (decision 139).
 */
export async function proposeDates(
  db: DB,
  viewer: Viewer,
  id: string,
  /** The form's date slots in order (proposed1, proposed2, …); an empty slot is null. */
  input: { dates: (PreferredDate | null)[]; note: string | null },
  baseUrl: string,
): Promise<{ ok: true } | FormProblem> {
  if (!viewer.all) requestNotFound();
  // A proposed date is a day after today in London, blamed on the slot it was typed in.
  const today = londonToday(now());
  const past = input.dates.findIndex((d) => d && d.date <= today);
  if (past >= 0)
    return formProblem(`proposed${past + 1}`, "The dates you offer must be in the future");
  const dates = input.dates.filter((d): d is PreferredDate => d !== null);
  return writeTransaction(db, async (tx) => {
    const request = await getRequest(tx, viewer, id);
    if (!request) requestNotFound();
    if (request.status !== "requested") return notWaiting();
    const t = nowIso();
    await tx
      .updateTable("booking_requests")
      .set({ proposed_dates: JSON.stringify(dates), updated_at: t })
      .where("id", "=", id)
      .where("status", "=", "requested")
      .execute();
    const listed = dates.map(dateText);
    await tx
      .insertInto("session_events")
      .values({
        id: newId(),
        session_id: null,
        booking_request_id: id,
        event: "dates_proposed",
        from_status: "requested",
        to_status: "requested",
        actor_user_id: viewer.userId,
        reason: [listed.join("; "), input.note].filter(Boolean).join(". "),
        overridden_warnings: null,
        at: t,
      })
      .execute();
    await audit(tx, {
      actorUserId: viewer.userId,
      action: "booking.dates_proposed",
      subjectType: "booking_request",
      subjectId: id,
      detail: { dates },
    });
    if (request.requested_by_email) {
      await enqueueEmail(
        tx,
        datesProposedEmail({
          to: request.requested_by_email,
          title: request.offering_title,
          schoolName: request.setting_name,
          dates: listed,
          note: input.note,
          link: `${baseUrl}/bookings/${id}`,
        }),
      );
    }
    return { ok: true as const };
  });
}

export type ProposalAnswer = { accept: number } | { refuse: string };

/**
 * The coordinator's answer to proposed dates. Accepting one makes it the request's only preferred
 * date, so the lead schedules it there with the date already filled in (the time, room and
 * trainer are still the lead's to choose: decision 131). Refusing sends the request back to the
 * leads with the coordinator's words. Either way the leads are emailed in the same transaction.
 */
export async function answerProposal(
  db: DB,
  viewer: Viewer,
  id: string,
  answer: ProposalAnswer,
  baseUrl: string,
): Promise<"accepted" | "refused" | "not_found" | "nothing_proposed" | "no_such_date"> {
  return writeTransaction(db, async (tx) => {
    // Coordinators only, and only for their schools' requests.
    if (viewer.all || !viewer.schoolIds.length) return "not_found";
    const request = await getRequest(tx, viewer, id);
    if (!request) return "not_found";
    if (request.status !== "requested" || !request.proposed_dates) return "nothing_proposed";
    const proposed = parsePreferred(request.proposed_dates);
    const t = nowIso();
    const chosen = "accept" in answer ? proposed[answer.accept] : null;
    if ("accept" in answer && !chosen) return "no_such_date";
    await tx
      .updateTable("booking_requests")
      .set({
        proposed_dates: null,
        updated_at: t,
        ...(chosen ? { preferred_dates: JSON.stringify([chosen]) } : {}),
      })
      .where("id", "=", id)
      .execute();
    const reason = chosen ? dateText(chosen) : (answer as { refuse: string }).refuse;
    await tx
      .insertInto("session_events")
      .values({
        id: newId(),
        session_id: null,
        booking_request_id: id,
        event: chosen ? "dates_accepted" : "dates_refused",
        from_status: "requested",
        to_status: "requested",
        actor_user_id: viewer.userId,
        reason,
        overridden_warnings: null,
        at: t,
      })
      .execute();
    await audit(tx, {
      actorUserId: viewer.userId,
      action: chosen ? "booking.dates_accepted" : "booking.dates_refused",
      subjectType: "booking_request",
      subjectId: id,
      detail: chosen ? { date: chosen } : { reason },
    });
    for (const to of await programmeLeadEmails(tx)) {
      await enqueueEmail(
        tx,
        proposalAnsweredEmail({
          to,
          title: request.offering_title,
          schoolName: request.setting_name,
          accepted: chosen ? dateText(chosen) : null,
          reason: chosen ? null : reason,
          link: `${baseUrl}/schedule/${id}`,
        }),
      );
    }
    return chosen ? "accepted" : "refused";
  });
}
