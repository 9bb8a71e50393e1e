import { sessionsWithOffering } from "~/sessions/queries.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { Audience } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { AUDIENCES } from "./audiences";

// Programmes, their period and per-audience targets, and the simple delivered counts shown on a
// programme's page (the reporting capability builds the full dashboard).

/** The audiences with their names from the one module that holds them (app/sessions/audiences.ts). */
export function listAudiences() {
  return AUDIENCES.map((a) => ({ name: a.name, label: a.label }));
}

export async function listFormats(db: Queryable) {
  return db.selectFrom("formats").selectAll().orderBy("sort_order").execute();
}

export async function listProgrammes(db: Queryable) {
  return db
    .selectFrom("programmes")
    .leftJoin("organisations", "organisations.id", "programmes.delivery_partner_id")
    .select([
      "programmes.id",
      "programmes.name",
      "programmes.starts_on",
      "programmes.ends_on",
      "organisations.name as partner_name",
    ])
    .orderBy("programmes.starts_on")
    .orderBy("programmes.name")
    .execute();
}

export async function getProgramme(db: Queryable, id: string) {
  const programme = await db
    .selectFrom("programmes")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!programme) return null;
  const targets = await db
    .selectFrom("programme_targets")
    .selectAll()
    .where("programme_id", "=", id)
    .execute();
  return { programme, targets };
}

/** The delivery partner the form names, when it is not one: the field and message, or null. */
export async function programmeReferenceError(
  db: Queryable,
  input: { deliveryPartnerId: string | null },
) {
  if (!input.deliveryPartnerId) return null;
  const found = await db
    .selectFrom("organisations")
    .select("id")
    .where("id", "=", input.deliveryPartnerId)
    .where("kind", "=", "delivery_partner")
    .executeTakeFirst();
  return found
    ? null
    : { field: "deliveryPartnerId", message: "Choose the delivery partner from the list" };
}

export async function listDeliveryPartners(db: Queryable) {
  return db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("kind", "=", "delivery_partner")
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();
}

export interface ProgrammeInput {
  name: string;
  description: string | null;
  deliveryPartnerId: string | null;
  startsOn: string;
  endsOn: string;
  /** Audiences left out have no target. */
  targets: { audience: Audience; sessions: number; people: number }[];
}

async function writeTargets(
  tx: Queryable,
  programmeId: string,
  targets: ProgrammeInput["targets"],
) {
  await tx.deleteFrom("programme_targets").where("programme_id", "=", programmeId).execute();
  if (targets.length) {
    await tx
      .insertInto("programme_targets")
      .values(
        targets.map((t) => ({
          id: newId(),
          programme_id: programmeId,
          audience: t.audience,
          sessions_target: t.sessions,
          people_target: t.people,
        })),
      )
      .execute();
  }
}

export async function createProgramme(db: DB, input: ProgrammeInput) {
  const id = newId();
  const t = nowIso();
  await writeTransaction(db, async (tx) => {
    await tx
      .insertInto("programmes")
      .values({
        id,
        name: input.name,
        description: input.description,
        delivery_partner_id: input.deliveryPartnerId,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await writeTargets(tx, id, input.targets);
  });
  return id;
}

export async function updateProgramme(db: DB, id: string, input: ProgrammeInput) {
  await writeTransaction(db, async (tx) => {
    await tx
      .updateTable("programmes")
      .set({
        name: input.name,
        description: input.description,
        delivery_partner_id: input.deliveryPartnerId,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        updated_at: nowIso(),
      })
      .where("id", "=", id)
      .execute();
    await writeTargets(tx, id, input.targets);
  });
}

export interface AudienceProgress {
  audience: Audience;
  label: string;
  sessionsTarget: number | null;
  peopleTarget: number | null;
  sessionsDelivered: number;
  peopleReached: number;
  sessionsScheduled: number;
}

/**
 * Delivered sessions and people reached per audience. A series (extended group work) counts as one
 * session, however many meetings it has. Pupils are counted from each delivered class's attendance,
 * each class once per programme (its highest count), so a class that has an assembly and then a
 * workshop is not counted twice. Other audiences: registrations marked attended, plus walk-ins.
 */
export async function programmeProgress(
  db: Queryable,
  programmeId: string,
): Promise<AudienceProgress[]> {
  const targets = await db
    .selectFrom("programme_targets")
    .selectAll()
    .where("programme_id", "=", programmeId)
    .execute();
  const sessions = await sessionsWithOffering(db)
    .select(["s.id", "s.series_id", "s.status", "s.walk_ins", "o.audience"])
    .where("s.programme_id", "=", programmeId)
    .where("s.status", "in", ["delivered", "scheduled"])
    .execute();
  const pupilRows = await db
    .selectFrom("session_classes")
    .innerJoin("delivery_sessions", "delivery_sessions.id", "session_classes.session_id")
    .select([
      "session_classes.class_id",
      (eb) => eb.fn.max("session_classes.pupils_attended").as("pupils"),
    ])
    .where("delivery_sessions.programme_id", "=", programmeId)
    .where("delivery_sessions.status", "=", "delivered")
    .groupBy("session_classes.class_id")
    .execute();
  const attended = await sessionsWithOffering(db)
    .innerJoin("registrations", "registrations.session_id", "s.id")
    .select(["o.audience", (eb) => eb.fn.countAll<number>().as("n")])
    .where("s.programme_id", "=", programmeId)
    .where("s.status", "=", "delivered")
    .where("registrations.attendance", "=", "attended")
    .groupBy("o.audience")
    .execute();

  const result: AudienceProgress[] = [];
  for (const a of AUDIENCES) {
    const t = targets.find((x) => x.audience === a.name);
    const mine = sessions.filter((s) => s.audience === a.name);
    const delivered = new Set(
      mine.filter((s) => s.status === "delivered").map((s) => s.series_id ?? s.id),
    );
    const scheduled = new Set(
      mine.filter((s) => s.status === "scheduled").map((s) => s.series_id ?? s.id),
    );
    for (const k of delivered) scheduled.delete(k);
    let people = 0;
    if (a.name === "pupils") people = pupilRows.reduce((sum, r) => sum + Number(r.pupils ?? 0), 0);
    else {
      people = Number(attended.find((x) => x.audience === a.name)?.n ?? 0);
      people += mine
        .filter((s) => s.status === "delivered")
        .reduce((sum, s) => sum + s.walk_ins, 0);
    }
    if (!t && delivered.size === 0 && scheduled.size === 0) continue;
    result.push({
      audience: a.name,
      label: a.label,
      sessionsTarget: t?.sessions_target ?? null,
      peopleTarget: t?.people_target ?? null,
      sessionsDelivered: delivered.size,
      peopleReached: people,
      sessionsScheduled: scheduled.size,
    });
  }
  return result;
}
