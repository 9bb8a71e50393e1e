import type { Kysely } from "kysely";

// The safeguarding log pages newest first (created_at, then id to keep records made in the same
// millisecond in one order across pages). With the order in an index a page is read from it,
// rather than sorting every record for every view (3,116 records at a hundred times the
// programme's size, and growing with every session delivered).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("safeguarding_records_log_order")
    .on("safeguarding_records")
    .columns(["created_at", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("safeguarding_records_log_order").execute();
}
