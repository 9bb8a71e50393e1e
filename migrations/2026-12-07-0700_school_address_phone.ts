import type { Kysely } from "kysely";

// The trainer's run-sheet needs to get to a school and reach someone there on the day (issue 17,
// item 8): a school (a setting on the register) gets its street address and the phone number of
// its contact for visits, entered by a lead on the organisation's page. A session at a venue that
// is not a school already has its own address and postcode (migration 2026-12-06-1440).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").addColumn("address", "text").execute();
  await db.schema.alterTable("organisations").addColumn("contact_phone", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").dropColumn("contact_phone").execute();
  await db.schema.alterTable("organisations").dropColumn("address").execute();
}
