import type { Kysely } from "kysely";

// Indexes for lists at a hundred times the programme's size (issue 16):
//  - upcoming sessions (status, ends_at): "Sessions" and "My schedule" count and page the sessions
//    not yet over. The (status, starts_at) index read every scheduled row to test its end (3,800
//    rows and 5 ms a page at factor 100); with the end, the start and the id in the index, the page
//    and its count are read from the index alone.
//  - past sessions newest first (starts_at, id): the "Past" tab reads a page in order.
//  - sessions by booking request: the scheduling queue shows each request's sessions, and found
//    them by reading every session (2 ms a page).
//  - trainers (memberships by role): the trainer lists and the queue's warning about trainers'
//    checks found the 400 trainers among 14,000 memberships by reading them all.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("delivery_sessions_upcoming")
    .on("delivery_sessions")
    .columns(["status", "ends_at", "starts_at", "id"])
    .execute();
  await db.schema
    .createIndex("delivery_sessions_by_start")
    .on("delivery_sessions")
    .columns(["starts_at", "id"])
    .execute();
  await db.schema
    .createIndex("delivery_sessions_request")
    .on("delivery_sessions")
    .column("booking_request_id")
    .execute();
  await db.schema
    .createIndex("memberships_role")
    .on("memberships")
    .columns(["role", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("memberships_role").execute();
  await db.schema.dropIndex("delivery_sessions_request").execute();
  await db.schema.dropIndex("delivery_sessions_by_start").execute();
  await db.schema.dropIndex("delivery_sessions_upcoming").execute();
}
