import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { AppError } from "~/utils/errors.server";

// A school's details for trainers' visits — its postcode, street address and a phone to ring on
// the day — kept by its own coordinator (a lead keeps them on the organisation's page). They are
// shown on the run-sheet of every session at the school (issue 17, item 8). A coordinator reaches
// only the schools they coordinate: the caller passes those ids, and every query filters by them,
// so a school id from a form or a URL never reaches another school.

export interface VisitDetailsInput {
  settingId: string;
  postcode: string;
  address: string | null;
  contactPhone: string | null;
}

/**
 * The coordinator's school to show (the one chosen, else the first by name) with their other
 * schools. A chosen school that is not theirs is not found, so the URL reveals nothing.
 */
export async function schoolForVisits(db: Queryable, schoolIds: string[], chosen: string | null) {
  const schools = schoolIds.length
    ? await db
        .selectFrom("organisations")
        .select(["id", "name", "postcode", "address", "contact_phone"])
        .where("id", "in", schoolIds)
        .where("kind", "=", "setting")
        .where("archived_at", "is", null)
        .orderBy("name")
        .execute()
    : [];
  const school = chosen ? schools.find((s) => s.id === chosen) : schools[0];
  if (!school) throw new AppError("not_found", "We could not find that school.");
  return { school, others: schools.filter((s) => s.id !== school.id) };
}

/**
 * Saves one of the coordinator's schools' details for visits, auditing what changed (nothing is
 * written or audited when nothing did). A school that is not theirs is not found.
 */
export async function saveVisitDetails(
  db: DB,
  schoolIds: string[],
  input: VisitDetailsInput,
  actor: { userId: string; ip?: string | null },
): Promise<void> {
  if (!schoolIds.includes(input.settingId))
    throw new AppError("not_found", "We could not find that school.");
  await writeTransaction(db, async (tx) => {
    const current = await tx
      .selectFrom("organisations")
      .select(["postcode", "address", "contact_phone"])
      .where("id", "=", input.settingId)
      .where("id", "in", schoolIds)
      .where("kind", "=", "setting")
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (!current) throw new AppError("not_found", "We could not find that school.");
    const next = {
      postcode: input.postcode,
      address: input.address,
      contact_phone: input.contactPhone,
    };
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      if (current[key] !== next[key]) changes[key] = { from: current[key], to: next[key] };
    }
    if (!Object.keys(changes).length) return;
    await tx
      .updateTable("organisations")
      .set({ ...next, updated_at: nowIso() })
      .where("id", "=", input.settingId)
      .execute();
    await audit(tx, {
      actorUserId: actor.userId,
      action: "organisation.updated",
      subjectType: "organisation",
      subjectId: input.settingId,
      detail: { changes },
      ip: actor.ip ?? null,
    });
  });
}
