import type { Kysely } from "kysely";

// Which schools an offering suits (issue 17, item 5): "primary", "secondary", or null for every
// phase. A school's request form shows only the offerings for its phase (from the schools
// register), so a secondary school is never offered the primary workshop. Existing offerings
// stay open to every phase until a lead says otherwise (decision 130).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("offerings").addColumn("school_phase", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("offerings").dropColumn("school_phase").execute();
}
