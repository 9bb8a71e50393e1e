import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { now, nowIso } from "~/utils/clock.server";
import { AppError, formProblem, type FormProblem } from "~/utils/errors.server";
import { londonParts, londonToday } from "~/utils/dates";
import { complianceProblems, trainerClashes } from "./clashes.server";
import { rankByNearness, type TrainerAvailability } from "./nearness";
import { getRequest } from "./requests.server";
import { bookedAround, listTrainers, planMeetings, venueKey } from "./scheduling.server";
import { schedulingSettings, type Viewer } from "./scope.server";

// "Who is free" for a lead about to schedule (issue 17, item 4; decision 133): every trainer,
// checked at the chosen time by the same rules that would refuse them on saving — a clash with
// another session (travel between venues included) and a DBS check or safeguarding training not
// valid on the day — and the free ones ordered nearest the venue first (app/sessions/nearness.ts).

export interface FreeCheckInput {
  date: string;
  time: string;
  durationMinutes: number;
  venue?: string | null;
}

/**
 * Trainers free, compliant and nearest first for a request at the given time. A request the viewer
 * may not schedule is not found (an AppError, decision 139).
 */
export async function whoIsFreeForRequest(
  db: Queryable,
  viewer: Viewer,
  requestId: string,
  input: FreeCheckInput,
) {
  const request = viewer.all ? await getRequest(db, viewer, requestId) : undefined;
  if (!request) throw new AppError("not_found", "We could not find that booking request.");
  const setting = await db
    .selectFrom("organisations")
    .leftJoin("districts", "districts.id", "organisations.district_id")
    .select([
      "organisations.id",
      "organisations.name",
      "districts.code",
      "districts.name as district",
    ])
    .where("organisations.id", "=", request.setting_id)
    .executeTakeFirst();
  const venue = input.venue?.trim() || setting?.name || "the venue";
  const meetings = planMeetings(
    input.date,
    input.time,
    input.durationMinutes,
    request.series_length,
    request.series_interval_days,
  );
  const online = request.format === "online";
  const settings = await schedulingSettings(db);
  const booked = await bookedAround(
    db,
    meetings[0].startsAt,
    meetings[meetings.length - 1].endsAt,
    [],
  );
  const trainers = await listTrainers(db);
  const bases = trainers.length
    ? await db
        .selectFrom("trainer_bases")
        .innerJoin("districts", "districts.id", "trainer_bases.district_id")
        .select(["trainer_bases.user_id", "districts.code", "districts.name"])
        .where(
          "trainer_bases.user_id",
          "in",
          trainers.map((t) => t.id),
        )
        .execute()
    : [];
  const today = londonToday(now());
  const candidates: TrainerAvailability[] = trainers.map((t) => {
    const names = { [t.id]: t.name };
    const reasons = new Set<string>();
    for (const m of meetings) {
      for (const p of trainerClashes(
        {
          startsAt: m.startsAt,
          endsAt: m.endsAt,
          venueKey: venueKey(request.setting_id, venue),
          venueLabel: venue,
          online,
          trainerIds: [t.id],
          classIds: [],
        },
        booked,
        names,
        settings.travelBufferMinutes,
      ))
        reasons.add(p.message);
      for (const p of complianceProblems(
        {
          trainerId: t.id,
          name: t.name,
          dbsExpiresOn: t.dbs_expires_on,
          safeguardingExpiresOn: t.safeguarding_expires_on,
        },
        londonParts(m.startsAt).date,
        today,
        settings.complianceWarningDays,
      ))
        if (p.severity === "refusal") reasons.add(p.message);
    }
    const base = bases.find((b) => b.user_id === t.id);
    return {
      id: t.id,
      name: t.name,
      baseDistrictCode: base?.code ?? null,
      baseDistrictName: base?.name ?? null,
      reasons: [...reasons],
    };
  });
  return {
    when: meetings[0].startsAt.toISOString(),
    meetings: meetings.length,
    venue,
    venueDistrict: setting?.district ?? null,
    ...rankByNearness(candidates, setting?.code ?? null),
  };
}

export type WhoIsFree = Awaited<ReturnType<typeof whoIsFreeForRequest>>;

/**
 * The district a trainer is based in, for "who is free and near"; audited like their checks. A
 * district that is not on the list is a problem for the form (decision 139), found before anything
 * is written.
 */
export async function setTrainerBase(
  db: DB,
  userId: string,
  districtId: string | null,
  by: { actorUserId: string | null; ip: string | null },
): Promise<{ ok: true } | FormProblem> {
  if (districtId) {
    const known = await db
      .selectFrom("districts")
      .select("id")
      .where("id", "=", districtId)
      .where("valid_to", "is", null)
      .executeTakeFirst();
    if (!known) return formProblem("baseDistrictId", "Choose the district from the list");
  }
  await writeTransaction(db, async (tx) => {
    const current = await tx
      .selectFrom("trainer_bases")
      .select("district_id")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if ((current?.district_id ?? null) === districtId) return;
    if (current)
      await tx
        .updateTable("trainer_bases")
        .set({ district_id: districtId, updated_at: nowIso() })
        .where("user_id", "=", userId)
        .execute();
    else
      await tx
        .insertInto("trainer_bases")
        .values({ user_id: userId, district_id: districtId, updated_at: nowIso() })
        .execute();
    await audit(tx, {
      actorUserId: by.actorUserId,
      action: "trainer.base_updated",
      subjectType: "user",
      subjectId: userId,
      detail: { from: current?.district_id ?? null, to: districtId },
      ip: by.ip,
    });
  });
  return { ok: true };
}

/** A trainer's base district and the districts to choose from, for the trainer's page. */
export async function trainerBaseForm(db: Queryable, userId: string) {
  const base = await db
    .selectFrom("trainer_bases")
    .select("district_id")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const districts = await db
    .selectFrom("districts")
    .select(["id", "name"])
    .where("valid_to", "is", null)
    .orderBy("name")
    .execute();
  return { districtId: base?.district_id ?? null, districts };
}
