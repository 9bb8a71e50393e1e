import type { Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { yearGroupLabel } from "./scope.server";

// A school's classes: year group, name, how many pupils, access needs. Pupils are counted, never
// named. Every function takes the coordinator's school ids and filters by them.

export interface ClassInput {
  settingId: string;
  yearGroup: string;
  name: string;
  pupilCount: number;
  accessNeeds: string | null;
}

export async function listClasses(db: Queryable, schoolIds: string[], opts: { includeArchived?: boolean } = {}) {
  if (!schoolIds.length) return [];
  let q = db
    .selectFrom("classes")
    .innerJoin("organisations", "organisations.id", "classes.setting_id")
    .select(["classes.id", "classes.setting_id", "classes.year_group", "classes.name", "classes.pupil_count", "classes.access_needs", "classes.archived_at", "organisations.name as setting_name"])
    .where("classes.setting_id", "in", schoolIds)
    .orderBy("organisations.name")
    .orderBy("classes.name");
  if (!opts.includeArchived) q = q.where("classes.archived_at", "is", null);
  const rows = await q.execute();
  // Reception first, then Year 1 … Year 13.
  const order = (y: string) => (y === "R" ? 0 : Number(y));
  return rows.sort((a, b) => a.setting_name.localeCompare(b.setting_name) || order(a.year_group) - order(b.year_group) || a.name.localeCompare(b.name));
}

/** One class, only if it belongs to one of the caller's schools. */
export async function getClass(db: Queryable, schoolIds: string[], id: string) {
  if (!schoolIds.length) return undefined;
  return db.selectFrom("classes").selectAll().where("id", "=", id).where("setting_id", "in", schoolIds).executeTakeFirst();
}

export async function createClass(db: Queryable, schoolIds: string[], input: ClassInput) {
  if (!schoolIds.includes(input.settingId)) throw new Response("You can only add classes to your own school.", { status: 403 });
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("classes")
    .values({ id, setting_id: input.settingId, year_group: input.yearGroup, name: input.name, pupil_count: input.pupilCount, access_needs: input.accessNeeds, archived_at: null, created_at: t, updated_at: t })
    .execute();
  return id;
}

/** Updates a class of the caller's school; false when there is no such class in their scope. */
export async function updateClass(db: Queryable, schoolIds: string[], id: string, input: Omit<ClassInput, "settingId">) {
  if (!schoolIds.length) return false;
  const res = await db
    .updateTable("classes")
    .set({ year_group: input.yearGroup, name: input.name, pupil_count: input.pupilCount, access_needs: input.accessNeeds, updated_at: nowIso() })
    .where("id", "=", id)
    .where("setting_id", "in", schoolIds)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function setClassArchived(db: Queryable, schoolIds: string[], id: string, archived: boolean) {
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

export function classLabel(c: { year_group: string; name: string }) {
  return `${yearGroupLabel(c.year_group)} — ${c.name}`;
}

export async function schoolsOf(db: Queryable, schoolIds: string[]) {
  if (!schoolIds.length) return [];
  return db.selectFrom("organisations").select(["id", "name", "district_id"]).where("id", "in", schoolIds).orderBy("name").execute();
}
