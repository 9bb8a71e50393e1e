import type { Kysely } from "kysely";

// Where a trainer is based, as one of the districts already in the reference table, so a lead
// scheduling a session sees the free trainers nearest the venue first (issue 17, item 4; decision
// 133). One row per trainer; a trainer with no base is listed after those with one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("trainer_bases")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("district_id", "text", (c) => c.references("districts.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("trainer_bases").execute();
}

/** Tables this migration adds that no report figure comes from (see 2026-12-06-2030's list). */
export const NOT_REPORT_DATA_ADDED = ["trainer_bases"];
