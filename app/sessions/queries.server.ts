import type { Queryable } from "~/db/db.server";

/**
 * Sessions with their offering (`s`, `o`) and the school or other setting they are held at
 * (`setting`; none for open sessions and online ones) — the join nearly every view of a session
 * starts from, written once with one set of aliases (issue 15, item 6). Callers add their own
 * columns, conditions and further joins.
 */
export function sessionsWithOffering(db: Queryable) {
  return db
    .selectFrom("delivery_sessions as s")
    .innerJoin("offerings as o", "o.id", "s.offering_id")
    .leftJoin("organisations as setting", "setting.id", "s.setting_id");
}
