import type { Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { classLabel, compareClasses } from "./class-order";

// A school's classes: year group, name, how many pupils, access needs. Pupils are counted, never
// named. Every function takes the coordinator's school ids and filters by them.

export interface ClassInput {
  settingId: string;
  yearGroup: string;
  name: string;
  pupilCount: number;
  accessNeeds: string | null;
}

export async function listClasses(
  db: Queryable,
  schoolIds: string[],
  opts: { includeArchived?: boolean } = {},
) {
  if (!schoolIds.length) return [];
  let q = db
    .selectFrom("classes")
    .innerJoin("organisations", "organisations.id", "classes.setting_id")
    .select([
      "classes.id",
      "classes.setting_id",
      "classes.year_group",
      "classes.name",
      "classes.pupil_count",
      "classes.access_needs",
      "classes.archived_at",
      "organisations.name as setting_name",
    ])
    .where("classes.setting_id", "in", schoolIds)
    .orderBy("organisations.name")
    .orderBy("classes.name");
  if (!opts.includeArchived) q = q.where("classes.archived_at", "is", null);
  const rows = await q.execute();
  return rows.sort((a, b) => a.setting_name.localeCompare(b.setting_name) || compareClasses(a, b));
}

// How classes sort and read are pure rules: app/sessions/class-order.ts (issue 20).
export { classLabel, compareClasses };

/** Whether the school already has a class (not archived) with this year group and name, in any case. */
export async function classNameTaken(
  db: Queryable,
  settingId: string,
  input: { yearGroup: string; name: string },
) {
  return !!(await duplicateOf(db, settingId, input));
}

async function duplicateOf(
  db: Queryable,
  settingId: string,
  input: { yearGroup: string; name: string },
  exceptId?: string,
) {
  const rows = await db
    .selectFrom("classes")
    .select(["id", "name"])
    .where("setting_id", "=", settingId)
    .where("year_group", "=", input.yearGroup)
    .where("archived_at", "is", null)
    .execute();
  return rows.find(
    (r) => r.id !== exceptId && r.name.trim().toLowerCase() === input.name.trim().toLowerCase(),
  );
}

export const DUPLICATE_CLASS =
  "Your school already has a class with this name in this year group. Use a different name, or change the existing class.";

/** One class, only if it belongs to one of the caller's schools. */
export async function getClass(db: Queryable, schoolIds: string[], id: string) {
  if (!schoolIds.length) return undefined;
  return db
    .selectFrom("classes")
    .selectAll()
    .where("id", "=", id)
    .where("setting_id", "in", schoolIds)
    .executeTakeFirst();
}

export async function createClass(db: Queryable, schoolIds: string[], input: ClassInput) {
  if (!schoolIds.includes(input.settingId))
    throw new Response("You can only add classes to your own school.", { status: 403 });
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("classes")
    .values({
      id,
      setting_id: input.settingId,
      year_group: input.yearGroup,
      name: input.name,
      pupil_count: input.pupilCount,
      access_needs: input.accessNeeds,
      archived_at: null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  return id;
}

/** Updates a class of the caller's school; false when there is no such class in their scope, "duplicate" when another has its name. */
export async function updateClass(
  db: Queryable,
  schoolIds: string[],
  id: string,
  input: Omit<ClassInput, "settingId">,
) {
  if (!schoolIds.length) return false;
  const current = await getClass(db, schoolIds, id);
  if (!current) return false;
  if (await duplicateOf(db, current.setting_id, input, id)) return "duplicate" as const;
  const res = await db
    .updateTable("classes")
    .set({
      year_group: input.yearGroup,
      name: input.name,
      pupil_count: input.pupilCount,
      access_needs: input.accessNeeds,
      updated_at: nowIso(),
    })
    .where("id", "=", id)
    .where("setting_id", "in", schoolIds)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function setClassArchived(
  db: Queryable,
  schoolIds: string[],
  id: string,
  archived: boolean,
) {
  if (!schoolIds.length) return false;
  const t = nowIso();
  const res = await db
    .updateTable("classes")
    .set({ archived_at: archived ? t : null, updated_at: t })
    .where("id", "=", id)
    .where("setting_id", "in", schoolIds)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function schoolsOf(db: Queryable, schoolIds: string[]) {
  if (!schoolIds.length) return [];
  return db
    .selectFrom("organisations")
    .select(["id", "name", "district_id", "phase"])
    .where("id", "in", schoolIds)
    .orderBy("name")
    .execute();
}
