import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable, type Tx } from "~/db/db.server";
import { containsInsensitive } from "~/db/dialect.server";
import { sessionsWithOffering } from "~/sessions/queries.server";
import { enqueueEmail } from "~/email/outbox.server";
import { now, nowIso } from "~/utils/clock.server";
import { londonParts, londonToUtc, londonToday } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { pageWindow, type Paged } from "~/utils/paging";
import { classLabel } from "./classes.server";
import {
  checkMeeting,
  longDay,
  seriesDates,
  type BookedSession,
  type Problem,
  type ProposedMeeting,
  type TrainerCompliance,
} from "./clashes.server";
import {
  requestConfirmedEmail,
  sessionCancelledEmail,
  sessionChangedEmail,
  sessionPostponedEmail,
  trainerAssignedEmail,
} from "./emails.server";
import { icsForSessions, placeOf } from "./feeds.server";
import { notifyRegistrationsOfChange } from "./open.server";
import { cancelSessionsInTx, getRequest } from "./requests.server";
import { schedulingSettings, type Viewer } from "./scope.server";

// Leads confirm requests into sessions, and move, postpone or cancel sessions. Every write is
// checked by the clash rules (app/sessions/clashes.server.ts) inside a write transaction, so two
// leads confirming at once cannot both book the same trainer.

export interface ScheduleInput {
  date: string;
  time: string;
  durationMinutes: number;
  venue: string;
  room: string | null;
  trainerIds: string[];
  /** Given when the lead overrides the warnings shown to them. */
  overrideReason: string | null;
}

export type ScheduleOutcome =
  { ok: true; sessionIds: string[] } | { ok: false; refusals: Problem[]; warnings: Problem[] };

/** People who can be assigned to deliver: everyone with the trainer role, with their compliance dates. */
function trainersQuery(db: Queryable) {
  return db
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .leftJoin("trainer_compliance", "trainer_compliance.user_id", "users.id")
    .where("memberships.role", "=", "trainer")
    .where("users.disabled_at", "is", null);
}

export async function listTrainers(db: Queryable) {
  const rows = await trainersQuery(db)
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select([
      "users.id",
      "users.name",
      "users.email",
      "organisations.name as organisation_name",
      "trainer_compliance.dbs_checked_on",
      "trainer_compliance.dbs_expires_on",
      "trainer_compliance.safeguarding_trained_on",
      "trainer_compliance.safeguarding_expires_on",
    ])
    .orderBy("users.name")
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** Trainers on one page of trainers' checks. */
export const TRAINERS_PAGE = 50;

/**
 * One page of trainers' checks in name order, optionally those whose name or email contains
 * `search`, with how many in all. Chosen from the users holding a trainer role, so a trainer in
 * two organisations is one row (named with the first organisation by name), and read a page at a
 * time: all 400 trainers at a hundred times the programme's size made the page 263 KB.
 */
export async function trainerListing(db: Queryable, opts: { search: string; page: number }) {
  let trainers = db
    .selectFrom("users")
    .where("users.disabled_at", "is", null)
    .where(
      "users.id",
      "in",
      db.selectFrom("memberships").select("user_id").where("role", "=", "trainer"),
    );
  const needle = opts.search.trim();
  if (needle)
    trainers = trainers.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref("users.name"), needle),
        containsInsensitive(db, eb.ref("users.email"), needle),
      ]),
    );
  const { limit, offset } = pageWindow(opts.page, TRAINERS_PAGE);
  const [rows, count] = await Promise.all([
    trainers
      .leftJoin("trainer_compliance", "trainer_compliance.user_id", "users.id")
      .select((eb) => [
        "users.id",
        "users.name",
        "users.email",
        eb
          .selectFrom("memberships")
          .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
          .select("organisations.name")
          .whereRef("memberships.user_id", "=", "users.id")
          .where("memberships.role", "=", "trainer")
          .orderBy("organisations.name")
          .limit(1)
          .as("organisation_name"),
        "trainer_compliance.dbs_expires_on",
        "trainer_compliance.safeguarding_expires_on",
      ])
      .orderBy("users.name")
      .orderBy("users.id")
      .limit(limit)
      .offset(offset)
      .execute(),
    trainers.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const paged: Paged<(typeof rows)[number]> = {
    rows,
    page: opts.page,
    pageSize: TRAINERS_PAGE,
    total: Number(count.n),
  };
  return paged;
}

/**
 * Trainers whose DBS or safeguarding training was never recorded, or runs out on or before `soon`
 * (lapsed ones included): the first `limit` by name, and how many in all. Chosen by the database,
 * so the scheduling queue need not read and word every trainer's checks (400 at a hundred times
 * the programme's size) to name five.
 */
export async function trainersWithChecksDue(db: Queryable, soon: string, limit: number) {
  const due = trainersQuery(db).where((eb) =>
    eb.or([
      eb("trainer_compliance.dbs_expires_on", "is", null),
      eb("trainer_compliance.safeguarding_expires_on", "is", null),
      eb("trainer_compliance.dbs_expires_on", "<=", soon),
      eb("trainer_compliance.safeguarding_expires_on", "<=", soon),
    ]),
  );
  const [rows, count] = await Promise.all([
    due
      .select([
        "users.id",
        "users.name",
        "trainer_compliance.dbs_expires_on",
        "trainer_compliance.safeguarding_expires_on",
      ])
      .distinct()
      .orderBy("users.name")
      .orderBy("users.id")
      .limit(limit)
      .execute(),
    due
      .select((eb) => eb.fn.count<number>("users.id").distinct().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function getTrainer(db: Queryable, id: string) {
  return (await listTrainers(db)).find((t) => t.id === id);
}

/**
 * A trainer's DBS and safeguarding-training dates, audited (who changed them, to what) in the
 * same transaction: scheduling refuses a trainer on these dates, so a change must leave a trace.
 */
export async function updateCompliance(
  db: DB,
  userId: string,
  c: {
    dbsCheckedOn: string | null;
    dbsExpiresOn: string | null;
    safeguardingTrainedOn: string | null;
    safeguardingExpiresOn: string | null;
  },
  by: { actorUserId: string | null; ip: string | null },
) {
  await writeTransaction(db, async (tx) => {
    await saveCompliance(tx, userId, c);
    await audit(tx, {
      actorUserId: by.actorUserId,
      action: "trainer.compliance_updated",
      subjectType: "user",
      subjectId: userId,
      detail: c,
      ip: by.ip,
    });
  });
}

async function saveCompliance(
  db: Tx,
  userId: string,
  c: {
    dbsCheckedOn: string | null;
    dbsExpiresOn: string | null;
    safeguardingTrainedOn: string | null;
    safeguardingExpiresOn: string | null;
  },
) {
  const values = {
    dbs_checked_on: c.dbsCheckedOn,
    dbs_expires_on: c.dbsExpiresOn,
    safeguarding_trained_on: c.safeguardingTrainedOn,
    safeguarding_expires_on: c.safeguardingExpiresOn,
    updated_at: nowIso(),
  };
  const res = await db
    .updateTable("trainer_compliance")
    .set(values)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    await db
      .insertInto("trainer_compliance")
      .values({ user_id: userId, ...values })
      .execute();
}

export async function listTermDates(db: Queryable) {
  return db.selectFrom("term_dates").selectAll().orderBy("starts_on").execute();
}

export async function addTermDate(
  db: Queryable,
  t: { academicYear: string; name: string; startsOn: string; endsOn: string },
) {
  const id = newId();
  await db
    .insertInto("term_dates")
    .values({
      id,
      academic_year: t.academicYear,
      name: t.name,
      starts_on: t.startsOn,
      ends_on: t.endsOn,
    })
    .execute();
  return id;
}

export async function updateTermDate(
  db: Queryable,
  id: string,
  t: { academicYear: string; name: string; startsOn: string; endsOn: string },
) {
  await db
    .updateTable("term_dates")
    .set({ academic_year: t.academicYear, name: t.name, starts_on: t.startsOn, ends_on: t.endsOn })
    .where("id", "=", id)
    .execute();
}

export async function deleteTermDate(db: Queryable, id: string) {
  await db.deleteFrom("term_dates").where("id", "=", id).execute();
}

/** Sessions already in the calendar around [from, to], with their trainers and classes, for the clash checks. */
export async function bookedAround(
  db: Queryable,
  from: Date,
  to: Date,
  excludeIds: string[],
): Promise<BookedSession[]> {
  const day = 24 * 3600_000;
  let q = sessionsWithOffering(db)
    .select([
      "s.id",
      "s.starts_at",
      "s.ends_at",
      "s.setting_id",
      "s.venue",
      "o.title",
      "o.format",
      "setting.name as setting_name",
    ])
    .where("s.status", "in", ["scheduled", "delivered"])
    .where("s.starts_at", "<", new Date(to.getTime() + day).toISOString())
    .where("s.ends_at", ">", new Date(from.getTime() - day).toISOString());
  if (excludeIds.length) q = q.where("s.id", "not in", excludeIds);
  const rows = await q.execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const trainers = await db
    .selectFrom("session_trainers")
    .select(["session_id", "trainer_id"])
    .where("session_id", "in", ids)
    .execute();
  const classes = await db
    .selectFrom("session_classes")
    .select(["session_id", "class_id"])
    .where("session_id", "in", ids)
    .execute();
  return rows.map((r) => ({
    sessionId: r.id,
    title: r.title,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    venueKey: venueKey(r.setting_id, r.venue),
    venueLabel: r.venue ?? r.setting_name ?? "another venue",
    online: r.format === "online",
    trainerIds: trainers.filter((t) => t.session_id === r.id).map((t) => t.trainer_id),
    classIds: classes.filter((c) => c.session_id === r.id).map((c) => c.class_id),
  }));
}

/** Two sessions are at the same venue when they are at the same setting under the same venue name. */
export function venueKey(settingId: string | null, venue: string | null) {
  return `${settingId ?? ""}|${(venue ?? "").trim().toLowerCase()}`;
}

async function complianceOf(db: Queryable, trainerIds: string[]): Promise<TrainerCompliance[]> {
  if (!trainerIds.length) return [];
  const rows = await db
    .selectFrom("users")
    .leftJoin("trainer_compliance", "trainer_compliance.user_id", "users.id")
    .select([
      "users.id",
      "users.name",
      "trainer_compliance.dbs_expires_on",
      "trainer_compliance.safeguarding_expires_on",
    ])
    .where("users.id", "in", trainerIds)
    .execute();
  return rows.map((r) => ({
    trainerId: r.id,
    name: r.name,
    dbsExpiresOn: r.dbs_expires_on,
    safeguardingExpiresOn: r.safeguarding_expires_on,
  }));
}

interface PlannedMeeting {
  index: number;
  startsAt: Date;
  endsAt: Date;
}

export function planMeetings(
  date: string,
  time: string,
  durationMinutes: number,
  seriesLength: number,
  intervalDays: number,
): PlannedMeeting[] {
  return seriesDates(date, seriesLength, intervalDays).map((d, i) => {
    const startsAt = londonToUtc(d, time);
    return {
      index: i + 1,
      startsAt,
      endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
    };
  });
}

export async function checkAll(
  tx: Queryable,
  meetings: PlannedMeeting[],
  base: Omit<ProposedMeeting, "startsAt" | "endsAt">,
  opts: { pupilSession: boolean; atSetting: boolean; excludeIds: string[] },
) {
  const settings = await schedulingSettings(tx);
  const terms = (
    await tx.selectFrom("term_dates").select(["name", "starts_on", "ends_on"]).execute()
  ).map((t) => ({ name: t.name, startsOn: t.starts_on, endsOn: t.ends_on }));
  const trainers = await complianceOf(tx, base.trainerIds);
  // Only people who are trainers, each once: an id from a tampered form is refused, not stored.
  const isTrainer = new Set(
    (base.trainerIds.length
      ? await tx
          .selectFrom("memberships as m")
          .innerJoin("users as u", "u.id", "m.user_id")
          .select("u.id")
          .where("m.role", "=", "trainer")
          .where("u.disabled_at", "is", null)
          .where("u.id", "in", base.trainerIds)
          .execute()
      : []
    ).map((r) => r.id),
  );
  if (
    base.trainerIds.some((id) => !isTrainer.has(id)) ||
    new Set(base.trainerIds).size !== base.trainerIds.length
  ) {
    return {
      refusals: [
        {
          kind: "trainer_clash" as const,
          severity: "refusal" as const,
          message: "Choose each trainer once, from the list.",
        },
      ],
      warnings: [] as Problem[],
    };
  }
  const classRows = base.classIds.length
    ? await tx
        .selectFrom("classes")
        .select(["id", "year_group", "name"])
        .where("id", "in", base.classIds)
        .execute()
    : [];
  const classNames = Object.fromEntries(classRows.map((c) => [c.id, classLabel(c)]));
  const booked = await bookedAround(
    tx,
    meetings[0].startsAt,
    meetings[meetings.length - 1].endsAt,
    opts.excludeIds,
  );
  const today = londonToday(now());
  const refusals: Problem[] = [];
  const warnings: Problem[] = [];
  for (const m of meetings) {
    const r = checkMeeting({
      meeting: { ...base, startsAt: m.startsAt, endsAt: m.endsAt },
      booked,
      trainers,
      classNames,
      settings,
      terms,
      today,
      pupilSession: opts.pupilSession,
      atSetting: opts.atSetting,
    });
    const prefix =
      meetings.length > 1
        ? `Meeting ${m.index} of ${meetings.length} (${longDay(m.startsAt)}): `
        : "";
    refusals.push(...r.refusals.map((p) => ({ ...p, message: prefix + p.message })));
    warnings.push(...r.warnings.map((p) => ({ ...p, message: prefix + p.message })));
  }
  if (meetings[0].startsAt.getTime() < now().getTime()) {
    refusals.unshift({
      kind: "trainer_clash",
      severity: "refusal",
      message: "The date and time are in the past. Choose a time that has not happened yet.",
    });
  }
  return { refusals, warnings };
}

export async function event(
  tx: Queryable,
  e: {
    sessionId?: string | null;
    requestId?: string | null;
    event: string;
    from: string | null;
    to: string | null;
    actor: string;
    reason?: string | null;
    overridden?: Problem[];
  },
) {
  await tx
    .insertInto("session_events")
    .values({
      id: newId(),
      session_id: e.sessionId ?? null,
      booking_request_id: e.requestId ?? null,
      event: e.event,
      from_status: e.from,
      to_status: e.to,
      actor_user_id: e.actor,
      reason: e.reason ?? null,
      overridden_warnings: e.overridden?.length
        ? JSON.stringify(e.overridden.map((w) => w.message))
        : null,
      at: nowIso(),
    })
    .execute();
}

export async function emailTrainersAssigned(
  tx: Tx,
  trainerIds: string[],
  sessionIds: string[],
  baseUrl: string,
) {
  if (!trainerIds.length || !sessionIds.length) return;
  const trainers = await tx
    .selectFrom("users")
    .select(["email"])
    .where("id", "in", trainerIds)
    .execute();
  const ics = await icsForSessions(tx, sessionIds, baseUrl);
  const s = await sessionHeader(tx, sessionIds[0]);
  const meetings = await tx
    .selectFrom("delivery_sessions")
    .select(["starts_at as startsAt", "ends_at as endsAt"])
    .where("id", "in", sessionIds)
    .orderBy("starts_at")
    .execute();
  for (const t of trainers) {
    await enqueueEmail(
      tx,
      trainerAssignedEmail({
        to: t.email,
        title: s.title,
        place: s.setting_name ?? placeOf(s),
        meetings,
        venue: placeOf(s),
        link: `${baseUrl}/sessions/${sessionIds[0]}`,
        ics,
      }),
    );
  }
}

async function sessionHeader(db: Queryable, id: string) {
  return sessionsWithOffering(db)
    .leftJoin("booking_requests", "booking_requests.id", "s.booking_request_id")
    .leftJoin("users as requester", "requester.id", "booking_requests.requested_by")
    .select([
      "s.id",
      "s.status",
      "s.starts_at",
      "s.ends_at",
      "s.venue",
      "s.room",
      "s.setting_id",
      "s.series_id",
      "s.booking_request_id",
      "o.title",
      "o.audience",
      "o.format",
      "setting.name as setting_name",
      "requester.email as coordinator_email",
    ])
    .where("s.id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Confirms a request as one session, or a series of weekly meetings, after checking every rule. */
export async function confirmRequest(
  db: DB,
  viewer: Viewer,
  requestId: string,
  input: ScheduleInput,
  baseUrl: string,
): Promise<ScheduleOutcome | "not_found" | "not_waiting"> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const request = await getRequest(tx, viewer, requestId);
    if (!request) return "not_found";
    if (request.status !== "requested") return "not_waiting";
    const offering = await tx
      .selectFrom("offerings")
      .selectAll()
      .where("id", "=", request.offering_id)
      .executeTakeFirstOrThrow();
    const setting = await tx
      .selectFrom("organisations")
      .select(["id", "name", "district_id"])
      .where("id", "=", request.setting_id)
      .executeTakeFirstOrThrow();
    const meetings = planMeetings(
      input.date,
      input.time,
      input.durationMinutes,
      offering.series_length,
      offering.series_interval_days,
    );
    const online = offering.format === "online";
    const classIds = request.classes.map((c) => c.id);
    const { refusals, warnings } = await checkAll(
      tx,
      meetings,
      {
        venueKey: venueKey(setting.id, input.venue),
        venueLabel: input.venue,
        online,
        trainerIds: input.trainerIds,
        classIds,
      },
      { pupilSession: offering.audience === "pupils", atSetting: !online, excludeIds: [] },
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
          booking_request_id: request.id,
          setting_id: setting.id,
          district_id: setting.district_id,
          venue: input.venue,
          room: input.room,
          starts_at: m.startsAt.toISOString(),
          ends_at: m.endsAt.toISOString(),
          status: "scheduled",
          is_open: 0,
          capacity: offering.capacity,
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
      if (classIds.length)
        await tx
          .insertInto("session_classes")
          .values(classIds.map((class_id) => ({ session_id: id, class_id, pupils_attended: null })))
          .execute();
      await event(tx, {
        sessionId: id,
        requestId: request.id,
        event: "scheduled",
        from: null,
        to: "scheduled",
        actor: viewer.userId,
        reason: input.overrideReason,
        overridden: input.overrideReason ? warnings : [],
      });
    }
    await tx
      .updateTable("booking_requests")
      .set({ status: "scheduled", updated_at: t })
      .where("id", "=", request.id)
      .execute();
    await event(tx, {
      requestId: request.id,
      event: "scheduled",
      from: "requested",
      to: "scheduled",
      actor: viewer.userId,
      reason: input.overrideReason,
      overridden: input.overrideReason ? warnings : [],
    });

    const ics = await icsForSessions(tx, sessionIds, baseUrl);
    const trainerNames = (
      await tx
        .selectFrom("users")
        .select(["name"])
        .where("id", "in", input.trainerIds)
        .orderBy("name")
        .execute()
    ).map((x) => x.name);
    const place = input.room ? `${input.room}, ${input.venue}` : input.venue;
    if (request.requested_by_email) {
      await enqueueEmail(
        tx,
        requestConfirmedEmail({
          to: request.requested_by_email,
          title: offering.title,
          schoolName: setting.name,
          meetings: meetings.map((m) => ({
            startsAt: m.startsAt.toISOString(),
            endsAt: m.endsAt.toISOString(),
          })),
          venue: place,
          trainers: trainerNames,
          link: `${baseUrl}/bookings/${request.id}`,
          ics,
        }),
      );
    }
    await emailTrainersAssigned(tx, input.trainerIds, sessionIds, baseUrl);
    return { ok: true, sessionIds };
  });
}

/** Moves a session (scheduled or postponed) to a new time, venue or trainers, checked like a new booking. */
export async function rescheduleSession(
  db: DB,
  viewer: Viewer,
  sessionId: string,
  input: ScheduleInput & { reason: string },
  baseUrl: string,
): Promise<ScheduleOutcome | "not_found" | "closed"> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const s = await tx
      .selectFrom("delivery_sessions")
      .selectAll()
      .where("id", "=", sessionId)
      .executeTakeFirst();
    if (!s) return "not_found";
    if (s.status !== "scheduled" && s.status !== "postponed") return "closed";
    const offering = await tx
      .selectFrom("offerings")
      .selectAll()
      .where("id", "=", s.offering_id)
      .executeTakeFirstOrThrow();
    const classIds = (
      await tx
        .selectFrom("session_classes")
        .select("class_id")
        .where("session_id", "=", s.id)
        .execute()
    ).map((c) => c.class_id);
    const startsAt = londonToUtc(input.date, input.time);
    const meetings = [
      { index: 1, startsAt, endsAt: new Date(startsAt.getTime() + input.durationMinutes * 60_000) },
    ];
    const online = offering.format === "online";
    const { refusals, warnings } = await checkAll(
      tx,
      meetings,
      {
        venueKey: venueKey(s.setting_id, input.venue),
        venueLabel: input.venue,
        online,
        trainerIds: input.trainerIds,
        classIds,
      },
      {
        pupilSession: offering.audience === "pupils",
        atSetting: !!s.setting_id && !online,
        excludeIds: [s.id],
      },
    );
    if (refusals.length || (warnings.length && !input.overrideReason))
      return { ok: false, refusals, warnings };

    const before = (
      await tx
        .selectFrom("session_trainers")
        .select("trainer_id")
        .where("session_id", "=", s.id)
        .execute()
    ).map((x) => x.trainer_id);
    await tx
      .updateTable("delivery_sessions")
      .set((eb) => ({
        starts_at: startsAt.toISOString(),
        ends_at: meetings[0].endsAt.toISOString(),
        venue: input.venue,
        room: input.room,
        status: "scheduled",
        updated_at: nowIso(),
        revision: eb("revision", "+", 1),
      }))
      .where("id", "=", s.id)
      .execute();
    await tx.deleteFrom("session_trainers").where("session_id", "=", s.id).execute();
    await tx
      .insertInto("session_trainers")
      .values(input.trainerIds.map((trainer_id) => ({ session_id: s.id, trainer_id })))
      .execute();
    const reason = input.overrideReason
      ? `${input.reason} (warnings overridden: ${input.overrideReason})`
      : input.reason;
    await event(tx, {
      sessionId: s.id,
      requestId: s.booking_request_id,
      event: "rescheduled",
      from: s.status,
      to: "scheduled",
      actor: viewer.userId,
      reason,
      overridden: input.overrideReason ? warnings : [],
    });

    const header = await sessionHeader(tx, s.id);
    const ics = await icsForSessions(tx, [s.id], baseUrl);
    const meeting = { startsAt: header.starts_at, endsAt: header.ends_at };
    const kept = input.trainerIds.filter((id) => before.includes(id));
    const added = input.trainerIds.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !input.trainerIds.includes(id));
    const emails = async (ids: string[]) =>
      ids.length
        ? (await tx.selectFrom("users").select("email").where("id", "in", ids).execute()).map(
            (u) => u.email,
          )
        : [];
    for (const to of [
      ...(header.coordinator_email ? [header.coordinator_email] : []),
      ...(await emails(kept)),
    ]) {
      const link =
        to === header.coordinator_email && s.booking_request_id
          ? `${baseUrl}/bookings/${s.booking_request_id}`
          : `${baseUrl}/sessions/${s.id}`;
      await enqueueEmail(
        tx,
        sessionChangedEmail({
          to,
          title: header.title,
          schoolName: header.setting_name,
          meeting,
          venue: placeOf(header),
          reason: input.reason,
          link,
          ics,
        }),
      );
    }
    await emailTrainersAssigned(tx, added, [s.id], baseUrl);
    // Public bookers and the waiting list of an open session (issue 12, item 4).
    await notifyRegistrationsOfChange(tx, s.id, "moved", { reason: input.reason });
    if (removed.length) {
      // For a trainer taken off the session, it is cancelled in their calendar.
      const cancelIcs = (await icsForSessions(tx, [s.id], baseUrl)).replace(
        /STATUS:CONFIRMED/g,
        "STATUS:CANCELLED",
      );
      for (const to of await emails(removed)) {
        await enqueueEmail(
          tx,
          sessionCancelledEmail({
            to,
            title: header.title,
            schoolName: header.setting_name,
            meetings: [{ startsAt: s.starts_at, endsAt: s.ends_at }],
            reason: `You are no longer assigned: ${input.reason}`,
            ics: cancelIcs,
          }),
        );
      }
    }
    return { ok: true, sessionIds: [s.id] };
  });
}

/** Postpones a scheduled session: no date yet; it leaves calendars until it is moved to a new one. */
export async function postponeSession(
  db: DB,
  viewer: Viewer,
  sessionId: string,
  reason: string,
  baseUrl: string,
): Promise<"postponed" | "not_found" | "closed"> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const s = await tx
      .selectFrom("delivery_sessions")
      .selectAll()
      .where("id", "=", sessionId)
      .executeTakeFirst();
    if (!s) return "not_found";
    if (s.status !== "scheduled") return "closed";
    await tx
      .updateTable("delivery_sessions")
      .set((eb) => ({
        status: "postponed",
        updated_at: nowIso(),
        revision: eb("revision", "+", 1),
      }))
      .where("id", "=", s.id)
      .execute();
    await event(tx, {
      sessionId: s.id,
      requestId: s.booking_request_id,
      event: "postponed",
      from: "scheduled",
      to: "postponed",
      actor: viewer.userId,
      reason,
    });
    const header = await sessionHeader(tx, s.id);
    const ics = await icsForSessions(tx, [s.id], baseUrl);
    const trainers = await tx
      .selectFrom("session_trainers")
      .innerJoin("users", "users.id", "session_trainers.trainer_id")
      .select("users.email")
      .where("session_id", "=", s.id)
      .execute();
    for (const to of [
      ...(header.coordinator_email ? [header.coordinator_email] : []),
      ...trainers.map((t) => t.email),
    ]) {
      await enqueueEmail(
        tx,
        sessionPostponedEmail({
          to,
          title: header.title,
          schoolName: header.setting_name,
          meeting: { startsAt: s.starts_at, endsAt: s.ends_at },
          reason,
          link: `${baseUrl}/sessions/${s.id}`,
          ics,
        }),
      );
    }
    await notifyRegistrationsOfChange(tx, s.id, "postponed", { reason });
    return "postponed";
  });
}

/** Cancels one session (one meeting of a series, or a single session), telling everyone affected. */
export async function cancelSession(
  db: DB,
  viewer: Viewer,
  sessionId: string,
  reason: string,
  baseUrl: string,
): Promise<"cancelled" | "not_found" | "closed"> {
  if (!viewer.all) return "not_found";
  return writeTransaction(db, async (tx) => {
    const s = await tx
      .selectFrom("delivery_sessions")
      .selectAll()
      .where("id", "=", sessionId)
      .executeTakeFirst();
    if (!s) return "not_found";
    if (s.status !== "scheduled" && s.status !== "postponed") return "closed";
    const header = await sessionHeader(tx, s.id);
    await cancelSessionsInTx(tx, viewer.userId, [s.id], reason, baseUrl, {
      notifyCoordinator: header.coordinator_email,
    });
    // A request whose every session is cancelled is cancelled too. Its history already shows the
    // session's "Cancelled" with the reason, so no second event is written (issue 12, item 6).
    if (s.booking_request_id) {
      const live = await tx
        .selectFrom("delivery_sessions")
        .select("id")
        .where("booking_request_id", "=", s.booking_request_id)
        .where("status", "!=", "cancelled")
        .executeTakeFirst();
      if (!live) {
        await tx
          .updateTable("booking_requests")
          .set({ status: "cancelled", cancel_reason: reason, updated_at: nowIso() })
          .where("id", "=", s.booking_request_id)
          .execute();
      }
    }
    return "cancelled";
  });
}

/** The form's starting values when moving a session. */
export function sessionFormDefaults(s: {
  starts_at: string;
  ends_at: string;
  venue: string | null;
  room: string | null;
}) {
  const p = londonParts(s.starts_at);
  return {
    date: p.date,
    time: p.time,
    durationMinutes: Math.round((Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 60_000),
    venue: s.venue ?? "",
    room: s.room ?? "",
  };
}
