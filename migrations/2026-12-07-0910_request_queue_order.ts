import type { Kysely } from "kysely";

// The scheduling queue pages requests oldest first, ties broken by id. The index on (status,
// created_at) left the id to a sort of every waiting request on each page (1,000 at a hundred times
// the programme's size); with the id in the index the page is read in order (issue 16).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("booking_requests_queue")
    .on("booking_requests")
    .columns(["status", "created_at", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("booking_requests_queue").execute();
}
