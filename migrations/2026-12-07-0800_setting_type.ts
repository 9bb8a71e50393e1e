import type { Kysely } from "kysely";

// The evaluation's table shares settings out by type — primary, secondary, alternative provision,
// further education, other (issue 17, item 12). The type is worked out from the schools register's
// phase and establishment type; a lead can set it where the register says nothing useful (an
// all-through school, a special school with no phase) or says something the programme reads
// otherwise. Null: use the register's answer (decision 136).
//
// The organisations table already bumps the report data version on any update (triggers of
// 2026-12-06-2030 and 2026-12-07-0300 fire on every column), so kept dashboard views are thrown
// away when a lead changes a setting's type: no trigger to add.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").addColumn("setting_type", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").dropColumn("setting_type").execute();
}
